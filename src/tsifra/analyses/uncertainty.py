"""How sure a rating is, from files: uncertainty and Sobol' sensitivity analysis.

The inputs pass the same validation as `compute_index`; what only these analyses need (a period
that exists, the groups an alternative imputation names, something declared uncertain) is
checked before the engine runs, and comes back as problems, never as a crash.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tsifra.engine.sensitivity import SensitivityResult, run_sensitivity
from tsifra.engine.uncertainty import (
    Progress,
    UncertaintyResult,
    run_uncertainty,
    uncertain_inputs,
)
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.methodology import Methodology
from tsifra.methodology.uncertainty import step_alternatives
from tsifra.ratings.compute import IndexRun, compute_index, normalise_period
from tsifra.ratings.export import write_table

Source = str | Path | pd.DataFrame


def analyse_uncertainty(
    methodology: str | Path | Methodology,
    data: Source,
    n: int,
    seed: int | None = None,
    units: Source | None = None,
    period: str | None = None,
    progress: Progress | None = None,
) -> tuple[IndexRun, UncertaintyResult]:
    """The nominal computation and `n` seeded samples of the declared uncertain choices, for
    `period` (the latest by default). Nothing declared: every sample is the nominal index."""
    run, period = _prepared(methodology, data, units, period)
    analysis = run_uncertainty(run.result, n, seed, run.units, period, progress=progress)
    return run, analysis


def analyse_sensitivity(
    methodology: str | Path | Methodology,
    data: Source,
    n: int,
    seed: int | None = None,
    units: Source | None = None,
    period: str | None = None,
    resamples: int = 100,
    progress: Progress | None = None,
) -> tuple[IndexRun, SensitivityResult]:
    """Sobol' indices of each declared choice from `n` base samples (n·(d + 2) computations)."""
    run, period = _prepared(methodology, data, units, period)
    if not uncertain_inputs(run.methodology):
        raise ValidationFailed([Problem("no_uncertainty", path="uncertainty")])
    result = run_sensitivity(
        run.result, n, seed, run.units, period, resamples=resamples, progress=progress
    )
    return run, result


def write_uncertainty(analysis: UncertaintyResult, path: str | Path) -> Path:
    """The per-unit summary (`UncertaintyResult.frame`); the format follows the extension."""
    return write_table(analysis.frame(), path)


def write_sensitivity(result: SensitivityResult, path: str | Path) -> Path:
    """Indices on the mean rank shift, then on each unit's rank (`SensitivityResult.long`)."""
    return write_table(result.long(), path)


def _prepared(
    methodology: str | Path | Methodology, data: Source, units: Source | None, period: str | None
) -> tuple[IndexRun, str | None]:
    run = compute_index(methodology, data, units)
    period = normalise_period(period)
    problems = []
    if period is not None and period not in run.result.periods:
        problems.append(Problem("unknown_period", path="--period", value=period))
    groups = {s.group for s in step_alternatives(run.methodology).get("imputation", [])}
    attributes = set(run.units.columns) if run.units is not None else set()
    problems += [Problem("missing_group", value=g) for g in sorted(groups - {None} - attributes)]
    if problems:
        raise ValidationFailed(problems)
    return run, period
