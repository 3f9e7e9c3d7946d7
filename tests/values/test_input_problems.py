"""Inputs that once crashed the reader or passed without a word: repeated headers, empty and
non-finite values, periods no methodology can mean, and the parser's own failures. Each is a
located problem (file, row, column) in the user's words, in CSV, XLSX and JSON, long and wide."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from builders import tiny_methodology
from tsifra.kernel.periods import accepted_years
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.methodology import Methodology
from tsifra.values import read_table, validate_values

LONG = "unit,period,indicator,value"
WIDE = "unit,period,i1,i2,i3,i4"


@pytest.fixture(scope="module")
def m() -> Methodology:
    return tiny_methodology()


def csv_file(path: Path, *lines: str) -> Path:
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    return path


def xlsx_file(path: Path, *rows: list) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def problems_of(path: Path, m: Methodology) -> list[Problem]:
    with pytest.raises(ValidationFailed) as caught:
        validate_values(read_table(path), m, file=str(path))
    return caught.value.problems


def located(problems: list[Problem]) -> list[tuple]:
    return [(p.code, p.row, p.column) for p in problems]


def no_library_words(p: Problem, *fragments: str) -> None:
    """What a person reads names no parser, exception or folder of the server (the location
    names the file as given: here the test's own path)."""
    for lang in ("ru", "en"):
        text = p.message(lang)
        for fragment in ("Error", "Exception", "/tmp", "\\", *fragments):
            assert fragment not in text, (fragment, text)


# --- repeated column headers -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "column", "params"),
    [
        (f"{LONG},value", "value", {"other": "value", "first": "D", "second": "E"}),
        (f"{LONG},Value", "Value", {"other": "value", "first": "D", "second": "E"}),
        ("region,unit,period,indicator,value", "unit", {"other": "region", "first": "A",
                                                        "second": "B"}),
    ],
)  # fmt: skip
def test_a_repeated_header_in_a_long_csv_names_the_header_row_and_both_columns(
    tmp_path, m, header, column, params
):
    """A title above the header: the problem still names the row the header is on (3)."""
    path = csv_file(tmp_path / "d.csv", "Показатели 2024", "", header, "R1,2024,i1,5,6")
    p = problems_of(path, m)[0]
    assert (p.code, p.row, p.column, p.file, p.params) == (
        "repeated_column", 3, column, str(path), params
    )  # fmt: skip
    assert p.location("ru") == f"{path}, строка 3, столбец «{column}»"
    assert p.message("ru") == (
        f"столбец «{column}» ({params['second']}) повторяет столбец «{params['other']}» "
        f"({params['first']}): оставьте один"
    )


def test_a_repeated_header_in_a_wide_csv(tmp_path, m):
    path = csv_file(tmp_path / "d.csv", f"{WIDE},i2", "R1,2024,1,2,3,4,5")
    assert located(problems_of(path, m)) == [("repeated_column", 1, "i2")]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([["unit", "period", "indicator", "value", "value"], ["R1", "2024", "i1", 5, 6]],
         ("repeated_column", 1, "value", "D", "E")),
        ([["unit", "period", "i1", "i2", "I1"], ["R1", "2024", 1, 2, 3]],
         ("repeated_column", 1, "I1", "C", "E")),
    ],
)  # fmt: skip
def test_a_repeated_header_in_an_xlsx_long_or_wide(tmp_path, m, rows, expected):
    path = xlsx_file(tmp_path / "d.xlsx", *rows)
    p = problems_of(path, m)[0]
    assert (p.code, p.row, p.column, p.params["first"], p.params["second"]) == expected
    assert p.file == str(path)


def test_columns_past_z_are_named_as_a_spreadsheet_names_them(tmp_path, m):
    header = [f"x{i}" for i in range(30)]
    header[27] = "x3"  # column AB repeats column D
    path = xlsx_file(tmp_path / "d.xlsx", ["unit", "period", *header[2:]])
    p = problems_of(path, m)[0]
    assert (p.row, p.params["first"], p.params["second"]) == (1, "D", "AB")


def test_a_key_repeated_within_a_json_record(tmp_path, m):
    path = tmp_path / "d.json"
    path.write_text(
        '[{"unit": "R1", "period": "2024", "indicator": "i1", "value": 5},'
        ' {"unit": "R1", "period": "2024", "indicator": "i2", "value": 5, "value": 6}]',
        encoding="utf-8",
    )
    p = problems_of(path, m)[0]
    assert (p.code, p.row, p.column, p.file) == ("repeated_key", 2, "value", str(path))


