"""The feedback platform on the dashboard: how a region answers its citizens, and every region's.

The quarterly figures are the platform formulas (`tsifra.marts.formulas.feedback_*`) run on
DuckDB over the region's own cases, so the page shows exactly what `gov_pos_on_time` is computed
from, with no second definition. The backlog is the state now: open cases, and those of them past
their deadline, by the body that holds them and by category, overdue first. Nothing personal is
read: the mart has no text and no contact (`tsifra.marts.platform`), and the backlog counts.

Quarters are those of submission; the latest are provisional until their deadlines pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, func, select

from tsifra.accounts.users import Account, record_refusal
from tsifra.cases.categories import category
from tsifra.cases.regimes import FEEDBACK_KINDS
from tsifra.cases.states import OPEN
from tsifra.dashboard.status import level
from tsifra.kernel.cache import Cache
from tsifra.kernel.periods import parse_period
from tsifra.kernel.problems import Forbidden, Problem, ValidationFailed
from tsifra.marts.platform import compute_platform, read_cases
from tsifra.methodology import DEFAULT_METHODOLOGY
from tsifra.reference import load_regions
from tsifra.store import Body, Case, utcnow
from tsifra.store.methodologies import stored_methodology
from tsifra.store.versions import database_key

INDICATOR = "gov_pos_on_time"
QUARTERS_SHOWN = 8
# what a platform formula computes (its indicator) → the field of `QuarterFigures` it fills
FIGURES = {
    "gov_pos_on_time": "on_time",
    "feedback_first_response_hours": "first_response_hours",
    "feedback_answer_days": "answer_days",
    "feedback_reopened_share": "reopened",
    "feedback_rating_mean": "rating",
    "feedback_forwarded_share": "forwarded",
}


@dataclass(frozen=True)
class QuarterFigures:
    """One quarter of submission: every figure is None where no case gave it a value."""

    period: str
    on_time: float | None = None  # %
    first_response_hours: float | None = None  # median
    answer_days: float | None = None  # median
    reopened: float | None = None  # %
    rating: float | None = None  # mean of 1–5
    forwarded: float | None = None  # %


@dataclass(frozen=True)
class Backlog:
    """Open cases of one holder (a body, «triage» for none) or one category, and the overdue."""

    key: str | None
    name_ru: str | None
    name_en: str | None
    open: int
    overdue: int


@dataclass(frozen=True)
class RegionFeedback:
    region: str
    as_of: datetime
    latest: QuarterFigures | None  # the newest quarter with an on-time share
    target: float | None  # the methodology's target for the latest quarter's year
    level: str  # `dashboard.status` of the on-time share against the target
    open: int
    overdue: int
    by_body: tuple[Backlog, ...]  # overdue first
    by_category: tuple[Backlog, ...]
    trend: tuple[QuarterFigures, ...]  # oldest first, at most QUARTERS_SHOWN


@dataclass(frozen=True)
class RegionSummary:
    """A region's line in the federal view."""

    on_time: float | None
    period: str | None
    level: str
    open: int
    overdue: int


def may_see_feedback(reader: Account | None, region: str) -> bool:
    """A body's backlog and overdue cases are a region's working figures, not published ones:
    signed-in officials only, and an operator (of the region or one of its bodies) only its own."""
    if reader is None:
        return False
    return reader.role != "operator" or reader.region == region


def region_feedback(
    engine: Engine,
    region: str,
    reader: Account | None,
    *,
    now: datetime | None = None,
    cache: Cache | None = None,
) -> RegionFeedback:
    """The region's feedback figures as of `now` (the clock by default). Raises Forbidden (the
    refusal recorded) for a reader who may not see them, ValidationFailed for an unknown region.

    With a cache, the trend (six formulas compiled and run, most of the page's second) is kept
    per region and hour while the cases do not change; the backlog, two counts, is always read
    afresh, so a case shows as overdue the moment it is."""
    if region not in load_regions().index:
        raise ValidationFailed([Problem("unknown_region", path="region", value=region)])
    if not may_see_feedback(reader, region):
        record_refusal(engine, reader, "feedback.read", region)
        raise Forbidden(region)
    now = (now or utcnow()).replace(microsecond=0)
    if cache is None:
        trend = _trend(engine, region, now)
    else:
        # The cases' version in the key, not as the version: a changed case is seen at once,
        # never an older trend served while the new one is computed.
        hour = now.strftime("%Y-%m-%dT%H")
        key = ("feedback-trend", database_key(engine), region, hour, platform_version(engine))
        trend = cache.get(key, 0, lambda: _trend(engine, region, now))
    latest = next((q for q in reversed(trend) if q.on_time is not None), None)
    target = _target(engine, latest.period) if latest else None
    by_body = _backlog(engine, region, Case.body, now)
    return RegionFeedback(
        region=region,
        as_of=now,
        latest=latest,
        target=target,
        level=level(latest.on_time if latest else None, target),
        open=sum(b.open for b in by_body),
        overdue=sum(b.overdue for b in by_body),
        by_body=_named_bodies(engine, by_body),
        by_category=_named_categories(_backlog(engine, region, Case.category, now)),
        trend=tuple(trend[-QUARTERS_SHOWN:]),
    )


