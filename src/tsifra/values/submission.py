"""The quarterly data cycle: what each unit owes for a period, what has arrived, and when a period
counts as complete.

The methodology declares the cycle (`Methodology.data_cycle`): the day a period's values are due
and the share of expected values that makes a period complete. Expected values are every
submitted indicator (`Methodology.submitted_indicators`) of every unit that takes part, that is
every unit with at least one value of those indicators in any period: a unit the data never
name is not expected to report. Nothing about arrival is stored apart: a value arrived when the
batch that first brought it was received (`Batch.received_at`, append-only), so "late" is
computed, never kept, and a later correction of an on-time value does not make it late.

Days are Moscow days (UTC+3, no summer time since 2014): a file received at 01:00 on 9 April
Moscow time is late for a 8 April due date, whatever the server's clock zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

import pandas as pd
from sqlalchemy import Engine, distinct, func, select

from tsifra.accounts.users import Account, can_read_tasks, record_refusal
from tsifra.kernel.cache import Cache, kept
from tsifra.kernel.periods import Period, parse_period, sort_periods
from tsifra.kernel.problems import Forbidden, Problem, ValidationFailed
from tsifra.methodology import Methodology
from tsifra.store import Batch, Unit, ValueRevision, require_current
from tsifra.store.methodologies import stored_methodology
from tsifra.store.versions import data_version, database_key

MOSCOW = timezone(timedelta(hours=3))

# The state of one expected value: arrived by the due date, arrived after it, not arrived and
# past due, not arrived and not yet due.
ON_TIME, LATE, MISSING, AWAITED = "on_time", "late", "missing", "awaited"
STATES = (ON_TIME, LATE, MISSING, AWAITED)


@dataclass(frozen=True)
class Completeness:
    """How much of a period's expected data is in."""

    period: str
    present: int  # expected (unit, indicator) cells with a value from some source
    expected: int
    threshold: float  # the methodology's `complete_share`

    @property
    def share(self) -> float:
        return self.present / self.expected if self.expected else 0.0

    @property
    def complete(self) -> bool:
        return self.expected > 0 and self.share >= self.threshold


def period_completeness(
    engine: Engine, methodology: str, cache: Cache | None = None
) -> dict[str, Completeness]:
    """Every period with values of the methodology's submitted indicators and how complete it is.

    One grouped query over the stored values (their unique index covers it); with `cache` it is
    kept until a new batch arrives.
    """
    key = (database_key(engine), "completeness", data_version(engine)[1], methodology)
    return kept(cache, key, 0, lambda: _completeness(engine, methodology)).value


def _completeness(engine: Engine, methodology: str) -> dict[str, Completeness]:
    require_current(engine)
    m = stored_methodology(engine, methodology).methodology
    codes = m.submitted_indicators
    v = ValueRevision.__table__.c
    # Distinct units per (indicator, period) follow the unique index's own order, so SQLite and
    # PostgreSQL count them without sorting every claim (a distinct over all three columns
    # costs several times more on the demo's 40,000 values).
    per_cell = (
        select(v.period, func.count(distinct(v.unit)))
        .where(v.indicator.in_(codes))
        .group_by(v.indicator, v.period)
    )
    with engine.connect() as connection:
        units = connection.scalar(
            select(func.count(distinct(v.unit))).where(v.indicator.in_(codes))
        )
        rows = connection.execute(per_cell).all()
    counts: dict[str, int] = {}
    for period, n in rows:
        counts[period] = counts.get(period, 0) + int(n)
    expected = int(units or 0) * len(codes)
    threshold = m.data_cycle.complete_share
    return {p: Completeness(p, counts[p], expected, threshold) for p in sort_periods(list(counts))}


def collection_period(today: date | None = None, freq: str = "Q") -> str:
    """The period whose data are being collected on `today`: the last one that has ended."""
    today = today or date.today()
    if freq == "Y":
        return str(today.year - 1)
    if freq == "M":
        year, month = divmod(today.year * 12 + today.month - 2, 12)
        return Period(year, month + 1, "M").label
    quarter = (today.month - 1) // 3  # the quarter before today's, 0 meaning last year's Q4
    if quarter == 0:
        return Period(today.year - 1, 4, "Q").label
    return Period(today.year, quarter, "Q").label


