"""`tsifra cases`: the feedback platform's cases (pseudonymise closed cases, ...)."""

from __future__ import annotations

import typer

from tsifra.cli.app import app

cases_app = typer.Typer(
    help="The feedback platform's cases (pseudonymise closed cases, ...).", no_args_is_help=True
)
app.add_typer(cases_app, name="cases")
