"""The JSON API, /api/v1: thin routes over the service functions."""

from fastapi import APIRouter

from tsifra.web.api import (
    analysis,
    auth,
    catalogue,
    exports,
    indicators,
    ratings,
    regions,
    runs,
    tasks,
    values,
)
from tsifra.web.api.schemas import ErrorOut

# Every operation may answer 422 (bad input) or 500 in the one error shape; documented once here.
router = APIRouter(responses={422: {"model": ErrorOut}, 500: {"model": ErrorOut}})
MODULES = (auth, catalogue, exports, ratings, regions, analysis, indicators, runs, values, tasks)
for module in MODULES:
    router.include_router(module.router)
