"""Checks of a mart's files against its schema: every rule, each problem naming file, column, row.

A small schema with every type and constraint (`things`) is checked on CSV and Parquet files
written by hand; rows are numbered as a spreadsheet shows a CSV (header = row 1) and by record
in Parquet (first record = row 1).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tsifra.demo.marts import generate_marts
from tsifra.kernel.problems import Problem
from tsifra.marts.checks import MartCheck, check_mart
from tsifra.marts.layout import MartFiles, find_marts
from tsifra.marts.tableschema import load_table_schema, parse_table_schema

SCHEMA = parse_table_schema(
    """
name: things
title: Things
fields:
  - {name: id, type: integer, constraints: {minimum: 1}}
  - {name: code, type: string, constraints: {unique: true, pattern: "[A-Z]{3}"}}
  - {name: kind, type: string, constraints: {enum: [a, b]}}
  - {name: share, type: number, constraints: {minimum: 0, maximum: 100}}
  - {name: flag, type: boolean, constraints: {required: true}}
  - {name: day, type: date, constraints: {minimum: 2020-01-01, maximum: 2030-12-31}}
  - {name: at, type: datetime, constraints: {minimum: 2020-01-01 00:00:00}}
primaryKey: id
"""
)
HEADER = "id,code,kind,share,flag,day,at"
GOOD_ROW = "1,ABC,a,12.5,true,2024-03-31,2024-03-31 23:59:59"


def csv_mart(folder: Path, *rows: str, header: str = HEADER) -> MartFiles:
    path = folder / "things.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return find_marts(folder, ["things"])[0]["things"]


def parquet_mart(folder: Path, frame: pd.DataFrame) -> MartFiles:
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), folder / "things.parquet")
    return find_marts(folder, ["things"])[0]["things"]


def good_frame(n: int = 3) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": range(1, n + 1),
            "code": [f"A{chr(65 + i)}Z" for i in range(n)],
            "kind": ["a"] * n,
            "share": [50.0] * n,
            "flag": [True] * n,
            "day": [pd.Timestamp("2024-01-01").date()] * n,
            "at": pd.to_datetime(["2024-01-01 10:00"] * n).astype("datetime64[us]"),
        }
    )


def only(check: MartCheck) -> Problem:
    assert len(check.problems) == 1, [str(p) for p in check.problems]
    return check.problems[0]


def test_a_clean_csv_and_a_clean_parquet(tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "p").mkdir()
    check = check_mart(csv_mart(tmp_path / "c", GOOD_ROW, "2,XYZ,b,,false,,"), SCHEMA)
    assert check.ok and check.rows == 2 and not check.synthetic
    assert check_mart(parquet_mart(tmp_path / "p", good_frame()), SCHEMA).ok


def test_a_missing_column_is_named_for_each_file(tmp_path):
    files = csv_mart(tmp_path, "1,ABC,a,12.5,true,2024-03-31", header=HEADER.removesuffix(",at"))
    p = only(check_mart(files, SCHEMA))
    assert (p.code, p.file, p.column) == ("missing_column", str(tmp_path / "things.csv"), "at")
    assert "at" in p.message("ru")


def test_a_parquet_column_of_the_wrong_type(tmp_path):
    frame = good_frame().assign(share=["1", "2", "3"])
    p = only(check_mart(parquet_mart(tmp_path, frame), SCHEMA))
    assert (p.code, p.column, p.row) == ("wrong_type", "share", None)
    assert p.params == {"actual": "VARCHAR", "expected": "number"}
    assert "VARCHAR" in p.message("ru") and "number" in p.message("en")


def test_integers_are_numbers_but_not_the_other_way_round(tmp_path):
    frame = good_frame().assign(share=[1, 2, 3], id=[1.0, 2.0, 3.0])
    p = only(check_mart(parquet_mart(tmp_path, frame), SCHEMA))
    assert (p.code, p.column) == ("wrong_type", "id")


def test_timestamps_with_a_time_zone_are_refused(tmp_path):
    frame = good_frame().assign(at=pd.to_datetime(["2024-01-01 10:00"] * 3, utc=True))
    p = only(check_mart(parquet_mart(tmp_path, frame), SCHEMA))
    assert (p.code, p.column) == ("timestamp_has_zone", "at")


def test_nanosecond_timestamps_are_a_problem_for_spark_only(tmp_path):
    frame = good_frame().assign(
        at=pd.to_datetime(["2024-01-01 10:00"] * 3).astype("datetime64[ns]")
    )
    files = parquet_mart(tmp_path, frame)
    assert check_mart(files, SCHEMA).ok
    p = only(check_mart(files, SCHEMA, engine="spark"))
    assert (p.code, p.column) == ("nanosecond_timestamps", "at")


@pytest.mark.parametrize(
    ("row", "column", "value"),
    [
        ("x,ABC,a,12.5,true,2024-03-31,2024-03-31 23:59:59", "id", "x"),
        ("1.5,ABC,a,12.5,true,2024-03-31,2024-03-31 23:59:59", "id", "1.5"),
        ('1,ABC,a,"12,5",true,2024-03-31,2024-03-31 23:59:59', "share", "12,5"),
        ("1,ABC,a,12.5,yes,2024-03-31,2024-03-31 23:59:59", "flag", "yes"),
        ("1,ABC,a,12.5,true,31.03.2024,2024-03-31 23:59:59", "day", "31.03.2024"),
        ("1,ABC,a,12.5,true,2024-03-31,2024-13-31 10:00:00", "at", "2024-13-31 10:00:00"),
        ("1,ABC,a,12.5,true,2024-03-31,2024-03-31 10:00+03:00", "at", "2024-03-31 10:00+03:00"),
    ],
)
def test_csv_text_that_is_not_of_the_field_type(tmp_path, row, column, value):
    other = GOOD_ROW.replace("1,ABC", "2,QQQ")
    p = only(check_mart(csv_mart(tmp_path, other, row), SCHEMA))
    assert (p.code, p.column, p.row, p.value) == ("not_castable", column, 3, value)
    assert value in p.message("ru") and "образец" in p.message("ru")


def test_required_and_key_fields_must_not_be_empty(tmp_path):
    check = check_mart(csv_mart(tmp_path, GOOD_ROW, ",ABD,a,1,,2024-03-31,"), SCHEMA)
    assert [(p.code, p.column, p.row) for p in check.problems] == [
        ("empty_value", "id", 3),  # the primary key is required without saying so
        ("empty_value", "flag", 3),
    ]


@pytest.mark.parametrize(
    ("row", "code", "column", "shown"),
    [
        ("0,ABC,a,12.5,true,2024-03-31,", "below_minimum", "id", "0"),
        ("1,ABC,a,-0.5,true,2024-03-31,", "below_minimum", "share", "-0.5"),
        ("1,ABC,a,100.5,true,2024-03-31,", "above_maximum", "share", "100.5"),
        ("1,ABC,a,1,true,2031-01-01,", "above_maximum", "day", "2031-01-01"),
        ("1,ABC,a,1,true,,2019-12-31 23:59:59", "below_minimum", "at", "2019-12-31 23:59:59"),
        ("1,ABC,c,1,true,,", "literal_error", "kind", "c"),
        ("1,abc,a,1,true,,", "pattern_mismatch", "code", "abc"),
        ("1,ABCD,a,1,true,,", "pattern_mismatch", "code", "ABCD"),  # the whole value must match
    ],
)
def test_constraints(tmp_path, row, code, column, shown):
    p = only(check_mart(csv_mart(tmp_path, row), SCHEMA))
    assert (p.code, p.file, p.column, p.row, p.value) == (
        code,
        str(tmp_path / "things.csv"),
        column,
        2,
        shown,
    )
    assert shown in p.message("ru") and shown in p.message("en")


def test_constraints_on_parquet_name_the_record(tmp_path):
    frame = good_frame(4)
    frame.loc[2, "share"] = 101.0
    frame.loc[3, "kind"] = "z"
    check = check_mart(parquet_mart(tmp_path, frame), SCHEMA)
    assert [(p.code, p.column, p.row, p.value) for p in check.problems] == [
        ("literal_error", "kind", 4, "z"),
        ("above_maximum", "share", 3, "101.0"),
    ]


def test_a_unique_field_repeated(tmp_path):
    p = only(check_mart(csv_mart(tmp_path, GOOD_ROW, GOOD_ROW.replace("1,", "2,", 1)), SCHEMA))
    assert (p.code, p.column, p.row, p.value) == ("not_unique", "code", 3, "ABC")
    assert p.params["first_row"] == 2
    assert "строка 2" in p.message("ru")


def test_a_primary_key_repeated_across_part_files(tmp_path):
    folder = tmp_path / "things"
    folder.mkdir()
    first, second = good_frame(3), good_frame(3).assign(code=["QQQ", "RRR", "SSS"])
    second.loc[0, "id"] = 7
    pq.write_table(pa.Table.from_pandas(first, preserve_index=False), folder / "part-0.parquet")
    pq.write_table(pa.Table.from_pandas(second, preserve_index=False), folder / "part-1.parquet")
    files = find_marts(tmp_path, ["things"])[0]["things"]
    check = check_mart(files, SCHEMA)
    assert [(p.code, Path(p.file).name, p.row, p.value) for p in check.problems] == [
        ("duplicate_key", "part-1.parquet", 2, "2"),
        ("duplicate_key", "part-1.parquet", 3, "3"),
    ]
    assert Path(check.problems[0].params["first_file"]).name == "part-0.parquet"
    assert "part-0.parquet" in check.problems[0].message("en")


def test_past_the_limit_one_problem_counts_the_rest(tmp_path):
    rows = [f"{i},ABC,z,1,true,," for i in range(1, 26)]
    check = check_mart(csv_mart(tmp_path, *rows), SCHEMA, limit=5)
    kinds = [p for p in check.problems if p.column == "kind"]
    assert [p.row for p in kinds[:5]] == [2, 3, 4, 5, 6]
    assert (kinds[5].code, kinds[5].params) == ("more_rows", {"count": 20, "shown": 5})
    codes = [p for p in check.problems if p.column == "code"]  # 24 repeats of "ABC"
    assert len(codes) == 6 and codes[-1].params == {"count": 19, "shown": 5}
    assert "20" in kinds[5].message("ru") and "20 more" in kinds[5].message("en")


def test_an_empty_mart(tmp_path):
    p = only(check_mart(csv_mart(tmp_path), SCHEMA))
    assert (p.code, p.file) == ("no_data", str(tmp_path / "things.csv"))


def test_an_unreadable_file(tmp_path):
    (tmp_path / "things.parquet").write_bytes(b"not parquet at all")
    files = find_marts(tmp_path, ["things"])[0]["things"]
    p = only(check_mart(files, SCHEMA))
    assert (p.code, p.file) == ("unreadable", str(tmp_path / "things.parquet"))


def test_extra_columns_are_ignored(tmp_path):
    assert check_mart(parquet_mart(tmp_path, good_frame().assign(note="x")), SCHEMA).ok


def test_the_folder_convention(tmp_path):
    (tmp_path / "appeals.parquet").write_bytes(b"")
    (tmp_path / "appeals.csv").write_text("x\n")
    (tmp_path / "service_requests").mkdir()
    (tmp_path / "building_permits").mkdir()
    (tmp_path / "building_permits" / "part-0.parquet").write_bytes(b"")
    (tmp_path / "building_permits" / "README.txt").write_text("not a part")
    found, problems = find_marts(tmp_path, ["appeals", "service_requests", "building_permits"])
    assert [(p.code, p.value) for p in problems] == [
        ("ambiguous_mart", "appeals"),
        ("no_data", None),
    ]
    assert "appeals.csv" in problems[0].message("ru")
    assert list(found) == ["building_permits"]
    assert [p.name for p in found["building_permits"].paths] == ["part-0.parquet"]


def test_generated_marts_pass_and_say_they_are_synthetic(tmp_path):
    generate_marts(tmp_path, 3_000, seed=1)
    found, _ = find_marts(tmp_path, ["appeals", "service_requests", "building_permits"])
    for mart, files in found.items():
        check = check_mart(files, load_table_schema(mart), engine="spark")
        assert check.ok, [str(p) for p in check.problems]
        assert check.rows == 3_000 and check.synthetic
