"""The citizen's pages of the feedback platform: file an appeal, follow it, rate it; the public
list."""

from fastapi import APIRouter

router = APIRouter()
