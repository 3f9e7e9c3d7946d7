"""Reading the files users have and validating them: every problem, with its row and column.

Rows are numbered as a spreadsheet shows them (the header is row 1); columns are named as the
user's own file names them (for wide files, the indicator's column).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from builders import tiny_methodology
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.methodology import Methodology
from tsifra.values import read_table, read_units, validate_values
from tsifra.values.reading import ROW

HEADER = "unit,period,indicator,value"


@pytest.fixture(scope="module")
def m() -> Methodology:
    """The tiny tree (i1..i4) with a valid range on i1 and i2."""
    raw = tiny_methodology().model_dump()
    raw["indicators"][0]["valid_range"] = (0, 100)
    raw["indicators"][1]["valid_range"] = (-10, 10)
    return Methodology.model_validate(raw)


def write_csv(path: Path, *lines: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def problems_of(path: Path, m: Methodology, units: pd.DataFrame | None = None) -> list[Problem]:
    with pytest.raises(ValidationFailed) as caught:
        validate_values(read_table(path), m, units, file=str(path))
    return caught.value.problems


def values_of(path: Path, m: Methodology) -> pd.DataFrame:
    return validate_values(read_table(path), m, file=str(path)).frame


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def assert_at(p: Problem, code: str, row: int | None, column: str | None, file: Path) -> None:
    """The code, and a location that names the file, the spreadsheet row and the column."""
    assert p.code == code, str(p)
    assert (p.row, p.column, p.file) == (row, column, str(file)), str(p)
    where = p.location("ru")
    assert where.startswith(str(file))
    if row is not None:
        assert f"строка {row}" in where
    if column is not None:
        assert f"столбец «{column}»" in where


# --- one test per rule -----------------------------------------------------------------------


class TestRules:
    def test_missing_column(self, tmp_path, m):
        path = write_csv(tmp_path / "d.csv", "unit,indicator,value", "R1,i1,5")
        p = only(problems_of(path, m))
        assert_at(p, "missing_column", None, None, path)
        assert p.value == "period"
        assert p.message("ru") == "нет обязательного столбца «period»"
        assert str(p) == f"{path}: нет обязательного столбца «period»"

    def test_missing_value_column_of_a_long_file(self, tmp_path, m):
        path = write_csv(tmp_path / "d.csv", "unit,period,indicator", "R1,2024,i1")
        p = only(problems_of(path, m))
        assert (p.code, p.value, p.file) == ("missing_column", "value", str(path))

    def test_unknown_indicator(self, tmp_path, m):
        path = write_csv(tmp_path / "d.csv", HEADER, "R1,2024,i1,5", "R1,2024,i9,5")
        p = only(problems_of(path, m))
        assert_at(p, "unknown_indicator", 3, "indicator", path)
        assert p.message("ru") == "неизвестный показатель «i9»: его нет в методике"

    def test_unknown_unit(self, tmp_path, m):
        units = read_units(write_csv(tmp_path / "units.csv", "unit,name", "R1,One", "R2,Two"))
        path = write_csv(tmp_path / "d.csv", HEADER, "R1,2024,i1,5", "R2,2024,i1,6", "R7,2024,i1,7")
        p = only(problems_of(path, m, units))
        assert_at(p, "unknown_unit", 4, "unit", path)
        assert p.message("ru") == "единица «R7» отсутствует в списке единиц"

    @pytest.mark.parametrize(
        ("line", "column"),
        [(",2024,i1,5", "unit"), ("R1,,i1,5", "period"), ("R1,2024,,5", "indicator")],
    )
    def test_empty_value(self, tmp_path, m, line, column):
        path = write_csv(tmp_path / "d.csv", HEADER, "R2,2024,i1,5", line)
        p = only(problems_of(path, m))
        assert_at(p, "empty_value", 3, column, path)
        assert p.message("ru") == "пустое значение"
        assert p.as_dict("ru")["value"] is None

    def test_an_empty_value_cell_of_a_long_file_is_a_problem(self, tmp_path, m):
        """A long row names one value: without it the row says nothing (tests/values/
        test_input_problems.py has the wide file's rule)."""
        path = write_csv(tmp_path / "d.csv", HEADER, "R1,2024,i1,", "R1,2024,i2,3")
        assert_at(only(problems_of(path, m)), "empty_value", 2, "value", path)

    def test_bad_period(self, tmp_path, m):
        path = write_csv(tmp_path / "d.csv", HEADER, "R1,2024,i1,5", "R1,2024 год,i2,5")
        p = only(problems_of(path, m))
        assert_at(p, "bad_period", 3, "period", path)
        assert p.message("ru").startswith("период «2024 год» не распознан")

    def test_mixed_frequency(self, tmp_path, m):
        path = write_csv(
            tmp_path / "d.csv", HEADER, "R1,2024,i1,5", "R1,2024,i2,5", "R1,2024Q2,i3,5"
        )
        p = only(problems_of(path, m))
        assert_at(p, "mixed_frequency", 4, "period", path)
        assert p.value == "2024Q2"
        assert p.message("ru") == "в данных смешаны периоды разной частоты: Q, Y"

    def test_not_numeric(self, tmp_path, m):
        path = write_csv(tmp_path / "d.csv", HEADER, "R1,2024,i1,5", "R1,2024,i2,н/д")
        p = only(problems_of(path, m))
        assert_at(p, "not_numeric", 3, "value", path)
        assert p.message("ru") == "значение «н/д» не является числом"

    @pytest.mark.parametrize("text", ["inf", "-Infinity", "NaN", "12.5%%", "—"])
    def test_not_numeric_includes_what_parses_but_is_no_value(self, tmp_path, m, text):
        path = write_csv(tmp_path / "d.csv", HEADER, f"R1,2024,i3,{text}")
        p = only(problems_of(path, m))
        assert (p.code, p.row, p.column, p.value) == ("not_numeric", 2, "value", text)

    def test_out_of_range(self, tmp_path, m):
        path = write_csv(
            tmp_path / "d.csv", HEADER, "R1,2024,i1,100", "R1,2024,i2,-10", "R2,2024,i1,150"
        )
        p = only(problems_of(path, m))
        assert_at(p, "out_of_range", 4, "value", path)
        assert p.value == 150
        assert p.message("ru") == "значение 150 вне допустимого диапазона [0; 100]"

    def test_out_of_range_uses_each_indicators_own_range(self, tmp_path, m):
        path = write_csv(
            tmp_path / "d.csv", HEADER, "R1,2024,i2,50", "R1,2024,i3,1000", "R1,2024,i1,-1"
        )
        problems = problems_of(path, m)
        assert [(p.code, p.row, p.value) for p in problems] == [
            ("out_of_range", 2, 50),
            ("out_of_range", 4, -1),
        ]
        assert "[\u221210; 10]" in problems[0].message("ru")

    def test_duplicate_row(self, tmp_path, m):
        path = write_csv(tmp_path / "d.csv", HEADER, "R1,2024,i1,5", "R1,2024,i2,6", "R1,2024,i1,7")
        p = only(problems_of(path, m))
        assert_at(p, "duplicate_row", 4, "value", path)
        assert p.params == {"first_row": 2}
        assert p.message("ru") == "повтор: та же единица, период и показатель уже в строке 2"

    def test_periods_written_differently_are_still_duplicates(self, tmp_path, m):
        path = write_csv(tmp_path / "d.csv", HEADER, "R1,2024Q1,i1,5", "R1,2024 К1,i1,7")
        p = only(problems_of(path, m))
        assert (p.code, p.row, p.params) == ("duplicate_row", 3, {"first_row": 2})

    def test_no_data(self, tmp_path, m):
        path = write_csv(tmp_path / "d.csv", HEADER)
        assert only(problems_of(path, m)).code == "no_data"

    def test_file_not_found(self, tmp_path, m):
        with pytest.raises(ValidationFailed) as caught:
            read_table(tmp_path / "absent.csv")
        p = only(caught.value.problems)
        assert (p.code, p.file) == ("file_not_found", str(tmp_path / "absent.csv"))

    def test_unreadable_file(self, tmp_path):
        path = tmp_path / "broken.xlsx"
        path.write_bytes(b"this is not a zip archive")
        with pytest.raises(ValidationFailed) as caught:
            read_table(path)
        p = only(caught.value.problems)
        assert (p.code, p.file) == ("unreadable_workbook", str(path))
        assert p.message("ru").startswith("файл не читается как книга Excel")
        assert "zip" not in p.message("ru") and "zip" not in p.message("en")


# --- all problems of a file at once ----------------------------------------------------------


def test_every_problem_of_a_file_comes_back_at_once(tmp_path, m):
    units = pd.DataFrame(index=pd.Index(["R1", "R2"], name="unit"))
    path = write_csv(
        tmp_path / "d.csv",
        HEADER,
        "R1,2024,i1,5",
        "R1,2024,i7,5",  # row 3: unknown indicator
        "R2,2024,i1,много",  # row 4: not a number
        "R1,2024,i2,5",
        "R9,2024,i3,5",  # row 6: unknown unit
    )
    problems = problems_of(path, m, units)
    assert [(p.code, p.row, p.column) for p in problems] == [
        ("unknown_indicator", 3, "indicator"),
        ("not_numeric", 4, "value"),
        ("unknown_unit", 6, "unit"),
    ]
    with pytest.raises(ValidationFailed) as caught:
        validate_values(read_table(path), m, units, file=str(path))
    text = str(caught.value).splitlines()
    assert len(text) == 3
    assert text[1] == f"{path}, строка 4, столбец «value»: значение «много» не является числом"


def test_one_row_can_break_several_rules(tmp_path, m):
    path = write_csv(tmp_path / "d.csv", HEADER, "R1,2024,i1,5", ",весна,i8,x")
    problems = problems_of(path, m)
    assert {(p.code, p.row) for p in problems} == {
        ("empty_value", 3),
        ("bad_period", 3),
        ("unknown_indicator", 3),
        ("not_numeric", 3),
    }


# --- formats ---------------------------------------------------------------------------------


class TestRussianExcelCsv:
    """Windows-1251, semicolons, decimal commas and non-breaking-space thousands."""

    def test_russian_headers_and_numbers(self, tmp_path, m):
        path = write_csv(
            tmp_path / "выгрузка.csv",
            "Регион;Период;Показатель;Значение",
            "RU-MOW;2024;i1;12,5",
            "RU-MOW;2024;i4;1\u00a0234,5",
            "RU-SPE;2024;i1;7",
            "RU-SPE;2024;i3;-0,25",
            encoding="cp1251",
        )
        frame = values_of(path, m)
        assert frame["value"].dtype == float
        got = {(r.unit, r.indicator): r.value for r in frame.itertuples()}
        assert got == {
            ("RU-MOW", "i1"): 12.5,
            ("RU-MOW", "i4"): 1234.5,
            ("RU-SPE", "i1"): 7.0,
            ("RU-SPE", "i3"): -0.25,
        }
        assert set(frame["period"]) == {"2024"}

    def test_problems_name_the_users_own_russian_columns(self, tmp_path, m):
        path = write_csv(
            tmp_path / "выгрузка.csv",
            "Регион;Период;Показатель;Значение",
            "RU-MOW;2024;i1;12,5",
            "RU-MOW;2024;Доля МО;3",
            "RU-MOW;2024 г.;i2;3",
            "RU-SPE;2024;i1;н/д",
            encoding="cp1251",
        )
        problems = problems_of(path, m)
        assert [(p.code, p.row, p.column) for p in problems] == [
            ("unknown_indicator", 3, "Показатель"),
            ("bad_period", 4, "Период"),
            ("not_numeric", 5, "Значение"),
        ]
        assert problems[0].message("ru") == "неизвестный показатель «Доля МО»: его нет в методике"
        assert problems[2].location("ru") == f"{path}, строка 5, столбец «Значение»"

    def test_canonical_headers_and_a_thousands_separator(self, tmp_path, m):
        path = write_csv(
            tmp_path / "d.csv",
            "unit;period;indicator;value",
            "R1;2024;i4;1\u00a0234\u00a0567,75",
            "R1;2024;i3;2 000",
            encoding="cp1251",
        )
        frame = values_of(path, m)
        assert dict(zip(frame["indicator"], frame["value"], strict=True)) == {
            "i4": 1234567.75,
            "i3": 2000.0,
        }

    def test_blank_lines_keep_the_spreadsheet_numbering(self, tmp_path, m):
        path = write_csv(
            tmp_path / "d.csv",
            "Регион;Период;Показатель;Значение",
            "R1;2024;i1;1",
            ";;;",
            "",
            "R1;2024;i2;x",
            encoding="cp1251",
        )
        p = only(problems_of(path, m))
        assert (p.code, p.row, p.column) == ("not_numeric", 5, "Значение")


def test_utf8_bom_csv(tmp_path, m):
    path = write_csv(
        tmp_path / "d.csv", HEADER, "R1,2024,i1,12.5", "R2,2024,i1,1", encoding="utf-8-sig"
    )
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    table = read_table(path)
    assert list(table.columns) == ["unit", "period", "indicator", "value", "__row__"]
    frame = values_of(path, m)
    assert frame["value"].tolist() == [12.5, 1.0]


def test_tab_separated_csv(tmp_path, m):
    path = write_csv(tmp_path / "d.tsv", "unit\tperiod\tindicator\tvalue", "R1\t2024\ti1\t2,5")
    assert values_of(path, m)["value"].tolist() == [2.5]


def test_csv_cells_stay_text_until_validation(tmp_path):
    path = write_csv(tmp_path / "d.csv", HEADER, "007,2024,i1, 12,5 ")
    table = read_table(path)
    assert table.loc[0, "unit"] == "007"  # leading zeros of codes survive
    assert table.loc[0, "__row__"] == 2


def write_xlsx(path: Path, rows: list[list]) -> Path:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


class TestXlsx:
    def test_plain_sheet(self, tmp_path, m):
        path = write_xlsx(
            tmp_path / "d.xlsx",
            [
                ["unit", "period", "indicator", "value"],
                ["R1", 2024, "i1", 12.5],
                ["R1", 2024, "i2", 3],
                ["R2", "2024", "i1", "7,25"],
            ],
        )
        frame = values_of(path, m)
        assert frame["period"].tolist() == ["2024"] * 3
        assert frame["value"].tolist() == [12.5, 3.0, 7.25]

    def test_problems_name_the_sheet_rows(self, tmp_path, m):
        path = write_xlsx(
            tmp_path / "d.xlsx",
            [
                ["Регион", "Период", "Показатель", "Значение"],
                ["R1", 2024, "i1", 12.5],
                [None, None, None, None],
                ["R2", 2024, "i1", "нет данных"],
                ["R2", 2024, "i9", 1],
            ],
        )
        problems = problems_of(path, m)
        assert [(p.code, p.row, p.column) for p in problems] == [
            ("not_numeric", 4, "Значение"),
            ("unknown_indicator", 5, "Показатель"),
        ]

    def test_a_title_row_above_the_header_is_skipped_and_rows_keep_sheet_numbers(self, tmp_path, m):
        path = write_xlsx(
            tmp_path / "отчёт.xlsx",
            [
                ["Цифровая зрелость регионов, 2024"],
                [None],
                ["Регион", "Период", "Показатель", "Значение"],
                ["R1", 2024, "i1", 12.5],
                ["R2", 2024, "i1", "н/д"],
            ],
        )
        table = read_table(path)
        assert list(table[ROW]) == [4, 5]
        problems = problems_of(path, m)
        assert [(p.code, p.row, p.column) for p in problems] == [("not_numeric", 5, "Значение")]

    def test_a_sheet_without_a_recognisable_header_is_rejected_naming_the_file(self, tmp_path, m):
        rows = [[f"примечание {i}"] for i in range(12)]
        path = write_xlsx(tmp_path / "отчёт.xlsx", [*rows, ["unit", "period", "value"]])
        problems = problems_of(path, m)
        assert [(p.code, p.value, p.file) for p in problems] == [
            ("missing_column", "unit", str(path)),
            ("missing_column", "period", str(path)),
        ]
        assert str(problems[0]) == f"{path}: нет обязательного столбца «unit»"


class TestJson:
    def test_list_of_records(self, tmp_path, m):
        records = [
            {"unit": "R1", "period": 2024, "indicator": "i1", "value": 12.5},
            {"unit": "R1", "period": "2024", "indicator": "i2", "value": "3,5"},
        ]
        path = tmp_path / "d.json"
        path.write_text(json.dumps(records), encoding="utf-8")
        frame = values_of(path, m)
        assert frame.to_dict("records") == [
            {"unit": "R1", "period": "2024", "indicator": "i1", "value": 12.5},
            {"unit": "R1", "period": "2024", "indicator": "i2", "value": 3.5},
        ]
        records.append({"unit": "R2", "period": 2024, "indicator": "i1", "value": None})
        path.write_text(json.dumps(records), encoding="utf-8")  # a null is named, not dropped
        assert_at(only(problems_of(path, m)), "empty_value", 3, "value", path)

    def test_problems_name_the_record_number(self, tmp_path, m):
        records = [
            {"unit": "R1", "period": "2024", "indicator": "i1", "value": 1},
            {"unit": "R1", "period": "2024", "indicator": "i2", "value": "x"},
        ]
        path = tmp_path / "d.json"
        path.write_text(json.dumps({"data": records}), encoding="utf-8")
        p = only(problems_of(path, m))
        assert (p.code, p.row, p.column) == ("not_numeric", 2, "value")


class TestWideLayout:
    def test_values_are_melted(self, tmp_path, m):
        path = write_csv(tmp_path / "d.csv", "unit,period,i1,i2", "R1,2024,1,2", "R2,2024,3,")
        frame = values_of(path, m)
        assert sorted(zip(frame["unit"], frame["indicator"], frame["value"], strict=True)) == [
            ("R1", "i1", 1.0),
            ("R1", "i2", 2.0),
            ("R2", "i1", 3.0),
        ]

    def test_unknown_column_is_an_unknown_indicator_named_by_the_column(self, tmp_path, m):
        path = write_csv(tmp_path / "d.csv", "unit,period,i1,Население", "R1,2024,1,146")
        p = only(problems_of(path, m))
        assert_at(p, "unknown_indicator", 1, "Население", path)
        assert p.message("ru") == "неизвестный показатель «Население»: его нет в методике"

    def test_cell_problems_name_the_indicators_column(self, tmp_path, m):
        path = write_csv(
            tmp_path / "d.csv",
            "unit,period,i1,i2,i3",
            "R1,2024,1,2,3",
            "R2,2024,150,x,3",  # i1 out of range, i2 not a number
            "R1,2024,,,4",  # i3 duplicates row 2
        )
        problems = problems_of(path, m)
        assert [(p.code, p.row, p.column) for p in problems] == [
            ("out_of_range", 3, "i1"),
            ("not_numeric", 3, "i2"),
            ("duplicate_row", 4, "i3"),
        ]
        assert problems[1].location("ru") == f"{path}, строка 3, столбец «i2»"

    def test_unknown_columns_do_not_hide_the_other_problems(self, tmp_path, m):
        path = write_csv(tmp_path / "d.csv", "unit,period,i1,foo", "R1,2024,x,1")
        problems = problems_of(path, m)
        assert [(p.code, p.row, p.column) for p in problems] == [
            ("unknown_indicator", 1, "foo"),
            ("not_numeric", 2, "i1"),
        ]

    def test_a_unit_period_split_over_two_rows_is_not_a_duplicate(self, tmp_path, m):
        path = write_csv(tmp_path / "d.csv", "unit,period,i1,i2", "R1,2024,1,", "R1,2024,,2")
        assert values_of(path, m)["value"].tolist() == [1.0, 2.0]

    def test_only_unit_and_period_is_neither_layout(self, tmp_path, m):
        path = write_csv(tmp_path / "d.csv", "unit,period", "R1,2024")
        problems = problems_of(path, m)
        assert [(p.code, p.value) for p in problems] == [
            ("missing_column", "indicator"),
            ("missing_column", "value"),
        ]


def test_english_messages(tmp_path, m):
    path = write_csv(
        tmp_path / "d.csv",
        HEADER,
        "R1,2024,i1,н/д",
        "R1,2024,i9,1",
        "R1,2024,i2,1",
        "R1,2024,i2,2",
    )
    problems = problems_of(path, m)
    assert [f"{p.location('en')}: {p.message('en')}" for p in problems] == [
        f"{path}, row 2, column 'value': value 'н/д' is not a number",
        f"{path}, row 3, column 'indicator': unknown indicator 'i9': not in the methodology",
        f"{path}, row 5, column 'value': duplicate: the same unit, period and indicator "
        "are already in row 4",
    ]
    assert problems[0].as_dict("en")["message"] == "value 'н/д' is not a number"
    assert problems[0].message("ru") == "значение «н/д» не является числом"
