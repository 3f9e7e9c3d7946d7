"""Executive bodies as the agency rating's units: the federal structure and the regions' bodies,
as data files with their source.

The bundled lists (`data/agencies/`): `federal.csv`, the federal ministries, services and
agencies by the President's decree on the structure of federal executive bodies, each with whom
it answers to (`head`: the President, the Government, or the code of its ministry); one file per
region (`RU-KLU.csv`) with the region's executive bodies. A regional body that answers citizens
on the feedback platform keeps its body's code (`klu-health`), so the citizen side of its rating
and its cases meet under one code. A user may load other files with the same columns.

Files are edited by hand, so every problem is reported at once with the file, the row (the
header being row 1) and the column; a list with any problem is refused whole.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.reference.regions import load_regions

DATA_DIR = Path(__file__).with_name("data") / "agencies"
FEDERAL_FILE = DATA_DIR / "federal.csv"
COLUMNS = ("code", "name_ru", "name_en", "short_ru", "kind", "head", "region", "source")
REQUIRED = ("code", "name_ru", "kind", "head", "source")
KINDS = ("ministry", "service", "agency", "other")
HEADS = ("president", "government")  # or the code of a ministry of the same level and region
NAME_LIMIT = 255  # units.name_ru

_CODE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")


@dataclass(frozen=True)
class Agency:
    """One executive body as a rated unit; `region` None for a federal body."""

    code: str
    name_ru: str
    name_en: str | None
    short_ru: str | None
    kind: str
    head: str
    region: str | None
    source: str
    file: str | None = field(default=None, compare=False)  # where it was read, for problems
    row: int | None = field(default=None, compare=False)

    @property
    def federal(self) -> bool:
        return self.region is None

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" and self.name_en else self.name_ru


def bundled_agency_files() -> list[Path]:
    """The federal list first, then the regions' lists by code."""
    regional = sorted(p for p in DATA_DIR.glob("*.csv") if p != FEDERAL_FILE)
    return [FEDERAL_FILE, *regional]


def read_agencies(paths: Iterable[str | Path] | None = None) -> list[Agency]:
    """Every agency of the files (the bundled lists by default), checked together: a code is
    unique across them and a ministry named as `head` may be in another of the files."""
    paths = [Path(p) for p in (bundled_agency_files() if paths is None else paths)]
    problems: list[Problem] = []
    rows: list[tuple[str, int, dict[str, str]]] = []
    for path in paths:
        try:
            rows += [(path.name, line, cells) for line, cells in _rows(path)]
        except ValidationFailed as exc:
            problems += exc.problems
    if problems:
        raise ValidationFailed(problems)
    problems = _problems(rows, set(load_regions().index))
    if problems:
        raise ValidationFailed(problems)
    return [_agency(cells, file, line) for file, line, cells in rows]


def _rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """The file's records with their spreadsheet row; refused when unreadable or a column lacks."""
    try:
        data = path.read_bytes()
    except OSError:
        raise ValidationFailed([Problem("file_not_found", file=path.name)]) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1251")
        except UnicodeDecodeError:
            raise ValidationFailed([Problem("bad_encoding", file=path.name)]) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = [h.strip().lower() for h in next(reader, [])]
        records = [(reader.line_num, record) for record in reader if any(c.strip() for c in record)]
    except csv.Error:
        raise ValidationFailed([Problem("unreadable_table", file=path.name)]) from None
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ValidationFailed(
            [Problem("missing_column", file=path.name, row=1, column=c, value=c) for c in missing]
        )
    out = []
    for line, record in records:
        padded = record + [""] * (len(header) - len(record))
        out.append((line, {h: padded[k].strip() for k, h in enumerate(header)}))
    return out


def _problems(rows: list[tuple[str, int, dict[str, str]]], regions: set[str]) -> list[Problem]:
    problems: list[Problem] = []
    first: dict[str, tuple[str, int]] = {}
    ministries = {
        (cells.get("region", ""), cells["code"])
        for _, _, cells in rows
        if cells.get("kind") == "ministry"
    }

    def bad(code: str, file: str, line: int, cells: dict, column: str, **params) -> None:
        value = cells.get(column, "")
        problems.append(
            Problem(code, file=file, row=line, column=column, value=value, params=params)
        )

    for file, line, cells in rows:
        for column in REQUIRED:
            if not cells.get(column):
                bad("empty_value", file, line, cells, column)
        code = cells.get("code", "")
        region = cells.get("region", "")
        if code and not _CODE.match(code):
            bad("agency_bad_code", file, line, cells, "code")
        elif code in first:
            where_file, where_row = first[code]
            bad("agency_code_twice", file, line, cells, "code", first=f"{where_file}:{where_row}")
        else:
            first[code] = (file, line)
        if cells.get("kind") and cells["kind"] not in KINDS:
            bad("agency_bad_kind", file, line, cells, "kind", expected=", ".join(KINDS))
        if region and region not in regions:
            bad("agency_unknown_region", file, line, cells, "region")
        head = cells.get("head", "")
        if head and head not in HEADS and (region, head) not in ministries:
            bad("agency_bad_head", file, line, cells, "head", expected=", ".join(HEADS))
        for column in ("name_ru", "name_en", "short_ru"):
            if len(cells.get(column, "")) > NAME_LIMIT:
                bad("agency_name_too_long", file, line, cells, column, limit=NAME_LIMIT)
    return problems


def _agency(cells: dict[str, str], file: str, line: int) -> Agency:
    return Agency(
        code=cells["code"],
        name_ru=cells["name_ru"],
        name_en=cells.get("name_en") or None,
        short_ru=cells.get("short_ru") or None,
        kind=cells["kind"],
        head=cells["head"],
        region=cells.get("region") or None,
        source=cells["source"],
        file=file,
        row=line,
    )
