"""`tsifra approvals`: network owners' zones and the owners a geometry touches."""

from __future__ import annotations

import typer

from tsifra.cli.app import app

approvals_app = typer.Typer(
    help="Infrastructure approvals: network owners' zones, the owners a project touches.",
    no_args_is_help=True,
)
app.add_typer(approvals_app, name="approvals")
