"""`index compute` from files: for a methodology of regions the units are always checked against
the reference list, `--units` or not, and written as codes whatever form the file used."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from builders import invoke
from tsifra.demo.panel import generate_panel
from tsifra.kernel.problems import ValidationFailed
from tsifra.methodology import load_methodology
from tsifra.ratings.compute import compute_index
from tsifra.reference import load_regions

M = "ru-digital-maturity"
NAMES = {"RU-TA": "Республика Татарстан", "RU-CU": "Чувашия", "RU-MOW": "г. Москва"}


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    regions = load_regions().loc[list(NAMES)]
    return generate_panel(load_methodology(M), regions, start="2024Q1", end="2024Q2", seed=5)


def wide(panel: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    table = panel.pivot_table(index=["unit", "period"], columns="indicator", values="value")
    table = table.reset_index()
    table["unit"] = table["unit"].map(names)
    return table


def test_regions_written_by_name_are_rated_under_their_codes(panel, tmp_path: Path) -> None:
    by_code = tmp_path / "codes.csv"
    wide(panel, {c: c for c in NAMES}).to_csv(by_code, index=False)
    by_name = tmp_path / "names.csv"
    wide(panel, NAMES).to_csv(by_name, index=False)
    coded, named = compute_index(M, by_code).result, compute_index(M, by_name).result
    assert sorted(named.units) == sorted(NAMES)
    key = ["unit", "period", "node"]
    left = coded.long().sort_values(key).reset_index(drop=True)
    right = named.long().sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(left, right)
    assert right["score"].notna().any()


@pytest.mark.parametrize("units", [False, True])
def test_a_total_row_is_never_rated_with_or_without_a_unit_list(panel, tmp_path, units) -> None:
    table = wide(panel, {c: c for c in NAMES})
    total = table[table["period"] == "2024Q2"].mean(numeric_only=True).to_frame().T
    total["unit"], total["period"] = "Итого", "2024Q2"  # the period filled down
    path = tmp_path / "total.csv"
    pd.concat([table, total]).to_csv(path, index=False)
    unit_list = None
    if units:
        unit_list = tmp_path / "units.csv"
        load_regions().reset_index().rename(columns={"code": "unit"}).to_csv(unit_list, index=False)
    with pytest.raises(ValidationFailed) as caught:
        compute_index(M, path, unit_list)
    [problem] = caught.value.problems
    assert (problem.code, problem.row, problem.value) == ("total_row", len(table) + 2, "Итого")


def test_a_unit_that_is_no_region_is_refused_without_a_unit_list(panel, tmp_path) -> None:
    table = wide(panel, {"RU-TA": "RU-TA", "RU-CU": "Нарния", "RU-MOW": "RU-MOW"})
    path = tmp_path / "narnia.csv"
    table.to_csv(path, index=False)
    with pytest.raises(ValidationFailed) as caught:
        compute_index(M, path)
    rows = sorted(p.row for p in caught.value.problems)
    expected = [i + 2 for i in table.index[table["unit"] == "Нарния"]]
    assert rows == expected
    assert {p.code for p in caught.value.problems} == {"unknown_region"}


def test_the_command_names_the_row_and_the_problem_in_words(panel, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    table = wide(panel, NAMES)
    table.loc[len(table)] = {**table.iloc[0].to_dict(), "unit": "Российская Федерация"}
    table.to_csv("data.csv", index=False)
    r = invoke("index", "compute", M, "data.csv")
    assert r.exit_code != 0
    assert "строка итогов" in r.text and "Российская Федерация" in r.text
