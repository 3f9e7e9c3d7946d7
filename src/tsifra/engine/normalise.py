"""Normalise: bring indicators in different units onto one scale, with direction applied.

Each method works on a block of columns (periods × units × indicators) and is looked up by the name
used in the methodology file. Cross-sectional methods (minmax, zscore, rank, percentile_rank,
distance_to_target) compare units within a period; goalposts and target_achievement use fixed
reference values, so a unit's score does not depend on the others — the form the Russian
digital-maturity methodology uses (x / target, capped at 100 %).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from tsifra.engine.impute import group_by_spec
from tsifra.engine.panel import Panel
from tsifra.kernel.periods import period_year
from tsifra.methodology import Methodology
from tsifra.methodology.schema import NormaliseSpec


@dataclass(frozen=True)
class Reference:
    """Per-column constants a method may need: direction, goalposts, targets by period."""

    direction: np.ndarray  # (k,) of +1 / -1
    low: np.ndarray  # (k,) goalpost min, NaN if none
    high: np.ndarray  # (k,) goalpost max
    target: np.ndarray  # (periods, k), NaN if none


NormaliseFn = Callable[[np.ndarray, NormaliseSpec, Reference], np.ndarray]


def _quiet():
    return warnings.catch_warnings(action="ignore", category=RuntimeWarning)


def _none(x, spec, ref):
    return x.copy()


def _minmax(x, spec, ref):
    x = x * ref.direction
    with _quiet(), np.errstate(all="ignore"):
        lo = np.nanmin(x, axis=1, keepdims=True)
        hi = np.nanmax(x, axis=1, keepdims=True)
        share = np.where(hi > lo, (x - lo) / (hi - lo), 0.5)
    a, b = spec.range
    return np.where(np.isnan(x), np.nan, a + share * (b - a))


def _zscore(x, spec, ref):
    x = x * ref.direction
    with _quiet(), np.errstate(all="ignore"):
        mean = np.nanmean(x, axis=1, keepdims=True)
        sd = np.nanstd(x, axis=1, ddof=1, keepdims=True)
        z = np.where(sd > 0, (x - mean) / sd, 0.0)
    return np.where(np.isnan(x), np.nan, spec.mean + spec.sd * z)


def _goalposts(x, spec, ref):
    share = (x - ref.low) / (ref.high - ref.low)
    share = np.where(ref.direction > 0, share, 1.0 - share)
    if spec.clip:
        share = np.clip(share, 0.0, 1.0)
    return share * spec.scale


def _target_achievement(x, spec, ref):
    target = ref.target[:, None, :]
    with np.errstate(all="ignore"):
        up = x / target
        down = np.where(x > 0, target / x, np.where(x == 0, np.inf, np.nan))
    share = np.where(ref.direction > 0, up, down)
    share = np.where(np.isnan(x), np.nan, share)
    if spec.clip:
        share = np.clip(share, 0.0, 1.0)
    return share * spec.scale


def _distance_to_target(x, spec, ref):
    target = ref.target[:, None, :]
    with _quiet(), np.errstate(all="ignore"):
        lo = np.nanmin(x, axis=1, keepdims=True)
        hi = np.nanmax(x, axis=1, keepdims=True)
        up = (x - lo) / (target - lo)
        down = (hi - x) / (hi - target)
    share = np.where(ref.direction > 0, up, down)
    if spec.clip:
        share = np.clip(share, 0.0, 1.0)
    return share * spec.scale


def _ranks(x, ref) -> tuple[np.ndarray, np.ndarray]:
    """Rank of each unit among the units of its period (1 = lowest), ties share the lowest rank."""
    x = x * ref.direction
    below = (x[:, None, :, :] < x[:, :, None, :]).sum(axis=2)
    present = ~np.isnan(x)
    return np.where(present, below + 1.0, np.nan), present.sum(axis=1, keepdims=True)


def _rank(x, spec, ref):
    return _ranks(x, ref)[0]


def _percentile_rank(x, spec, ref):
    rank, n = _ranks(x, ref)
    with np.errstate(all="ignore"):
        share = np.where(n > 1, (rank - 1.0) / (n - 1.0), 1.0)
    return np.where(np.isnan(rank), np.nan, share * spec.scale)


METHODS: dict[str, NormaliseFn] = {
    "none": _none,
    "minmax": _minmax,
    "zscore": _zscore,
    "goalposts": _goalposts,
    "target_achievement": _target_achievement,
    "distance_to_target": _distance_to_target,
    "rank": _rank,
    "percentile_rank": _percentile_rank,
}


def reference_for(m: Methodology, codes: tuple[str, ...], periods: tuple[str, ...]) -> Reference:
    """Directions, goalposts and each period's targets. Targets are looked up once per distinct
    year: a batch of scenarios repeats one period's label thousands of times."""
    indicators = [m.indicator(c) for c in codes]
    years = [period_year(p) for p in periods]
    nan = float("nan")
    by_year = {y: [_or_nan(i.target_for_year(y)) for i in indicators] for y in dict.fromkeys(years)}
    return Reference(
        direction=np.array([i.direction for i in indicators], dtype=float),
        low=np.array([i.goalposts.min if i.goalposts else nan for i in indicators]),
        high=np.array([i.goalposts.max if i.goalposts else nan for i in indicators]),
        target=np.array([by_year[y] for y in years], dtype=float).reshape(
            len(years), len(indicators)
        ),
    )


def _or_nan(v: float | None) -> float:
    return float("nan") if v is None else v


def normalise(panel: Panel, m: Methodology) -> Panel:
    """Normalise each indicator with its own (or the default) method and direction."""
    ref = reference_for(m, panel.codes, panel.periods)
    out = np.full(panel.values.shape, np.nan)
    for spec, cols in group_by_spec(panel.codes, lambda c: m.steps_for(c).normalise).items():
        part = Reference(ref.direction[cols], ref.low[cols], ref.high[cols], ref.target[:, cols])
        out[:, :, cols] = METHODS[spec.method](panel.values[:, :, cols], spec, part)
    return panel.with_values(out)
