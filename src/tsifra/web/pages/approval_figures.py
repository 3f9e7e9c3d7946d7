"""The region's page of approvals and proactive notices, with the times to the last answer."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
