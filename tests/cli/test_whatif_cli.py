"""`tsifra index whatif` end to end: what a planner types, sees and exports."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from builders import ASEM_METHODOLOGY, asem_inputs, invoke, rows

METHODOLOGY = """\
id: tiny
title: Tiny
version: "1"
unit_type: country
steps:
  impute: {method: none}
  screen: {min_availability: 0}
  treat: {method: none}
  normalise: {method: minmax, range: [0, 100]}
  aggregate: {method: arithmetic, min_share: 0.5}
indicators:
  - {code: i1, name: Indicator 1, name_en: First, parent: A, valid_range: [0, 100],
     targets: {2024: 60, 2026: 95}}
  - {code: i2, name: Indicator 2, parent: A}
  - {code: i3, name: Indicator 3, parent: B}
  - {code: i4, name: Indicator 4, parent: B, direction: -1}
nodes:
  - {code: A, name: Pillar A, parent: index}
  - {code: B, name: Pillar B, parent: index}
  - {code: index, name: Index}
"""
VALUES = {"R1": (10, 20, 30, 40), "R2": (50, 60, 70, 80), "R3": (90, 15, 25, 35)}


@pytest.fixture
def workdir(tmp_path, monkeypatch) -> Path:
    """`m.yaml` and `data.csv` (3 units × 2023-2024 × 4 indicators) in the working directory."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TSIFRA_LANG", "ru")
    (tmp_path / "m.yaml").write_text(METHODOLOGY, encoding="utf-8")
    lines = ["unit,period,indicator,value"]
    for year in (2023, 2024):
        for unit, values in VALUES.items():
            lines += [f"{unit},{year},i{k + 1},{v + year - 2023}" for k, v in enumerate(values)]
    (tmp_path / "data.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def whatif(*args: str):
    return invoke("index", "whatif", "m.yaml", "data.csv", "--unit", "R1", *args)


def table_rows(text: str) -> dict[str, list[str]]:
    return {row[0].strip(): row[1:] for row in rows(text)}


def test_prints_index_sectors_rank_and_the_changed_indicators(workdir):
    r = whatif("--set", "i1=target", "--set", "i3=55,5")
    assert r.exit_code == 0, r.text
    assert r.text.startswith("Что если: R1, период 2024\n")
    headers = [line for line in r.text.splitlines() if line.startswith("┃")]
    assert [c.strip() for c in headers[0].strip("┃").split("┃")] == [
        "Индекс и направления",
        "До",
        "После",
        "Изм.",
        "Место до",
        "Место после",
    ]
    table = table_rows(r.text)
    assert table["Index"] == ["27,78", "47,01", "+19,24", "3", "3"]
    assert table["Pillar A"][:3] == ["5,56", "16,81", "+11,25"]
    assert table["Pillar B"][:3] == ["50,00", "77,22", "+27,22"]
    assert table["i1 Indicator 1"] == ["11,00", "60,00", "60,00", "0,00", "22,50"]
    assert table["i3 Indicator 3"][:3] == ["31,00", "55,50", "—"]


def test_agrees_with_computing_again_with_the_new_value(workdir):
    r = whatif("--set", "i4=5", "--out", "whatif.csv")
    assert r.exit_code == 0, r.text
    data = pd.read_csv("data.csv", dtype={"period": str})
    data.loc[(data.unit == "R1") & (data.period == "2024") & (data.indicator == "i4"), "value"] = 5
    data.to_csv("changed.csv", index=False)
    again = invoke("index", "compute", "m.yaml", "changed.csv", "--out", "again.csv")
    assert again.exit_code == 0, again.text
    expected = pd.read_csv("again.csv", dtype={"period": str}).query("period == '2024'")
    expected = expected[expected.unit == "R1"].set_index("node")
    got = pd.read_csv("whatif.csv").query("kind != 'indicator'").set_index("code")
    for node in ("index", "A", "B"):
        assert got.loc[node, "after"] == pytest.approx(expected.loc[node, "score"])
        assert got.loc[node, "rank_after"] == expected.loc[node, "rank"]


def test_scenarios_are_compared_with_the_largest_gain_first(workdir):
    r = whatif("--scenario", "A: i1=80", "--scenario", "B: i3=90; i4=10")
    assert r.exit_code == 0, r.text
    start = r.text.index("Сравнение вариантов")
    compared = rows(r.text[start : r.text.index("Вариант «A»")])
    assert compared == [
        ["B", "27,78", "52,78", "+25,00", "2", "+1"],
        ["A", "27,78", "45,90", "+18,12", "3", "0"],
    ]
    assert "Вариант «B»" in r.text


def test_a_later_year_starts_from_the_forecast(workdir):
    """i1 of R1 went 10 → 11 in 2023–2024: by 2026 the (damped) trend has it above 11 and at
    most 13, and "target" brings it to 2026's 95."""
    r = whatif("--set", "i1=target", "--period", "2026")
    assert r.exit_code == 0, r.text
    assert "Что если: R1, период 2026" in r.text
    assert "Период 2026 позже данных (последний: 2024): база — прогноз" in r.text
    before, after, target = table_rows(r.text)["i1 Indicator 1"][:3]
    assert 11.0 < float(before.replace(",", ".")) <= 13.0 and (after, target) == ("95,00", "95,00")


def test_no_changes_shows_where_the_unit_stands(workdir):
    r = whatif("--period", "2023")
    assert r.exit_code == 0, r.text
    index = table_rows(r.text)["Index"]
    assert index[0] == index[1] and index[2] == "0,00"


def test_english(workdir):
    r = invoke(
        "--lang", "en", "index", "whatif", "m.yaml", "data.csv", "--unit", "R1", "--set", "i1=70"
    )
    assert r.exit_code == 0, r.text
    assert r.text.startswith("What if: R1, period 2024\n")
    assert "Index and sectors" in r.text and "Rank after" in r.text
    assert "i1 First" in r.text


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".json"])
def test_export(workdir, suffix):
    out = f"whatif{suffix}"
    r = whatif("--scenario", "A: i1=80", "--scenario", "B: i1=target; i3=90", "--out", out)
    assert r.exit_code == 0, r.text
    if suffix == ".csv":
        table = pd.read_csv(out)
    elif suffix == ".xlsx":
        table = pd.read_excel(out)
    else:
        table = pd.DataFrame(json.loads(Path(out).read_text(encoding="utf-8")))
    assert list(table.columns) == [
        "scenario",
        "unit",
        "period",
        "kind",
        "code",
        "name",
        "before",
        "after",
        "change",
        "rank_before",
        "rank_after",
    ]
    assert list(table["scenario"]) == ["A"] * 4 + ["B"] * 5
    assert list(table["kind"])[:4] == ["index", "sector", "sector", "indicator"]
    b = table[table.scenario == "B"].set_index("code")
    assert b.loc["i1", "after"] == 60 and b.loc["i3", "after"] == 90
    assert b.loc["index", "change"] == pytest.approx(b.loc["index", "after"] - 27.7777777777)


