"""`tsifra proactive`: run proactive rules over recorded data, and residents' subscriptions.

`tsifra proactive run RULE.yaml` is meant to run whenever new readings arrive (cron, a systemd
timer): each warning is issued once however often it runs, and the outbox is sent over SMTP
when `TSIFRA_SMTP_HOST` is set (`outbox.outbox`), as `tsifra tasks remind` does.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from tsifra.cli.app import app, console, fail, t
from tsifra.kernel.problems import ValidationFailed

proactive_app = typer.Typer(
    help="Proactive services: rules that warn, open cases or propose approvals unasked.",
    no_args_is_help=True,
)
app.add_typer(proactive_app, name="proactive")


@proactive_app.command("run")
def proactive_run(
    rule: Annotated[Path, typer.Argument(help="the rule's YAML file", exists=True)],
    data: Annotated[
        Path | None,
        typer.Option(help="the recorded data (default: the rule's source.path)", exists=True),
    ] = None,
    now: Annotated[
        str | None, typer.Option(help="the moment of the run, YYYY-MM-DDTHH:MM (UTC; tests)")
    ] = None,
) -> None:
    """Run a rule over its data: every notice or case once; then send the outbox."""
    from tsifra.outbox.outbox import send_pending, smtp_settings
    from tsifra.proactive.runs import run_rule
    from tsifra.store import make_engine

    try:
        moment = datetime.fromisoformat(now) if now else None
    except ValueError:
        raise typer.BadParameter(now or "", param_hint="--now") from None
    engine = make_engine()
    try:
        report = run_rule(engine, rule, data, now=moment, actor="cli")
    except ValidationFailed as exc:
        raise fail(exc) from None
    sent = send_pending(engine, smtp_settings())
    console.print(
        t(
            "pro_cli_ran",
            rule=report.rule,
            version=report.version,
            run=report.run_id,
            records=report.records,
            fired=report.fired,
            sent=sent.sent,
        )
    )


@proactive_app.command("check")
def proactive_check(
    rule: Annotated[Path, typer.Argument(help="the rule's YAML file", exists=True)],
) -> None:
    """Check a rule file: its head and its kind's params, every problem located."""
    from tsifra.proactive.rules import load_rule

    try:
        loaded = load_rule(rule)
    except ValidationFailed as exc:
        raise fail(exc) from None
    console.print(t("pro_cli_checked", rule=loaded.rule, version=loaded.version, kind=loaded.kind))


@proactive_app.command("subscribe")
def proactive_subscribe(
    region: Annotated[str, typer.Argument(help="the region's code, e.g. RU-TYU")],
    oktmo: Annotated[str, typer.Argument(help="the municipality's ОКТМО code")],
    email: Annotated[str, typer.Argument(help="the address to confirm and then warn")],
    base_url: Annotated[str, typer.Option(help="the site's address, for the links")] = "",
) -> None:
    """Subscribe an address to a municipality's warnings: it is mailed a confirmation link,
    and gets nothing else until it is opened."""
    from tsifra.outbox.outbox import send_pending, smtp_settings
    from tsifra.proactive.subscriptions import subscribe
    from tsifra.store import make_engine

    engine = make_engine()
    try:
        subscribe(engine, region, oktmo, email, base_url=base_url or None)
    except ValidationFailed as exc:
        raise fail(exc) from None
    send_pending(engine, smtp_settings())
    console.print(t("pro_cli_subscribed"))
