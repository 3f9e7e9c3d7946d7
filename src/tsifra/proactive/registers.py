"""Loading a register a proactive rule reads (damaged households, investment projects) from the
file its keeper has: CSV as Russian Excel saves it (Windows-1251, semicolons) or UTF-8, or XLSX.

Each register has a Table Schema in `proactive/data/<register>.schema.yaml` (the marts' subset,
`marts.tableschema`); a column is found by the field's name or its Russian title, so a sheet
headed «Фамилия», «Адрес» loads as well as one headed `surname`, `address`. Every cell is
checked against its field (type, required, pattern, enum, bounds, the key unique) and every
problem is reported at once with its row (as the spreadsheet numbers it) and column. A file
with any problem changes nothing: all or nothing.

A register file is an extract, not the whole register: its records are added or updated by
their key, and records it does not carry stay as they were. A record's status is the keeper's
(a household `confirmed` once the commission's act is signed); a rule acts on it when it runs
(`proactive.compensation`, `proactive.investors`), so a record confirmed in a later load is
acted on then, and a record already acted on is never acted on twice (the rules' keys).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from tsifra.kernel.language import word_key
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.marts.tableschema import SchemaField, TableSchema, load_table_schema
from tsifra.store import RegisterRecord, Unit, session_scope, utcnow
from tsifra.store.audit import record

DATA = Path(__file__).parent / "data"
REGISTERS = ("damaged_households", "investment_projects")
MAX_BYTES = 50 * 1024 * 1024
MAX_RECORDS = 200_000
FORMATS = (".csv", ".txt", ".xlsx", ".xlsm")
# The problem of a cell that is not of its field's type (text is always text).
TYPE_PROBLEMS = {
    "integer": word_key("comp_cell_integer"),
    "number": word_key("comp_cell_number"),
    "boolean": word_key("comp_cell_boolean"),
    "date": word_key("comp_cell_date"),
    "datetime": word_key("comp_cell_datetime"),
}
TRUE = {"true", "1", "да", "yes", "истина"}
FALSE = {"false", "0", "нет", "no", "ложь"}
INTEGER = re.compile(r"[+-]?\d+")
NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")
RUSSIAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
SPACES = re.compile(r"[\s\u00a0\u202f]")


@dataclass(frozen=True)
class LoadedRegister:
    register: str
    records: int  # records in the file
    added: int
    updated: int
    unchanged: int
    confirmed: int  # records of the file whose status is `confirmed` (or `active`)


@dataclass(frozen=True)
class Line:
    """One record of the file as read: its row number as a spreadsheet shows it, its cells by
    field name (text as typed, stripped; None when empty)."""

    row: int
    cells: dict[str, str | None]


def register_schema(register: str) -> TableSchema:
    """The Table Schema of a known register; an unknown one is a located problem."""
    if register not in REGISTERS:
        known = {"known": ", ".join(REGISTERS)}
        raise ValidationFailed(
            [Problem("comp_register_unknown", path="register", value=register, params=known)]
        )
    return load_table_schema(DATA / f"{register}.schema.yaml")


def read_register(register: str, path: str | Path) -> tuple[list[dict[str, Any]], str]:
    """The typed records of a register file and its SHA-256; every problem at once."""
    schema = register_schema(register)
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
    except OSError:
        raise ValidationFailed([Problem("file_not_found", file=name)]) from None
    if path.suffix.lower() not in FORMATS:
        formats = ", ".join(FORMATS)
        raise ValidationFailed(
            [
                Problem(
                    "comp_register_format",
                    file=name,
                    value=path.suffix,
                    params={"formats": formats},
                )
            ]
        )
    if size > MAX_BYTES:
        limit = {"limit": MAX_BYTES // (1024 * 1024)}
        raise ValidationFailed([Problem("comp_register_too_large", file=name, params=limit)])
    data = path.read_bytes()
    grid = _xlsx_grid(path) if path.suffix.lower() in (".xlsx", ".xlsm") else _csv_grid(data, name)
    lines, headings = _lines(grid, schema, name)
    records, problems = _typed(lines, schema, name, headings)
    if register == "investment_projects":
        problems += _site_problems(lines, records, name, headings["site"])
    if problems:
        raise ValidationFailed(problems)
    return records, hashlib.sha256(data).hexdigest()


def load_register(
    engine: Engine,
    register: str,
    path: str | Path,
    *,
    actor: str | None = None,
    now: datetime | None = None,
) -> LoadedRegister:
    """Add or update the file's records by their key, in one transaction, or nothing at all."""
    records, digest = read_register(register, path)
    schema = register_schema(register)
    key_field = schema.primary_key[0]
    name = Path(path).name
    now = now or utcnow()
    added = updated = unchanged = 0
    with session_scope(engine) as session:
        regions = {r for r in session.scalars(select(Unit.code).where(Unit.kind == "region"))}
        unknown = [
            Problem(
                "comp_region_unknown",
                file=name,
                row=r["__row__"],
                column="region",
                value=r["region"],
            )
            for r in records
            if r["region"] not in regions
        ]
        if unknown:
            raise ValidationFailed(unknown)
        stored = {
            r.key: r
            for r in session.scalars(
                select(RegisterRecord).where(RegisterRecord.register == register)
            )
        }
        for typed in records:
            data = {k: v for k, v in typed.items() if k != "__row__"}
            key = str(data[key_field])
            row = stored.get(key)
            fields = dict(
                region=data["region"], oktmo=data.get("oktmo"), status=data["status"], data=data
            )
            if row is None:
                session.add(
                    RegisterRecord(
                        register=register,
                        key=key,
                        source=name,
                        source_sha256=digest,
                        loaded_at=now,
                        **fields,
                    )
                )
                added += 1
            elif all(getattr(row, f) == v for f, v in fields.items()):
                unchanged += 1
            else:
                for f, v in fields.items():
                    setattr(row, f, v)
                row.source, row.source_sha256, row.loaded_at = name, digest, now
                updated += 1
        details = {"file": name, "sha256": digest, "added": added, "updated": updated}
        record(session, actor, "register.load", register, details)
    confirmed = sum(1 for r in records if r["status"] in ("confirmed", "active"))
    return LoadedRegister(register, len(records), added, updated, unchanged, confirmed)


