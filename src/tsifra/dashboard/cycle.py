"""The state of a quarter's data for a region: what is expected, what has arrived, what is late.

The home screen and the federal view read it only through `quarter_data`, so that when the
quarterly data cycle (`submission` services: due dates and completeness declared by the
methodology, imputed values marked) is merged, the switch is made here and nowhere else.

Until then it is the simple reading of the stored values: the quarter is the newest period any
region has values for; every indicator of the methodology is expected from every region; a
value in force for that period has arrived; one still missing after the official due date (the
8th day of the month after the quarter) is late.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine

from tsifra.kernel.cache import Cache, kept
from tsifra.kernel.periods import parse_period, sort_periods
from tsifra.store.methodologies import stored_methodology
from tsifra.store.versions import data_version, database_key
from tsifra.values.revisions import current_values

DUE_DAY = 8  # the day of the month after the quarter when its data are due


@dataclass(frozen=True)
class QuarterData:
    period: str | None  # None: no values stored yet
    due: date | None
    expected: tuple[str, ...]  # indicator codes, methodology order
    arrived: tuple[str, ...]
    missing: tuple[str, ...]
    late: tuple[str, ...]  # missing after the due date

    @property
    def complete(self) -> bool:
        return not self.missing


def due_date(period: str) -> date | None:
    """The day a period's data are due: the 8th of the month after it ends (None for others)."""
    p = parse_period(period)
    if p is None:
        return None
    last_month = {"Q": p.sub * 3, "M": p.sub, "Y": 12}[p.freq]
    year, month = (p.year + 1, 1) if last_month == 12 else (p.year, last_month + 1)
    return date(year, month, DUE_DAY)


def quarter_data(
    engine: Engine,
    units: Sequence[str],
    methodology: str,
    today: date,
    cache: Cache | None = None,
) -> dict[str, QuarterData]:
    """Expected, arrived, missing and late indicator values of each of `units` for the current
    quarter (one reading for all: the federal view asks for every region at once).

    TO SWITCH AT MERGE: the data-cycle branch's `submission` service replaces this body.
    """
    period, expected, arrived = _arrivals(engine, methodology, cache)
    if period is None:
        return {unit: QuarterData(None, None, expected, (), expected, ()) for unit in units}
    due = due_date(period)
    past_due = due is not None and today > due
    states = {}
    for unit in units:
        mine = arrived.get(unit, frozenset())
        missing = tuple(c for c in expected if c not in mine)
        got = tuple(c for c in expected if c in mine)
        states[unit] = QuarterData(period, due, expected, got, missing, missing if past_due else ())
    return states


def _arrivals(
    engine: Engine, methodology: str, cache: Cache | None
) -> tuple[str | None, tuple[str, ...], dict[str, frozenset[str]]]:
    """(the newest period, the expected codes, the codes in force by unit for it), kept until
    the stored data change: every home screen and the federal view share one reading."""
    key = (database_key(engine), "quarter-arrivals", data_version(engine), methodology)

    def read():
        expected = tuple(stored_methodology(engine, methodology).methodology.indicator_codes)
        values = current_values(engine)
        values = values[values["indicator"].isin(expected)]
        if values.empty:
            return None, expected, {}
        period = sort_periods(list(values["period"].unique()))[-1]
        newest = values[values["period"] == period]
        by_unit = {unit: frozenset(codes) for unit, codes in newest.groupby("unit")["indicator"]}
        return period, expected, by_unit

    return kept(cache, key, 0, read).value