@dataclass(frozen=True)
class RegionSubmission:
    """One unit's submission for one period: every expected indicator and its state."""

    unit: str
    name_ru: str
    name_en: str | None
    methodology: str
    period: str
    due: date
    today: date
    # indicator, name, name_en, measure, state, value, arrived_at (Moscow time), source,
    # file_name, batch_id, last_value, last_period — one row per expected indicator, in
    # methodology order
    table: pd.DataFrame

    @property
    def days_left(self) -> int:
        """Days until the due date; negative once it has passed."""
        return (self.due - self.today).days

    def count(self, state: str) -> int:
        return int((self.table["state"] == state).sum())


def region_submission(
    engine: Engine,
    reader: Account | None,
    unit: str,
    methodology: str,
    period: str | None = None,
    today: date | None = None,
) -> RegionSubmission:
    """What `unit` owes for `period` (the period being collected by default) and what arrived.

    Read by the unit's own operators and by federal roles; anyone else is refused, and the
    refusal is recorded. An unknown unit or period is a problem.
    """
    if not can_read_tasks(reader, unit):  # the same rule as a region's working orders
        record_refusal(engine, reader, "submission.read", unit)
        raise Forbidden(unit)
    require_current(engine)
    today = today or date.today()
    m = stored_methodology(engine, methodology).methodology
    period = _period(period, today)
    with engine.connect() as connection:
        names = connection.execute(
            select(Unit.name_ru, Unit.name_en).where(Unit.code == unit)
        ).first()
    if names is None:
        raise ValidationFailed([Problem("unit_not_in_data", path="unit", value=unit)])
    claims = _claims(engine, m, period, unit=unit)
    last = _last_values(engine, m, unit, period)
    due = m.data_cycle.due_date(period)
    first: dict[str, datetime] = {}
    latest: dict[str, dict] = {}
    for claim in claims.to_dict("records"):  # oldest first: the first arrival, the last word
        first.setdefault(claim["indicator"], claim["arrived_at"])
        latest[claim["indicator"]] = claim
    rows = []
    for code in m.submitted_indicators:
        claim = latest.get(code)
        before = last.get(code)
        rows.append(
            {
                "indicator": code,
                "name": m.name_of(code, "ru"),
                "name_en": m.name_of(code, "en"),
                "measure": m.indicator(code).unit,
                "state": _state(first.get(code), due, today),
                "value": None if claim is None else float(claim["value"]),
                "arrived_at": first.get(code),
                "source": None if claim is None else claim["source"],
                "file_name": None if claim is None else claim["file_name"],
                "batch_id": None if claim is None else int(claim["batch_id"]),
                "last_value": None if before is None else before[1],
                "last_period": None if before is None else before[0],
            }
        )
    return RegionSubmission(
        unit, names[0], names[1], methodology, period, due, today, pd.DataFrame(rows)
    )


@dataclass(frozen=True)
class SubmissionsByRegion:
    """Every unit's submission for one period, in counts: what the federal view shows."""

    methodology: str
    period: str
    due: date
    today: date
    expected: int  # values expected from each unit
    # unit, name_ru, name_en, federal_district, on_time, late, missing, awaited, arrived,
    # reported (every expected value arrived by the due date), first_at, last_at
    table: pd.DataFrame

    @property
    def not_reported(self) -> pd.DataFrame:
        """Units that had not sent every expected value by the due date, once it has passed."""
        if self.today <= self.due:
            return self.table.iloc[0:0]
        return self.table[~self.table["reported"]]


