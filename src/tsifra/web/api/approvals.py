"""Approvals over the API: file a project, list, read, answer as an owner, revise."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
