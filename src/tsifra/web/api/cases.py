"""The citizen's and the executor's JSON API of the feedback platform."""

from fastapi import APIRouter

router = APIRouter()
