"""Explanations: contributions add up, gains to target are real, strongest and weakest."""

from __future__ import annotations

import numpy as np
import pandas as pd
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


# --- the gain at target is what-if's answer, gaps imputed from other units included ------------


@pytest.fixture(scope="module")
def asem_with_targets(reference_dir):
    """COINr's ASEM example (group-mean imputation, winsorisation, min-max) with a target for
    every indicator: its column's upper quartile (lower quartile where lower is better)."""
    from builders import asem_inputs
    from tsifra.methodology import Methodology

    m, values, units = asem_inputs(reference_dir)
    r = compute(m, values, units)
    period = r.periods[-1]
    column = r.denominated.frame(period)
    spec = m.model_dump(mode="json", exclude_none=True)
    for ind in spec["indicators"]:
        q = 0.75 if ind.get("direction", 1) == 1 else 0.25
        ind["targets"] = {int(period): float(np.nanquantile(column[ind["code"]], q))}
    m = Methodology.model_validate(spec)
    return compute(m, values, units), units


def gains_without_reimputation(result, unit: str, targets) -> np.ndarray:
    """The gain as explain computed it before: the unit's imputed value set to its target and
    the pipeline replayed from the imputed stage, other units' imputed values left as they were."""
    from tsifra.engine.panel import Panel
    from tsifra.engine.pipeline import replay_from_imputed

    pi, ui = len(result.periods) - 1, result.units.index(unit)
    base = result.imputed.values[pi]
    which = np.flatnonzero(~np.isnan(targets))
    batch = np.repeat(base[None], which.size + 1, axis=0)
    batch[np.arange(1, which.size + 1), ui, which] = targets[which]
    panel = Panel((result.periods[pi],) * len(batch), result.units, result.imputed.codes, batch)
    index = replay_from_imputed(result.methodology, panel)
    root = index.values[:, ui, index.codes.index(result.methodology.root)]
    gains = np.full(len(targets), np.nan)
    gains[which] = root[1:] - root[0]
    return gains


@pytest.mark.parametrize("unit", ["IND", "CHN", "KHM", "AUT", "MNG"])
def test_on_asem_the_gain_at_target_is_what_ifs_answer(asem_with_targets, unit):
    from tsifra.engine.whatif import compare

    r, units = asem_with_targets
    e = explain(r, unit, units=units)
    gains = e.indicators.set_index("indicator")["gain_to_target"].dropna()
    assert len(gains) > 20
    scenarios = {code: {code: "target"} for code in gains.index}
    for code, w in zip(
        gains.index, compare(r, unit, scenarios, units=units, lang="ru"), strict=True
    ):
        assert w.index_change == pytest.approx(gains[code], rel=1e-9, abs=1e-12), code


def test_on_asem_the_old_gain_missed_what_imputation_moves(asem_with_targets):
    """India's tariff at target lowers the Asian mean that fills three Asian gaps, which moves
    the column's winsorisation: a replay that leaves other units' imputed values alone gets
    India's gain wrong, the what-if replay gets it right."""
    r, units = asem_with_targets
    e = explain(r, "IND", units=units).indicators.set_index("indicator")
    old = pd.Series(gains_without_reimputation(r, "IND", e["target"].to_numpy()), e.index)
    differs = (e["gain_to_target"] - old).abs() > 1e-6
    assert list(differs[differs].index) == ["Tariff"]
    assert e.loc["Tariff", "gain_to_target"] == pytest.approx(0.6612, abs=1e-4)
    assert old["Tariff"] == pytest.approx(0.7075, abs=1e-4)


def test_group_imputation_needs_the_unit_list_to_explain(asem_with_targets):
    r, _units = asem_with_targets
    with pytest.raises(ValueError, match="unit list"):
        explain(r, "IND")
