"""The result's views for the data cycle: which cells the impute step filled, and the result as
it stands at an earlier period (what a forecast from a complete quarter starts from)."""

from __future__ import annotations

import numpy as np

from builders import long_frame, tiny_methodology
from tsifra.engine import compute


def _result():
    rows = [(u, p, c, v) for u in ("u1", "u2") for p in ("2024Q1", "2024Q2") for c, v in
            (("i1", 10.0), ("i2", 20.0), ("i3", 30.0), ("i4", 40.0))]  # fmt: skip
    rows += [("u1", "2024Q3", "i1", 12.0)]  # only one value of the last quarter
    return compute(tiny_methodology(impute={"method": "locf"}), long_frame(rows))


def test_imputed_cells_are_those_the_data_lacked_and_imputation_filled():
    result = _result()
    filled = result.imputed_cells("2024Q3")
    assert not filled.loc["u1", "i1"]  # reported
    assert filled.loc["u1", "i2"] and filled.loc["u2", "i1"]  # carried forward
    assert int(filled.to_numpy().sum()) == 7
    assert not result.imputed_cells("2024Q2").to_numpy().any()


def test_until_leaves_out_later_periods_and_keeps_every_figure():
    result = _result()
    cut = result.until("2024Q2")
    assert cut.periods == ("2024Q1", "2024Q2")
    for step in ("raw", "imputed", "normalised", "aggregated"):
        assert cut.step(step).periods == cut.periods
        np.testing.assert_array_equal(cut.step(step).values, result.step(step).values[:2])
    np.testing.assert_array_equal(cut.ranks.values, result.ranks.values[:2])
    assert set(cut.long()["period"]) == {"2024Q1", "2024Q2"}
    assert result.until("2024Q3") is result
