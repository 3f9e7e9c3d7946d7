"""The work queues of bodies as JSON."""

from fastapi import APIRouter

router = APIRouter()
