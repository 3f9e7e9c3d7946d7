"""Placeholder: filled by issue 14's work."""

from fastapi import APIRouter

router = APIRouter()
