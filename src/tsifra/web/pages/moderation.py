"""Moderation of cases: hidden and redacted texts and files, citizens' flags."""

from fastapi import APIRouter

router = APIRouter()
