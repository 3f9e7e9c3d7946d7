"""Russia's federal subjects as data: codes, names, districts and tile-map positions.

The bundled list follows ISO 3166-2:RU (83 subjects). The list is data, not code: a user
may pass another file with the same columns (say, an official list with more subjects) and
everything downstream works unchanged. Because such files are edited by hand, every problem
is reported with the file, the row as a spreadsheet counts it (header = row 1) and the column.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

DATA_DIR = Path(__file__).with_name("data")
REGIONS_FILE = DATA_DIR / "regions.csv"
TILE_GRID_FILE = DATA_DIR / "tile_grid.csv"
FEDERAL_DISTRICTS_FILE = DATA_DIR / "federal_districts.csv"

REGION_COLUMNS = ("code", "okato", "name_ru", "name_en", "federal_district", "population", "kind")
TILE_GRID_COLUMNS = ("code", "col", "row")
FEDERAL_DISTRICT_COLUMNS = ("code", "name_ru", "name_en")


class ReferenceDataError(ValueError):
    """A reference file is malformed; the message points at the offending cell."""


@dataclass(frozen=True)
class Region:
    """One federal subject, for code that prefers typed records to DataFrame rows."""

    code: str
    okato: str
    name_ru: str
    name_en: str
    federal_district: str
    population: int
    kind: str


def _error(path: Path, row: int, column: str, problem: str) -> ReferenceDataError:
    return ReferenceDataError(f"{path}: row {row}, column '{column}': {problem}")


def _read(path: Path, required: Iterable[str]) -> pd.DataFrame:
    # Everything is read as text so codes such as OKATO "01" keep their leading zeros and
    # bad numbers can be reported as the user typed them. utf-8-sig accepts Excel's BOM.
    try:
        frame = pd.read_csv(
            path, dtype=str, keep_default_na=False, skip_blank_lines=False, encoding="utf-8-sig"
        )
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise ReferenceDataError(f"{path}: cannot be read as UTF-8 CSV: {exc}") from exc
    frame.columns = [str(column).strip() for column in frame.columns]
    for column in required:
        if column not in frame.columns:
            raise _error(path, 1, column, "required column is missing")
    frame = frame.fillna("").apply(lambda values: values.str.strip())
    # Index = spreadsheet row number; blank lines are dropped without renumbering the rest.
    frame.index = pd.RangeIndex(2, len(frame) + 2)
    return frame[(frame != "").any(axis=1)]


def _require_values(frame: pd.DataFrame, path: Path, columns: Iterable[str]) -> None:
    for column in columns:
        empty = frame.index[frame[column] == ""]
        if len(empty):
            raise _error(path, empty[0], column, "value is empty")


def _require_unique(values: pd.Series, path: Path, column: str) -> None:
    repeated = values.index[values.duplicated()]
    if len(repeated):
        row = repeated[0]
        first = values.index[values == values[row]][0]
        raise _error(path, row, column, f"duplicate {values[row]!r} (first in row {first})")


def _to_count(frame: pd.DataFrame, path: Path, column: str) -> pd.Series:
    bad = frame.index[~frame[column].str.fullmatch(r"\d+")]
    if len(bad):
        value = frame.at[bad[0], column]
        raise _error(path, bad[0], column, f"expected a non-negative integer, got {value!r}")
    return frame[column].astype("int64")


def load_federal_districts(path: str | Path | None = None) -> pd.DataFrame:
    """Federal districts indexed by slug (e.g. ``central``), with Russian and English names."""
    path = Path(path) if path is not None else FEDERAL_DISTRICTS_FILE
    frame = _read(path, FEDERAL_DISTRICT_COLUMNS)
    _require_values(frame, path, FEDERAL_DISTRICT_COLUMNS)
    _require_unique(frame["code"], path, "code")
    return frame.set_index("code")


def load_regions(
    path: str | Path | None = None, *, districts_path: str | Path | None = None
) -> pd.DataFrame:
    """Federal subjects indexed by ISO 3166-2 code (e.g. ``RU-MOW``).

    ``okato`` stays a string. ``population`` is approximate (rounded, order of the 2021
    census): good for weighting and per-capita scaling, not for official statistics.
    ``federal_district`` must be a code from the districts file (bundled one by default),
    so a typo cannot silently create a ninth district in every aggregate.
    """
    path = Path(path) if path is not None else REGIONS_FILE
    frame = _read(path, REGION_COLUMNS)
    _require_values(frame, path, ("code", "name_ru", "name_en"))
    _require_unique(frame["code"], path, "code")
    frame["population"] = _to_count(frame, path, "population")
    known = set(load_federal_districts(districts_path).index)
    unknown = frame.index[~frame["federal_district"].isin(known)]
    if len(unknown):
        value = frame.at[unknown[0], "federal_district"]
        expected = ", ".join(sorted(known))
        raise _error(
            path, unknown[0], "federal_district", f"unknown {value!r}; expected one of {expected}"
        )
    return frame.set_index("code")


def load_tile_grid(path: str | Path | None = None) -> pd.DataFrame:
    """Tile-map cells indexed by region code: ``col`` grows eastwards, ``row`` southwards."""
    path = Path(path) if path is not None else TILE_GRID_FILE
    frame = _read(path, TILE_GRID_COLUMNS)
    _require_values(frame, path, ("code",))
    _require_unique(frame["code"], path, "code")
    frame["col"] = _to_count(frame, path, "col")
    frame["row"] = _to_count(frame, path, "row")
    # Two regions on one tile would hide one of them on the map.
    tiles = frame["col"].astype(str) + "," + frame["row"].astype(str)
    _require_unique(tiles, path, "col,row")
    return frame.set_index("code")


def as_regions(frame: pd.DataFrame) -> list[Region]:
    """Typed records from a frame returned by :func:`load_regions`."""
    return [
        Region(
            code=str(code),
            okato=str(row["okato"]),
            name_ru=str(row["name_ru"]),
            name_en=str(row["name_en"]),
            federal_district=str(row["federal_district"]),
            population=int(row["population"]),
            kind=str(row["kind"]),
        )
        for code, row in frame.iterrows()
    ]
