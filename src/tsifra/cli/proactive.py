"""`tsifra proactive`: run proactive rules over recorded data, and residents' subscriptions."""

from __future__ import annotations

import typer

from tsifra.cli.app import app

proactive_app = typer.Typer(
    help="Proactive services: rules that warn, open cases or propose approvals unasked.",
    no_args_is_help=True,
)
app.add_typer(proactive_app, name="proactive")
