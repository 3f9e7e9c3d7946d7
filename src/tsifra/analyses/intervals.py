"""How sure a rank is: the uncertainty analysis of a computed index, as rank intervals.

`rank_intervals` samples the choices the methodology declares uncertain (weights, imputation,
normalisation, aggregation, …) and recomputes every unit's index for each sample, from files or
a stored run alike. `published_intervals` is the edge the dashboard and the API use: the
analysis of the run a public rating shows, with the published number of samples and seed, kept
per (database, run id, samples, seed) — a run never changes, and its first analysis (about a
thousand recomputations of every region) is the slow part.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine

from tsifra.engine.uncertainty import (
    Progress as Progress,  # re-exported for the shells' progress bars
)
from tsifra.engine.uncertainty import (
    UncertainInput as UncertainInput,  # re-exported: shells do not import the engine
)
from tsifra.engine.uncertainty import (
    UncertaintyResult,
    run_uncertainty,
    uncertain_inputs,
)
from tsifra.engine.uncertainty import (
    describe as describe,
)
from tsifra.kernel.cache import Cache, kept
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.methodology import DEFAULT_METHODOLOGY
from tsifra.methodology.uncertainty import step_alternatives
from tsifra.ratings.compute import normalise_period
from tsifra.ratings.computed import ComputedIndex, OverIndex, from_run, published_run
from tsifra.ratings.export import write_table
from tsifra.store.versions import database_key

DEFAULT_SAMPLES = 1000
MAX_SAMPLES = 10_000


@dataclass(frozen=True)
class RankIntervals(OverIndex):
    index: ComputedIndex
    period: str
    declared: bool  # False: the methodology declares nothing uncertain, every width is zero
    analysis: UncertaintyResult
    # The previous run's intervals of the period, served while the current ones are computed.
    recomputing: bool = False

    def of(self, unit: str) -> dict:
        """One unit's row of `UncertaintyResult.frame` (nominal, median, 5th and 95th
        percentile rank, share in the top 10, score spread)."""
        rows = self.table[self.table["unit"] == unit]
        if rows.empty:
            raise ValidationFailed([Problem("unit_not_in_data", path="unit", value=unit)])
        return rows.iloc[0].to_dict()

    @cached_property
    def table(self) -> pd.DataFrame:
        """`UncertaintyResult.frame`, computed once: every region's page reads one row of it."""
        return self.analysis.frame()

    def frame(self) -> pd.DataFrame:
        return self.table.copy()


def rank_intervals(
    index: ComputedIndex,
    samples: int = DEFAULT_SAMPLES,
    seed: int | None = None,
    period: str | None = None,
    progress: Progress | None = None,
) -> RankIntervals:
    """`samples` seeded draws of the declared uncertain choices for `period` (the latest by
    default); without a seed one is drawn and kept in the answer, so the run can be repeated.
    Nothing declared: every sample is the nominal index, every interval has zero width."""
    check_samples(samples)
    period = analysed_period(index, period)
    analysis = run_uncertainty(index.result, samples, seed, index.units, period, progress=progress)
    return RankIntervals(index, period, bool(uncertain_inputs(index.methodology)), analysis)


def check_samples(samples: int, path: str = "samples") -> None:
    if not 1 <= samples <= MAX_SAMPLES:
        raise ValidationFailed(
            [Problem("bad_samples", path=path, value=samples, params={"max": MAX_SAMPLES})]
        )


def analysed_period(index: ComputedIndex, period: str | None) -> str:
    """The period to analyse (the latest by default), after what only these analyses need is
    checked: the period exists and the unit list has the groups an alternative imputation names."""
    period = normalise_period(period)
    problems = []
    if period is not None and period not in index.periods:
        problems.append(Problem("unknown_period", path="period", value=period))
    groups = {s.group for s in step_alternatives(index.methodology).get("imputation", [])}
    attributes = set(index.units.columns) if index.units is not None else set()
    problems += [Problem("missing_group", value=g) for g in sorted(groups - {None} - attributes)]
    if problems:
        raise ValidationFailed(problems)
    return period or index.periods[-1]


def write_intervals(intervals: RankIntervals, path: str | Path) -> Path:
    """The per-unit summary (`UncertaintyResult.frame`); the format follows the extension."""
    return write_table(intervals.frame(), path)


def published_intervals(
    engine: Engine,
    methodology: str = DEFAULT_METHODOLOGY,
    period: str | None = None,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
    cache: Cache | None = None,
) -> RankIntervals:
    """The rank intervals of the rating of `period` (the latest by default), from the run the
    public rating shows.

    With `cache`, the run is the version of the answer for the period: when a period is rated
    again, its previous intervals are served (`recomputing=True`) while the new ones are computed
    in the background."""
    check_samples(samples)
    run_id, period = published_run(engine, methodology, period, cache)
    key = (database_key(engine), "intervals", methodology, period, samples, seed)

    def compute() -> RankIntervals:
        return rank_intervals(from_run(engine, run_id, cache), samples, seed, period)

    answer = kept(cache, key, run_id, compute)
    return answer.value if answer.fresh else replace(answer.value, recomputing=True)
