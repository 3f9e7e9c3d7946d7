"""The JSON API, /api/v1: thin routes over the service functions."""

from fastapi import APIRouter

from tsifra.web.api import auth, catalogue, ratings, tasks, values

router = APIRouter()
for module in (auth, catalogue, ratings, values, tasks):
    router.include_router(module.router)
