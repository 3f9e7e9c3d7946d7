"""How big a table Tsifra agrees to read, checked before pandas or openpyxl allocate anything.

A parser's memory follows the grid it builds, not the file's size: a 16 MB CSV of a million
columns, or a 1.5 kB XLSX with one cell in column XFD and one in row 20,000, each ask pandas for
gigabytes. So the grid is measured first, cheaply — lines and delimiters of a CSV, the cell
references of an XLSX sheet streamed out of its zip, a Parquet file's footer — and a file over a
limit is refused with a located problem naming the limit, before any work is done. An XLSX has
a lower limit of its own: openpyxl reads it cell by cell, far slower than pandas reads a CSV.

The limits are settings (environment variables, read when a file is read) with defaults that
take every file an office has, the one-million-value benchmark file among them:

| variable | default | what |
|---|---|---|
| `TSIFRA_MAX_ROWS` | 1,100,000 | rows of a table |
| `TSIFRA_MAX_COLUMNS` | 1,000 | columns of a table |
| `TSIFRA_MAX_CELLS` | 5,000,000 | rows × columns (the grid pandas allocates) |
| `TSIFRA_MAX_XLSX_CELLS` | 1,000,000 | rows × columns of an XLSX sheet (read cell by cell) |
| `TSIFRA_MAX_XLSX_UNZIPPED_MB` | 100 | an XLSX's parts once decompressed |
"""

from __future__ import annotations

import os
import re
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

from tsifra.kernel.problems import Problem, ValidationFailed

MAX_ZIP_PARTS = 10_000  # a workbook has tens of parts; a zip of a million is a bomb of its own
CHUNK = 1 << 20  # bytes of a sheet decompressed at a time


@dataclass(frozen=True)
class FileLimits:
    rows: int = 1_100_000
    columns: int = 1_000
    cells: int = 5_000_000
    xlsx_cells: int = 1_000_000
    xlsx_unzipped_mb: int = 100

    @classmethod
    def from_environment(cls) -> FileLimits:
        """The defaults, each replaced by its `TSIFRA_MAX_…` variable when that is a number."""
        values = {}
        for name in ("rows", "columns", "cells", "xlsx_cells", "xlsx_unzipped_mb"):
            text = os.environ.get(f"TSIFRA_MAX_{name.upper()}", "").strip().replace("_", "")
            if text.isdigit() and int(text) > 0:
                values[name] = int(text)
        return cls(**values)


def check_text_grid(text: str, top: list[str], delimiter: str, file: str) -> None:
    """A CSV's rows and columns, counted from its lines and delimiters before it is parsed.

    Both are upper bounds (a quoted delimiter or line break counts too), so a file that passes
    holds no more than the limits; the columns are those of the widest of the top lines, which
    `values.reading` sizes the whole grid by.
    """
    limits = FileLimits.from_environment()
    breaks = max(text.count("\n"), text.count("\r"))  # CR alone ends a line too
    rows = breaks + (0 if text.endswith(("\n", "\r")) else 1)
    columns = max((line.count(delimiter) + 1 for line in top), default=0)
    _check_grid(rows, columns, limits.cells, limits, file, "too_many_cells")


def check_parquet(path: Path) -> None:
    """A Parquet file's rows and columns, from its footer: its pages may inflate without bound."""
    import pyarrow.parquet as pq

    metadata = pq.read_metadata(path)
    limits = FileLimits.from_environment()
    rows, columns = metadata.num_rows, metadata.num_columns
    _check_grid(rows, columns, limits.cells, limits, str(path), "too_many_cells")


