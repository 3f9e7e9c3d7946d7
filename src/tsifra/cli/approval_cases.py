"""`tsifra approvals lapse`: record consent by silence for owners past their deadline.

Meant to run every few minutes or hourly (cron, a systemd timer); readers of a project or a
queue record it too before they read, so the command only keeps the figures and the owners'
queues current between reads. Idempotent: a request decided once is not decided again.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from tsifra.cli.app import console, t
from tsifra.cli.approvals import approvals_app


@approvals_app.command("lapse")
def approvals_lapse(
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="the moment to judge deadlines at, UTC ISO (default: now)"),
    ] = None,
) -> None:
    """Record consent by silence where the project's terms say so and the term has passed."""
    from tsifra.approvals.answers import lapse_overdue
    from tsifra.store import make_engine

    moment = datetime.fromisoformat(as_of) if as_of else None
    console.print(t("appr_cli_lapsed", n=lapse_overdue(make_engine(), now=moment)))