# --- empty and non-finite values ---------------------------------------------------------------


def test_an_empty_value_in_a_long_file_is_a_problem_not_a_silent_drop(tmp_path, m):
    path = csv_file(tmp_path / "d.csv", LONG, "R1,2024,i1,5", "R1,2024,i2,", "R1,2024,i3, ")
    assert located(problems_of(path, m)) == [
        ("empty_value", 3, "value"),
        ("empty_value", 4, "value"),
    ]


def test_an_empty_value_in_a_long_xlsx(tmp_path, m):
    path = xlsx_file(
        tmp_path / "d.xlsx", ["unit", "period", "indicator", "value"], ["R1", "2024", "i1", None]
    )
    assert located(problems_of(path, m)) == [("empty_value", 2, "value")]


def test_nan_infinity_and_null_in_json_are_named_where_they_stand(tmp_path, m):
    """Python's JSON reader takes NaN and Infinity; they are values no indicator can have."""
    path = tmp_path / "d.json"
    path.write_text(
        "["
        '{"unit": "R1", "period": "2024", "indicator": "i1", "value": NaN},'
        '{"unit": "R1", "period": "2024", "indicator": "i2", "value": -Infinity},'
        '{"unit": "R1", "period": "2024", "indicator": "i3", "value": null},'
        '{"unit": "R1", "period": "2024", "indicator": "i4", "value": 1e999},'
        '{"unit": "R2", "period": "2024", "indicator": "i1", "value": 7}'
        "]",
        encoding="utf-8",
    )
    problems = problems_of(path, m)
    assert [(p.code, p.row, p.column, p.value) for p in problems] == [
        ("not_numeric", 1, "value", "NaN"),
        ("not_numeric", 2, "value", "-Infinity"),
        ("empty_value", 3, "value", None),
        ("not_numeric", 4, "value", "inf"),
    ]


def test_nan_in_a_wide_json_record_is_named_by_its_indicator(tmp_path, m):
    path = tmp_path / "d.json"
    path.write_text(
        json.dumps([{"unit": "R1", "period": "2024", "i1": 1, "i2": 2}]).replace("2}", "NaN}"),
        encoding="utf-8",
    )
    assert located(problems_of(path, m)) == [("not_numeric", 1, "i2")]


def test_an_empty_cell_of_a_wide_file_is_no_value_and_is_counted(tmp_path, m):
    """The decision documented in `values.validation`: a wide row may lack an indicator."""
    path = csv_file(tmp_path / "d.csv", WIDE, "R1,2024,1,,3,4", "R2,2024,,,3,4")
    values = validate_values(read_table(path), m, file=str(path))
    assert len(values.frame) == 5 and values.empty_cells == 3


# --- periods no methodology can mean ------------------------------------------------------------


@pytest.mark.parametrize("period", ["0000Q1", "1900", "1999", "9999", "2099Q1", "3000-01"])
def test_a_period_outside_the_accepted_years_is_refused_where_it_stands(tmp_path, m, period):
    path = csv_file(tmp_path / "d.csv", LONG, "R1,2024,i1,5", f"R1,{period},i2,5")
    problems = [p for p in problems_of(path, m) if p.code != "mixed_frequency"]
    earliest, latest = accepted_years()
    assert [(p.code, p.row, p.column, p.value, p.params) for p in problems] == [
        ("period_out_of_range", 3, "period", period, {"earliest": earliest, "latest": latest})
    ]
    assert problems[0].message("ru") == (
        f"период «{period}» вне допустимых лет: с {earliest} по {latest}"
    )


def test_the_accepted_years_run_from_2000_to_two_years_ahead():
    assert accepted_years(date(2026, 11, 29)) == (2000, 2028)
    assert accepted_years(date(2030, 1, 1)) == (2000, 2032)


def test_an_out_of_range_period_in_a_wide_xlsx_is_named_once_for_its_row(tmp_path, m):
    path = xlsx_file(
        tmp_path / "d.xlsx",
        ["unit", "period", "i1", "i2"],
        ["R1", "2024", 1, 2],
        ["R2", "2099", 1, 2],
    )
    assert located(problems_of(path, m)) == [("period_out_of_range", 3, "period")]


