"""The state of the quarter being collected, per region: what is expected, what has arrived,
what is missing or late — the home screen's card and the federal view's column.

It reads the quarterly data cycle as the methodology declares it (`data_cycle`: the indicators
submitted, the due date) through `values.submission`, so the card, the submission page and the
federal submission table count the same values. "Late" is every expected value that had not
arrived by the due date once it has passed: still missing, or received after it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine

from tsifra.kernel.cache import Cache, kept
from tsifra.store.methodologies import stored_methodology
from tsifra.store.versions import data_version, database_key
from tsifra.values.submission import arrived_on_time, collection_period, first_arrivals


@dataclass(frozen=True)
class QuarterData:
    period: str | None  # None: the methodology expects nothing to be submitted
    due: date | None
    expected: tuple[str, ...]  # indicator codes, methodology order
    arrived: tuple[str, ...]
    missing: tuple[str, ...]
    late: tuple[str, ...]  # not arrived by the due date, once it has passed

    @property
    def complete(self) -> bool:
        return not self.missing


def quarter_data(
    engine: Engine,
    units: Sequence[str],
    methodology: str,
    today: date,
    cache: Cache | None = None,
) -> dict[str, QuarterData]:
    """Expected, arrived, missing and late values of each of `units` for the period being
    collected on `today` (one reading for all: the federal view asks for every region)."""
    period, due, expected, arrivals = _arrivals(engine, methodology, today, cache)
    if not expected:
        return {unit: QuarterData(None, None, (), (), (), ()) for unit in units}
    past_due = today > due
    states = {}
    for unit in units:
        mine = arrivals.get(unit, {})
        got = tuple(c for c in expected if c in mine)
        missing = tuple(c for c in expected if c not in mine)
        late = (
            tuple(c for c in expected if c not in mine or not arrived_on_time(mine[c], due))
            if past_due
            else ()
        )
        states[unit] = QuarterData(period, due, expected, got, missing, late)
    return states


def _arrivals(engine: Engine, methodology: str, today: date, cache: Cache | None):
    """(period, due date, expected codes, {unit: {code: first arrival}}), kept until the stored
    data change: every home screen and the federal view share one reading."""
    period = collection_period(today)
    key = (database_key(engine), "quarter-arrivals", data_version(engine), methodology, period)

    def read():
        m = stored_methodology(engine, methodology).methodology
        expected = tuple(m.submitted_indicators)
        due = m.data_cycle.due_date(period)
        first = first_arrivals(engine, methodology, period)
        by_unit: dict[str, dict] = {}
        for row in first.itertuples(index=False):
            by_unit.setdefault(row.unit, {})[row.indicator] = row.arrived_at
        return period, due, expected, by_unit

    return kept(cache, key, 0, read).value
