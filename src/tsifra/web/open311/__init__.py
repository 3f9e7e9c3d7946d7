"""Open311 GeoReport v2 at /open311/v2/, so that existing civic apps work unchanged."""

from fastapi import APIRouter

router = APIRouter()
