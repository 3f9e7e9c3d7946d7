"""The owners a geometry touches, over the API (POST /api/v1/approvals/owners)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
