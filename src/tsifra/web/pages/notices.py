"""Proactive notices for residents: a municipality's warnings, subscribing and unsubscribing."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
