"""`tsifra bodies`: bodies answering citizens, their routing rules and imported incidents."""

from __future__ import annotations

import typer

from tsifra.cli.app import app

bodies_app = typer.Typer(
    help="Bodies answering citizens, their routing rules and imported incidents.",
    no_args_is_help=True,
)
app.add_typer(bodies_app, name="bodies")
