"""The measured effect of a practice: the values of its indicators in its regions before it was
put to use and now, computed from the values in force, never typed.

For an indicator X linked to a practice that runs in region R, `before` is X's value in R for
the last period that ends before the practice first reached `pilot` or later (its stage
history), `after` is X's latest value in R, and the effect is `after − before` in X's unit; times
the methodology's direction it says whether things got better. The practice's summary
(`practices.effect`, for sorting) is the mean of those direction-adjusted effects as a share of
each `before`, in %, so indicators of different units can be averaged. None when nothing is
measurable: no stage from `pilot` on, no value before it, or no later value.

Before and after is not cause and effect: other causes move indicators too. Every reader that
shows an effect shows that caveat with it (`practice_effect_caveat`).

When they are computed: a write that changes a practice's links or stages measures that
practice again in its own transaction (`measure_practices`), so the registry's side never
needs a scan; the values' side is `store.versions.data_version` (a corrected value arrives as
a new batch, a settled conflict as a resolution), kept on every stored row. `refresh_effects`
compares it with the first stored row, two indexed lookups, and recomputes every practice, in
one vectorised pass, only when the values changed.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import Connection, Engine, bindparam, delete, func, select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from tsifra.kernel.periods import parse_period
from tsifra.practices.indicators import indicator_directions
from tsifra.practices.vocabulary import IN_USE
from tsifra.store import (
    Practice,
    PracticeEffect,
    PracticeIndicator,
    PracticeRegion,
    PracticeStage,
)
from tsifra.store.versions import data_version
from tsifra.values.revisions import effective_values

PAIR = ["practice_id", "indicator", "region"]
CHUNK = 5000  # ids per IN list
UNKNOWN = "?"  # a version no computation has: the next refresh recomputes everything


@dataclass(frozen=True)
class Effect:
    """One indicator in one region of a practice, as last computed. `effect` None: not
    measurable there (no value before the practice was put to use, or none after)."""

    practice_id: int
    indicator: str
    region: str
    before_period: str | None
    before: float | None
    after_period: str | None
    after: float | None
    effect: float | None  # after − before, in the indicator's unit
    direction: int = 1  # the methodology's: 1 more is better, −1 less is better

    @property
    def measured(self) -> bool:
        return self.effect is not None

    @property
    def better(self) -> float | None:
        """The effect with its sign turned so that positive is an improvement."""
        return None if self.effect is None else self.effect * self.direction

    @property
    def share(self) -> float | None:
        """The improvement as a percentage of the value before; None when that was zero."""
        if self.effect is None or not self.before:
            return None
        return self.effect * self.direction / abs(self.before) * 100.0


def period_end(label: str) -> date | None:
    """The last day of a period (2025 → 31.12.2025, 2025Q2 → 30.06.2025, 2025-02 → 28.02)."""
    period = parse_period(label)
    if period is None:
        return None
    month = {"Y": 12, "Q": period.sub * 3, "M": period.sub}[period.freq]
    return date(period.year, month, monthrange(period.year, month)[1])


def values_version(engine: Engine) -> str:
    """The version of the values in force: the last batch and the last resolution."""
    _, batch, resolution = data_version(engine)
    return f"{batch}.{resolution}"


def _stored_version(connection: Connection) -> str | None:
    e = PracticeEffect.__table__.c
    return connection.scalar(
        select(e.data_version).order_by(e.practice_id, e.indicator, e.region).limit(1)
    )


def refresh_effects(engine: Engine, version: str | None = None) -> bool:
    """Recompute every practice's effects if the values changed since the last computation;
    True when it did. Cheap otherwise (two indexed lookups). `version`: the values' version
    where the caller has just read it."""
    version = version or values_version(engine)
    with engine.connect() as connection:
        stored = _stored_version(connection)
        if stored == version:
            return False
        pairs, first_use = _pairs(connection)
    if pairs.empty and stored is None:  # nothing linked, nothing ever measured: nothing to do
        return False
    rows, summary = _compute(engine, pairs, first_use)
    try:
        with engine.begin() as connection:
            connection.execute(delete(PracticeEffect.__table__))
            _insert(connection, rows, version)
            _summaries(connection, summary, None)
    except (IntegrityError, OperationalError):  # another process refreshed at the same moment
        return False
    return True


def measure_practices(connection: Connection, engine: Engine, practice_ids: Iterable[int]) -> None:
    """Measure these practices again inside the caller's transaction (after a write to their
    links or stages). Their rows carry the version the others carry, so a refresh that is
    due stays due; the first practice ever measured leaves the version unknown."""
    ids = sorted(set(practice_ids))
    if not ids:
        return
    stored = _stored_version(connection) or UNKNOWN
    pairs, first_use = _pairs(connection, ids)
    rows, summary = _compute(engine, pairs, first_use)
    e = PracticeEffect.__table__.c
    for start in range(0, len(ids), CHUNK):
        connection.execute(
            delete(PracticeEffect.__table__).where(e.practice_id.in_(ids[start : start + CHUNK]))
        )
    _insert(connection, rows, stored)
    _summaries(connection, summary, ids)


def _insert(connection: Connection, rows: list[dict], version: str) -> None:
    if rows:
        for row in rows:
            row["data_version"] = version
        _executemany(connection, PracticeEffect.__table__.insert(), rows)


def _fetch(connection: Connection, query) -> list[tuple]:
    """Rows as plain tuples through the driver's cursor (no per-row result objects)."""
    compiled = query.compile(
        dialect=connection.dialect, compile_kwargs={"render_postcompile": True}
    )
    parameters = compiled.construct_params()
    names = compiled.positiontup
    cursor = connection.connection.driver_connection.cursor()
    try:
        cursor.execute(str(compiled), [parameters[n] for n in names] if names else parameters)
        return cursor.fetchall()
    finally:
        cursor.close()


