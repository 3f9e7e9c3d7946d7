"""Social-media incidents posted by a monitoring system (a webhook)."""

from fastapi import APIRouter

router = APIRouter()
