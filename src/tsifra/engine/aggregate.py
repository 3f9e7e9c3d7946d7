"""Aggregate: weighted means of children, level by level up the tree to the index.

Weights are relative within a parent. When children are missing, the mean is taken over those
present, re-weighted — but only if they carry at least `min_share` of the parent's weight;
otherwise the parent is missing too, so a score is never built on a sliver of its data.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np

from tsifra.engine.panel import Panel
from tsifra.methodology import Methodology
from tsifra.methodology.schema import AggregateSpec

# Each mean takes children values (..., k) with NaN as 0-weight and normalised weights (..., k).
MeanFn = Callable[[np.ndarray, np.ndarray, AggregateSpec], np.ndarray]


def _arithmetic(x, w, spec):
    return np.sum(w * x, axis=-1)


def _geometric(x, w, spec):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.exp(np.sum(w * np.log(x), axis=-1))


def _harmonic(x, w, spec):
    with np.errstate(divide="ignore", invalid="ignore"):
        inv = np.sum(np.where(w > 0, w / x, 0.0), axis=-1)
        return np.where(inv > 0, 1.0 / inv, np.where(np.isinf(inv), 0.0, np.nan))


def _generalised(x, w, spec):
    p = spec.power
    if p == 0:
        return _geometric(x, w, spec)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.sum(w * x**p, axis=-1) ** (1.0 / p)


METHODS: dict[str, MeanFn] = {
    "arithmetic": _arithmetic,
    "geometric": _geometric,
    "harmonic": _harmonic,
    "generalised": _generalised,
}


def weighted_mean(x: np.ndarray, weights: np.ndarray, spec: AggregateSpec) -> np.ndarray:
    """Mean over the last axis, re-weighted over present values, NaN below `min_share`.

    `weights` is (k,) or broadcasts against `x` (one weight vector per scenario). A child of
    zero weight takes no part, even under the geometric mean where its zero would poison the log.
    """
    present = ~np.isnan(x)
    w = np.where(present, weights, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = w.sum(axis=-1) / weights.sum(axis=-1)
        wn = w / w.sum(axis=-1, keepdims=True)
    filled = np.where(present & (w > 0), x, 1.0)
    out = METHODS[spec.method](filled, np.nan_to_num(wn), spec)
    enough = (share >= spec.min_share - 1e-12) & (share > 0)
    return np.where(enough, out, np.nan)


def aggregate(
    normalised: Panel, m: Methodology, weights: Mapping[str, np.ndarray] | None = None
) -> Panel:
    """Scores of every node, in the methodology's aggregation order, appended to the indicators.

    `weights` replaces the methodology's weight of any item by one weight per period: this is
    how uncertainty analysis aggregates a batch of scenarios, each with its own weights.
    """
    codes = list(normalised.codes)
    p, u, _ = normalised.values.shape
    node_order = m.aggregation_order
    values = np.concatenate([normalised.values, np.full((p, u, len(node_order)), np.nan)], axis=2)
    codes += node_order
    position = {c: i for i, c in enumerate(codes)}
    for node in node_order:
        kids = m.children[node]
        x = values[:, :, [position[k] for k in kids]]
        w = _weights(kids, m, weights, p)
        spec = m.node(node).aggregate or m.steps.aggregate
        values[:, :, position[node]] = weighted_mean(x, w, spec)
    return normalised.with_values(values, tuple(codes))


def _weights(
    kids: list[str], m: Methodology, weights: Mapping[str, np.ndarray] | None, periods: int
) -> np.ndarray:
    """(k,) weights of a node's children, or (periods, 1, k) where any is given per period."""
    if not weights or not any(k in weights for k in kids):
        return np.array([m.weights[k] for k in kids], dtype=float)
    columns = [np.broadcast_to(weights.get(k, m.weights[k]), (periods,)) for k in kids]
    return np.stack(columns, axis=-1).astype(float)[:, None, :]
