"""`tsifra agencies`: Agencies as rated units: reference lists of bodies, the agency rating."""

from __future__ import annotations

import typer

from tsifra.cli.app import app

agencies_app = typer.Typer(
    help="Agencies as rated units: reference lists of bodies, the agency rating.",
    no_args_is_help=True,
)
app.add_typer(agencies_app, name="agencies")
