"""The workbooks around an upload: the quarter a template collects, a cut problem list."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from tsifra.reports.upload_files import ProblemRow, problems_workbook
from tsifra.values.submission import collection_period


@pytest.mark.parametrize(
    ("today", "quarter"),
    [
        (date(2026, 1, 5), "2025Q4"),
        (date(2026, 3, 31), "2025Q4"),
        (date(2026, 4, 1), "2026Q1"),
        (date(2026, 11, 29), "2026Q3"),
        (date(2026, 12, 31), "2026Q3"),
    ],
)
def test_a_template_collects_the_quarter_before_today(today: date, quarter: str) -> None:
    assert collection_period(today) == quarter


def test_a_cut_problem_list_says_so_and_keeps_values_as_text() -> None:
    rows = [ProblemRow(2, "unit", "=1+1", "плохо"), ProblemRow(None, None, None, "совсем")]
    content = problems_workbook(rows, "f.csv", 12_345, "ru")
    sheet = load_workbook(io.BytesIO(content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Файл f.csv отклонён: найдено проблем 12345"
    assert values[2] == [2, "unit", "=1+1", "плохо"] and sheet["C3"].data_type == "s"
    assert values[3] == [None, None, None, "совсем"]
    note = values[4][0].replace("\u00a0", " ").replace("\u202f", " ")  # Russian grouping
    assert note == "Показаны первые 2 проблем из 12 345: исправьте их и загрузите файл снова"
    english = load_workbook(io.BytesIO(problems_workbook(rows, "f.csv", 2, "en"))).active
    assert english["A2"].value == "Row" and english.max_row == 4  # not cut: no note
