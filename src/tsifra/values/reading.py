"""Reading the tables users have: CSV as Russian Excel saves it, XLSX, Parquet, JSON.

Russian Excel writes CSV in Windows-1251 with semicolons and decimal commas; other tools write
UTF-8 with commas. Cells are read as text, so that "12,5" or "н/д" reach validation as written and
the problem can be shown with the user's own value. Each row keeps its number as a spreadsheet
shows it (the header is row 1), which is what every problem report names. Spreadsheets often
carry a title or a note above the header («Показатели цифровой зрелости, 2024»): the header is
the first of the top rows that names both the unit and the period column, and row numbers still
count from the top of the sheet; the header's own row is kept in `frame.attrs[HEADER_ROW]`, so a
problem with a column's name points at the row the user sees it on.

A wide file may carry unit attributes beside the values, as COINr's iData does (uName, GDP_group):
a unit's name under one of `UNIT_NAME_COLUMNS` and any attribute the methodology declares or the
unit list has are read as attributes, not indicators (see `values.validation`).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd

from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.values.limits import check_parquet, check_text_grid, check_xlsx

ROW = "__row__"  # the spreadsheet row number of each record
HEADER_ROW = "header_row"  # key in `frame.attrs`: the spreadsheet row of the header
SUFFIXES = {".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".json", ".parquet"}
ALIASES = {
    "unit": ("unit", "region", "ucode", "unit_code", "регион", "субъект", "единица"),
    "period": ("period", "time", "year", "период", "год"),
    "indicator": ("indicator", "indicator_code", "показатель", "код показателя"),
    "value": ("value", "значение"),
    "measure": (
        "measure",
        "unit_of_measure",
        "ед. изм.",
        "ед.изм.",
        "единица измерения",
        "единицы измерения",
    ),
}
# A unit's name beside its code: an attribute of the unit, never an indicator.
UNIT_NAME_COLUMNS = (
    "uname",
    "name",
    "unit_name",
    "region_name",
    "название",
    "наименование",
    "название региона",
    "наименование региона",
    "наименование субъекта",
)
HEADER_SEARCH_ROWS = 10


def read_table(path: str | Path, sheet: str | None = None) -> pd.DataFrame:
    """All cells as text (missing as NA), plus the `__row__` column; raises ValidationFailed."""
    path = Path(path)
    if not path.is_file():
        raise ValidationFailed([Problem("file_not_found", file=str(path))])
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            check_xlsx(path, sheet)
            grid = pd.read_excel(path, sheet_name=sheet or 0, dtype=str, header=None)
            frame, first_row = _with_header(grid)
        elif suffix == ".json":
            frame, first_row = _read_json(path), 1
        elif suffix == ".parquet":
            check_parquet(path)
            frame, first_row = _read_parquet(path), 1
        else:
            frame, first_row = _with_header(_read_csv(path.read_bytes(), str(path)))
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
    frame = frame.reset_index(drop=True)
    tabular = suffix not in (".json", ".parquet")  # records and typed columns have no header row
    frame.attrs[HEADER_ROW] = first_row - 1 if tabular else None
    return frame


def read_units(path: str | Path) -> pd.DataFrame:
    """A unit list: a `unit` (or `code`) column and any attribute columns, indexed by unit."""
    frame = read_table(path).drop(columns=[ROW])
    key = next((c for c in frame.columns if c.lower() in ("unit", "code", "ucode")), None)
    if key is None:
        raise ValidationFailed([Problem("missing_column", file=str(path), value="unit")])
    frame = frame.set_index(key)
    frame.index.name = "unit"
    return typed_attributes(frame)


def same_file(units: object, data: object) -> bool:
    """Whether the unit list named is the data file itself (a COINr user's iData.csv is both)."""
    if not isinstance(units, str | Path) or not isinstance(data, str | Path):
        return False
    return Path(units).resolve() == Path(data).resolve()


def with_attributes(units: pd.DataFrame | None, found: pd.DataFrame | None) -> pd.DataFrame | None:
    """The unit list with the attributes a data file carries; where both name an attribute, the
    unit list holds. Without a unit list, the file's units and attributes are the list."""
    if found is None:
        return units
    if units is None:
        return found
    extra = [c for c in found.columns if c not in units.columns]
    return units.join(found[extra]) if extra else units


def typed_attributes(frame: pd.DataFrame) -> pd.DataFrame:
    """Attribute columns whose every cell is a number become numbers (a population can then be
    a denominator); the rest stay text (groups, names)."""
    frame = frame.copy()
    for column in frame.columns:
        text = frame[column].astype("string")
        numbers = pd.to_numeric(text.str.replace(",", ".", regex=False), errors="coerce")
        if numbers.notna().sum() == text.notna().sum():
            frame[column] = numbers
    return frame


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _read_csv(data: bytes, file: str = "") -> pd.DataFrame:
    """The raw grid of cells, header included, for `_with_header` to find the header in."""
    text = _decode(data)
    if not text.strip():
        return pd.DataFrame()
    top = [line for line in text.splitlines()[:HEADER_SEARCH_ROWS] if line.strip()]
    delimiter = max((";", ",", "\t"), key=lambda d: max(line.count(d) for line in top))
    check_text_grid(text, top, delimiter, file)
    width = max(len(r) for r in csv.reader(top, delimiter=delimiter))
    return pd.read_csv(
        io.StringIO(text),
        sep=delimiter,
        header=None,
        names=range(width),
        dtype=str,
        keep_default_na=False,
        skip_blank_lines=False,
        engine="c",
    )


def _with_header(grid: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Use the first top row naming unit and period as the header; else the very first row."""
    if grid.empty:
        return pd.DataFrame(), 2
    at = 0
    for i in range(min(HEADER_SEARCH_ROWS, len(grid))):
        cells = {str(c).strip().lower() for c in grid.iloc[i] if isinstance(c, str)}
        if cells & set(ALIASES["unit"]) and cells & set(ALIASES["period"]):
            at = i
            break
    names = [_column_name(c) for c in grid.iloc[at]]
    body = grid.iloc[at + 1 :].copy()
    body.columns = names
    body = body.loc[:, [n for n in names if n]]  # unnamed, empty columns are Excel's leftovers
    return body.reset_index(drop=True), at + 2


def _column_name(cell) -> str:
    return "" if pd.isna(cell) or not str(cell).strip() else str(cell).strip()


def _read_parquet(path: Path) -> pd.DataFrame:
    """Parquet is typed already; cells become text so every format meets the same validation."""
    frame = pd.read_parquet(path)
    return frame.astype("string")


def _read_json(path: Path) -> pd.DataFrame:
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data, dict):
        data = data.get("data") or data.get("values") or [data]
    return pd.DataFrame.from_records(data).astype(str).replace({"None": "", "nan": ""})
