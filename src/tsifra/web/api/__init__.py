"""The JSON API, /api/v1: thin routes over the service functions."""

from fastapi import APIRouter, Depends

from tsifra.web.api import (
    agencies,
    analysis,
    approval_owners,
    approvals,
    auth,
    cases,
    catalogue,
    compensation,
    conflicts,
    exports,
    incidents,
    indicators,
    notices,
    plans,
    practice_search,
    practices,
    queues,
    ratings,
    regions,
    runs,
    submissions,
    tasks,
    values,
)
from tsifra.web.api.schemas import ErrorOut
from tsifra.web.deps import csrf_for_cookie_writes

# Every operation may answer 422 (bad input) or 500 in the one error shape; documented once here.
router = APIRouter(
    responses={422: {"model": ErrorOut}, 500: {"model": ErrorOut}},
    dependencies=[Depends(csrf_for_cookie_writes)],  # a write on the session cookie needs its token
)
MODULES = (
    auth, catalogue, exports, ratings, regions, analysis, indicators, runs, values, conflicts,
    tasks, submissions, cases, incidents, queues, practice_search, practices, plans, agencies,
    approval_owners, approvals, notices, compensation,
)  # fmt: skip
for module in MODULES:
    router.include_router(module.router)