def federal_feedback(engine: Engine, *, now: datetime | None = None) -> dict[str, RegionSummary]:
    """Every region with cases: its latest on-time share with status, its open and overdue."""
    now = (now or utcnow()).replace(microsecond=0)
    cases = read_cases(engine, until=now)
    latest: dict[str, tuple[str, float]] = {}
    if cases.num_rows:
        values = compute_platform(cases, now, formulas=["feedback_on_time"]).values()
        for unit, period, value in values[["unit", "period", "value"]].itertuples(index=False):
            latest[unit] = (period, value)  # sorted by period within a unit: the last stays
    query = (
        select(Case.region, func.count(), func.count().filter(Case.due_at < now))
        .where(Case.status.in_(OPEN), Case.kind.in_(FEEDBACK_KINDS))
        .group_by(Case.region)
    )
    with engine.connect() as connection:
        backlog = {r: (n, late) for r, n, late in connection.execute(query)}
    targets: dict[str, float | None] = {}
    out = {}
    for region in sorted(set(latest) | set(backlog)):
        period, value = latest.get(region, (None, None))
        if period is not None and period not in targets:
            targets[period] = _target(engine, period)
        open_, overdue = backlog.get(region, (0, 0))
        lv = level(value, targets.get(period)) if period else "none"
        out[region] = RegionSummary(value, period, lv, open_, overdue)
    return out


def platform_version(engine: Engine) -> tuple:
    """What the figures depend on besides the clock: the cases' count and latest change."""
    with engine.connect() as connection:
        count, last = connection.execute(select(func.count(), func.max(Case.updated_at))).one()
    return (count, str(last))


def _trend(engine: Engine, region: str, now: datetime) -> list[QuarterFigures]:
    cases = read_cases(engine, region=region, until=now)
    if not cases.num_rows:
        return []
    values = compute_platform(cases, now).values()
    quarters: dict[str, dict[str, float]] = {}
    for indicator, period, value in values[["indicator", "period", "value"]].itertuples(
        index=False
    ):
        quarters.setdefault(period, {})[FIGURES[indicator]] = value
    ordered = sorted(quarters, key=lambda p: (parse_period(p).year, parse_period(p).sub))
    return [QuarterFigures(p, **quarters[p]) for p in ordered]


def _target(engine: Engine, period: str) -> float | None:
    m = stored_methodology(engine, DEFAULT_METHODOLOGY).methodology
    if INDICATOR not in m.indicator_codes:
        return None
    return m.indicator(INDICATOR).target_for_year(parse_period(period).year)


def _backlog(engine: Engine, region: str, column, now: datetime) -> list[Backlog]:
    query = (
        select(column, func.count(), func.count().filter(Case.due_at < now))
        .where(Case.region == region, Case.status.in_(OPEN), Case.kind.in_(FEEDBACK_KINDS))
        .group_by(column)
    )
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    rows.sort(key=lambda r: (-r[2], -r[1], r[0] or ""))
    return [Backlog(key, None, None, n, late) for key, n, late in rows]


def _named_bodies(engine: Engine, rows: list[Backlog]) -> tuple[Backlog, ...]:
    codes = [r.key for r in rows if r.key]
    with engine.connect() as connection:
        names = {
            code: (ru, en)
            for code, ru, en in connection.execute(
                select(Body.code, Body.name_ru, Body.name_en).where(Body.code.in_(codes))
            )
        }
    return tuple(Backlog(r.key, *names.get(r.key, (None, None)), r.open, r.overdue) for r in rows)


def _named_categories(rows: list[Backlog]) -> tuple[Backlog, ...]:
    return tuple(Backlog(r.key, *_category_names(r.key), r.open, r.overdue) for r in rows)


def _category_names(code: str | None) -> tuple[str | None, str | None]:
    """The category's names from the tree; a code the tree does not know (retired since, or
    made up by an import) is shown as its code."""
    try:
        found = category(code or "")
    except ValidationFailed:
        return None, None
    return found.name("ru"), found.name("en")
