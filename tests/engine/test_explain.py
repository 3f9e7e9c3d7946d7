"""Explanations: contributions add up, gains to target are real, strongest and weakest."""

from __future__ import annotations

import numpy as np
import pytest

from builders import long_frame, tiny_methodology
from tsifra.engine import compute, explain


def rows():
    data = {
        "a": (10.0, 20.0, 30.0, 95.0),
        "b": (50.0, 60.0, 70.0, 80.0),
        "c": (90.0, 85.0, 40.0, 10.0),
    }
    return long_frame(
        [(u, "2022", f"i{k + 1}", v) for u, vals in data.items() for k, v in enumerate(vals)]
    )


@pytest.fixture
def result():
    m = tiny_methodology(
        normalise={"method": "target_achievement", "scale": 100}, weights=(1, 3, 1, 1)
    )
    return compute(m, rows())


def test_contributions_add_up_to_the_index(result):
    e = explain(result, "a")
    assert e.exact
    assert e.indicators["contribution"].sum() == pytest.approx(e.score)
    assert e.indicators["weight"].sum() == pytest.approx(1.0)
    # i2 carries 3/4 of pillar A, which is half the index
    assert e.indicators.set_index("indicator").loc["i2", "weight"] == pytest.approx(0.375)


def test_gain_to_target_equals_a_recomputation_with_the_target(result):
    e = explain(result, "a")
    gains = e.indicators.set_index("indicator")["gain_to_target"]
    assert np.isnan(gains["i4"])  # 95 ≥ target 90: nothing to gain
    m = result.methodology
    data = rows()
    data.loc[(data.unit == "a") & (data.indicator == "i2"), "value"] = 90.0
    again = compute(m, data)
    assert gains["i2"] == pytest.approx(again.scores().loc["2022", "a"] - e.score)
    assert gains["i2"] > gains["i1"] > 0  # heavier weight, bigger gain


def test_strongest_and_weakest_by_rank_among_units(result):
    e = explain(result, "c", top=1)
    assert e.strongest == ["i1"]
    assert e.weakest == ["i4"]
    assert e.rank is not None and e.units_ranked == 3
