"""COINr's ASEM example, reproduced step by step and through the CLI a user would run."""

from __future__ import annotations

import pandas as pd
import pytest
from typer.testing import CliRunner

from builders import ASEM_METHODOLOGY, asem_inputs
from tsifra.cli import app
from tsifra.engine import compute

STEPS = {
    "denominated": "Denominated",
    "imputed": "Imputed",
    "screened": "Screened",
    "treated": "Treated",
    "normalised": "Normalised",
    "aggregated": "Aggregated",
}


@pytest.fixture(scope="module")
def asem(reference_dir):
    m, values, units = asem_inputs(reference_dir)
    return reference_dir, compute(m, values, units)


@pytest.mark.parametrize("step", STEPS)
def test_every_step_matches_coinr(asem, step):
    reference_dir, result = asem
    expected = pd.read_csv(reference_dir / "asem" / "coinr_steps" / f"{STEPS[step]}.csv")
    expected = expected.set_index("uCode").astype(float)
    mine = result.table(step).loc[expected.index, expected.columns]
    pd.testing.assert_frame_equal(mine, expected, check_names=False, rtol=0, atol=1e-9)


def test_treatment_report_names_the_log_and_winsorised_columns(asem):
    _, result = asem
    report = result.treatment.set_index("indicator")
    assert report.loc["Services", "treatment"] == "winsorise"
    assert report.loc["Services", "points"] == 4
    assert set(report["treatment"]) <= {"winsorise", "log"}


def test_cli_reproduces_published_index(reference_dir, tmp_path):
    _m, values, units = asem_inputs(reference_dir)
    wide = values.pivot_table(index=["unit", "period"], columns="indicator", values="value")
    wide.reset_index().to_csv(tmp_path / "asem.csv", index=False)
    units.reset_index().to_csv(tmp_path / "units.csv", index=False)
    out = tmp_path / "results.csv"
    run = CliRunner().invoke(
        app,
        [
            "index",
            "compute",
            str(ASEM_METHODOLOGY),
            str(tmp_path / "asem.csv"),
            "--units",
            str(tmp_path / "units.csv"),
            "--out",
            str(out),
        ],
    )
    assert run.exit_code == 0, run.output
    results = pd.read_csv(out, dtype={"period": str})
    index = results[results.node == "Index"].set_index("unit")
    expected = {"CHE": 68.38, "NLD": 64.82, "DNK": 64.80, "NOR": 64.47, "BEL": 63.54, "SWE": 63.00}
    for unit, score in expected.items():
        assert index.loc[unit, "score"] == pytest.approx(score, abs=0.005)
    assert list(index.sort_values("rank").index[:6]) == list(expected)
    che = results[results.unit == "CHE"].set_index("node")["score"]
    assert che["Conn"] == pytest.approx(62.79, abs=0.005)
    assert che["Sust"] == pytest.approx(73.98, abs=0.005)
