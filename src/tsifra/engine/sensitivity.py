"""Sensitivity analysis: which uncertain choice drives the movement of the ranking.

Variance-based (Sobol') indices, as the JRC audits composite indicators: the first-order index of
a choice is the share of the output's variance it explains alone, the total index adds every
interaction it takes part in, so ST ≥ S1 and the gap measures interactions. The output is COINr's
target, the mean absolute rank shift from the nominal ranking, and each unit's rank. SALib draws
the Saltelli design (a scrambled Sobol' sequence; N·(d + 2) runs for d choices, a weight-noise
level counting as one choice) and estimates the indices with bootstrap confidence intervals; the
runs go through the uncertainty evaluator, so they are batched like any uncertainty analysis.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from SALib.analyze import sobol as sobol_analyze
from SALib.sample import sobol as sobol_sample

from tsifra.engine.result import Result
from tsifra.engine.uncertainty import (
    Progress,
    UncertainInput,
    UncertaintyResult,
    fresh_seed,
    uncertain_inputs,
    uncertainty_of_design,
)

SHIFT = "mean_abs_rank_shift"  # the target name in exports
INDEX_COLUMNS = ["input", "S1", "S1_conf", "ST", "ST_conf"]


@dataclass(frozen=True, eq=False)
class SensitivityResult:
    """Sobol' indices on the mean absolute rank shift (`indices`) and on each unit's rank
    (`unit_indices`); `*_conf` is the half-width of the bootstrap confidence interval."""

    inputs: tuple[str, ...]
    indices: pd.DataFrame  # input, S1, S1_conf, ST, ST_conf
    unit_indices: pd.DataFrame  # unit, input, S1, S1_conf, ST, ST_conf
    uncertainty: UncertaintyResult  # the design's independent samples (matrices A and B)
    base_samples: int
    runs: int
    seed: int
    conf_level: float

    def frame(self) -> pd.DataFrame:
        return self.indices.copy()

    def long(self) -> pd.DataFrame:
        """Both tables stacked with a `target` column: the rank shift first, then each unit."""
        overall = self.indices.assign(target=SHIFT)
        units = self.unit_indices.rename(columns={"unit": "target"})
        return pd.concat([overall, units], ignore_index=True)[["target", *INDEX_COLUMNS]]


def run_sensitivity(
    result: Result,
    n: int,
    seed: int | None = None,
    units: pd.DataFrame | None = None,
    period: str | None = None,
    resamples: int = 100,
    conf_level: float = 0.95,
    progress: Progress | None = None,
) -> SensitivityResult:
    """First-order and total Sobol' indices of each declared uncertain choice.

    `n` is the number of base samples (a power of two keeps the Sobol' sequence balanced); the
    index is recomputed n·(d + 2) times. A unit whose rank is missing in some run (screened out,
    or no score) gets NaN indices; one whose rank never moves gets zeros.
    """
    if n < 2:
        raise ValueError(f"the number of base samples must be at least 2, got {n}")
    inputs = uncertain_inputs(result.methodology)
    if not inputs:
        raise ValueError("the methodology declares no uncertain choice to analyse")
    seed = fresh_seed() if seed is None else int(seed)
    problem = salib_problem(inputs)
    with warnings.catch_warnings(action="ignore", category=UserWarning):
        design = sobol_sample.sample(problem, n, calc_second_order=False, seed=seed)
    runs = uncertainty_of_design(result, inputs, design, seed, units, period, progress=progress)
    position = np.arange(len(design)) % (len(inputs) + 2)
    independent = (position == 0) | (position == len(inputs) + 1)  # SALib's A and B rows
    sampled = replace(
        runs,
        design=design[independent],
        scores=runs.scores[independent],
        ranks=runs.ranks[independent],
    )
    names = tuple(i.name for i in inputs)
    estimate = [
        sobol_indices(problem, y, resamples, conf_level, seed)
        for y in [runs.rank_shift(), *runs.ranks.T]
    ]
    overall = _table(names, estimate[0])
    unit_table = _table(names, np.concatenate(estimate[1:], axis=1))
    unit_table.insert(0, "unit", np.repeat(np.array(runs.units, dtype=object), len(names)))
    return SensitivityResult(
        inputs=names,
        indices=overall,
        unit_indices=unit_table,
        uncertainty=sampled,
        base_samples=n,
        runs=len(design),
        seed=seed,
        conf_level=conf_level,
    )


def salib_problem(inputs: tuple[UncertainInput, ...]) -> dict:
    """Every design column on [0, 1]; the columns of one choice form a SALib group."""
    names, groups = [], []
    for inp in inputs:
        columns = [f"{inp.name}:{c}" for c in inp.codes] if inp.codes else [inp.name]
        names += columns
        groups += [inp.name] * len(columns)
    return {
        "num_vars": len(names),
        "names": names,
        "bounds": [[0.0, 1.0]] * len(names),
        "groups": groups,
    }


def sobol_indices(
    problem: dict, y: np.ndarray, resamples: int, conf_level: float, seed: int
) -> np.ndarray:
    """SALib's estimators on one output: rows S1, S1_conf, ST, ST_conf, one column per choice.

    NaN where the output is missing in any run; zero where it never moves (SALib would divide
    by a zero variance).
    """
    groups = len(dict.fromkeys(problem["groups"]))
    if not np.all(np.isfinite(y)):
        return np.full((4, groups), np.nan)
    if np.ptp(y) == 0:
        return np.zeros((4, groups))
    with warnings.catch_warnings(action="ignore", category=RuntimeWarning):
        s = sobol_analyze.analyze(
            problem,
            y,
            calc_second_order=False,
            num_resamples=resamples,
            conf_level=conf_level,
            seed=seed + 1,  # SALib treats a seed of 0 as none
        )
    return np.array([s["S1"], s["S1_conf"], s["ST"], s["ST_conf"]], dtype=float)


def _table(names: tuple[str, ...], estimate: np.ndarray) -> pd.DataFrame:
    """Rows of (input, S1, S1_conf, ST, ST_conf); `estimate` holds one column per row."""
    k = estimate.shape[1] // len(names)
    table = pd.DataFrame(dict(zip(INDEX_COLUMNS[1:], estimate, strict=True)))
    table.insert(0, "input", list(names) * k)
    return table
