"""The quarter's data: what a region owes for a period and what arrived; every region's counts.

Not published figures: reading needs an account, an operator reads only its own region's and
not the federal table; the service (`values.submission`) refuses and records the rest.
"""

from __future__ import annotations

import pandas as pd
from fastapi import APIRouter, Query

from tsifra.values.submission import AWAITED, LATE, MISSING, ON_TIME, region_submission
from tsifra.values.submission import submissions_by_region as by_region
from tsifra.web.api.params import Methodology, UnitCode
from tsifra.web.api.schemas import (
    ErrorOut,
    RegionSubmissionOut,
    SubmissionRowOut,
    SubmissionsByRegionOut,
    UnitSubmissionOut,
)
from tsifra.web.deps import DB, CurrentUser

router = APIRouter(tags=["submissions"])
ERRORS = {401: {"model": ErrorOut}, 403: {"model": ErrorOut}, 404: {"model": ErrorOut}}
PeriodAsked = Query(
    None, max_length=16, description="2026Q1; the period being collected by default"
)


@router.get("/regions/{code}/submission", response_model=RegionSubmissionOut, responses=ERRORS)
def region(
    engine: DB,
    account: CurrentUser,
    code: UnitCode,
    methodology: Methodology = "ru-digital-maturity",
    period: str | None = PeriodAsked,
) -> RegionSubmissionOut:
    """Each expected indicator of the region for the period: on_time, late, missing or awaited,
    with the value in force, when it first arrived (Moscow time) and the file it came in."""
    s = region_submission(engine, account, code, methodology, period)
    rows = [
        SubmissionRowOut(**{k: _plain(v) for k, v in r.items()})
        for r in s.table.drop(columns=["name_en"]).to_dict("records")
    ]
    return RegionSubmissionOut(
        unit=s.unit,
        methodology=s.methodology,
        period=s.period,
        due=s.due,
        days_left=s.days_left,
        counts={state: s.count(state) for state in (ON_TIME, LATE, MISSING, AWAITED)},
        indicators=rows,
    )


@router.get("/submissions", response_model=SubmissionsByRegionOut, responses=ERRORS)
def submissions(
    engine: DB,
    account: CurrentUser,
    methodology: Methodology = "ru-digital-maturity",
    period: str | None = PeriodAsked,
) -> SubmissionsByRegionOut:
    """Every region's counts for the period and whether it sent every value by the due date
    (federal roles)."""
    view = by_region(engine, account, methodology, period)
    columns = ["unit", "name_ru", ON_TIME, LATE, MISSING, AWAITED, "reported"]
    units = [
        UnitSubmissionOut(**{k: _plain(v) for k, v in r.items()})
        for r in view.table[columns].to_dict("records")
    ]
    return SubmissionsByRegionOut(
        methodology=view.methodology,
        period=view.period,
        due=view.due,
        expected=view.expected,
        not_reported=list(view.not_reported["unit"]),
        units=units,
    )


def _plain(value):
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value.item() if hasattr(value, "item") else value
