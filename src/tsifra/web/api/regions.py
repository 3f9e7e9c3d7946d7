"""The region profile — the governor's dashboard in data — and the explanation of a score."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from tsifra.accounts.users import can_read_tasks
from tsifra.analyses.explain import explain_stored, plain, records
from tsifra.dashboard.profile import region_profile
from tsifra.web.api.kept import kept_json
from tsifra.web.api.params import Methodology, Period, UnitCode
from tsifra.web.api.schemas import CompletenessOut, ErrorOut, ExplanationOut, RegionOut
from tsifra.web.api.tasks import task_out
from tsifra.web.deps import DB, AppCache, MaybeUser

router = APIRouter(tags=["regions"])
ERRORS = {404: {"model": ErrorOut}, 422: {"model": ErrorOut}}


@router.get("/regions/{code}", response_model=RegionOut, responses=ERRORS)
def region(
    engine: DB,
    cache: AppCache,
    reader: MaybeUser,
    code: UnitCode,
    methodology: Methodology = "ru-digital-maturity",
    period: Period = None,
) -> Response:
    """A region's index, rank and trend, sectors against the average and the leader, every
    indicator against its target, the biggest gains and, for a signed-in reader allowed to see
    them, the region's tasks (`null` otherwise)."""
    with_tasks = can_read_tasks(reader, code)
    key = ("region", code, methodology, period, with_tasks)
    return kept_json(
        engine, cache, key, lambda: _region_out(engine, cache, code, methodology, period, reader)
    )


def _region_out(
    engine, cache, code: str, methodology: str, period: str | None, reader
) -> RegionOut:
    p = region_profile(engine, code, methodology, period, reader, cache)
    history = {
        indicator: {period: plain(v) for period, v in row.items()}
        for indicator, row in p.history.to_dict("index").items()
    }
    return RegionOut(
        unit=p.unit,
        name_ru=p.name_ru,
        name_en=p.name_en,
        federal_district=p.federal_district,
        methodology=p.methodology,
        period=p.period,
        run_id=p.run_id,
        synthetic=p.synthetic,
        score=p.score,
        rank=p.rank,
        units_ranked=p.units_ranked,
        trend=records(p.trend),
        sectors=records(p.sectors),
        indicators=records(p.indicators),
        gains=records(p.gains),
        history=history,
        completeness=CompletenessOut.of(p.completeness),
        tasks=None if p.tasks is None else [task_out(t) for t in p.tasks],
    )


@router.get("/explanations/{unit}", response_model=ExplanationOut, responses=ERRORS)
def explanation(
    engine: DB,
    cache: AppCache,
    unit: UnitCode,
    methodology: Methodology = "ru-digital-maturity",
    period: Period = None,
) -> ExplanationOut:
    """Each indicator's contribution to the unit's index (points) and its gain at target."""
    s = explain_stored(engine, unit, methodology, period, cache)
    e = s.explanation
    table = e.indicators.rename(columns={"normalised": "achievement"})
    return ExplanationOut(
        unit=e.unit,
        methodology=s.methodology,
        period=e.period,
        run_id=s.run_id,
        synthetic=s.synthetic,
        score=e.score,
        rank=e.rank,
        units_ranked=e.units_ranked,
        exact=e.exact,
        strongest=e.strongest,
        weakest=e.weakest,
        indicators=records(table),
    )
