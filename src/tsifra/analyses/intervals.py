"""How sure a published rank is: the uncertainty analysis of the stored run a rating shows.

The analysis replays the run's own methodology version and revisions (`cached_run`), so the
interval belongs to exactly the figures on the page. It is kept per run: a run never changes,
and its first analysis (about a thousand recomputations of every region) is the slow part.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd
from sqlalchemy import Engine

from tsifra.analyses.explain import cached_run, stored_period
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
from tsifra.kernel.cache import Kept
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.methodology import DEFAULT_METHODOLOGY
from tsifra.ratings.published import run_for
from tsifra.store.versions import database_key
from tsifra.values.ingest import unit_table

DEFAULT_SAMPLES = 1000
MAX_SAMPLES = 10_000

_kept = Kept(8)


@dataclass(frozen=True)
class StoredUncertainty:
    methodology: str
    run_id: int
    period: str
    synthetic: bool
    declared: bool  # False: the methodology declares nothing uncertain, every width is zero
    analysis: UncertaintyResult

    def of(self, unit: str) -> dict:
        """One unit's row of `UncertaintyResult.frame` (nominal, median, 5th and 95th
        percentile rank, share in the top 10, score spread)."""
        table = self.table
        rows = table[table["unit"] == unit]
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
    engine: Engine,
    methodology: str = DEFAULT_METHODOLOGY,
    period: str | None = None,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
) -> StoredUncertainty:
    """The uncertainty analysis of the rating of `period` (the latest by default): `samples`
    seeded draws of the choices the run's methodology declares uncertain."""
    if not 1 <= samples <= MAX_SAMPLES:
        raise ValidationFailed(
            [Problem("bad_samples", path="samples", value=samples, params={"max": MAX_SAMPLES})]
        )
    period = stored_period(engine, methodology, period)
    run_id = run_for(engine, methodology, period)
    key = (database_key(engine), run_id, samples, seed)
    return _kept.get(key, lambda: _analyse(engine, methodology, run_id, period, samples, seed))


def _analyse(
    engine: Engine, methodology: str, run_id: int, period: str, samples: int, seed: int
) -> StoredUncertainty:
    run = cached_run(engine, run_id)
    m = run.version.methodology
    analysis = run_uncertainty(run.result, samples, seed, unit_table(engine), period)
    return StoredUncertainty(
        methodology=methodology,
        run_id=run_id,
        period=period,
        synthetic=run.values.synthetic,
        declared=bool(uncertain_inputs(m)),
        analysis=analysis,
    )