def check_xlsx(path: Path, sheet: str | None = None) -> None:
    """An XLSX's parts and the extent of the sheet to be read, without openpyxl or pandas.

    The zip's directory gives every part's decompressed size (zipfile never inflates a part past
    it); the sheet's XML is then streamed, a megabyte at a time, for the rows and columns of the
    cells that hold something, which is the grid pandas would build. The scan stops at the first
    limit passed, so the refusal of a huge sheet costs a fraction of reading it. A file that is
    not a zip at all is left for the reader to call unreadable.
    """
    limits = FileLimits.from_environment()
    file = str(path)
    parts = _zip_parts(path)
    if parts is None:
        return
    if parts > MAX_ZIP_PARTS:
        raise ValidationFailed([Problem("xlsx_too_many_parts", file=file, value=parts)])
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return
    with archive:
        unzipped = sum(info.file_size for info in archive.infolist())
        if unzipped > limits.xlsx_unzipped_mb * 2**20:
            size_mb = -(-unzipped // 2**20)
            params = {"size_mb": size_mb, "limit_mb": limits.xlsx_unzipped_mb}
            raise ValidationFailed([Problem("xlsx_unzipped_too_large", file=file, params=params)])
        for name in _sheet_parts(archive, sheet):
            with archive.open(name) as stream:
                rows, columns = _sheet_extent(stream, limits)
            _check_grid(rows, columns, limits.xlsx_cells, limits, file, "xlsx_too_many_cells")


def _check_grid(
    rows: int, columns: int, max_cells: int, limits: FileLimits, file: str, cells_code: str
) -> None:
    """Every limit passed, as a problem naming it; the first row past the row limit is where
    the file goes wrong, so that is the row named."""
    problems = []
    if rows > limits.rows:
        params = {"count": rows, "limit": limits.rows}
        problems.append(Problem("too_many_rows", file=file, row=limits.rows + 1, params=params))
    if columns > limits.columns:
        params = {"count": columns, "limit": limits.columns}
        problems.append(Problem("too_many_columns", file=file, params=params))
    if rows * columns > max_cells:
        params = {"rows": rows, "columns": columns, "limit": max_cells}
        problems.append(Problem(cells_code, file=file, params=params))
    if problems:
        raise ValidationFailed(problems)


def _zip_parts(path: Path) -> int | None:
    """The number of parts the zip's end record declares, read before zipfile builds an entry
    for each; None when there is no end record (not a zip). A ZIP64 count is taken as huge."""
    with path.open("rb") as handle:
        handle.seek(0, os.SEEK_END)
        size = handle.tell()
        handle.seek(max(0, size - (1 << 16) - 22))
        tail = handle.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + 22:
        return None
    (parts,) = struct.unpack_from("<H", tail, at + 10)
    return MAX_ZIP_PARTS + 1 if parts == 0xFFFF else parts


NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
SMALL_PART = 10 * 2**20  # the workbook and its relationships are kilobytes


def _sheet_parts(archive: zipfile.ZipFile, sheet: str | None) -> list[str]:
    """The part of the sheet pandas will read (the one named, else the first); every worksheet
    when the workbook's own parts cannot say which, so nothing goes unchecked."""
    every = [n for n in archive.namelist() if re.fullmatch(r"xl/worksheets/[^/]+\.xml", n)]
    try:
        workbook = _small_xml(archive, "xl/workbook.xml")
        relations = _small_xml(archive, "xl/_rels/workbook.xml.rels")
        sheets = workbook.findall(f"{{{NS_MAIN}}}sheets/{{{NS_MAIN}}}sheet")
        chosen = next(s for s in sheets if sheet is None or s.get("name") == sheet)
        rid = chosen.get(f"{{{NS_REL}}}id")
        target = next(
            r.get("Target", "")
            for r in relations.findall(f"{{{NS_PACKAGE}}}Relationship")
            if r.get("Id") == rid
        )
    except (KeyError, StopIteration, ElementTree.ParseError, ValueError):
        return every
    name = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    name = str(PurePosixPath(name))
    return [name] if name in archive.namelist() else every


def _small_xml(archive: zipfile.ZipFile, name: str) -> ElementTree.Element:
    info = archive.getinfo(name)
    if info.file_size > SMALL_PART:
        raise ValueError(name)
    data = archive.read(name)
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:  # no entity expansion in a workbook
        raise ValueError(name)
    return ElementTree.fromstring(data)


# A row or cell start tag, with or without a namespace prefix, and whether it closes itself.
TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])([^>]*?)(/?)>")
REF = re.compile(rb"""(?:^|\s)r\s*=\s*["']([A-Za-z]*)(\d*)["']""")


def _sheet_extent(stream, limits: FileLimits) -> tuple[int, int]:
    """Rows and columns of the cells that hold a value (a self-closing `<c/>` is only a style),
    placed as openpyxl places them: by their `r` reference, else next to the previous one."""
    rows = columns = 0
    row = column = 0
    tail = b""
    while True:
        chunk = stream.read(CHUNK)
        data = tail + chunk
        if not chunk:
            cut = len(data)
        else:
            cut = data.rfind(b"<")
            if cut < 0 or data.find(b">", cut) >= 0:
                cut = len(data)
        for match in TAG.finditer(data, 0, cut):
            ref = REF.search(match.group(2))
            if match.group(1) == b"row":
                row = int(ref.group(2)) if ref and ref.group(2) else row + 1
                column = 0
                continue
            column = _column_number(ref.group(1)) if ref and ref.group(1) else column + 1
            if match.group(3):  # <c …/>: no value
                continue
            rows, columns = max(rows, row), max(columns, column)
        if rows > limits.rows or columns > limits.columns or rows * columns > limits.xlsx_cells:
            return rows, columns
        if not chunk:
            return rows, columns
        tail = data[cut:]


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number
