"""`tsifra cases`: the feedback platform's cases (pseudonymise closed cases, ...).

`tsifra cases pseudonymise` is meant to run once a day (cron, a systemd timer) with the data
directory's database, like `tsifra tasks remind`.
"""

from __future__ import annotations

from typing import Annotated

import typer

from tsifra.cli.app import app, console, t

cases_app = typer.Typer(
    help="The feedback platform's cases (pseudonymise closed cases, ...).", no_args_is_help=True
)
app.add_typer(cases_app, name="cases")


@cases_app.command("pseudonymise")
def cases_pseudonymise(
    days: Annotated[
        int | None,
        typer.Option(
            min=0,
            help="closed more than this many days ago (default: TSIFRA_PSEUDONYMISE_DAYS, 365)",
        ),
    ] = None,
) -> None:
    """Empty the contact, private text and tracking link of cases closed long enough ago."""
    from tsifra.cases.privacy import configured_days, pseudonymise_closed
    from tsifra.store import make_engine

    days = configured_days() if days is None else days
    done = pseudonymise_closed(make_engine(), days=days, actor="cli")
    console.print(t("protect_pseudonymised", cases=done, days=days))
