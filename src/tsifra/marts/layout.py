"""Where a mart's records lie in a mart folder: the one convention every command follows.

A mart folder holds each mart under its schema's name, in exactly one of three forms:

- `<mart>.parquet` — one Parquet file (what `generate_marts` writes);
- `<mart>/*.parquet` — a folder of Parquet parts, as Spark and most exporters write a large
  table (only the folder's own `*.parquet` files; no Hive-style partition subfolders);
- `<mart>.csv` — one CSV file, UTF-8, comma-separated, header row, empty cell = missing,
  datetimes as `2024-03-31 23:59:59` (naive UTC). Fine for small marts; use Parquet past a few
  million rows, since CSV is re-parsed as text on every run.

Two forms of the same mart are an error rather than a choice, because silently preferring one
could compute indicators from a stale export. Anything else in the folder is ignored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from tsifra.kernel.problems import Problem

Format = Literal["parquet", "csv"]


@dataclass(frozen=True)
class MartFiles:
    """One mart's files: `location` is what the user named (file or folder), `paths` are read."""

    mart: str
    format: Format
    location: Path
    paths: tuple[Path, ...]


def find_marts(
    mart_dir: str | Path, marts: Iterable[str]
) -> tuple[dict[str, MartFiles], list[Problem]]:
    """The marts among `marts` present in `mart_dir`; problems for ambiguous or empty ones."""
    root = Path(mart_dir)
    found: dict[str, MartFiles] = {}
    problems: list[Problem] = []
    for mart in marts:
        forms = _forms(root, mart)
        if len(forms) > 1:
            detail = ", ".join(str(f.location) for f in forms)
            problems.append(
                Problem("ambiguous_mart", file=str(root), value=mart, params={"detail": detail})
            )
        elif forms and not forms[0].paths:
            problems.append(Problem("no_data", file=str(forms[0].location)))
        elif forms:
            found[mart] = forms[0]
    return found, problems


def _forms(root: Path, mart: str) -> list[MartFiles]:
    forms = []
    single = root / f"{mart}.parquet"
    if single.is_file():
        forms.append(MartFiles(mart, "parquet", single, (single,)))
    folder = root / mart
    if folder.is_dir():
        parts = tuple(sorted(p for p in folder.glob("*.parquet") if p.is_file()))
        forms.append(MartFiles(mart, "parquet", folder, parts))
    text = root / f"{mart}.csv"
    if text.is_file():
        forms.append(MartFiles(mart, "csv", text, (text,)))
    return forms
