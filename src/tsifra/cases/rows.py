"""Rows of the files bodies, routing rules and incidents come in: CSV as Russian Excel and
monitoring tools export it (Windows-1251 or UTF-8, semicolons or commas) or JSON (a list of
objects), read into plain dicts of text with their line numbers, so every problem found later
can name its row and column.

The `values` package has a richer reader for indicator tables (pandas, XLSX); these files are
small and flat, and `cases` may not import `values`, so this is their own few lines.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from tsifra.kernel.problems import Problem, ValidationFailed


@dataclass(frozen=True)
class Row:
    """One record of a file: its line (as a spreadsheet numbers it, the header being 1) and its
    cells by column name, stripped, an empty cell as ""."""

    line: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return self.cells.get(column, "")

    def problem(self, code: str, file: str, column: str, **params: object) -> Problem:
        """A problem of this row's cell in `column`, quoting the cell."""
        return Problem(
            code, file=file, row=self.line, column=column, value=self.get(column), params=params
        )


def read_rows(
    path: str | Path, required: tuple[str, ...], aliases: dict[str, str] | None = None
) -> list[Row]:
    """The rows of a CSV or JSON file; a missing or unreadable file, or a required column the
    header lacks, is refused with every such problem at once. `aliases` maps other names of a
    column (lower-case, as tools' exports head it in Russian) to its own name."""
    path = Path(path)
    name = path.name
    try:
        data = path.read_bytes()
    except OSError:
        raise ValidationFailed([Problem("file_not_found", file=name)]) from None
    if path.suffix.lower() == ".json":
        rows, columns = _json_rows(data, name)
    else:
        rows, columns = _csv_rows(data, name)
    if aliases:
        rows = [Row(r.line, {aliases.get(k, k): v for k, v in r.cells.items()}) for r in rows]
        columns = {aliases.get(c, c) for c in columns}
    missing = [c for c in required if c not in columns] if rows or columns else []
    if missing:
        raise ValidationFailed(
            [Problem("missing_column", file=name, row=1, column=c, value=c) for c in missing]
        )
    return rows


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationFailed([Problem("bad_encoding")])


def _csv_rows(data: bytes, name: str) -> tuple[list[Row], set[str]]:
    text = _decode(data)
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise ValidationFailed([Problem("unreadable_table", file=name)])
    delimiter = max((";", ",", "\t"), key=lines[0].count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = [h.strip().lower() for h in next(reader)]
        rows = []
        for record in reader:
            if not any(cell.strip() for cell in record):
                continue
            padded = record + [""] * (len(header) - len(record))
            cells = {h: padded[k].strip() for k, h in enumerate(header)}
            rows.append(Row(reader.line_num, cells))
    except csv.Error:
        raise ValidationFailed([Problem("unreadable_table", file=name)]) from None
    return rows, set(header)


def _json_rows(data: bytes, name: str) -> tuple[list[Row], set[str]]:
    try:
        records = json.loads(_decode(data))
    except ValueError:
        raise ValidationFailed([Problem("unreadable_table", file=name)]) from None
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise ValidationFailed([Problem("unreadable_table", file=name)])
    rows = [
        Row(k, {str(key).lower(): "" if v is None else str(v).strip() for key, v in r.items()})
        for k, r in enumerate(records, start=1)
    ]
    columns = set().union(*(r.cells for r in rows)) if rows else set()
    return rows, columns
