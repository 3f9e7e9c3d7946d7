"""`tsifra index uncertainty` and `tsifra index sensitivity` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from builders import ASEM_METHODOLOGY, asem_inputs, invoke, rows

METHODOLOGY = """\
id: small
title: Small
version: "1"
unit_type: country
steps:
  impute: {method: mean}
  treat: {method: winsorise, winmax: 3}
  normalise: {method: minmax, range: [0, 100]}
  aggregate: {method: arithmetic, min_share: 0.5}
indicators:
  - {code: i1, name: Indicator 1, parent: A}
  - {code: i2, name: Indicator 2, parent: A}
  - {code: i3, name: Indicator 3, parent: B}
  - {code: i4, name: Indicator 4, parent: B, direction: -1}
nodes:
  - {code: A, name: Pillar A, parent: index}
  - {code: B, name: Pillar B, parent: index}
  - {code: index, name: Index}
"""
UNCERTAINTY = """\
uncertainty:
  weights: [{level: 1, noise: 0.3}, {level: 2, noise: 0.25}]
  normalisation: [{method: minmax, range: [1, 100]}, {method: zscore, mean: 10, sd: 2}]
  aggregation: [arithmetic, geometric]
  winsorisation: {min: 1, max: 3}
"""
UNITS = [f"C{k:02d}" for k in range(14)]


@pytest.fixture
def workdir(tmp_path, monkeypatch) -> Path:
    """`m.yaml` (with uncertain choices), `plain.yaml` (without) and `data.csv`: 14 units."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.yaml").write_text(METHODOLOGY + UNCERTAINTY, encoding="utf-8")
    (tmp_path / "plain.yaml").write_text(METHODOLOGY, encoding="utf-8")
    rng = np.random.default_rng(8)
    lines = ["unit,period,indicator,value"]
    for k, unit in enumerate(UNITS):
        for c in range(4):
            lines.append(f"{unit},2024,i{c + 1},{5 * k + rng.uniform(0, 30):.3f}")
    (tmp_path / "data.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def test_uncertainty_prints_rank_intervals_in_russian(workdir):
    r = invoke("index", "uncertainty", "m.yaml", "data.csv", "--n", "200", "--seed", "4")
    assert r.exit_code == 0, r.text
    assert "Неопределённость рейтинга «Index», период 2024: выборок 200, seed 4" in r.text
    flat = " ".join(r.text.split())  # the list of choices wraps at the console's width
    assert "Веса, уровень 1 (±30 %)" in flat and "Агрегирование (arithmetic, geometric)" in flat
    assert "Медиана места" in r.text and "В топ-10, %" in r.text
    body = rows(r.text)
    assert len(body) == len(UNITS)
    assert [int(b[0]) for b in body] == list(range(1, len(UNITS) + 1))
    low, high = (int(x) for x in body[0][3].split("–"))
    assert low <= float(body[0][2].replace(",", ".")) <= high  # the median: 3,5 in Russian
    assert "сравнивайте места" in r.text


def test_uncertainty_in_english_with_a_row_limit(workdir):
    r = invoke(
        "--lang", "en", "index", "uncertainty", "m.yaml", "data.csv", "--n", "50", "--top", "3"
    )
    assert r.exit_code == 0, r.text
    assert "Median rank" in r.text and "Rank, 5–95%" in r.text and "In top 10, %" in r.text
    assert len(rows(r.text)) == 3
    assert "samples, seed " in r.text  # a drawn seed is shown, so the run can be repeated


def test_without_declared_choices_every_sample_is_nominal(workdir):
    r = invoke("index", "uncertainty", "plain.yaml", "data.csv", "--n", "20", "--out", "u.csv")
    assert r.exit_code == 0, r.text
    assert "Неопределённые параметры не объявлены" in r.text
    table = pd.read_csv("u.csv")
    assert (table["rank_p05"] == table["nominal_rank"]).all()
    assert (table["rank_p95"] == table["nominal_rank"]).all()
    assert (table["top10_share"].isin([0.0, 1.0])).all()


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".json"])
def test_uncertainty_results_are_written_by_extension(workdir, suffix):
    out = f"u{suffix}"
    args = ("index", "uncertainty", "m.yaml", "data.csv", "--n", "64", "--seed", "1")
    r = invoke(*args, "--out", out)
    assert r.exit_code == 0, r.text
    assert f"Результаты записаны: {out}" in r.text
    if suffix == ".csv":
        table = pd.read_csv(out)
    elif suffix == ".xlsx":
        table = pd.read_excel(out)
    else:
        table = pd.DataFrame(json.loads(Path(out).read_text(encoding="utf-8")))
    assert len(table) == len(UNITS)
    assert {"unit", "nominal_rank", "median_rank", "rank_p05", "rank_p95", "top10_share"} <= set(
        table.columns
    )
    assert (table["samples"] == 64).all()
    assert invoke(*args, "--out", f"again{suffix}").exit_code == 0
    if suffix == ".xlsx":  # a workbook carries its creation time: compare the tables
        pd.testing.assert_frame_equal(table, pd.read_excel(f"again{suffix}"))
    else:  # the same seed writes the same file
        assert Path(out).read_bytes() == Path(f"again{suffix}").read_bytes()


