"""Compensation cases opened from a register, and investors' proposed approvals, over the API."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
