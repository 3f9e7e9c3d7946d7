"""`tsifra practices`: The registry of practices: import, export, publiccode.yml."""

from __future__ import annotations

import typer

from tsifra.cli.app import app

practices_app = typer.Typer(
    help="The registry of practices: import, export, publiccode.yml.", no_args_is_help=True
)
app.add_typer(practices_app, name="practices")
