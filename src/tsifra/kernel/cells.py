"""Cells that a spreadsheet will not run: whatever a user typed leaves every export as text.

A spreadsheet reads a cell that starts with `=` as a formula, and in a CSV file one that starts
with `+`, `-`, `@`, a tab or a carriage return too (Excel and LibreOffice turn them into formulas
or DDE commands). A task title such as `=HYPERLINK("http://…?"&B2, "…")` in an export would then
send the sheet's data away, or run a command, when a colleague opens it. So, as OWASP's
CSV-injection guidance asks:

- XLSX: every text is written as a string cell, exactly as typed; a string cell is never
  evaluated. (openpyxl would make a formula of a text starting with `=`;
  `ratings.export.xlsx_row` gives it the string type instead.)
- CSV: a text that starts with one of those characters gets a leading single quote, which
  spreadsheets read as "this is text" (`csv_cell`), and every text field is quoted
  (`CSV_QUOTING`), so that a separator inside a text (`a;=1+1` opened where `;` separates) cannot
  start a new cell with a formula.

Numbers stay numbers: a number is written as one, and a text that is nothing but a number
(`-1.5`, `+7`) carries no code and is left as it is.
"""

from __future__ import annotations

import csv
import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")
CSV_QUOTING = csv.QUOTE_NONNUMERIC  # every text quoted; numbers bare, so they stay numbers


def formula_like(text: str) -> bool:
    """Whether a spreadsheet would read `text`, put alone in a CSV cell, as a formula."""
    return text.startswith(FORMULA_STARTS) and NUMBER.fullmatch(text) is None


def csv_cell(value: object) -> object:
    """`value` as a CSV cell that no spreadsheet runs: a formula-like text with a leading `'`;
    any other value, numbers included, unchanged."""
    if isinstance(value, str) and formula_like(value):
        return "'" + value
    return value