# --- what users get wrong ----------------------------------------------------------------------


def test_every_problem_with_the_changes_is_listed(workdir):
    r = invoke(
        "index", "whatif", "m.yaml", "data.csv", "--unit", "R9",
        "--set", "i9=1", "--set", "i1=abc", "--set", "i2=target",
    )  # fmt: skip
    assert r.exit_code == 1, r.text
    assert rows(r.text) == [
        ["--unit", "unit_not_in_data", "единицы «R9» нет в данных"],
        ["--set i9", "unknown_indicator", "неизвестный показатель «i9»: его нет в методике"],
        ["--set i1", "not_numeric", "значение «abc» не является числом"],
        ["--set i2", "no_target", "у показателя «i2» нет целевого значения на 2024 год"],
    ]


def test_the_shape_of_the_changes_is_checked_with_their_values(workdir):
    """The rules of `analyses.changes`, the same as the form's and the API's: a change without
    a value, an indicator given twice, a text that is no change; and the values of the rest."""
    r = whatif(
        "--set", "i1=1", "--set", "i3=", "--set", "i1=2", "--set", "nonsense", "--set", "i2=x"
    )
    assert r.exit_code == 1, r.text
    assert rows(r.text) == [
        ["--set", "bad_change", "ожидалось КОД=ЗНАЧЕНИЕ или КОД=target, получено «nonsense»"],
        ["--set i3", "empty_value", "пустое значение"],
        ["--set i1", "duplicate_code", "код «i1» встречается больше одного раза"],
        ["--set i2", "not_numeric", "значение «x» не является числом"],
    ]


