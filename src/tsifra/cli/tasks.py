"""`tsifra tasks`: reminders of tasks' deadlines, and lists of tasks in and out of spreadsheets.

`tsifra tasks remind` is meant to run once a day (cron, a systemd timer): it enqueues each
reminder once and sends the outbox over SMTP when `TSIFRA_SMTP_HOST` is set (`outbox.outbox`).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from tsifra.cli.app import app, console, fail, shell_lang, t
from tsifra.kernel.problems import ValidationFailed

tasks_app = typer.Typer(help="Tasks («поручения»).", no_args_is_help=True)
app.add_typer(tasks_app, name="tasks")
ACTOR_LOGIN = "cli"


@tasks_app.command("remind")
def tasks_remind(
    today: Annotated[
        str | None, typer.Option(help="the day to remind as of, YYYY-MM-DD (default: today)")
    ] = None,
    base_url: Annotated[str, typer.Option(help="the dashboard's address, for links")] = "",
) -> None:
    """Enqueue reminders (due tomorrow, overdue) once each, and send the outbox."""
    from tsifra.outbox.outbox import smtp_settings
    from tsifra.store import make_engine
    from tsifra.tasks.reminders import remind

    day = date.fromisoformat(today) if today else None
    report = remind(make_engine(), day, smtp_settings(), shell_lang(), base_url.rstrip("/"))
    console.print(
        t(
            "tasks_reminded",
            enqueued=report.enqueued,
            unaddressed=report.unaddressed,
            sent=report.sent.sent,
            retrying=report.sent.retrying,
            failed=report.sent.failed,
        )
    )


@tasks_app.command("import")
def tasks_import(
    file: Annotated[Path, typer.Argument(help="an XLSX list of tasks", exists=True)],
) -> None:
    """Create every task of an XLSX list, as an administrator, or none if any row is wrong."""
    from tsifra.accounts.users import Account
    from tsifra.store import make_engine
    from tsifra.tasks.sheets import import_tasks

    admin = Account(0, ACTOR_LOGIN, ACTOR_LOGIN, "admin", None)
    try:
        created = import_tasks(make_engine(), admin, file.name, file.read_bytes())
    except ValidationFailed as exc:
        raise fail(exc) from None
    console.print(t("tasks_imported", n=len(created)))
