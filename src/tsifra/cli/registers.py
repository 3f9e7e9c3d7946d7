"""`tsifra registers`: load the registers proactive rules read (damaged households, investment
projects)."""

from __future__ import annotations

import typer

from tsifra.cli.app import app

registers_app = typer.Typer(
    help="Registers the proactive rules read: damaged households, investment projects.",
    no_args_is_help=True,
)
app.add_typer(registers_app, name="registers")