def _csv_grid(data: bytes, name: str) -> list[tuple[int, list[str]]]:
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1251 decodes almost any byte; the rest are not text files
        raise ValidationFailed([Problem("bad_encoding", file=name)])
    top = [line for line in text.splitlines()[:10] if line.strip()]
    if not top:
        raise ValidationFailed([Problem("comp_register_empty", file=name)])
    delimiter = max((";", ",", "\t"), key=lambda d: top[0].count(d))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    grid = []
    try:
        start = 1
        for cells in reader:
            grid.append((start, cells))
            start = reader.line_num + 1
            if len(grid) > MAX_RECORDS + 1:
                limit = {"limit": MAX_RECORDS}
                raise ValidationFailed([Problem("comp_register_too_many", file=name, params=limit)])
    except csv.Error:
        raise ValidationFailed([Problem("comp_register_unreadable", file=name)]) from None
    return grid


def _xlsx_grid(path: Path) -> list[tuple[int, list[str]]]:
    """The first sheet's cells as the keeper sees them (`values.xlsx`), refused first when the
    sheet is too big to read (`values.limits`)."""
    from tsifra.values.limits import check_xlsx
    from tsifra.values.xlsx import read_xlsx_grid

    try:
        check_xlsx(path, None)
        frame = read_xlsx_grid(path)
    except ValidationFailed as failed:
        raise ValidationFailed([_in(p, path.name) for p in failed.problems]) from None
    except Exception:  # any parser failure is the keeper's file, not our bug
        raise ValidationFailed([Problem("comp_register_unreadable", file=path.name)]) from None
    rows = frame.itertuples(index=False, name=None)
    return [(i, ["" if c is None else str(c) for c in cells]) for i, cells in enumerate(rows, 1)]


def _in(problem: Problem, name: str) -> Problem:
    return Problem(
        problem.code, name, problem.row, problem.column, problem.path, problem.value, problem.params
    )


def _lines(
    grid: list[tuple[int, list[str]]], schema: TableSchema, name: str
) -> tuple[list[Line], dict[str, str]]:
    """Records under the header (the first non-empty row), each cell under its field's name,
    and each field's column as the file heads it (what a problem names)."""
    grid = [(row, cells) for row, cells in grid if any(str(c).strip() for c in cells)]
    if not grid:
        raise ValidationFailed([Problem("comp_register_empty", file=name)])
    header_row, header = grid[0]
    by_heading = {}
    for f in schema.fields:
        by_heading[f.name.lower()] = f.name
        if f.title:
            by_heading[_heading(f.title)] = f.name
    columns: dict[str, int] = {}
    headings = {f.name: f.name for f in schema.fields}
    problems = []
    for index, heading in enumerate(header):
        field = by_heading.get(_heading(heading))
        if field is None:
            continue  # a keeper's own column (a note, a number in a list) is not read
        if field in columns:
            problems.append(
                Problem("comp_register_column_twice", file=name, row=header_row, column=heading)
            )
        columns[field] = index
        headings[field] = str(heading).strip()
    problems += [
        Problem(
            "comp_register_missing_column",
            file=name,
            row=header_row,
            column=f.name,
            value=f.title or f.name,
        )
        for f in schema.fields
        if f.name not in columns and schema.required(f.name)
    ]
    if problems:
        raise ValidationFailed(problems)
    lines = []
    for row, cells in grid[1:]:
        values = {}
        for field, index in columns.items():
            text = cells[index].strip() if index < len(cells) else ""
            values[field] = text or None
        lines.append(Line(row, values))
    if not lines:
        raise ValidationFailed([Problem("comp_register_empty", file=name)])
    return lines, headings


