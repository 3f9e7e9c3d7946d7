"""The `tsifra` command end to end: what a user types, what they see, and what gets written."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from builders import ASEM_METHODOLOGY, invoke, rows
from tsifra.cli import app

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
  - {code: i1, name: Indicator 1, name_en: First, parent: A, valid_range: [0, 100]}
  - {code: i2, name: Indicator 2, parent: A}
  - {code: i3, name: Indicator 3, parent: B}
  - {code: i4, name: Indicator 4, parent: B, direction: -1}
nodes:
  - {code: A, name: Pillar A, parent: index}
  - {code: B, name: Pillar B, parent: index}
  - {code: index, name: Index}
"""
VALUES = {"R1": (10, 20, 30, 40), "R2": (50, 60, 70, 80), "R3": (90, 15, 25, 35)}
HEADER = "unit,period,indicator,value"


@pytest.fixture
def workdir(tmp_path, monkeypatch) -> Path:
    """A working directory holding `m.yaml` and `data.csv` (3 units × 2 years × 4 indicators).

    Tests pass relative names, as a user would, so that paths in messages stay short.
    """
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TSIFRA_LANG", "ru")  # the default, whatever the machine sets
    (tmp_path / "m.yaml").write_text(METHODOLOGY, encoding="utf-8")
    lines = [HEADER]
    for year in (2023, 2024):
        for unit, values in VALUES.items():
            lines += [f"{unit},{year},i{k + 1},{v + year - 2023}" for k, v in enumerate(values)]
    (tmp_path / "data.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def write_data(path: Path, *lines: str) -> Path:
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


# --- methodology check -----------------------------------------------------------------------


class TestMethodologyCheck:
    def test_bundled_id_prints_the_tree(self):
        r = invoke("methodology", "check", "ru-digital-maturity")
        assert r.exit_code == 0, r.text
        assert r.text.startswith("Методика корректна: Индекс цифровой зрелости")
        assert "(ru-digital-maturity, " in r.text
        assert "└── index Индекс цифровой зрелости" in r.text
        for sector in ("health", "education", "gov", "transport", "city"):
            assert re.search(rf"[├└]── {sector} ", r.text), sector
        assert "health_emr Доля граждан" in r.text

    def test_example_file_prints_the_tree(self):
        r = invoke("methodology", "check", ASEM_METHODOLOGY)
        assert r.exit_code == 0, r.text
        assert "(asem-example, coinr-1.1.14)" in r.text
        assert "LPI Logistics Performance Index · w=1 · ↑ · Score 1-5 · minmax" in r.text
        assert "CO2 CO2 emissions per capita · w=1 · ↓" in r.text

    def test_english(self):
        r = invoke("--lang", "en", "methodology", "check", "ru-digital-maturity")
        assert r.exit_code == 0, r.text
        assert r.text.startswith("Methodology is valid: ")

    @pytest.mark.parametrize(
        ("old", "new", "where", "rule", "message"),
        [
            (
                'version: "1"',
                'version: "1"\ncolour: red',
                "colour",
                "extra_forbidden",
                "неизвестный ключ",
            ),
            (
                "parent: A}\n  - {code: i3",
                "parent: A, direction: 2}\n  - {code: i3",
                "indicators[1].direction",
                "literal_error",
                "значение «2» недопустимо; допустимые: 1, -1",
            ),
            (
                "parent: A}\n  - {code: i3",
                "parent: C}\n  - {code: i3",
                "indicators[1].parent",
                "unknown_parent",
                "родитель «C» не найден среди агрегатов",
            ),
            ("title: Tiny", "title: [Tiny", "строка 3", "yaml_syntax", "ошибка синтаксиса YAML"),
        ],
    )
    def test_broken_file_exits_1_naming_file_and_key(self, workdir, old, new, where, rule, message):
        assert old in METHODOLOGY
        (workdir / "broken.yaml").write_text(METHODOLOGY.replace(old, new, 1), encoding="utf-8")
        r = invoke("methodology", "check", "broken.yaml")
        assert r.exit_code == 1, r.text
        assert "Найдено проблем: 1." in r.text
        [row] = rows(r.text)
        assert row[:2] == [f"broken.yaml, {where}", rule]
        assert row[2].startswith(message)
        assert "Методика корректна" not in r.text

    def test_several_problems_of_a_file_are_listed(self, workdir):
        text = METHODOLOGY.replace("unit_type: country", "unit_type: country\nextra: 1")
        text = text.replace('version: "1"\n', "")
        (workdir / "broken.yaml").write_text(text, encoding="utf-8")
        r = invoke("methodology", "check", "broken.yaml")
        assert r.exit_code == 1, r.text
        assert sorted(row[0] for row in rows(r.text)) == [
            "broken.yaml, extra",
            "broken.yaml, version",
        ]

    def test_missing_file(self, workdir):
        r = invoke("methodology", "check", "nowhere.yaml")
        assert r.exit_code == 1
        assert rows(r.text) == [["nowhere.yaml", "file_not_found", "файл не найден"]]


# --- index compute ---------------------------------------------------------------------------


class TestIndexCompute:
    @pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".json"])
    def test_writes_results(self, workdir, suffix):
        out = workdir / "out" / f"results{suffix}"
        r = invoke("index", "compute", "m.yaml", "data.csv", "--out", out)
        assert r.exit_code == 0, r.text
        assert f"Результаты записаны: {out}" in " ".join(r.text.split())
        if suffix == ".csv":
            table = pd.read_csv(out, dtype={"period": str})
        elif suffix == ".xlsx":
            table = pd.read_excel(out, dtype={"period": str})
        else:
            table = pd.DataFrame(json.loads(out.read_text(encoding="utf-8")))
        assert list(table.columns) == ["unit", "period", "node", "score", "rank"]
        assert len(table) == 3 * 2 * 3  # units × periods × nodes (A, B, index)
        latest = table[(table["period"] == "2024") & (table["node"] == "index")]
        latest = latest.set_index("unit").sort_index()
        assert latest["rank"].tolist() == [3, 1, 2]
        # i1..i4 of R2 normalise to 50, 100, 100, 0 (i4 is lower-is-better): mean 62.5
        assert latest.loc["R2", "score"] == pytest.approx(62.5)

    def test_prints_the_rating_of_the_latest_period(self, workdir):
        r = invoke("index", "compute", "m.yaml", "data.csv", "--top", "2")
        assert r.exit_code == 0, r.text
        assert "Рейтинг «Index», период 2024" in r.text
        body = rows(r.text)
        assert [row[:3] for row in body] == [["1", "R2", "62,50"], ["2", "R3", "50,00"]]

    def test_the_language_of_numbers_and_names(self, workdir):
        """Russian: decimal commas and the index's Russian name; `--lang en` (or TSIFRA_LANG=en):
        decimal points and its English name — the language is decided once, for everything."""
        named = METHODOLOGY.replace(
            "{code: index, name: Index}", "{code: index, name: Индекс, name_en: Index}"
        ).replace("{code: A, name: Pillar A,", "{code: A, name: Направление A, name_en: Pillar A,")
        (workdir / "named.yaml").write_text(named, encoding="utf-8")
        russian = invoke("index", "compute", "named.yaml", "data.csv")
        assert "Рейтинг «Индекс», период 2024" in russian.text
        assert "Направление A" in russian.text and "Pillar A" not in russian.text
        assert rows(russian.text)[0][:3] == ["1", "R2", "62,50"]
        assert not any("." in cell for row in rows(russian.text) for cell in row[2:])
        for english in (
            invoke("--lang", "en", "index", "compute", "named.yaml", "data.csv"),
            CliRunner(env={"TSIFRA_LANG": "en", "COLUMNS": "240", "NO_COLOR": "1"}).invoke(
                app, ["index", "compute", "named.yaml", "data.csv"]
            ),
        ):
            assert english.exit_code == 0, english.output
            assert "Rating 'Index', period 2024" in english.output
            assert "Pillar A" in english.output and "Индекс" not in english.output
            assert "│ 62.50 │" in english.output and "62,50" not in english.output
        assert "62,50" in invoke("index", "compute", "named.yaml", "data.csv").text  # no leak

    def test_period_option(self, workdir):
        r = invoke("index", "compute", "m.yaml", "data.csv", "--period", "2023", "--out", "r.json")
        assert r.exit_code == 0, r.text
        assert "период 2023" in r.text
        written = json.loads((workdir / "r.json").read_text(encoding="utf-8"))
        assert {rec["period"] for rec in written} == {"2023"}

    def test_period_as_the_user_types_it_is_shown_and_written(self, workdir):
        r = invoke("index", "compute", "m.yaml", "data.csv", "--period", " 2023 ", "--out", "r.csv")
        assert r.exit_code == 0, r.text
        assert "период 2023" in r.text
        assert set((workdir / "r.csv").read_text(encoding="utf-8").splitlines()[1:]) != set()

    def test_period_not_in_the_data(self, workdir):
        r = invoke("index", "compute", "m.yaml", "data.csv", "--period", "2030", "--out", "r.csv")
        assert r.exit_code == 1, r.text
        assert rows(r.text) == [
            ["data.csv", "unknown_period", "период «2030» отсутствует в данных"]
        ]
        assert not (workdir / "r.csv").exists()

    @pytest.mark.parametrize(
        ("line", "where", "rule", "message"),
        [
            ("R1,2025,i9,5", "строка 26, столбец «indicator»", "unknown_indicator", "«i9»"),
            ("R1,2025,i1,н/д", "строка 26, столбец «value»", "not_numeric", "«н/д»"),
            ("R1,2024,i1,55", "строка 26, столбец «value»", "duplicate_row", "в строке 14"),
            ("R1,2025,i1,101", "строка 26, столбец «value»", "out_of_range", "101"),
            ("R1,2025г,i1,5", "строка 26, столбец «period»", "bad_period", "«2025г»"),
        ],
    )
    def test_bad_row_exits_1_naming_row_and_column_and_writes_nothing(
        self, workdir, line, where, rule, message
    ):
        (workdir / "data.csv").write_text(
            (workdir / "data.csv").read_text() + line + "\n", encoding="utf-8"
        )
        r = invoke("index", "compute", "m.yaml", "data.csv", "--out", "out/r.csv")
        assert r.exit_code == 1, r.text
        assert "Найдено проблем: 1. Ничего не записано." in r.text
        [row] = rows(r.text)
        assert row[:2] == [f"data.csv, {where}", rule]
        assert message in row[2]
        assert not (workdir / "out").exists()

    def test_unit_missing_from_the_unit_list(self, workdir):
        (workdir / "units.csv").write_text("unit,name\nR1,One\nR2,Two\nR4,Four\n")
        write_data(workdir / "d.csv", "R1,2024,i1,1", "R2,2024,i1,2", "R3,2024,i1,3")
        r = invoke("index", "compute", "m.yaml", "d.csv", "--units", "units.csv", "--out", "r.xlsx")
        assert r.exit_code == 1, r.text
        assert rows(r.text) == [
            [
                "d.csv, строка 4, столбец «unit»",
                "unknown_unit",
                "единица «R3» отсутствует в списке единиц",
            ]
        ]
        assert not (workdir / "r.xlsx").exists()

    def test_every_problem_at_once(self, workdir):
        write_data(
            workdir / "d.csv",
            "R1,2024,i1,1",
            "R1,2024,x1,1",
            "R2,2024,i1,abc",
            "R1,2024,i1,2",
        )
        r = invoke("index", "compute", "m.yaml", "d.csv", "--out", "r.json")
        assert r.exit_code == 1, r.text
        assert "Найдено проблем: 3." in r.text
        assert [row[:2] for row in rows(r.text)] == [
            ["d.csv, строка 3, столбец «indicator»", "unknown_indicator"],
            ["d.csv, строка 4, столбец «value»", "not_numeric"],
            ["d.csv, строка 5, столбец «value»", "duplicate_row"],
        ]
        assert not (workdir / "r.json").exists()

    def test_english(self, workdir):
        write_data(workdir / "d.csv", "R1,2024,i1,1", "R1,2024,i8,1")
        r = invoke("--lang", "en", "index", "compute", "m.yaml", "d.csv")
        assert r.exit_code == 1, r.text
        assert "1 problem(s) found. Nothing was written." in r.text
        assert rows(r.text) == [
            [
                "d.csv, row 3, column 'indicator'",
                "unknown_indicator",
                "unknown indicator 'i8': not in the methodology",
            ]
        ]

    def test_unsupported_output_format_is_refused_before_computing(self, workdir):
        r = invoke("index", "compute", "m.yaml", "data.csv", "--out", "r.txt")
        assert r.exit_code == 2
        assert "--out" in r.text and ".csv, .xlsx or .json" in r.text
        assert not (workdir / "r.txt").exists()

    def test_missing_data_file(self, workdir):
        r = invoke("index", "compute", "m.yaml", "absent.csv")
        assert r.exit_code == 1
        assert rows(r.text) == [["absent.csv", "file_not_found", "файл не найден"]]


