"""`tsifra registers`: load the registers proactive rules read (damaged households, investment
projects).

A command is a few lines over its service (`proactive.registers`); a wrong file is refused
whole, its problems listed with row and column.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tsifra.cli.app import app, console, fail, t
from tsifra.kernel.problems import ValidationFailed

registers_app = typer.Typer(
    help="Registers the proactive rules read: damaged households, investment projects.",
    no_args_is_help=True,
)
app.add_typer(registers_app, name="registers")
ACTOR_LOGIN = "cli"


@registers_app.command("load")
def registers_load(
    register: Annotated[str, typer.Argument(help="damaged_households or investment_projects")],
    file: Annotated[
        Path, typer.Argument(help="the register's CSV (UTF-8 or Windows-1251) or XLSX")
    ],
) -> None:
    """Add or update the file's records by their key; a file with any problem changes nothing."""
    from tsifra.proactive.registers import load_register
    from tsifra.store import make_engine

    try:
        loaded = load_register(make_engine(), register, file, actor=ACTOR_LOGIN)
    except ValidationFailed as exc:
        raise fail(exc) from None
    console.print(
        t(
            "comp_register_loaded",
            register=loaded.register,
            records=loaded.records,
            added=loaded.added,
            updated=loaded.updated,
            unchanged=loaded.unchanged,
            confirmed=loaded.confirmed,
        )
    )
