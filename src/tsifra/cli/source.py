"""Where an analysis command gets its computed index, and what every analysis command shares.

Every analysis (`index explain`, `uncertainty`, `sensitivity`, `forecast`, `whatif`) runs on
either files — METHODOLOGY DATA [--units FILE] — or the published stored rating,
`--from-db METHODOLOGY_ID [--period P]`, from the database in TSIFRA_DATABASE_URL (the default
database otherwise), as `index compute --from-db` reads it. The services name their problems by
parameter (`unit`, `period`); here they are named by the option the user typed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tsifra.cli.app import console, t
from tsifra.kernel.problems import ValidationFailed

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from tsifra.ratings.computed import ComputedIndex

MethodologyArg = Annotated[
    str | None, typer.Argument(help="methodology file or bundled id (not with --from-db)")
]
DataArg = Annotated[
    Path | None, typer.Argument(help="data file (CSV/XLSX/Parquet/JSON; not with --from-db)")
]
FromDb = Annotated[
    str | None,
    typer.Option(
        "--from-db",
        help="methodology id: analyse its published rating in the database (of --period)",
    ),
]
Units = Annotated[Path | None, typer.Option("--units", help="unit list (CSV/XLSX) with attributes")]
Out = Annotated[Path | None, typer.Option(help="results file: .csv, .xlsx or .json")]
OUT_FORMATS = (".csv", ".xlsx", ".json")
OPTIONS = {"unit": "--unit", "period": "--period", "samples": "--samples", "to": "--to", "n": "--n"}


def check_suffix(
    path: Path | None, allowed: tuple[str, ...] = OUT_FORMATS, option: str = "--out"
) -> None:
    """A file format the command cannot write is refused before any work."""
    if path is not None and path.suffix.lower() not in allowed:
        shown = ", ".join(allowed[:-1]) + f" or {allowed[-1]}" if len(allowed) > 1 else allowed[0]
        raise typer.BadParameter(f"use {shown}", param_hint=option)


def load_index(
    methodology: str | None,
    data: Path | None,
    from_db: str | None,
    units: Path | None = None,
    period: str | None = None,
) -> ComputedIndex:
    """The computed index the command analyses; raises `ValidationFailed` with every problem
    of the files or the stored rating, and a usage error for a wrong mix of arguments."""
    from tsifra.ratings.computed import from_files, from_published

    if check_sources(methodology, data, from_db, units):
        return from_published(database(), from_db, period)
    return from_files(methodology, data, units)


def check_sources(
    methodology: str | None, data: Path | None, from_db: str | None, units: Path | None
) -> bool:
    """True for the database, False for files; a usage error for a wrong mix of arguments."""
    if from_db is not None:
        if methodology is not None or data is not None:
            raise typer.BadParameter("give METHODOLOGY DATA or --from-db METHODOLOGY_ID, not both")
        if units is not None:
            raise typer.BadParameter("the database keeps its own unit list", param_hint="--units")
        return True
    if methodology is None or data is None:
        raise typer.BadParameter("give METHODOLOGY DATA, or --from-db METHODOLOGY_ID")
    return False


def database() -> Engine:
    """The database of TSIFRA_DATABASE_URL (the default one otherwise)."""
    from tsifra.store import make_engine

    return make_engine()


def located(exc: ValidationFailed, options: Mapping[str, str] = OPTIONS) -> ValidationFailed:
    """The service's problems located by the option the user typed (`period` → `--period`)."""
    return ValidationFailed(
        replace(p, path=options.get(p.path, p.path)) if p.path else p for p in exc.problems
    )


def print_source(index: ComputedIndex) -> None:
    """The demo mark, and for a stored rating which run was analysed: enough to cite it."""
    if index.synthetic:
        console.print(f"[bold yellow]{t('demo_banner')}[/]")
    p = index.provenance
    if p.stored:
        console.print(
            t(
                "analysed_run",
                run=p.run_id,
                period=p.period or index.periods[-1],
                code=index.methodology.id,
                version=p.methodology_version,
                sha=(p.methodology_sha256 or "")[:12],
                as_of=p.as_of.isoformat(sep=" ", timespec="seconds") if p.as_of else "—",
                n=p.revision_count,
                fingerprint=(p.revision_set_sha256 or "")[:12],
            )
        )
