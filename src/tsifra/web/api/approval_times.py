"""A region's approval times over the API: the median days from filing to the owners' last
answer, per quarter of the finish, overall, by owner and by kind of works.

The same figures as the region's page (`dashboard.approvals.approval_times`, the formula
`appr_median_days`): working figures of the region, so an account is needed, and the service
decides who may read them and records a refusal.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field

from tsifra.dashboard.approvals import FORMULA, TimeRow, approval_times
from tsifra.web.api.schemas import ErrorOut
from tsifra.web.deps import DB, AppCache, CurrentUser
from tsifra.web.language import Lang

router = APIRouter(tags=["approvals"])
ERRORS = {401: {"model": ErrorOut}, 403: {"model": ErrorOut}, 422: {"model": ErrorOut}}
Code = Annotated[str, Path(min_length=1, max_length=64)]


class TimeRowOut(BaseModel):
    key: str = Field(description="the region's code, the owner's body code or the kind of works")
    name: str | None = Field(default=None, description="the owner's name in the language asked")
    days: list[float | None] = Field(description="median days, one per period; null: none")


class ApprovalTimesOut(BaseModel):
    region: str
    formula: str = Field(description="the formula the figures are, the index's own")
    as_of: datetime
    periods: list[str] = Field(description="quarters of the finish, oldest first")
    overall: TimeRowOut
    by_owner: list[TimeRowOut]
    by_works: list[TimeRowOut]


def _row(r: TimeRow, lang: str, named: bool = False) -> TimeRowOut:
    name = ((r.name_en if lang == "en" else None) or r.name_ru) if named else None
    return TimeRowOut(key=r.key, name=name, days=list(r.days))


@router.get(
    "/regions/{code}/approval-times",
    response_model=ApprovalTimesOut,
    response_model_exclude_none=True,
    responses=ERRORS,
)
def region_approval_times(
    engine: DB, account: CurrentUser, lang: Lang, cache: AppCache, code: Code
) -> ApprovalTimesOut:
    """The region's median days from filing to the last answer of its network owners."""
    times = approval_times(engine, code, account, cache=cache)
    return ApprovalTimesOut(
        region=times.region,
        formula=FORMULA,
        as_of=times.as_of,
        periods=list(times.periods),
        overall=_row(times.overall, lang),
        by_owner=[_row(r, lang, named=True) for r in times.by_owner],
        by_works=[_row(r, lang) for r in times.by_works],
    )