def test_sensitivity_prints_indices_and_draws_the_chart(workdir):
    r = invoke(
        "index", "sensitivity", "m.yaml", "data.csv", "--n", "64", "--seed", "2",
        "--plot", "sobol.png", "--out", "sobol.csv",
    )  # fmt: skip
    assert r.exit_code == 0, r.text
    assert "индексы Соболя для среднего абсолютного сдвига места" in " ".join(r.text.split())
    body = {b[0]: b for b in rows(r.text)}
    assert set(body) == {
        "Веса, уровень 1",
        "Веса, уровень 2",
        "Предел винзоризации",
        "Нормализация",
        "Агрегирование",
    }
    assert "Расчётов индекса: 448 (64 базовых выборок × 7), seed 2" in " ".join(r.text.split())
    assert "не является степенью двойки" not in r.text
    assert Path("sobol.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    table = pd.read_csv("sobol.csv")
    assert list(table.columns) == ["target", "input", "S1", "S1_conf", "ST", "ST_conf"]
    assert set(table["target"]) == {"mean_abs_rank_shift", *UNITS}
    shift = table[table["target"] == "mean_abs_rank_shift"]
    assert shift["ST"].sum() >= shift["S1"].sum()


def test_sensitivity_chart_as_svg_in_english(workdir):
    r = invoke(
        "--lang", "en", "index", "sensitivity", "m.yaml", "data.csv", "--n", "24",
        "--plot", "sobol.svg",
    )  # fmt: skip
    assert r.exit_code == 0, r.text
    assert "Chart written: sobol.svg" in r.text
    flat = " ".join(r.text.split())
    assert "24 base samples is not a power of two" in flat and "32 would be better" in flat
    svg = Path("sobol.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and "Aggregation" in svg


def test_sensitivity_needs_declared_choices(workdir):
    r = invoke("index", "sensitivity", "plain.yaml", "data.csv", "--n", "16")
    assert r.exit_code == 1
    assert "не объявлено ни одного неопределённого параметра" in r.text


def test_bad_declarations_are_a_problem_report(workdir):
    Path("bad.yaml").write_text(
        METHODOLOGY + "uncertainty:\n  weights: [{level: 3, noise: 0.2}]\n"
        "  aggregation: [arithmetic]\n",
        encoding="utf-8",
    )
    r = invoke("index", "uncertainty", "bad.yaml", "data.csv", "--n", "10")
    assert r.exit_code == 1
    assert "uncertainty.aggregation" in r.text and "не меньше 2 элементов" in r.text
    Path("bad.yaml").write_text(
        METHODOLOGY + "uncertainty:\n  weights: [{level: 3, noise: 0.2}]\n", encoding="utf-8"
    )
    r = invoke("index", "uncertainty", "bad.yaml", "data.csv", "--n", "10")
    assert r.exit_code == 1
    assert "уровень 3 не подходит для шума весов" in r.text


@pytest.mark.parametrize(
    ("command", "n"), [("uncertainty", "0"), ("uncertainty", "-5"), ("sensitivity", "1")]
)
def test_too_few_samples_is_refused(workdir, command, n):
    r = invoke("index", command, "m.yaml", "data.csv", "--n", n)
    assert r.exit_code == 2
    assert "--n" in r.text


def test_output_formats_are_checked_before_any_work(workdir):
    r = invoke("index", "uncertainty", "m.yaml", "data.csv", "--n", "5", "--out", "u.txt")
    assert r.exit_code == 2 and "--out" in r.text
    r = invoke("index", "sensitivity", "m.yaml", "data.csv", "--n", "8", "--plot", "s.pdf")
    assert r.exit_code == 2 and "--plot" in r.text
    assert not list(Path().glob("s.*")) and not list(Path().glob("u.*"))


def test_unknown_period_and_missing_group_are_problems(workdir):
    r = invoke("index", "uncertainty", "m.yaml", "data.csv", "--n", "5", "--period", "2019")
    assert r.exit_code == 1 and "период «2019» отсутствует в данных" in r.text
    Path("grouped.yaml").write_text(
        METHODOLOGY + "uncertainty:\n  imputation: [mean, {method: group_mean, group: region}]\n",
        encoding="utf-8",
    )
    r = invoke("index", "uncertainty", "grouped.yaml", "data.csv", "--n", "5")
    assert r.exit_code == 1 and "атрибут группировки «region»" in r.text


def test_asem_from_the_command_line(reference_dir, tmp_path):
    _, values, units = asem_inputs(reference_dir)
    values.to_csv(tmp_path / "asem.csv", index=False)
    units.reset_index().to_csv(tmp_path / "units.csv", index=False)
    out = tmp_path / "asem.json"
    r = invoke(
        "index", "uncertainty", ASEM_METHODOLOGY, tmp_path / "asem.csv",
        "--units", tmp_path / "units.csv", "--n", "300", "--seed", "9", "--out", out,
    )  # fmt: skip
    assert r.exit_code == 0, r.text
    table = pd.DataFrame(json.loads(out.read_text(encoding="utf-8"))).set_index("unit")
    assert table.loc["CHE", "nominal_rank"] == 1 and table.loc["CHE", "median_rank"] == 1
    assert table["rank_p95"].max() > table["rank_p05"].min()


# --- the published rating, from the database ---------------------------------------------------


def test_uncertainty_of_the_published_rating(from_db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    args = ("index", "uncertainty", "--from-db", "ru-digital-maturity", "--n", "20", "--seed", "3")
    r = invoke(*args, "--out", "u.json", "--top", "5")
    assert r.exit_code == 0, r.text
    assert "Опубликованный рейтинг IV\xa0кв.\xa02025: расчёт №2" in r.text
    assert "период IV\xa0кв.\xa02025: выборок 20, seed 3" in r.text
    assert len(rows(r.text)) == 5
    table = pd.DataFrame(json.loads(Path("u.json").read_text(encoding="utf-8")))
    assert len(table) == 83 and (table["samples"] == 20).all()
    assert (table["rank_p05"] <= table["rank_p95"]).all()
    earlier = invoke(*args, "--period", "2025Q3", "--out", "u3.csv")
    assert earlier.exit_code == 0, earlier.text
    assert "Опубликованный рейтинг III\xa0кв.\xa02025: расчёт №1" in earlier.text


def test_sensitivity_of_the_published_rating(from_db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = invoke(
        "index", "sensitivity", "--from-db", "ru-digital-maturity", "--n", "4", "--seed", "1",
        "--resamples", "10", "--out", "s.xlsx",
    )  # fmt: skip
    assert r.exit_code == 0, r.text
    assert "Опубликованный рейтинг IV\xa0кв.\xa02025: расчёт №2" in r.text
    table = pd.read_excel("s.xlsx")
    assert list(table.columns) == ["target", "input", "S1", "S1_conf", "ST", "ST_conf"]
    assert {"Веса, уровень 1", "Агрегирование"} <= {row[0] for row in rows(r.text)}


def test_files_or_the_database_not_both(workdir):
    r = invoke("index", "uncertainty", "m.yaml", "data.csv", "--from-db", "x", "--n", "5")
    assert r.exit_code == 2 and "not both" in r.text
    r = invoke("index", "sensitivity", "m.yaml", "--n", "4")
    assert r.exit_code == 2 and "--from-db" in r.text