def submissions_by_region(
    engine: Engine,
    reader: Account | None,
    methodology: str,
    period: str | None = None,
    today: date | None = None,
) -> SubmissionsByRegion:
    """Each unit of the methodology's kind with its counts of on-time, late, missing and awaited
    values for `period` (the period being collected by default). Federal roles only: an operator
    sees its own region's page, not the others' (refused and recorded)."""
    if reader is None or reader.role == "operator":
        record_refusal(engine, reader, "submission.read", "all")
        raise Forbidden("all")
    require_current(engine)
    today = today or date.today()
    m = stored_methodology(engine, methodology).methodology
    period = _period(period, today)
    due = m.data_cycle.due_date(period)
    with engine.connect() as connection:
        units = connection.execute(
            select(Unit.code, Unit.name_ru, Unit.name_en, Unit.federal_district)
            .where(Unit.kind == m.unit_type)
            .order_by(Unit.code)
        ).all()
    table = pd.DataFrame.from_records(
        units, columns=["unit", "name_ru", "name_en", "federal_district"]
    )
    claims = _claims(engine, m, period)
    first = claims.groupby(["unit", "indicator"])["arrived_at"].min().reset_index()
    first["on_time"] = first["arrived_at"] < _cutoff(due)
    counts = first.groupby("unit")["on_time"].agg(["sum", "count"])
    expected = len(m.submitted_indicators)
    table = table.set_index("unit")
    table[ON_TIME] = counts["sum"].reindex(table.index).fillna(0).astype(int)
    table[LATE] = counts["count"].reindex(table.index).fillna(0).astype(int) - table[ON_TIME]
    table["arrived"] = table[ON_TIME] + table[LATE]
    waiting = expected - table["arrived"]
    table[MISSING] = waiting if today > due else 0
    table[AWAITED] = 0 if today > due else waiting
    table["reported"] = table[ON_TIME] == expected
    spans = first.groupby("unit")["arrived_at"].agg(["min", "max"])
    table["first_at"] = spans["min"].reindex(table.index)
    table["last_at"] = spans["max"].reindex(table.index)
    table = table.reset_index()
    return SubmissionsByRegion(methodology, period, due, today, expected, table)


def first_arrivals(engine: Engine, methodology: str, period: str) -> pd.DataFrame:
    """When each (unit, indicator) of `period` first arrived (Moscow time), for every unit: the
    home screens and the federal view read the quarter's state from it. Not guarded: the callers
    show it only to readers who may see the units concerned."""
    m = stored_methodology(engine, methodology).methodology
    claims = _claims(engine, m, period)
    return claims.groupby(["unit", "indicator"])["arrived_at"].min().reset_index()


def arrived_on_time(arrived_at: pd.Timestamp, due: date) -> bool:
    """A value received before the day after the due date (Moscow time) came on time."""
    return bool(arrived_at < _cutoff(due))


def _period(period: str | None, today: date) -> str:
    if period is None or not str(period).strip():
        return collection_period(today)
    parsed = parse_period(period)
    if parsed is None:
        raise ValidationFailed([Problem("unknown_period", path="period", value=period)])
    return parsed.label


def _claims(engine: Engine, m: Methodology, period: str, unit: str | None = None) -> pd.DataFrame:
    """Every revision of the period's submitted values with its batch, oldest first."""
    v, b = ValueRevision.__table__.c, Batch.__table__.c
    query = (
        select(v.unit, v.indicator, v.value, v.source, b.received_at, b.file_name, b.id)
        .join_from(ValueRevision.__table__, Batch.__table__, v.batch_id == b.id)
        .where(v.period == period, v.indicator.in_(m.submitted_indicators))
        .order_by(b.received_at, v.id)
    )
    if unit is not None:
        query = query.where(v.unit == unit)
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    columns = ["unit", "indicator", "value", "source", "arrived_at", "file_name", "batch_id"]
    frame = pd.DataFrame.from_records([tuple(r) for r in rows], columns=columns)
    frame["arrived_at"] = pd.to_datetime(frame["arrived_at"], utc=True).dt.tz_convert(MOSCOW)
    return frame


def _last_values(
    engine: Engine, m: Methodology, unit: str, period: str
) -> dict[str, tuple[str, float]]:
    """Each submitted indicator's latest value before `period` (period, value): what the template
    shows beside the empty cell, so an official sees what was reported last time."""
    v = ValueRevision.__table__.c
    with engine.connect() as connection:
        rows = connection.execute(
            select(v.indicator, v.period, v.value)
            .where(v.unit == unit, v.indicator.in_(m.submitted_indicators))
            .order_by(v.id)
        ).all()
    target = parse_period(period)
    out: dict[str, tuple[str, float]] = {}
    for indicator, label, value in rows:
        p = parse_period(label)
        if p is None or target is None or p.freq != target.freq or p >= target:
            continue
        known = out.get(indicator)
        if known is None or parse_period(known[0]) <= p:
            out[indicator] = (label, float(value))
    return out


def _cutoff(due: date) -> pd.Timestamp:
    """The first moment after the due date, Moscow time: a value received before it is on time."""
    return pd.Timestamp(datetime.combine(due + timedelta(days=1), datetime.min.time()), tz=MOSCOW)


def _state(arrived: pd.Timestamp | None, due: date, today: date) -> str:
    if arrived is not None and not pd.isna(arrived):
        return ON_TIME if arrived < _cutoff(due) else LATE
    return MISSING if today > due else AWAITED
