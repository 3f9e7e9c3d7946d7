"""Cells a spreadsheet will not run: the CSV rule of OWASP's CSV-injection guidance, and the
problem report a rejected upload is written to."""

from __future__ import annotations

import csv

import pytest

from tsifra.kernel.cells import csv_cell, formula_like
from tsifra.kernel.problems import Problem, write_problems

PAYLOADS = ["=1+1", "+1+1", "-1+1", "@SUM(A1:A9)", "\t=1+1", "\r=1+1", '=HYPERLINK("x")']


@pytest.mark.parametrize("text", PAYLOADS)
def test_a_text_that_would_start_a_formula_gets_a_quote(text: str) -> None:
    assert formula_like(text)
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("value", [-1.5, 2, None, "-1.5", "+7", "-0,25", "1e-3", "RU-TA", "a=b"])
def test_numbers_and_harmless_texts_stay_as_they_are(value: object) -> None:
    assert csv_cell(value) == value


def test_the_problem_report_quotes_what_the_file_held(tmp_path) -> None:
    """A rejected file's own cells come back in the report: they must not run there either."""
    problems = [
        Problem("float_parsing", file="v.csv", row=2, column="value", value="=1+1"),
        Problem("float_parsing", file="v.csv", row=3, column="value", value="@cmd|' /C calc'!A0"),
        Problem("float_parsing", file="v.csv", row=4, column="value", value="a;=1+1"),
    ]
    path = write_problems(problems, tmp_path / "problems.csv", "ru")
    text = path.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(text.splitlines(), delimiter=";"))
    assert [r[4] for r in rows[1:]] == ["'=1+1", "'@cmd|' /C calc'!A0", "a;=1+1"]
    assert [r[1] for r in rows[1:]] == ["2", "3", "4"]
    assert '"a;=1+1"' in text  # quoted, so a `;` inside cannot start a cell of its own
    assert ";2;" in text  # a row number is still a number
