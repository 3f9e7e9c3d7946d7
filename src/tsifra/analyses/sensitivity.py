"""Which uncertain choice moves the ranks most: Sobol' sensitivity of a computed index.

First-order and total Sobol' indices of each choice the methodology declares uncertain, from
files or a stored run alike; the checks are those of the rank intervals (`analysed_period`), and
a methodology declaring nothing uncertain has nothing to analyse.
"""

from __future__ import annotations

from pathlib import Path

from tsifra.analyses.intervals import analysed_period, check_samples
from tsifra.engine.sensitivity import SensitivityResult, run_sensitivity
from tsifra.engine.uncertainty import Progress, uncertain_inputs
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.ratings.computed import ComputedIndex
from tsifra.ratings.export import write_table

__all__ = ["SensitivityResult", "sensitivity", "write_sensitivity"]


def sensitivity(
    index: ComputedIndex,
    n: int,
    seed: int | None = None,
    period: str | None = None,
    resamples: int = 100,
    progress: Progress | None = None,
) -> SensitivityResult:
    """Sobol' indices of each declared choice from `n` base samples (n·(d + 2) computations of
    the index, d the number of choices), for `period` (the latest by default)."""
    check_samples(n, "n")
    period = analysed_period(index, period)
    if not uncertain_inputs(index.methodology):
        raise ValidationFailed([Problem("no_uncertainty", path="uncertainty")])
    return run_sensitivity(
        index.result, n, seed, index.units, period, resamples=resamples, progress=progress
    )


def write_sensitivity(result: SensitivityResult, path: str | Path) -> Path:
    """Indices on the mean rank shift, then on each unit's rank (`SensitivityResult.long`)."""
    return write_table(result.long(), path)
