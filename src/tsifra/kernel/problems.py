"""Typed validation problems with a location, reported all at once instead of raising on the first.

Users read these messages, so each problem carries a stable code and parameters, and its text
comes from the catalogue (`kernel.language`) in the language the shell was asked for: a problem
is rendered at the edge, with `message(lang)`, never when it is found. The CLI prints a report as
a table, the API returns it as JSON; both read the same fields.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tsifra.kernel.cells import CSV_QUOTING, csv_cell
from tsifra.kernel.language import DEFAULT_LANG, PROBLEM_CODES, Lang, word


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, and where: file, row and column, or key path."""

    code: str
    file: str | None = None
    row: int | None = None
    column: str | None = None
    path: str | None = None
    value: Any = None
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: Lang) -> str:
        """What is wrong, in `lang`; a code the catalogue does not know is shown as itself."""
        if self.code not in PROBLEM_CODES:
            return self.code
        try:
            return word(self.code, lang, value=self.value, **self.params)
        except (KeyError, IndexError, ValueError):  # a parameter missing or of the wrong kind
            return word(self.code, lang)

    def location(self, lang: Lang) -> str:
        parts = [self.file] if self.file else []
        if self.row is not None:
            parts.append(word("problem_row", lang, row=self.row))
        if self.column is not None:
            parts.append(word("problem_column", lang, column=self.column))
        if self.path:
            parts.append(self.path)
        return ", ".join(parts)

    def __str__(self) -> str:
        """For tracebacks and test reports, in the default language; a shell never shows this
        but renders `location(lang)` and `message(lang)` in the reader's language."""
        where = self.location(DEFAULT_LANG)
        message = self.message(DEFAULT_LANG)
        return f"{where}: {message}" if where else message

    def as_dict(self, lang: Lang) -> dict[str, Any]:
        return {
            "code": self.code,
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "path": self.path,
            "value": None if self.value is None else str(self.value),
            "message": self.message(lang),
        }


class Forbidden(Exception):
    """The account may not do this; services record the refusal in the audit log first."""


class ValidationFailed(Exception):
    """Raised by services when an input has problems; carries every problem, not just the first."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.problems)


PROBLEM_COLUMNS = ("file", "row", "column", "path", "value", "rule", "message")


def write_problems(problems: Iterable[Problem], path: str | Path, lang: Lang) -> Path:
    """Every problem as a CSV row that opens in Russian Excel (UTF-8 with BOM, semicolons); the
    values quoted from the file are written so that no spreadsheet runs them (`kernel.cells`)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", quoting=CSV_QUOTING)
        writer.writerow(PROBLEM_COLUMNS)
        for p in problems:
            d = p.as_dict(lang)
            row = [d["file"], d["row"], d["column"], d["path"], d["value"], d["code"], d["message"]]
            writer.writerow([csv_cell(v) for v in row])
    tmp.replace(path)
    return path
