"""Explain one unit's score: where its index points come from and where the next ones are.

Contributions split the index into index points per indicator by each indicator's effective
weight (its weight share at every level on its path, re-weighted over the children present).
They add up to the index exactly under arithmetic aggregation; under other means they are the
linear share.

The gain of reaching a target is what-if's own answer to "this indicator at its target": the
same replay (`engine.whatif.replay`), one scenario per indicator, all in one vectorised batch. So
it is exact for any method, and gaps that imputation fills from other units (a group mean, say)
are filled again with the unit's new value, as a recomputation from scratch would: the explain
table and the what-if form can never disagree. Explain calls what-if's replay rather than a
service composing the two, because the gain is part of what an explanation is — every caller of
the engine, not only the services, must get the exact figure.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from tsifra.engine.normalise import reference_for
from tsifra.engine.result import Result
from tsifra.engine.whatif import replay


@dataclass(frozen=True)
class Explanation:
    unit: str
    period: str
    node: str
    score: float
    rank: int | None
    units_ranked: int
    indicators: pd.DataFrame  # one row per indicator, see `explain`
    strongest: list[str]
    weakest: list[str]
    exact: bool  # contributions add up to the score (arithmetic aggregation throughout)


def explain(
    result: Result,
    unit: str,
    period: str | None = None,
    top: int = 3,
    *,
    units: pd.DataFrame | None = None,
) -> Explanation:
    """Explain `unit` in `period` (the latest by default).

    The indicator table has: indicator, name, parent, value (after denomination and imputation),
    target, normalised, weight (effective, sums to 1 over present indicators), contribution
    (index points), gain_to_target (index points if the indicator reached its target; NaN where
    there is no target or it is already met), rank (among units, 1 = best). `units` is the unit
    list the result was computed with; it is needed only where imputation groups units.
    """
    m = result.methodology
    period = period or result.periods[-1]
    pi = result.periods.index(period)
    ui = result.units.index(unit)
    agg = result.aggregated
    root = m.root
    score = float(agg.values[pi, ui, agg.codes.index(root)])
    weight = effective_weights(result, pi, ui)
    codes = list(m.indicator_codes)
    normalised = agg.values[pi, ui, : len(codes)]
    ranks = result.ranks.values[pi, ui, : len(codes)]
    ref = reference_for(m, tuple(codes), (period,))
    value = result.imputed.values[pi, ui, :]
    table = pd.DataFrame(
        {
            "indicator": codes,
            "name": [m.name_of(c, "ru") for c in codes],  # the methodology's own names
            "name_en": [m.name_of(c, "en") for c in codes],  # the Russian one where none
            "parent": [m.indicator(c).parent for c in codes],
            "value": value,
            "target": ref.target[0],
            "normalised": normalised,
            "weight": weight,
            "contribution": weight * np.nan_to_num(normalised),
            "gain_to_target": gains_to_target(result, pi, ui, ref.target[0], units),
            "rank": pd.array(ranks, dtype="Int64") if np.isfinite(ranks).any() else ranks,
        }
    )
    ranked = table.dropna(subset=["rank"]).sort_values(
        ["rank", "normalised"], ascending=[True, False]
    )
    root_rank = result.ranks.values[pi, ui, agg.codes.index(root)]
    methods = {(n.aggregate or m.steps.aggregate).method for n in m.nodes}
    return Explanation(
        unit=unit,
        period=period,
        node=root,
        score=score,
        rank=None if np.isnan(root_rank) else int(root_rank),
        units_ranked=int(np.sum(~np.isnan(agg.values[pi, :, agg.codes.index(root)]))),
        indicators=table,
        strongest=list(ranked["indicator"].head(top)),
        weakest=list(ranked["indicator"].tail(top)[::-1]),
        exact=methods == {"arithmetic"},
    )


def effective_weights(result: Result, pi: int, ui: int) -> np.ndarray:
    """Each indicator's share of the index for one unit and period, top-down over present items."""
    m = result.methodology
    agg = result.aggregated
    present = ~np.isnan(agg.values[pi, ui, :])
    position = {c: i for i, c in enumerate(agg.codes)}
    share = {m.root: 1.0 if present[position[m.root]] else 0.0}
    for node in reversed(m.aggregation_order):
        kids = [k for k in m.children[node] if present[position[k]]]
        total = sum(m.weights[k] for k in kids)
        for k in kids:
            share[k] = share.get(node, 0.0) * (m.weights[k] / total if total > 0 else 0.0)
    return np.array([share.get(c, 0.0) for c in m.indicator_codes])


def gains_to_target(
    result: Result,
    pi: int,
    ui: int,
    targets: np.ndarray,
    units: pd.DataFrame | None = None,
) -> np.ndarray:
    """Index points gained if each indicator alone reached its target: what-if's replay with one
    scenario per indicator short of its target (or missing), gaps re-imputed in each."""
    m = result.methodology
    value = result.imputed.values[pi, ui]
    direction = np.array([m.indicator(c).direction for c in m.indicator_codes], dtype=float)
    short = np.isnan(value) | (direction * (value - targets) < 0)
    short &= ~np.isnan(targets)
    which = np.flatnonzero(short)
    gains = np.full(len(value), np.nan)
    if which.size == 0:
        return gains
    scenarios = [{int(j): float(targets[j])} for j in which]
    _, _, aggregated = replay(
        m,
        result.imputed.values[pi],
        result.denominated.values[pi],
        result.periods[pi],
        result.units,
        ui,
        scenarios,
        units,
    )
    root = aggregated.values[:, ui, aggregated.codes.index(m.root)]
    gains[which] = root[1:] - root[0]
    return gains
