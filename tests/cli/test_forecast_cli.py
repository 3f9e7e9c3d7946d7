"""`tsifra index forecast` end to end: what a user types, sees, and gets written."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from builders import invoke, rows
from tsifra.kernel.periods import period_range

METHODOLOGY = """\
id: tiny-targets
title: Малый индекс
title_en: Tiny index
version: "1"
unit_type: country
steps:
  impute: {method: locf}
  normalise: {method: target_achievement, clip: true, scale: 100}
indicators:
  - {code: share, name: Доля, name_en: Share, parent: A, valid_range: [0, 100],
     targets: {2025: 60, 2030: 80}}
  - {code: count, name: Число, name_en: Count, parent: A, targets: {2025: 50, 2030: 70}}
  - {code: days, name: Дни, name_en: Days, parent: B, direction: -1, valid_range: [0, 365],
     targets: {2025: 20, 2030: 10}}
nodes:
  - {code: A, name: Сектор А, name_en: Sector A, parent: index}
  - {code: B, name: Сектор Б, name_en: Sector B, parent: index}
  - {code: index, name: Индекс, name_en: Index}
"""
PERIODS = period_range("2022Q1", "2025Q4")
# Per unit: start and quarterly change of each indicator; U1 is beyond every target already.
PATHS = {
    "U1": {"share": (90, 0.3), "count": (85, 0.5), "days": (8, -0.05)},
    "U2": {"share": (40, 1.0), "count": (30, 1.0), "days": (35, -0.5)},
    "U3": {"share": (20, 0.5), "count": (20, 0.2), "days": (60, -0.2)},
}


@pytest.fixture
def workdir(tmp_path, monkeypatch) -> Path:
    """`m.yaml` and `data.csv` (3 units × 3 indicators × 16 quarters, a few values missing)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.yaml").write_text(METHODOLOGY, encoding="utf-8")
    rng = np.random.default_rng(0)
    lines = ["unit,period,indicator,value"]
    for unit, paths in PATHS.items():
        for code, (start, slope) in paths.items():
            for k, period in enumerate(PERIODS):
                if unit == "U3" and code == "count" and k in (3, 4, 11):
                    continue
                value = start + slope * k + rng.normal(0, 0.3)
                lines.append(f"{unit},{period},{code},{value:.2f}")
    (tmp_path / "data.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def forecast(*args: str):
    return invoke("index", "forecast", "m.yaml", "data.csv", "--samples", "40", *args)


def test_prints_every_unit_in_russian_by_default(workdir):
    result = forecast()
    assert result.exit_code == 0, result.text
    text = " ".join(result.text.split())  # quarters are held together by no-break spaces
    assert "История I кв. 2022–IV кв. 2025, прогноз до IV кв. 2030" in text
    assert "Прогноз «Индекс» до IV кв. 2030" in text
    table = rows(result.text)
    assert [r[0] for r in table] == ["U1", "U2", "U3"]  # by forecast rank, best first
    assert table[0][3].startswith("1 ")
    # Targets expected reached by 2030 (a sum of chances, `analyses.targets`): U1 meets all three
    # and stays there; U3, far behind on each, is expected to reach fewer.
    assert table[0][4] == "3,0 из 3"
    assert float(table[2][4].split(" из ")[0].replace(",", ".")) < 3.0


def test_english_and_one_unit(workdir):
    result = invoke(
        "--lang", "en", "index", "forecast", "m.yaml", "data.csv", "--unit", "U1", "--samples", "40"
    )
    assert result.exit_code == 0, result.text
    text = " ".join(result.text.split())
    assert "U1: forecast to Q4 2030, median (80% interval)" in text
    assert "Rank in Q4 2030: 1 (1–1) of 3" in text
    body = {r[0]: r for r in rows(result.text)}
    assert body["Index"][1] == "100.0"
    assert body["Sector A"][-1].startswith("100.0")
    # The probability of a target already met and forecast to stay met is 100 %, every year.
    assert body["share Share"][1:6] == ["100%"] * 5
    assert body["days Days"][1:6] == ["100%"] * 5


def test_horizon_as_a_period(workdir):
    result = forecast("--to", "2027Q2", "--unit", "U2")
    assert result.exit_code == 0, result.text
    assert "прогноз до II\u00a0кв.\u00a02027" in result.text
    quarter = "IV\u00a0кв.\u00a02025"
    header = next(line for line in result.text.splitlines() if quarter in line and "┃" in line)
    assert "IV\u00a0кв.\u00a02026" in header and "II\u00a0кв.\u00a02027" in header
    assert "IV\u00a0кв.\u00a02027" not in header


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".json"])
def test_writes_every_table(workdir, suffix):
    result = forecast("--out", f"f{suffix}", "--seed", "3")
    assert result.exit_code == 0, result.text
    if suffix == ".csv":
        series = pd.read_csv("f.csv")
        targets = pd.read_csv("f-targets.csv")
        assert Path("f-ranks.csv").exists() and Path("f-models.csv").exists()
    elif suffix == ".xlsx":
        book = load_workbook("f.xlsx", read_only=True)
        assert book.sheetnames == ["settings", "forecast", "targets", "ranks", "models"]
        settings = dict(book["settings"].iter_rows(values_only=True))
        assert settings["seed"] == "3" and settings["horizon"] == "2030Q4"
        assert settings["source_files"].endswith(".csv")  # the data it was computed from
        series = pd.read_excel("f.xlsx", sheet_name="forecast")
        targets = pd.read_excel("f.xlsx", sheet_name="targets")
    else:
        document = json.loads(Path("f.json").read_text(encoding="utf-8"))
        assert document["settings"]["samples"] == 40
        series = pd.DataFrame(document["forecast"])
        targets = pd.DataFrame(document["targets"])
    assert {"unit", "code", "kind", "period", "stage", "value", "lower_95", "upper_95"} <= set(
        series.columns
    )
    assert set(series["stage"]) == {"history", "forecast"}
    assert len(targets) == 3 * 3 * 5  # units × indicators with targets × years 2026-2030
    assert targets["probability"].between(0, 1).all()


