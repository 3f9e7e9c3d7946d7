"""The executor's pages: a body's queue and a case's page with its steps."""

from fastapi import APIRouter

router = APIRouter()
