"""Sobol' indices of the uncertain choices: SALib's design and estimators over the batched
evaluator, on COINr's ASEM example and on small trees where the answer is known."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from builders import asem_inputs, tiny_methodology
from tsifra.engine import compute
from tsifra.engine.sensitivity import SHIFT, run_sensitivity, salib_problem
from tsifra.engine.uncertainty import uncertain_inputs
from tsifra.methodology import Methodology

UNITS = [f"u{k:02d}" for k in range(10)]


def declare(m: Methodology, block: dict | None) -> Methodology:
    data = m.model_dump()
    data["uncertainty"] = block
    return Methodology.model_validate(data)


def spread_values() -> pd.DataFrame:
    """Ten units, evenly spread and free of outliers, so winsorisation never triggers."""
    rng = np.random.default_rng(4)
    rows = [
        (u, "2024", f"i{c + 1}", float(v))
        for k, u in enumerate(UNITS)
        for c, v in enumerate(10 + 5 * k + rng.uniform(-20, 20, size=4))
    ]
    return pd.DataFrame(rows, columns=["unit", "period", "indicator", "value"])


@pytest.fixture(scope="module")
def asem_sobol(reference_dir):
    m, values, units = asem_inputs(reference_dir)
    result = compute(m, values, units)
    return result, units, run_sensitivity(result, 256, seed=7, units=units)


def test_total_indices_sum_to_at_least_the_first_order_ones(asem_sobol):
    _, _, sobol = asem_sobol
    table = sobol.frame()
    assert list(table["input"]) == list(sobol.inputs)
    assert table["ST"].sum() >= table["S1"].sum()
    assert (table["ST"] >= 0).all() and (table["ST_conf"] > 0).all()
    assert sobol.runs == 256 * (len(sobol.inputs) + 2)


def test_the_dominant_choice_does_not_depend_on_the_seed(asem_sobol):
    result, units, sobol = asem_sobol
    other = run_sensitivity(result, 256, seed=8, units=units)
    leading = [s.frame().sort_values("ST").iloc[-1]["input"] for s in (sobol, other)]
    assert leading[0] == leading[1]


def test_the_same_seed_gives_the_same_indices(asem_sobol):
    result, units, sobol = asem_sobol
    again = run_sensitivity(result, 256, seed=7, units=units)
    pd.testing.assert_frame_equal(sobol.long(), again.long())


def test_indices_on_each_units_rank(asem_sobol):
    result, _, sobol = asem_sobol
    per_unit = sobol.unit_indices
    assert len(per_unit) == len(result.units) * len(sobol.inputs)
    che = per_unit[per_unit["unit"] == "CHE"]
    assert len(che) == len(sobol.inputs)
    long = sobol.long()
    assert list(long.columns) == ["target", "input", "S1", "S1_conf", "ST", "ST_conf"]
    assert (long["target"].iloc[: len(sobol.inputs)] == SHIFT).all()


def test_the_design_samples_double_as_an_uncertainty_analysis(asem_sobol):
    _, _, sobol = asem_sobol
    sampled = sobol.uncertainty
    assert sampled.n == 2 * 256
    table = sampled.frame()
    assert table.loc[0, "unit"] == "CHE" and table.loc[0, "median_rank"] <= 2


def test_a_choice_that_changes_nothing_has_zero_total_index():
    m = tiny_methodology(treat={"method": "winsorise", "winmax": 5})
    m = declare(
        m,
        {
            "weights": [{"level": 1, "noise": 0.5}],
            "winsorisation": {"min": 1, "max": 5},
            "aggregation": ["arithmetic", "harmonic"],
        },
    )
    result = compute(m, spread_values())
    assert result.treatment.empty
    sobol = run_sensitivity(result, 64, seed=1).frame().set_index("input")
    assert sobol.loc["winsorisation", "ST"] == 0
    assert sobol.loc["weights_level_1", "ST"] > 0


def test_a_unit_whose_rank_never_moves_gets_zero_indices():
    m = declare(tiny_methodology(), {"weights": [{"level": 1, "noise": 0.1}]})
    data = spread_values()
    data.loc[data["unit"] == "u09", "value"] = 1000.0  # first on every indicator
    sobol = run_sensitivity(compute(m, data), 32, seed=3)
    leader = sobol.unit_indices.set_index("unit").loc["u09"]
    assert leader["ST"] == 0 and leader["S1"] == 0


def test_a_weight_noise_level_is_one_choice_of_many_columns():
    m = declare(
        tiny_methodology(), {"weights": [{"level": 1, "noise": 0.2}], "drop_indicator": True}
    )
    problem = salib_problem(uncertain_inputs(m))
    assert problem["num_vars"] == 5
    assert problem["groups"] == ["weights_level_1"] * 4 + ["drop_indicator"]


def test_nothing_to_analyse_or_too_few_samples():
    result = compute(tiny_methodology(), spread_values())
    with pytest.raises(ValueError, match="no uncertain choice"):
        run_sensitivity(result, 16)
    uncertain = compute(
        declare(tiny_methodology(), {"aggregation": ["arithmetic", "geometric"]}), spread_values()
    )
    with pytest.raises(ValueError, match="at least 2, got 1"):
        run_sensitivity(uncertain, 1)
