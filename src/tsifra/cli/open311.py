"""`tsifra open311`: Open311 clients and their API keys."""

from __future__ import annotations

import typer

from tsifra.cli.app import app

open311_app = typer.Typer(help="Open311 clients and their API keys.", no_args_is_help=True)
app.add_typer(open311_app, name="open311")
