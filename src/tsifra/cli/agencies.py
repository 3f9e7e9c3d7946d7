"""`tsifra agencies`: executive bodies as units of the agency rating.

Each command is a few lines over its service (`values.agencies`); a wrong list is refused whole,
its problems listed with file, row and column.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tsifra.cli.app import app, console, fail, shell_lang, t
from tsifra.kernel.problems import ValidationFailed

agencies_app = typer.Typer(
    help="Agencies as rated units: reference lists of bodies, the agency rating.",
    no_args_is_help=True,
)
app.add_typer(agencies_app, name="agencies")
ACTOR_LOGIN = "cli"


@agencies_app.command("load")
def agencies_load(
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="CSV lists of agencies (code, name_ru, kind, head, region, source…)"),
    ] = None,
) -> None:
    """Store agencies as units: the bundled federal and regional lists unless files are given."""
    from tsifra.store import make_engine
    from tsifra.values.agencies import load_agencies

    try:
        loaded = load_agencies(make_engine(), files or None, actor=ACTOR_LOGIN)
    except ValidationFailed as exc:
        raise fail(exc) from None
    console.print(
        t(
            "agency_loaded",
            added=loaded.added,
            updated=loaded.updated,
            unchanged=loaded.unchanged,
            federal=loaded.federal,
            regional=loaded.regional,
        )
    )


@agencies_app.command("list")
def agencies_list(
    region: Annotated[str | None, typer.Option(help="only this region's agencies")] = None,
) -> None:
    """The agencies stored: federal ones first, then each region's."""
    from rich.table import Table

    from tsifra.store import make_engine
    from tsifra.values.agencies import list_agencies

    lang = shell_lang()
    found = list_agencies(make_engine(), region)
    if not found:
        console.print(t("agency_none"))
        return
    table = Table(t("agency_column_code"), t("agency_column_name"), t("agency_column_region"))
    for agency in found:
        table.add_row(agency.code, agency.name(lang), agency.region or t("agency_federal"))
    console.print(table)
