"""A COINr user's own files on the command line: iMeta becomes a methodology, iData computes."""

from __future__ import annotations

import pandas as pd
import pytest
import yaml

from builders import ASEM_METHODOLOGY, ROOT, invoke

ASEM = ROOT / "examples" / "asem"


def coinr_index() -> pd.Series:
    published = pd.read_csv(ASEM / "coinr_steps" / "Aggregated.csv")
    return published.set_index("uCode")["Index"]


@pytest.fixture
def without_attributes(tmp_path):
    """The ASEM methodology as a user might have it: no unit attributes declared."""
    raw = yaml.safe_load(ASEM_METHODOLOGY.read_text(encoding="utf-8"))
    del raw["attributes"]
    path = tmp_path / "asem.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def test_idata_is_its_own_unit_list(without_attributes, tmp_path):
    out = tmp_path / "results.csv"
    data = ASEM / "iData.csv"
    r = invoke("index", "compute", without_attributes, data, "--units", data, "--out", out)
    assert r.exit_code == 0, r.text
    results = pd.read_csv(out)
    mine = results[results["node"] == "Index"].set_index("unit")["score"]
    expected = coinr_index()
    pd.testing.assert_series_equal(
        mine.loc[expected.index], expected, check_names=False, rtol=0, atol=1e-9
    )


def test_undeclared_groups_without_units_are_reported(without_attributes):
    r = invoke("index", "compute", without_attributes, ASEM / "iData.csv")
    assert r.exit_code == 1
    assert "Найдено проблем: 4." in r.text  # the four groups, once each
    assert "EurAsia_group" in r.text and "Pop_group" in r.text
    assert "uName" not in r.text  # a unit's name is never taken for an indicator


def test_declared_attributes_compute_without_units(tmp_path):
    out = tmp_path / "results.csv"
    r = invoke("index", "compute", ASEM_METHODOLOGY, ASEM / "iData.csv", "--out", out)
    assert r.exit_code == 0, r.text
    results = pd.read_csv(out)
    assert results[results["node"] == "Index"].set_index("unit")["score"].loc["CHE"] == (
        pytest.approx(coinr_index().loc["CHE"], abs=1e-9)
    )


def test_from_coinr_writes_a_methodology_that_checks_and_computes(tmp_path):
    out = tmp_path / "m.yaml"
    r = invoke("methodology", "from-coinr", ASEM / "iMeta.csv", "--out", out)
    assert r.exit_code == 0, r.text
    assert f"записана: {out} (показателей 49, узлов 11)" in r.text
    check = invoke("methodology", "check", out)
    assert check.exit_code == 0 and "Методика корректна: Sustainable Connectivity" in check.text
    computed = invoke("index", "compute", out, ASEM / "iData.csv", "--top", "3")
    assert computed.exit_code == 0, computed.text


def test_from_coinr_prints_the_file_without_out(tmp_path):
    r = invoke("methodology", "from-coinr", ASEM / "iMeta.csv", "--id", "asem")
    assert r.exit_code == 0, r.text
    assert yaml.safe_load(r.output)["id"] == "asem"


def test_a_bad_table_is_reported_and_nothing_is_written(tmp_path):
    bad = tmp_path / "iMeta.csv"
    bad.write_text(
        "iCode,iName,Direction,Weight,Parent,Type\na,A,1,1,P,Indicator\nP,Pillar,1,1,,Aggregat\n",
        encoding="utf-8",
    )
    out = tmp_path / "m.yaml"
    r = invoke("methodology", "from-coinr", bad, "--out", out)
    assert r.exit_code == 1
    assert "строка 3, столбец «Type»" in r.text and "Aggregat" in r.text
    assert not out.exists()


def test_the_treatment_table_gives_skew_and_kurtosis_before_and_after():
    """After winsorising, the figures are those of COINr's own treated column."""
    from tsifra.engine.treat import kurtosis, skewness

    r = invoke("index", "compute", ASEM_METHODOLOGY, ASEM / "iData.csv", "--top", "3")
    assert r.exit_code == 0, r.text
    assert "Обработка выбросов, период 2018" in r.text
    treated = pd.read_csv(ASEM / "coinr_steps" / "Treated.csv")["Services"].to_numpy()[None, :]
    after = [f"{skewness(treated)[0]:.2f}", f"{kurtosis(treated)[0]:.2f}"]
    row = next(line for line in r.text.splitlines() if "Trade in services" in line)
    cells = [c.strip() for c in row.split("│") if c.strip()]
    assert cells[1:] == [
        "винзоризация",
        "4",
        "3,95",
        *[a.replace(".", ",") for a in after[:1]],
        "17,65",
        after[1].replace(".", ","),
    ]
