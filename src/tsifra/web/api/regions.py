"""The region profile — the governor's dashboard in data — and the explanation of a score."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter
from fastapi.responses import Response

from tsifra.accounts.users import can_read_tasks
from tsifra.analyses.explain import explain_stored, plain, records
from tsifra.dashboard.home import region_home
from tsifra.dashboard.profile import region_profile
from tsifra.web.api.kept import kept_json
from tsifra.web.api.params import Methodology, Period, UnitCode
from tsifra.web.api.schemas import (
    ActionOut,
    ChangeOut,
    CompletenessOut,
    DirectionOut,
    ErrorOut,
    ExplanationOut,
    HomeOut,
    HomeTasksOut,
    QuarterDataOut,
    RegionOut,
)
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


@router.get("/regions/{code}/home", response_model=HomeOut, responses=ERRORS)
def region_home_out(
    engine: DB,
    cache: AppCache,
    reader: MaybeUser,
    code: UnitCode,
    methodology: Methodology = "ru-digital-maturity",
    period: Period = None,
) -> Response:
    """The region's home screen in data, as its page shows it: index and place with their change
    on the quarter and the year, each direction's status against its target, the three changes
    worth the most index points (each with its what-if), the quarter's data, and — for a
    signed-in reader allowed to see them — the overdue and due-soon tasks (`null` otherwise)."""
    with_tasks = can_read_tasks(reader, code)
    key = ("region-home", code, methodology, period, with_tasks)
    return kept_json(
        engine, cache, key, lambda: _home_out(engine, cache, code, methodology, period, reader)
    )


def _home_out(engine, cache, code: str, methodology: str, period: str | None, reader) -> HomeOut:
    h = region_home(engine, code, methodology, period, reader, cache=cache)
    p = h.profile
    tasks = None
    if h.tasks is not None:
        tasks = HomeTasksOut(
            overdue=len(h.tasks.overdue),
            due_soon=len(h.tasks.due_soon),
            open=h.tasks.open,
            total=h.tasks.total,
            next=[task_out(t) for t in h.tasks.next],
        )
    return HomeOut(
        unit=p.unit,
        name_ru=p.name_ru,
        name_en=p.name_en,
        period=p.period,
        synthetic=p.synthetic,
        score=p.score,
        rank=p.rank,
        units_ranked=p.units_ranked,
        level=h.level,
        on_quarter=ChangeOut(**asdict(h.on_quarter)),
        on_year=ChangeOut(**asdict(h.on_year)),
        directions=[
            DirectionOut(
                code=d.code,
                name=d.name,
                name_en=d.name_en,
                score=d.score,
                target=d.target,
                level=d.level,
            )
            for d in h.directions
        ],
        actions=[
            ActionOut(
                indicator=a.indicator,
                name=a.name,
                value=a.value,
                target=a.target,
                gain=a.gain,
                whatif=a.whatif,
            )
            for a in h.actions
        ],
        new_targets=list(h.new_targets),
        data=None
        if h.data is None
        else QuarterDataOut(
            period=h.data.period,
            due=h.data.due,
            expected=list(h.data.expected),
            arrived=list(h.data.arrived),
            missing=list(h.data.missing),
            late=list(h.data.late),
        ),
        tasks=tasks,
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