def test_one_unit_is_what_gets_written(workdir):
    assert forecast("--unit", "U3", "--out", "u3.csv").exit_code == 0
    assert set(pd.read_csv("u3.csv")["unit"]) == {"U3"}


def test_same_seed_same_file(workdir):
    forecast("--out", "a.csv", "--seed", "7")
    forecast("--out", "b.csv", "--seed", "7")
    forecast("--out", "c.csv", "--seed", "8")
    a, b, c = (Path(f"{x}.csv").read_bytes() for x in "abc")
    assert a == b and a != c


def test_problems_are_reported_together(workdir):
    result = forecast("--to", "2025", "--unit", "XX")
    assert result.exit_code == 1
    assert "горизонт прогноза «2025» должен быть годом или периодом" in result.text
    assert "последнего периода данных 2025Q4" in result.text
    assert "единицы «XX» нет в данных" in result.text
    assert "Ничего не записано" in result.text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--samples", "0"], "число траекторий должно быть от 1 до 10000, получено 0"),
        (["--to", "скоро"], "горизонт прогноза «скоро»"),
        (["--to", "2030-06"], "той же частоты"),
    ],
)
def test_bad_arguments(workdir, args, message):
    result = invoke("index", "forecast", "m.yaml", "data.csv", *args)
    assert result.exit_code == 1
    assert message in result.text


def test_bad_output_format_and_bad_data(workdir):
    result = forecast("--out", "f.txt")
    assert result.exit_code == 2 and "use .csv, .xlsx or .json" in result.text
    Path("bad.csv").write_text("unit,period,indicator,value\nU1,2024Q1,nope,1\n", encoding="utf-8")
    result = invoke("index", "forecast", "m.yaml", "bad.csv")
    assert result.exit_code == 1
    assert "неизвестный показатель «nope»" in result.text


def test_the_published_rating_from_the_database(from_db, tmp_path, monkeypatch):
    """Two rated quarters are history enough for a median, not for a spread: no chance of a
    target can be given, and none is claimed."""
    monkeypatch.chdir(tmp_path)
    args = ("index", "forecast", "--from-db", "ru-digital-maturity", "--samples", "20")
    result = invoke(*args, "--unit", "RU-TA", "--out", "f.json")
    assert result.exit_code == 0, result.text
    assert "Демонстрационные данные" in result.text
    assert "Опубликованный рейтинг IV\xa0кв.\xa02025: расчёт №2" in result.text
    assert (
        "История III\xa0кв.\xa02025–IV\xa0кв.\xa02025, прогноз до IV\xa0кв.\xa02030" in result.text
    )
    document = json.loads(Path("f.json").read_text(encoding="utf-8"))
    assert document["settings"]["samples"] == 20 and "note" in document["settings"]
    source = document["settings"]
    assert source["source_run"] == 2 and source["source_period"] == "2025Q4"
    assert len(source["revision_set_sha256"]) == 64 and source["revisions_read"] > 0
    assert {r["unit"] for r in document["forecast"]} == {"RU-TA"}
    assert all(t["probability"] is None for t in document["targets"])
    earlier = invoke(*args, "--period", "2025Q3")
    assert earlier.exit_code == 0, earlier.text
    assert "История III\xa0кв.\xa02025–III\xa0кв.\xa02025" in earlier.text
    everyone = rows(invoke(*args).text)
    assert len(everyone) == 83 and {r[4] for r in everyone} == {"—"}


def test_period_chooses_a_published_rating_only(workdir):
    result = forecast("--period", "2024Q4")
    assert result.exit_code == 2 and "--period" in result.text
