"""Writing results where users read them: CSV (Excel-friendly), XLSX or JSON, by extension.

A unit or indicator code, a name or a note comes from someone's file and goes out as text that
no spreadsheet runs (`kernel.cells`): `xlsx_row` is how every workbook Tsifra writes puts a row
on a sheet, and CSV cells pass through `csv_cell`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ERROR_CODES, Cell, WriteOnlyCell
from openpyxl.worksheet.worksheet import Worksheet

from tsifra.engine import Result
from tsifra.kernel.cells import CSV_QUOTING, csv_cell

COLUMNS = ["unit", "period", "node", "score", "rank"]


def results_table(result: Result) -> pd.DataFrame:
    """Long-form results `unit, period, node, score, rank` for every node, period and unit."""
    return result.long()[COLUMNS]


def write_results(result: Result, path: str | Path) -> Path:
    """Write long-form results; the format follows the file extension (.csv, .xlsx, .json)."""
    return write_table(results_table(result), path)


def write_table(table: pd.DataFrame, path: str | Path) -> Path:
    """Write a table by extension; written to a temporary name and renamed, so a failed write
    leaves nothing behind."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx", ".json"):
        raise ValueError(f"unsupported output format {suffix!r}: use .csv, .xlsx or .json")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        if suffix == ".csv":
            _inert(table).to_csv(tmp, index=False, encoding="utf-8", quoting=CSV_QUOTING)
        elif suffix == ".xlsx":
            book = Workbook(write_only=True)
            sheet = book.create_sheet("results")
            for row in table_rows(table):
                sheet.append(xlsx_row(sheet, row))
            book.save(tmp)
        else:
            records = json.loads(table.to_json(orient="records", double_precision=15))
            tmp.write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def table_rows(table: pd.DataFrame) -> Iterable[list[object]]:
    """The header and then every row of `table` as plain Python values, a missing one as None."""
    yield [str(c) for c in table.columns]
    columns = [table[c].to_numpy(dtype=object) for c in table.columns]
    for row in zip(*columns, strict=True):
        yield [_plain(v) for v in row]


def xlsx_row(sheet: Worksheet, values: Iterable[object]) -> list[object]:
    """One row for `sheet.append` (a normal or a write-only sheet): every text a string cell.

    openpyxl types a text itself, as a string, except one that starts with `=` (a formula) or
    is an error code (`#N/A`): those, and only those, are handed over as a cell typed string,
    so that a workbook of 10⁵ rows costs no more to write.
    """
    return [
        _text_cell(sheet, v) if isinstance(v, str) and _typed_otherwise(v) else v for v in values
    ]


def _typed_otherwise(text: str) -> bool:
    return text.startswith("=") or text in ERROR_CODES


def _text_cell(sheet: Worksheet, text: str) -> Cell:
    cell = WriteOnlyCell(sheet, text)
    cell.data_type = "s"
    return cell


def _plain(value: object) -> object:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value


def _inert(table: pd.DataFrame) -> pd.DataFrame:
    """`table` with its text columns' cells made safe for a spreadsheet (`kernel.cells`)."""
    texts = [c for c in table.columns if not pd.api.types.is_numeric_dtype(table[c])]
    if not texts:
        return table
    safe = table.copy()
    for column in texts:
        safe[column] = safe[column].map(csv_cell)
    return safe
