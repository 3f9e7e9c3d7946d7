"""XLSX cells read as the official sees them: number formats, dates, positions."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from builders import text_cell, write_xlsx
from tsifra.kernel.problems import ValidationFailed
from tsifra.values.reading import ROW, read_table
from tsifra.values.xlsx import cell_text, is_percent_format, read_xlsx_grid


@pytest.mark.parametrize(
    ("value", "number_format", "text"),
    [
        (0.585, "0.0%", "58.5%"),
        (0.585, "0%", "58.5%"),  # shown rounded as «59 %», read in full
        (0.0725, "0.00%", "7.25%"),
        (1, "0%", "100%"),
        (0.1, '0.0" %"', "0.1"),  # a quoted percent sign is a label, not a scale
        (0.1, "0.0\\%", "0.1"),  # so is an escaped one
        (0.585, "General", "0.585"),
        (12.0, "0.0", "12"),
        (12.345, "0.0", "12.345"),  # a rounding format does not cut the data
        (2024, "General", "2024"),
        (92000000000, "General", "92000000000"),
        (1e-7, "General", "0.0000001"),
        (date(2024, 3, 31), "DD.MM.YYYY", "2024-03-31"),
        (datetime(2024, 3, 31), "DD.MM.YYYY", "2024-03-31"),
        (datetime(2024, 3, 31, 12, 30), "DD.MM.YYYY HH:MM", "2024-03-31 12:30:00"),
        ("58,5 %", "@", "58,5 %"),
        ("1 234,5", "General", "1 234,5"),
        (True, "General", "TRUE"),
        (None, "0.0%", None),
    ],
)
def test_a_cell_is_the_text_of_what_it_shows(value, number_format, text) -> None:
    assert cell_text(value, number_format) == text


def test_percent_formats_are_told_from_labels() -> None:
    assert is_percent_format("#,##0.0%") and is_percent_format("[Red]0.0%")
    assert not is_percent_format('0" %"') and not is_percent_format("[$%-419]0")
    assert not is_percent_format(None) and not is_percent_format("General")


def test_a_workbook_keeps_excels_row_and_column_positions(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet["A1"] = "Показатели, 2024"
    sheet["B4"], sheet["C4"], sheet["E4"] = "Регион", "Период", "health_emr"
    sheet["B5"], sheet["C5"], sheet["E5"] = "Татарстан", "2024Q1", 0.5
    sheet["E5"].number_format = "0%"
    sheet["B7"], sheet["C7"], sheet["E7"] = "Москва", date(2024, 3, 31), 0.25
    book.save(tmp_path / "book.xlsx")
    grid = read_xlsx_grid(tmp_path / "book.xlsx")
    assert grid.shape == (7, 5)
    shown = [None if pd.isna(v) else v for v in grid.iloc[4]]
    assert shown == [None, "Татарстан", "2024Q1", None, "50%"]
    table = read_table(tmp_path / "book.xlsx")
    assert table[ROW].tolist() == [5, 7]
    assert table["health_emr"].tolist() == ["50%", "0.25"]
    assert table["Период"].tolist() == ["2024Q1", "2024-03-31"]


def test_a_sheet_written_cell_by_cell_is_read_where_its_cells_stand(tmp_path: Path) -> None:
    """A file written without a dimension and with gaps, as other tools write them."""
    body = (
        b'<row r="1">'
        + text_cell("A1", "unit")
        + text_cell("B1", "period")
        + text_cell("D1", "i1")
        + b'</row><row r="3">'
        + text_cell("A3", "RU-TA")
        + text_cell("B3", "2024")
        + b'<c r="D3"><v>12.5</v></c></row>'
    )
    path = write_xlsx(tmp_path / "odd.xlsx", {"Лист1": body})
    table = read_table(path)
    assert table[["unit", "period", "i1", ROW]].values.tolist() == [["RU-TA", "2024", "12.5", 3]]


def test_an_unknown_sheet_is_a_problem_naming_it(tmp_path: Path) -> None:
    Workbook().save(tmp_path / "one.xlsx")
    with pytest.raises(ValidationFailed) as caught:
        read_table(tmp_path / "one.xlsx", sheet="Данные")
    [problem] = caught.value.problems
    assert (problem.code, problem.value) == ("unknown_sheet", "Данные")