def _executemany(connection: Connection, statement, rows: list[dict]) -> None:
    """Many rows through the driver's own cursor: SQLAlchemy's per-row parameter handling costs
    ten times the database's own work at a few hundred thousand rows."""
    compiled = statement.compile(dialect=connection.dialect)
    names = compiled.positiontup
    if names:
        parameters = [tuple(row[name] for name in names) for row in rows]
    else:
        parameters = [{name: row[name] for name in compiled.params} for row in rows]
    cursor = connection.connection.driver_connection.cursor()
    try:
        for start in range(0, len(parameters), 50_000):
            cursor.executemany(str(compiled), parameters[start : start + 50_000])
    finally:
        cursor.close()


def _summaries(connection: Connection, summary: dict[int, float], ids: list[int] | None) -> None:
    """Set `practices.effect` where it changed (of `ids`, or of every practice)."""
    p = Practice.__table__.c
    query = select(p.id, p.effect)
    current: dict[int, float | None] = {}
    if ids is None:
        current = dict(_fetch(connection, query))
    else:
        for start in range(0, len(ids), CHUNK):
            current.update(_fetch(connection, query.where(p.id.in_(ids[start : start + CHUNK]))))
    changed = [
        {"pid": pid, "e": summary.get(pid)}
        for pid, effect in current.items()
        if not _same(effect, summary.get(pid))
    ]
    if changed:
        statement = update(Practice.__table__).where(p.id == bindparam("pid"))
        _executemany(connection, statement.values(effect=bindparam("e")), changed)


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def _pairs(
    connection: Connection, ids: list[int] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(practice, indicator, region) of every link, and each practice's first day in use."""
    i, r, s = PracticeIndicator.__table__.c, PracticeRegion.__table__.c, PracticeStage.__table__.c
    pairs_query = select(i.practice_id, i.indicator, r.region).join_from(
        PracticeIndicator.__table__, PracticeRegion.__table__, i.practice_id == r.practice_id
    )
    use_query = (
        select(s.practice_id, func.min(s.since))
        .where(s.stage.in_(sorted(IN_USE)))
        .group_by(s.practice_id)
    )
    chunks = [None] if ids is None else [ids[k : k + CHUNK] for k in range(0, len(ids), CHUNK)]
    pairs, uses = [], []
    for chunk in chunks:
        pq, uq = pairs_query, use_query
        if chunk is not None:
            pq, uq = pq.where(i.practice_id.in_(chunk)), uq.where(s.practice_id.in_(chunk))
        pairs += _fetch(connection, pq)
        uses += _fetch(connection, uq)
    return (
        pd.DataFrame(pairs, columns=PAIR),
        pd.DataFrame(uses, columns=["practice_id", "first_use"]),
    )


def _compute(
    engine: Engine, pairs: pd.DataFrame, first_use: pd.DataFrame
) -> tuple[list[dict], dict[int, float]]:
    """Every (practice, indicator, region) row of effects, and the summary of each practice."""
    if pairs.empty:
        return [], {}
    values = effective_values(engine, indicators=set(pairs["indicator"])).frame
    values = values[values["unit"].isin(set(pairs["region"]))]
    values = values.rename(columns={"unit": "region"})[["indicator", "region", "period", "value"]]
    keys = {"indicator": "object", "region": "object"}  # one dtype on both sides of the joins
    values, pairs = values.astype(keys), pairs.astype(keys)
    values["value"] = values["value"].astype(float)
    ends = {label: period_end(label) for label in values["period"].unique()}
    values = values.assign(end=pd.to_datetime(values["period"].map(ends)).astype("datetime64[ns]"))
    values = values.dropna(subset=["end"]).sort_values("end", kind="stable")

    after = values.groupby(["indicator", "region"], sort=False).tail(1)
    after = after.rename(columns={"period": "after_period", "value": "after", "end": "after_end"})

    # before: the last value whose period ends before the first day in use (an as-of join)
    used = pairs.merge(first_use, on="practice_id", how="inner")
    used["first_use"] = pd.to_datetime(used["first_use"]).astype("datetime64[ns]")
    used = used.sort_values("first_use", kind="stable")
    before = pd.merge_asof(
        used,
        values.rename(columns={"period": "before_period", "value": "before", "end": "before_end"}),
        left_on="first_use",
        right_on="before_end",
        by=["indicator", "region"],
        allow_exact_matches=False,
        direction="backward",
    )
    table = pairs.merge(
        before[[*PAIR, "before_period", "before", "before_end"]], on=PAIR, how="left"
    )
    table = table.merge(after, on=["indicator", "region"], how="left")
    measurable = (
        table["before"].notna()
        & table["after"].notna()
        & (table["after_end"] > table["before_end"])
    )
    table["effect"] = (table["after"] - table["before"]).where(measurable)
    directions = indicator_directions(engine)
    sign = table["indicator"].map(directions).fillna(1.0)
    share = table["effect"] * sign / table["before"].abs() * 100.0
    share = share.where(table["before"] != 0)
    summary = share.groupby(table["practice_id"]).mean().dropna()

    columns = {
        name: _plain(table[name])
        for name in (*PAIR, "before_period", "before", "after_period", "after", "effect")
    }
    keys = list(columns)
    rows = [dict(zip(keys, values, strict=True)) for values in zip(*columns.values(), strict=True)]
    return rows, {int(k): float(v) for k, v in summary.items()}


def _plain(column: pd.Series) -> list:
    """A column as Python values, None for missing (what the driver takes)."""
    if pd.api.types.is_integer_dtype(column):
        return [int(v) for v in column.to_numpy()]
    if pd.api.types.is_float_dtype(column):
        return [None if v != v else float(v) for v in column.to_numpy(dtype=float)]
    return [None if v is None or v != v else str(v) for v in column.astype(object).tolist()]


def effects_for(engine: Engine, practice_ids: Iterable[int]) -> dict[int, list[Effect]]:
    """The stored effects of these practices, every linked indicator in every region of each,
    measurable or not (`Effect.measured`). Call `refresh_effects` first where they must be
    current."""
    ids = sorted(set(practice_ids))
    if not ids:
        return {}
    directions = indicator_directions(engine)
    e = PracticeEffect.__table__.c
    found: dict[int, list[Effect]] = {}
    with engine.connect() as connection:
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            for row in connection.execute(
                select(
                    e.practice_id, e.indicator, e.region, e.before_period, e.before,
                    e.after_period, e.after, e.effect,
                )
                .where(e.practice_id.in_(chunk))
                .order_by(e.practice_id, e.indicator, e.region)
            ):  # fmt: skip
                found.setdefault(row.practice_id, []).append(
                    Effect(*row, direction=directions.get(row.indicator, 1))
                )
    return found
