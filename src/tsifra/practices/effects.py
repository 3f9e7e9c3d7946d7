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

The stored effects carry a fingerprint of what they were computed from: the latest batch and
resolution (`store.versions.data_version`: a corrected value comes as a new batch) and the shape
of the registry (practices, stages, links). `refresh_effects` compares it in a few indexed
queries and recomputes only when it differs, in one vectorised pass over every practice.
"""

from __future__ import annotations

import hashlib
from calendar import monthrange
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import Engine, bindparam, delete, func, insert, select, update
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
    session_scope,
)
from tsifra.store.versions import data_version
from tsifra.values.revisions import effective_values

PAIR = ["practice_id", "indicator", "region"]
CHUNK = 5000  # ids per IN list when reading effects back


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


def _state(engine: Engine) -> tuple:
    """What the effects depend on, in indexed aggregates: the values (batches, resolutions) and
    the registry's practices, stages and links. The stored effects' own count is part of it:
    a write that changes a practice's links or stages drops that practice's effects."""
    _, batch, resolution = data_version(engine)
    p, s = Practice.__table__.c, PracticeStage.__table__.c
    i, r, e = PracticeIndicator.__table__.c, PracticeRegion.__table__.c, PracticeEffect.__table__.c
    with engine.connect() as connection:
        row = connection.execute(
            select(
                select(func.max(p.id)).scalar_subquery(),
                select(func.count()).select_from(Practice.__table__).scalar_subquery(),
                select(func.max(s.id)).scalar_subquery(),
                select(func.count()).select_from(PracticeIndicator.__table__).scalar_subquery(),
                select(func.sum(i.practice_id)).scalar_subquery(),
                select(func.count()).select_from(PracticeRegion.__table__).scalar_subquery(),
                select(func.sum(r.practice_id)).scalar_subquery(),
                select(func.count()).select_from(PracticeEffect.__table__).scalar_subquery(),
                select(e.data_version).limit(1).scalar_subquery(),
            )
        ).one()
    return (batch, resolution, *row)


def _fingerprint(values: tuple) -> str:
    return hashlib.sha256(repr(tuple(int(v or 0) for v in values)).encode()).hexdigest()


def refresh_effects(engine: Engine) -> bool:
    """Recompute every practice's effects if the values or the registry changed since the last
    computation; True when it did. Cheap otherwise (a few indexed aggregates)."""
    *shape, effects_count, stored = _state(engine)
    if stored is not None and stored == _fingerprint((*shape, effects_count)):
        return False
    rows, summary = _compute(engine)
    version = _fingerprint((*shape, len(rows)))
    for row in rows:
        row["data_version"] = version
    try:
        with session_scope(engine) as session:
            session.execute(delete(PracticeEffect))
            if rows:
                session.execute(insert(PracticeEffect), rows)
            current = dict(session.execute(select(Practice.id, Practice.effect)).all())
            changed = [
                {"pid": pid, "e": summary.get(pid)}
                for pid, effect in current.items()
                if not _same(effect, summary.get(pid))
            ]
            if changed:
                table = Practice.__table__
                session.connection().execute(
                    update(table)
                    .where(table.c.id == bindparam("pid"))
                    .values(effect=bindparam("e")),
                    changed,
                )
    except (IntegrityError, OperationalError):  # another process refreshed at the same moment
        return False
    return True


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def _compute(engine: Engine) -> tuple[list[dict], dict[int, float]]:
    """Every (practice, indicator, region) row of effects, and the summary of each practice."""
    i, r, s = PracticeIndicator.__table__.c, PracticeRegion.__table__.c, PracticeStage.__table__.c
    with engine.connect() as connection:
        pairs = pd.DataFrame(
            connection.execute(
                select(i.practice_id, i.indicator, r.region).join_from(
                    PracticeIndicator.__table__, PracticeRegion.__table__,
                    i.practice_id == r.practice_id,
                )
            ).all(),
            columns=PAIR,
        )  # fmt: skip
        first_use = pd.DataFrame(
            connection.execute(
                select(s.practice_id, func.min(s.since))
                .where(s.stage.in_(sorted(IN_USE)))
                .group_by(s.practice_id)
            ).all(),
            columns=["practice_id", "first_use"],
        )
    if pairs.empty:
        return [], {}
    values = effective_values(engine, indicators=set(pairs["indicator"])).frame
    values = values[values["unit"].isin(set(pairs["region"]))]
    values = values.rename(columns={"unit": "region"})[["indicator", "region", "period", "value"]]
    ends = {label: period_end(label) for label in values["period"].unique()}
    values = values.assign(end=pd.to_datetime(values["period"].map(ends)))
    values = values.dropna(subset=["end"]).sort_values("end", kind="stable")

    after = values.groupby(["indicator", "region"], sort=False).tail(1)
    after = after.rename(columns={"period": "after_period", "value": "after", "end": "after_end"})

    used = pairs.merge(first_use, on="practice_id", how="inner")
    used["first_use"] = pd.to_datetime(used["first_use"])
    candidates = used.merge(values, on=["indicator", "region"], how="inner")
    candidates = candidates[candidates["end"] < candidates["first_use"]]
    before = candidates.groupby(PAIR, sort=False).tail(1)
    before = before.rename(
        columns={"period": "before_period", "value": "before", "end": "before_end"}
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

    out = table[[*PAIR, "before_period", "before", "after_period", "after", "effect"]]
    out = out.astype(object).where(out.notna(), None)
    rows = out.to_dict("records")
    for row in rows:
        row["practice_id"] = int(row["practice_id"])
        for key in ("before", "after", "effect"):
            if row[key] is not None:
                row[key] = float(row[key])
    return rows, {int(k): float(v) for k, v in summary.items()}


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
