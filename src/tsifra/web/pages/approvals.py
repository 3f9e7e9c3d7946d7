"""The approvals' pages: the applicant's projects with a map, the owners, the owner's queue."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
