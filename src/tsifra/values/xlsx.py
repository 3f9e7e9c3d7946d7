"""An XLSX sheet read as the official sees it: each cell's number format respected.

A workbook keeps a number and, apart, the format it is shown in. Read without the format, a cell
formatted as a percentage that shows «58,5 %» is 0.585, a hundred times off what the official
typed and checked. So every cell becomes the text of what it shows, as far as the meaning goes:

- a number in a percentage format (a `%` outside quotes) is its value × 100 with a `%` sign:
  0.585 → «58.5%», which `values.numbers` reads as 58.5 (the rule is there);
- a date (a date format) is the ISO date, «2024-03-31», with the time only if it has one;
- another number is its full value (a format that rounds, «0,0», does not cut the data), an
  integer without «.0» (so OKATO «92» and the year «2024» stay as typed);
- text stays as typed, so «58,5» or «1 234,5» typed as text reach validation as written.

The grid keeps Excel's positions: row i of the frame is the sheet's row i + 1 and empty rows
and columns are kept, so every problem names the cell the official sees.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

import pandas as pd

from tsifra.kernel.problems import Problem, ValidationFailed

_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def read_xlsx_grid(path: Path, sheet: str | None = None) -> pd.DataFrame:
    """Every cell of the sheet (the first one by default) as text, None where empty."""
    from openpyxl import load_workbook  # a spreadsheet library only when a workbook is read

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise ValidationFailed([Problem("unknown_sheet", file=str(path), value=sheet)])
        worksheet = book[sheet] if sheet is not None else book.worksheets[0]
        rows = [_row(cells) for cells in worksheet.iter_rows()]
    finally:
        book.close()
    width = max((len(r) for r in rows), default=0)
    return pd.DataFrame([r + [None] * (width - len(r)) for r in rows], columns=range(width))


def _row(cells) -> list[str | None]:
    out: list[str | None] = []
    for cell in cells:
        column = getattr(cell, "column", None)  # an empty cell of a read-only sheet has none
        if column is not None and column > len(out) + 1:
            out.extend([None] * (column - len(out) - 1))
        out.append(cell_text(cell.value, getattr(cell, "number_format", "General")))
    return out


def cell_text(value: object, number_format: str | None) -> str | None:
    """A cell's value as the text of what it shows (the module's docstring)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, int | float):
        if is_percent_format(number_format):
            return _plain(Decimal(repr(value)) * 100) + "%"
        return _plain(Decimal(repr(value)))
    return str(value)


def is_percent_format(number_format: str | None) -> bool:
    """Whether a number format scales by 100: a `%` that is not quoted, escaped or in brackets."""
    return bool(number_format) and "%" in _LITERALS.sub("", number_format)


def _plain(number: Decimal) -> str:
    """A number without exponent or trailing zeros: 58.500 → 58.5, 2024.0 → 2024."""
    if not number.is_finite():
        return str(number)
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"