def test_periods_at_both_ends_of_the_range_are_accepted(tmp_path, m):
    latest = accepted_years()[1]
    path = csv_file(tmp_path / "d.csv", LONG, "R1,2000,i1,5", f"R1,{latest},i1,6")
    values = validate_values(read_table(path), m, file=str(path))
    assert list(values.frame["period"]) == ["2000", str(latest)]


# --- the parser's failures, in the user's words ------------------------------------------------


def test_a_row_longer_than_the_header_is_named_by_its_row(tmp_path):
    lines = [LONG, *[f"R{i},2024,i1,{i}" for i in range(1, 15)], "R9,2024,i1,5,6"]
    path = csv_file(tmp_path / "d.csv", *lines)
    with pytest.raises(ValidationFailed) as caught:
        read_table(path)
    p = caught.value.problems[0]
    assert (p.code, p.row, p.file, p.params) == (
        "row_too_long", 16, str(path), {"expected": 4, "found": 5}
    )  # fmt: skip
    no_library_words(p, "tokenizing", "C error")


def test_broken_json_is_named_by_its_line(tmp_path):
    path = tmp_path / "d.json"
    path.write_text('[\n{"unit": "R1",\n "value": 5,,}\n]', encoding="utf-8")
    with pytest.raises(ValidationFailed) as caught:
        read_table(path)
    p = caught.value.problems[0]
    assert (p.code, p.row, p.file) == ("bad_json", 3, str(path))
    no_library_words(p, "Expecting", "JSONDecodeError")


@pytest.mark.parametrize("content", ['{"unit": 1, "data": 5}', '"text"', "[1, 2]"])
def test_json_that_is_not_records(tmp_path, content):
    path = tmp_path / "d.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValidationFailed) as caught:
        read_table(path)
    assert [(p.code, p.file) for p in caught.value.problems] == [("json_not_records", str(path))]


def test_json_not_in_utf8(tmp_path):
    path = tmp_path / "d.json"
    path.write_bytes('[{"unit": "Татарстан"}]'.encode("cp1251"))
    with pytest.raises(ValidationFailed) as caught:
        read_table(path)
    p = caught.value.problems[0]
    assert (p.code, p.file) == ("bad_encoding", str(path))
    no_library_words(p, "codec", "utf-8")


def test_a_missing_sheet_and_a_broken_workbook(tmp_path):
    book = xlsx_file(tmp_path / "d.xlsx", ["unit", "period"], ["R1", "2024"])
    with pytest.raises(ValidationFailed) as caught:
        read_table(book, sheet="Лист9")
    assert [(p.code, p.value) for p in caught.value.problems] == [("unknown_sheet", "Лист9")]
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(book.read_bytes()[:200])
    with pytest.raises(ValidationFailed) as caught:
        read_table(broken)
    p = caught.value.problems[0]
    assert (p.code, p.file) == ("unreadable_workbook", str(broken))
    no_library_words(p, "zip", "BadZipFile")


def test_a_repeated_column_in_parquet(tmp_path, m):
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table([["R1"], ["2024"], ["1"], ["2"]], names=["unit", "period", "i1", "i1"])
    path = tmp_path / "d.parquet"
    pq.write_table(table, path)
    with pytest.raises(ValidationFailed) as caught:
        read_table(path)
    p = caught.value.problems[0]
    assert (p.code, p.row, p.column, p.params["second"]) == ("repeated_column", None, "i1", "4")
    assert p.file == str(path)


def test_a_frame_of_computed_values_leaves_out_what_could_not_be_computed(m):
    """Formulas and the demo pass NaN for a gap; that is no value, not a user's empty cell."""
    from tsifra.values.ingest import validate_frame

    frame = pd.DataFrame(
        {"unit": ["R1", "R1"], "period": ["2024", "2024"], "indicator": ["i1", "i2"],
         "value": [float("nan"), 2.0]}
    )  # fmt: skip
    values = validate_frame(frame, m, None, "<formula:x>")
    assert values.frame.to_dict("records") == [
        {"unit": "R1", "period": "2024", "indicator": "i2", "value": 2.0}
    ]
    assert list(values.locations["row"]) == [2]
