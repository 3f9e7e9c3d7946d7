"""Reading the tables users have: CSV as Russian Excel saves it, XLSX, JSON.

Russian Excel writes CSV in Windows-1251 with semicolons and decimal commas; other tools write
UTF-8 with commas. Cells are read as text, so that "12,5" or "н/д" reach validation as written and
the problem can be shown with the user's own value. Each row keeps its number as a spreadsheet
shows it (the header is row 1), which is what every problem report names.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd

from tsifra.problems import Problem, ValidationFailed

ROW = "__row__"  # the spreadsheet row number of each record
SUFFIXES = {".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".json"}


def read_table(path: str | Path, sheet: str | None = None) -> pd.DataFrame:
    """All cells as text (missing as NA), plus the `__row__` column; raises ValidationFailed."""
    path = Path(path)
    if not path.is_file():
        raise ValidationFailed([Problem("file_not_found", file=str(path))])
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            frame = pd.read_excel(path, sheet_name=sheet or 0, dtype=str, header=0)
            first_row = 2
        elif suffix == ".json":
            frame, first_row = _read_json(path), 1
        else:
            frame, first_row = _read_csv(path.read_bytes()), 2
    except ValidationFailed:
        raise
    except Exception as exc:  # any parser failure is the user's file, not our bug
        detail = f"{type(exc).__name__}: {exc}"
        problem = Problem("unreadable", file=str(path), params={"detail": detail})
        raise ValidationFailed([problem]) from None
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = frame.astype("string")
    for column in frame.columns:
        frame[column] = frame[column].str.strip().replace("", pd.NA)
    frame = frame.dropna(how="all")
    frame[ROW] = frame.index.to_numpy() + first_row
    return frame.reset_index(drop=True)


def read_units(path: str | Path) -> pd.DataFrame:
    """A unit list: a `unit` (or `code`) column and any attribute columns, indexed by unit."""
    frame = read_table(path).drop(columns=[ROW])
    key = next((c for c in frame.columns if c.lower() in ("unit", "code", "ucode")), None)
    if key is None:
        raise ValidationFailed([Problem("missing_column", file=str(path), value="unit")])
    frame = frame.set_index(key)
    frame.index.name = "unit"
    for column in frame.columns:
        numbers = pd.to_numeric(frame[column].str.replace(",", ".", regex=False), errors="coerce")
        if numbers.notna().sum() == frame[column].notna().sum():
            frame[column] = numbers
    return frame


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _read_csv(data: bytes) -> pd.DataFrame:
    text = _decode(data)
    header = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=header.count)
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not rows:
        return pd.DataFrame()
    width = len(rows[0])
    body = [r + [""] * (width - len(r)) if len(r) < width else r[:width] for r in rows[1:]]
    return pd.DataFrame(body, columns=rows[0], dtype=str)


def _read_json(path: Path) -> pd.DataFrame:
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data, dict):
        data = data.get("data") or data.get("values") or [data]
    return pd.DataFrame.from_records(data).astype(str).replace({"None": "", "nan": ""})
