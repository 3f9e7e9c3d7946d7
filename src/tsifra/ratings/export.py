"""Writing results where users read them: CSV (Excel-friendly), XLSX or JSON, by extension."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from tsifra.engine import Result

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
            table.to_csv(tmp, index=False, encoding="utf-8")
        elif suffix == ".xlsx":
            table.to_excel(tmp, index=False, sheet_name="results", engine="openpyxl")
        else:
            records = json.loads(table.to_json(orient="records", double_precision=15))
            tmp.write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return path
