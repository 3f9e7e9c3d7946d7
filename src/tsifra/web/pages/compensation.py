"""Compensation cases opened from a register: the body's approval and payment."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