def _heading(text: str) -> str:
    return " ".join(str(text).replace("ё", "е").replace("Ё", "Е").lower().split())


def _typed(
    lines: list[Line], schema: TableSchema, name: str, headings: dict[str, str]
) -> tuple[list[dict[str, Any]], list[Problem]]:
    problems: list[Problem] = []
    records = []
    seen: dict[tuple[str, Any], int] = {}
    unique = {f.name for f in schema.fields if f.constraints.unique}
    unique.update(schema.primary_key)
    for line in lines:
        typed: dict[str, Any] = {"__row__": line.row}
        for f in schema.fields:
            text, column = line.cells.get(f.name), headings[f.name]
            value, found = _cell(f, text, schema.required(f.name))
            problems += [
                Problem(code, file=name, row=line.row, column=column, value=text, params=params)
                for code, params in found
            ]
            typed[f.name] = value
            if f.name in unique and value is not None:
                first = seen.setdefault((f.name, value), line.row)
                if first != line.row:
                    problems.append(
                        Problem(
                            "comp_cell_duplicate",
                            file=name,
                            row=line.row,
                            column=column,
                            value=text,
                            params={"first": first},
                        )
                    )
        records.append(typed)
    return records, problems


def _cell(f: SchemaField, text: str | None, required: bool) -> tuple[Any, list[tuple[str, dict]]]:
    """A cell's value as its field's type (JSON-ready: a date as ISO text) and what is wrong."""
    if text is None:
        return None, [("comp_cell_required", {})] if required else []
    value = _parsed(f.type, text)
    if value is None:
        return None, [(TYPE_PROBLEMS[f.type], {})]
    wrong: list[tuple[str, dict]] = []
    c = f.constraints
    if c.pattern is not None and not re.fullmatch(c.pattern, value):
        wrong.append(("comp_cell_pattern", {}))
    enum = f.enum
    if enum is not None and value not in enum:
        wrong.append(("comp_cell_enum", {"allowed": ", ".join(str(v) for v in enum)}))
    low, high = f.minimum, f.maximum
    if low is not None and value < low:
        wrong.append(("comp_cell_minimum", {"bound": _json(low)}))
    if high is not None and value > high:
        wrong.append(("comp_cell_maximum", {"bound": _json(high)}))
    return _json(value), wrong


def _parsed(kind: str, text: str) -> Any:
    """Text as a spreadsheet user types it: «1 234,5», «31.03.2026», «да»; None when it is not."""
    if kind == "string":
        return text
    if kind in ("integer", "number"):
        compact = SPACES.sub("", text)
        if kind == "integer":
            if INTEGER.fullmatch(compact):
                return int(compact)
            whole = NUMBER.fullmatch(compact) and float(compact.replace(",", "."))
            return int(whole) if whole and whole == int(whole) else None  # «3.0» from a sheet
        return float(compact.replace(",", ".")) if NUMBER.fullmatch(compact) else None
    if kind == "boolean":
        lowered = text.lower()
        return True if lowered in TRUE else False if lowered in FALSE else None
    if kind == "date":
        return _date(text)
    if kind == "datetime":
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            return None
        return moment if moment.tzinfo is None else None
    return None


def _date(text: str) -> date | None:
    russian = RUSSIAN_DATE.fullmatch(text)
    try:
        if russian:
            day, month, year = (int(g) for g in russian.groups())
            return date(year, month, day)
        return (
            date.fromisoformat(text[:10])
            if len(text) == 10 or text[10:] in (" 00:00:00", "T00:00:00")
            else None
        )
    except ValueError:
        return None


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def _site_problems(
    lines: list[Line], records: list[dict[str, Any]], name: str, column: str
) -> list[Problem]:
    """An investment project's site must be a geometry the approvals can search owners for."""
    from tsifra.approvals.geometry import parse_geometry

    problems = []
    for line, typed in zip(lines, records, strict=True):
        site = typed.get("site")
        if site is None:
            continue
        try:
            parse_geometry(site, where="site")
        except ValidationFailed as failed:
            problems += [
                Problem(
                    p.code,
                    file=name,
                    row=line.row,
                    column=column,
                    path=p.path,
                    value=p.value,
                    params=p.params,
                )
                for p in failed.problems
            ]
    return problems
