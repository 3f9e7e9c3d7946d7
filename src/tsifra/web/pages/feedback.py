"""The dashboard's feedback pages: a region's on-time share, backlog and overdue."""

from fastapi import APIRouter

router = APIRouter()