def test_out_of_range(workdir):
    r = whatif("--set", "i1=101")
    assert r.exit_code == 1, r.text
    assert rows(r.text) == [
        ["--set i1", "out_of_range", "значение 101 вне допустимого диапазона [0; 100]"]
    ]


def test_scenario_problems_name_the_scenario(workdir):
    r = whatif("--scenario", "A: i1=x", "--scenario", "B: i9=1")
    assert r.exit_code == 1, r.text
    assert [row[:2] for row in rows(r.text)] == [
        ["--scenario A: i1", "not_numeric"],
        ["--scenario B: i9", "unknown_indicator"],
    ]
    r = whatif("--scenario", "no colon", "--scenario", "A: i1=1", "--scenario", "A: i1=2")
    assert [row[:2] for row in rows(r.text)] == [
        ["--scenario", "bad_scenario"],
        ["--scenario", "duplicate_scenario"],
    ]


@pytest.mark.parametrize(
    ("period", "rule", "message"),
    [
        ("1999", "unknown_period", "период «1999» отсутствует в данных"),
        ("скоро", "bad_period", "период «скоро» не распознан"),
    ],
)
def test_period_problems(workdir, period, rule, message):
    r = whatif("--set", "i1=50", "--period", period)
    assert r.exit_code == 1, r.text
    [row] = rows(r.text)
    assert row[:2] == ["--period", rule] and row[2].startswith(message)


def test_out_must_be_a_known_format(workdir):
    r = whatif("--set", "i1=50", "--out", "whatif.txt")
    assert r.exit_code == 2
    assert "use .csv, .xlsx or .json" in r.text


def test_asem_with_group_imputation_and_a_unit_list(reference_dir, tmp_path):
    _m, values, units = asem_inputs(reference_dir)
    values.to_csv(tmp_path / "asem.csv", index=False)
    units.reset_index().to_csv(tmp_path / "units.csv", index=False)
    args = ["index", "whatif", ASEM_METHODOLOGY, tmp_path / "asem.csv"]
    r = invoke(*args, "--units", tmp_path / "units.csv", "--unit", "KHM", "--set", "ConSpeed=30")
    assert r.exit_code == 0, r.text
    index = table_rows(r.text)["Sustainable Connectivity"]
    assert float(index[1].replace(",", ".")) > float(index[0].replace(",", "."))
    assert "*" in table_rows(r.text)["ConSpeed Average connection speed"][0]  # was imputed


def test_the_published_rating_from_the_database(from_db, tmp_path, monkeypatch):
    """The "before" is the published figure; a later year starts from the rating's forecast."""
    from tsifra.ratings.published import rating
    from tsifra.store import make_engine

    monkeypatch.chdir(tmp_path)
    args = ("index", "whatif", "--from-db", "ru-digital-maturity", "--unit", "RU-TA")
    r = invoke(*args, "--set", "gov_pos_on_time=target", "--out", "w.xlsx")
    assert r.exit_code == 0, r.text
    assert "Опубликованный рейтинг IV\xa0кв.\xa02025: расчёт №2" in r.text
    assert "Что если: Республика Татарстан, период IV\xa0кв.\xa02025" in r.text
    table = pd.read_excel("w.xlsx").set_index("code")
    published = rating(make_engine(from_db), "ru-digital-maturity", "2025Q4").table
    score = published.set_index("unit").loc["RU-TA", "score"]
    assert table.loc["index", "before"] == pytest.approx(score)
    assert table.loc["index", "after"] >= table.loc["index", "before"]
    later = invoke(*args, "--set", "gov_pos_on_time=99", "--period", "2027")
    assert later.exit_code == 0, later.text
    assert "Период IV\xa0кв.\xa02027 позже данных (последний: IV\xa0кв.\xa02025)" in later.text
    bad = invoke(*args, "--set", "nope=1", "--period", "2019")
    assert bad.exit_code == 1
    assert [row[:2] for row in rows(bad.text)] == [
        ["--period", "unknown_period"],
        ["--set nope", "unknown_indicator"],
    ]