# --- index explain ---------------------------------------------------------------------------


class TestIndexExplain:
    def test_prints_unit_index_and_contributions(self, workdir):
        r = invoke("index", "explain", "m.yaml", "data.csv", "--unit", "R2")
        assert r.exit_code == 0, r.text
        assert "R2, период 2024: индекс 62,50, место 1 из 3" in r.text
        header = next(line for line in r.text.splitlines() if line.startswith("┃"))
        assert [c.strip() for c in header.strip("┃").split("┃")] == [
            "Показатель",
            "Значение",
            "Цель",
            "Норм.",
            "Вклад, п.",
            "Прирост при цели, п.",
            "Место",
        ]
        table = {row[0]: row[1:] for row in rows(r.text)}
        assert set(table) == {
            "i1 Indicator 1",
            "i2 Indicator 2",
            "i3 Indicator 3",
            "i4 Indicator 4",
        }
        assert table["i1 Indicator 1"][:4] == ["51,00", "—", "50,00", "12,50"]
        assert table["i4 Indicator 4"][3] == "0,00"
        assert "Сильнейшие показатели: " in r.text and "Слабейшие показатели: " in r.text

    def test_earlier_period(self, workdir):
        r = invoke("index", "explain", "m.yaml", "data.csv", "--unit", "R1", "--period", "2023")
        assert r.exit_code == 0, r.text
        assert "R1, период 2023: индекс " in r.text

    def test_unknown_unit(self, workdir):
        r = invoke("index", "explain", "m.yaml", "data.csv", "--unit", "R9")
        assert r.exit_code == 1, r.text
        assert rows(r.text) == [["--unit", "unit_not_in_data", "единицы «R9» нет в данных"]]

    def test_period_is_read_as_users_type_it(self, workdir):
        r = invoke("index", "explain", "m.yaml", "data.csv", "--unit", "R1", "--period", " 2023 ")
        assert r.exit_code == 0, r.text
        assert "R1, период 2023: индекс " in r.text

    def test_unknown_period(self, workdir):
        r = invoke("index", "explain", "m.yaml", "data.csv", "--unit", "R1", "--period", "1999")
        assert r.exit_code == 1, r.text
        assert rows(r.text) == [
            ["--period", "unknown_period", "период «1999» отсутствует в данных"]
        ]

    def test_english(self, workdir):
        r = invoke("--lang", "en", "index", "explain", "m.yaml", "data.csv", "--unit", "R2")
        assert r.exit_code == 0, r.text
        assert "R2, period 2024: index 62.50, rank 1 of 3" in r.text
        assert "Contribution, pts" in r.text
        assert "i1 First" in r.text  # name_en where the methodology has one

    @pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".json"])
    def test_writes_the_explanation(self, workdir, suffix):
        out = f"e{suffix}"
        r = invoke("index", "explain", "m.yaml", "data.csv", "--unit", "R2", "--out", out)
        assert r.exit_code == 0, r.text
        assert f"Результаты записаны: {out}" in r.text
        if suffix == ".csv":
            table = pd.read_csv(out, dtype={"period": str})
        elif suffix == ".xlsx":
            table = pd.read_excel(out, dtype={"period": str})
        else:
            table = pd.DataFrame(json.loads(Path(out).read_text(encoding="utf-8")))
        assert list(table.columns[:4]) == ["unit", "period", "indicator", "name"]
        assert {"contribution", "gain_to_target", "weight"} <= set(table.columns)
        assert set(table["unit"]) == {"R2"} and set(table["period"].astype(str)) == {"2024"}
        assert table["contribution"].sum() == pytest.approx(62.5)  # the index, point for point

    def test_out_format_is_checked_before_any_work(self, workdir):
        r = invoke("index", "explain", "m.yaml", "data.csv", "--unit", "R2", "--out", "e.txt")
        assert r.exit_code == 2 and "--out" in r.text and ".csv, .xlsx or .json" in r.text

    def test_from_the_published_rating(self, from_db):
        """The rating of 2025Q3 is run 1: its figures are explained, and the run is named."""
        from tsifra.ratings.published import rating
        from tsifra.store import make_engine

        r = invoke(
            "index", "explain", "--from-db", "ru-digital-maturity", "--unit", "RU-TA",
            "--period", "2025q3", "--out", "e.json",
        )  # fmt: skip
        assert r.exit_code == 0, r.text
        assert "Демонстрационные данные" in r.text
        run = "Опубликованный рейтинг III\xa0кв.\xa02025: расчёт №1, методика ru-digital-maturity@"
        assert run in r.text
        published = rating(make_engine(from_db), "ru-digital-maturity", "2025Q3").table
        score = published.set_index("unit").loc["RU-TA", "score"]
        shown = f"{score:.2f}".replace(".", ",")
        assert f"Республика Татарстан, период III\xa0кв.\xa02025: индекс {shown}" in r.text
        table = pd.DataFrame(json.loads(Path("e.json").read_text(encoding="utf-8")))
        assert table["contribution"].sum() == pytest.approx(score)
        assert set(table["period"]) == {"2025Q3"}

    def test_from_the_database_problems(self, from_db):
        r = invoke("index", "explain", "--from-db", "no-such", "--unit", "RU-TA")
        assert r.exit_code == 1
        assert [row[1:] for row in rows(r.text)] == [
            ["no_ratings", "рейтингов по методике «no-such» ещё не рассчитано"]
        ]
        r = invoke("index", "explain", "--from-db", "ru-digital-maturity", "--unit", "RU-XX")
        assert r.exit_code == 1 and rows(r.text)[0][:2] == ["--unit", "unit_not_in_data"]
        r = invoke(
            "index", "explain", "--from-db", "ru-digital-maturity", "--unit", "RU-TA",
            "--period", "2019Q1",
        )  # fmt: skip
        assert r.exit_code == 1 and rows(r.text)[0][:2] == ["--period", "unknown_period"]
        r = invoke("index", "explain", "m.yaml", "d.csv", "--from-db", "x", "--unit", "RU-TA")
        assert r.exit_code == 2 and "not both" in r.text


# --- demo ------------------------------------------------------------------------------------


@pytest.mark.slow
def test_demo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = invoke("demo", "--out-dir", "tmp", "--top", "5")
    assert r.exit_code == 0, r.text
    assert "Демонстрационные данные" in r.text
    assert r.text.count("Демонстрационные данные (синтетические)") == 2
    assert [row[0] for row in rows(r.text)] == ["1", "2", "3", "4", "5"]
    assert (tmp_path / "tmp" / "demo-panel-synthetic.csv").stat().st_size > 0
    results = pd.read_csv(tmp_path / "tmp" / "demo-results-synthetic.csv")
    assert list(results.columns) == ["unit", "period", "node", "score", "rank"]
