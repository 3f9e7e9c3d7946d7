"""Wide files as users keep them: one problem per bad cell, header problems on the header's own
row, and unit attributes (names, groups) beside the values, as in COINr's iData."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from builders import tiny_methodology
from tsifra.kernel.problems import ValidationFailed
from tsifra.methodology import Methodology
from tsifra.values import read_table, validate_values


@pytest.fixture(scope="module")
def m() -> Methodology:
    return tiny_methodology()


@pytest.fixture(scope="module")
def with_groups() -> Methodology:
    raw = tiny_methodology().model_dump()
    raw["attributes"] = [{"code": "size_group", "name": "Size group"}]
    return Methodology.model_validate(raw)


def write_csv(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_xlsx(path: Path, rows: list[list]) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def problems_of(path: Path, m: Methodology, **kwargs) -> list[tuple]:
    with pytest.raises(ValidationFailed) as caught:
        validate_values(read_table(path), m, file=str(path), **kwargs)
    return [(p.code, p.row, p.column, p.value) for p in caught.value.problems]


UNITS = pd.DataFrame(index=pd.Index(["R1", "R2", "R3"], name="unit"))


class TestOneProblemPerBadCell:
    def test_a_bad_unit_or_period_is_reported_once_per_row_not_per_indicator(self, tmp_path, m):
        path = write_csv(
            tmp_path / "wide.csv",
            "unit,period,i1,i2,i3,i4",
            "R1,2024,1,2,3,4",
            "R9,2024,1,2,3,4",  # unknown unit
            "R2,2024Q5,1,2,3,4",  # no such quarter
            "R3,,1,2,3,4",  # empty period
            ",2024,1,2,3,4",  # empty unit
            "R1,2023,1,x,3,4",  # one bad value: its own cell
        )
        assert problems_of(path, m, units=UNITS) == [
            ("unknown_unit", 3, "unit", "R9"),
            ("bad_period", 4, "period", "2024Q5"),
            ("empty_value", 5, "period", None),
            ("empty_value", 6, "unit", None),
            ("not_numeric", 7, "i2", "x"),
        ]

    def test_a_long_file_still_reports_every_row(self, tmp_path, m):
        path = write_csv(
            tmp_path / "long.csv",
            "unit,period,indicator,value",
            "R9,2024,i1,1",
            "R9,2024,i2,2",
        )
        assert problems_of(path, m, units=UNITS) == [
            ("unknown_unit", 2, "unit", "R9"),
            ("unknown_unit", 3, "unit", "R9"),
        ]


class TestHeaderRow:
    def test_an_unknown_column_is_named_on_the_header_row_below_a_title(self, tmp_path, m):
        path = write_xlsx(
            tmp_path / "отчёт.xlsx",
            [
                ["Цифровая зрелость регионов, 2024"],
                [None],
                ["Регион", "Период", "i1", "i2", "i7"],
                ["R1", 2024, 1, 2, 3],
                ["R2", "2024Q9", 1, 2, 3],
            ],
        )
        assert problems_of(path, m) == [
            ("unknown_indicator", 3, "i7", "i7"),
            ("bad_period", 5, "Период", "2024Q9"),
        ]

    def test_a_csv_title_line_moves_the_header_to_row_two(self, tmp_path, m):
        path = write_csv(
            tmp_path / "wide.csv",
            "Показатели 2024;;;",
            "unit;period;i1;i5",
            "R1;2024;1;2",
        )
        assert problems_of(path, m) == [("unknown_indicator", 2, "i5", "i5")]

    def test_without_a_title_the_header_is_row_one(self, tmp_path, m):
        path = write_csv(tmp_path / "wide.csv", "unit,period,i1,i5", "R1,2024,1,2")
        assert problems_of(path, m) == [("unknown_indicator", 1, "i5", "i5")]


class TestUnitAttributes:
    LINES = (
        "uName,uCode,size_group,Time,i1,i2,i3,i4",
        "Alpha,R1,S,2023,1,2,3,4",
        "Alpha,R1,L,2024,5,6,7,8",
        "Beta,R2,S,2024,1,2,3,4",
    )

    def test_declared_attributes_and_names_are_read_as_attributes(self, tmp_path, with_groups):
        path = write_csv(tmp_path / "iData.csv", *self.LINES)
        values = validate_values(read_table(path), with_groups, file=str(path))
        assert len(values.frame) == 12 and set(values.frame["indicator"]) == {
            "i1",
            "i2",
            "i3",
            "i4",
        }
        expected = pd.DataFrame(
            {"uName": ["Alpha", "Beta"], "size_group": ["L", "S"]},  # a panel's latest row holds
            index=pd.Index(["R1", "R2"], name="unit"),
        )
        pd.testing.assert_frame_equal(
            values.attributes.astype(object), expected.astype(object), check_dtype=False
        )

    def test_undeclared_columns_are_unknown_indicators_unless_the_file_lists_the_units(
        self, tmp_path, m
    ):
        path = write_csv(tmp_path / "iData.csv", *self.LINES)
        # a unit's name is never an indicator; an undeclared group is, until the user says
        assert problems_of(path, m) == [("unknown_indicator", 1, "size_group", "size_group")]
        own = validate_values(read_table(path), m, file=str(path), units_in_file=True)
        assert list(own.attributes.columns) == ["uName", "size_group"]
        units = pd.DataFrame({"size_group": ["S", "S"]}, index=pd.Index(["R1", "R2"], name="unit"))
        listed = validate_values(read_table(path), m, units, file=str(path))
        assert list(listed.attributes.columns) == ["uName", "size_group"]

    def test_numbers_among_attributes_become_numbers(self, tmp_path, m):
        path = write_csv(
            tmp_path / "iData.csv", "unit,period,population,i1", "R1,2024,1000,5", "R2,2024,250,6"
        )
        values = validate_values(read_table(path), m, file=str(path), units_in_file=True)
        assert values.attributes["population"].tolist() == [1000, 250]
        assert values.attributes["population"].dtype.kind in "if"
