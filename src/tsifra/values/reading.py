"""Reading the tables users have: CSV as Russian Excel saves it, XLSX, Parquet, JSON.

Russian Excel writes CSV in Windows-1251 with semicolons and decimal commas; other tools write
UTF-8 with commas. An XLSX cell is read as what it shows, its number format respected (a
percentage cell showing «58,5 %» is «58.5%», a date cell a date: `values.xlsx`). Cells are read
as text, so that "12,5" or "н/д" reach validation as written and the problem can be shown with
the user's own value. Each row keeps its number as a spreadsheet
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
import logging
import re
from dataclasses import replace
from pathlib import Path

import pandas as pd

from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.values.limits import check_parquet, check_text_grid, check_xlsx
from tsifra.values.xlsx import read_xlsx_grid

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
log = logging.getLogger(__name__)


def read_table(path: str | Path, sheet: str | None = None) -> pd.DataFrame:
    """All cells as text (missing as NA), plus the `__row__` column; raises ValidationFailed."""
    path = Path(path)
    if not path.is_file():
        raise ValidationFailed([Problem("file_not_found", file=str(path))])
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            check_xlsx(path, sheet)
            frame, first_row = _with_header(read_xlsx_grid(path, sheet))
        elif suffix == ".json":
            frame, first_row = _read_json(path), 1
        elif suffix == ".parquet":
            check_parquet(path)
            frame, first_row = _read_parquet(path), 1
        else:
            frame, first_row = _with_header(_read_csv(path.read_bytes(), str(path)))
    except ValidationFailed as failed:
        raise ValidationFailed(_in_file(failed.problems, path)) from None
    except Exception as exc:  # any parser failure is the user's file, not our bug
        raise ValidationFailed([_unreadable(exc, path, sheet)]) from None
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
    _refuse_repeated_columns(names, header_row=at + 1, letters=True)
    body = grid.iloc[at + 1 :].copy()
    body.columns = names
    body = body.loc[:, [n for n in names if n]]  # unnamed, empty columns are Excel's leftovers
    return body.reset_index(drop=True), at + 2


def _column_name(cell) -> str:
    return "" if pd.isna(cell) or not str(cell).strip() else str(cell).strip()


def _read_parquet(path: Path) -> pd.DataFrame:
    """Parquet is typed already; cells become text so every format meets the same validation."""
    import pyarrow.parquet as pq  # pandas' own engine; its schema names the columns unread

    names = [str(n).strip() for n in pq.read_schema(path).names]
    _refuse_repeated_columns(names, None, letters=False)  # pandas would fail without saying
    return pd.read_parquet(path).astype("string")


def _read_json(path: Path) -> pd.DataFrame:
    """Records as a table. `NaN` and `Infinity`, which Python's JSON reader accepts, stay as the
    text written, so validation names them as a value that is not a number instead of the
    record being read as having no value; a key repeated in one record (the reader would keep
    the last silently) is a problem of that record."""
    data = json.loads(
        path.read_text(encoding="utf-8"), parse_constant=str, object_pairs_hook=_Record
    )
    if isinstance(data, dict):
        data = data.get("data") or data.get("values") or [data]
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise ValidationFailed([Problem("json_not_records")])
    repeated = [
        Problem("repeated_key", row=i, column=key, value=key)
        for i, record in enumerate(data, start=1)
        for key in record.repeated
    ]
    if repeated:
        raise ValidationFailed(repeated)
    frame = pd.DataFrame.from_records(data)
    _refuse_repeated_columns([str(c).strip() for c in frame.columns], None, letters=False)
    return frame.astype(str).replace({"None": "", "nan": ""})


class _Record(dict):
    """A JSON object that remembers the keys it was given more than once."""

    def __init__(self, pairs: list[tuple[str, object]]):
        super().__init__(pairs)
        counted: dict[str, int] = {}
        for key, _ in pairs:
            counted[key] = counted.get(key, 0) + 1
        self.repeated = [key for key, n in counted.items() if n > 1]


def _refuse_repeated_columns(names: list[str], header_row: int | None, *, letters: bool) -> None:
    """Two columns that mean the same thing (the same name in any case, or two names of the
    unit, the period, the indicator or the value) leave no way to tell which cell counts: each
    later one is a problem at the header's row, naming both columns' positions (letters as a
    spreadsheet shows them, or numbers where a file has no letters)."""
    seen: dict[str, tuple[str, int]] = {}
    problems = []
    for position, name in enumerate(names, start=1):
        if not name:
            continue
        key = _column_meaning(name)
        if key not in seen:
            seen[key] = (name, position)
            continue
        other, first = seen[key]
        where = {"first": _position(first, letters), "second": _position(position, letters)}
        problems.append(
            Problem(
                "repeated_column",
                row=header_row,
                column=name,
                value=name,
                params={"other": other, **where},
            )
        )
    if problems:
        raise ValidationFailed(problems)


def _column_meaning(name: str) -> str:
    folded = name.strip().casefold()
    return next((k for k, aliases in ALIASES.items() if folded in aliases), folded)


def _position(number: int, letters: bool) -> str:
    """1 → A, 27 → AA, as a spreadsheet names its columns."""
    if not letters:
        return str(number)
    out = ""
    while number:
        number, rest = divmod(number - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


_PARSER_LINE = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


def _unreadable(exc: Exception, path: Path, sheet: str | None) -> Problem:
    """A parser's failure as a problem in the user's words: the library's text and the server's
    paths stay in the log, the person reads what to fix and, where the parser says, where."""
    log.info("cannot read %s: %s: %s", path.name, type(exc).__name__, exc)
    file = str(path)
    suffix = path.suffix.lower()
    if isinstance(exc, json.JSONDecodeError):
        return Problem("bad_json", file=file, row=exc.lineno, params={"position": exc.colno})
    if isinstance(exc, UnicodeDecodeError):
        return Problem("bad_encoding", file=file)
    if m := _PARSER_LINE.search(str(exc)):
        return Problem(
            "row_too_long",
            file=file,
            row=int(m[2]),
            params={"expected": int(m[1]), "found": int(m[3])},
        )
    if suffix in (".xlsx", ".xlsm"):
        if sheet is not None and "not found" in str(exc):
            return Problem("unknown_sheet", file=file, value=sheet)
        return Problem("unreadable_workbook", file=file)
    if suffix == ".parquet":
        return Problem("unreadable_parquet", file=file)
    return Problem("unreadable_table", file=file)


def _in_file(problems: list[Problem], path: Path) -> list[Problem]:
    """Problems found while reading name the file they were found in."""
    return [p if p.file else replace(p, file=str(path)) for p in problems]
