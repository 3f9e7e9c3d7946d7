"""Invariants of the engine, checked on random panels (hypothesis)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builders import tiny_methodology
from tsifra.engine import compute

UNITS = [f"u{k}" for k in range(6)]
CODES = ["i1", "i2", "i3", "i4"]

values = st.lists(
    st.one_of(st.floats(0, 100, allow_nan=False), st.none()),
    min_size=len(UNITS) * len(CODES),
    max_size=len(UNITS) * len(CODES),
)
weights = st.tuples(*[st.floats(0.1, 10) for _ in CODES])
normalisers = st.sampled_from(
    [
        {"method": "minmax", "range": [0, 100]},
        {"method": "minmax", "range": [1, 10]},
        {"method": "goalposts", "clip": True, "scale": 100},
        {"method": "target_achievement", "clip": True, "scale": 100},
        {"method": "percentile_rank", "scale": 100},
    ]
)
fast = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def frame(cells: list) -> pd.DataFrame:
    rows = [
        (u, "2022", c, cells[i * len(CODES) + j])
        for i, u in enumerate(UNITS)
        for j, c in enumerate(CODES)
    ]
    out = pd.DataFrame(rows, columns=["unit", "period", "indicator", "value"])
    return out.dropna(subset=["value"])


def normalised_bounds(spec: dict) -> tuple[float, float]:
    if spec["method"] == "minmax":
        return tuple(spec["range"])
    return 0.0, 100.0


@fast
@given(cells=values, spec=normalisers, w=weights)
def test_scores_stay_in_the_normalised_range(cells, spec, w):
    data = frame(cells)
    if data.empty:
        return
    result = compute(tiny_methodology(normalise=spec, weights=w), data)
    lo, hi = normalised_bounds(spec)
    scores = result.aggregated.values
    present = scores[~np.isnan(scores)]
    assert np.all(present >= lo - 1e-9) and np.all(present <= hi + 1e-9)


@fast
@given(
    cells=values,
    spec=normalisers,
    w=weights,
    unit=st.integers(0, len(UNITS) - 1),
    code=st.integers(0, len(CODES) - 1),
    step=st.floats(0.1, 50),
)
def test_improving_an_indicator_never_lowers_the_index(cells, spec, w, unit, code, step):
    cells = [50.0 if c is None else c for c in cells]
    before = compute(tiny_methodology(normalise=spec, weights=w), frame(cells))
    k = unit * len(CODES) + code
    cells = list(cells)
    cells[k] = min(cells[k] + step, 100.0)
    after = compute(tiny_methodology(normalise=spec, weights=w), frame(cells))
    u = UNITS[unit]
    assert after.scores().loc["2022", u] >= before.scores().loc["2022", u] - 1e-9


@fast
@given(cells=values, w=weights, factor=st.floats(0.01, 100))
def test_scaling_all_weights_of_a_parent_changes_nothing(cells, w, factor):
    data = frame(cells)
    if data.empty:
        return
    base = compute(tiny_methodology(weights=w), data).aggregated.values
    scaled = tuple(x * factor for x in w)
    other = compute(tiny_methodology(weights=scaled), data).aggregated.values
    np.testing.assert_allclose(other, base, rtol=1e-9, atol=1e-9)


@fast
@given(cells=values)
def test_ranks_are_a_permutation_with_ties(cells):
    data = frame(cells)
    if data.empty:
        return
    result = compute(tiny_methodology(), data)
    scores = result.scores().loc["2022"].dropna()
    ranks = result.long(["index"]).set_index("unit")["rank"].astype(int)
    ranks = ranks.loc[scores.index]
    for unit, score in scores.items():
        assert ranks[unit] == 1 + int((scores > score).sum())
    assert sorted(ranks.unique())[0] == 1
    assert ranks.max() <= len(scores)
