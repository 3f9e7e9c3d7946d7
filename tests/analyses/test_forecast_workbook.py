"""The forecast's workbook: codes and the note are string cells, never formulas."""

from __future__ import annotations

import pandas as pd
from openpyxl import load_workbook

from tsifra.analyses.forecast import _write_workbook


def test_codes_and_notes_in_the_forecast_workbook_are_text(tmp_path) -> None:
    frames = {
        "forecast": pd.DataFrame(
            {"unit": ["=1+1", "RU-TA"], "year": [2026, 2027], "p50": [1.5, None]}
        ),
    }
    meta = {"source": "@SUM(A1)"}
    path = _write_workbook(frames, tmp_path / "forecast.xlsx", meta, note='=HYPERLINK("x")')
    book = load_workbook(path)
    about = {row[0].value: row[1] for row in book["settings"].iter_rows()}
    assert (about["note"].value, about["note"].data_type) == ('=HYPERLINK("x")', "s")
    assert (about["source"].value, about["source"].data_type) == ("@SUM(A1)", "s")
    rows = list(book["forecast"].iter_rows(min_row=2))
    assert [(r[0].value, r[0].data_type) for r in rows] == [("=1+1", "s"), ("RU-TA", "s")]
    assert [(r[1].value, r[2].value) for r in rows] == [(2026, 1.5), (2027, None)]
