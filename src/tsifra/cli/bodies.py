"""`tsifra bodies`: bodies answering citizens, their routing rules and imported incidents.

Each command is a few lines over its service (`cases.bodies`, `cases.routing`,
`cases.incidents`); a wrong file is refused whole, its problems listed with row and column.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tsifra.cli.app import app, console, fail, shell_lang, t
from tsifra.kernel.problems import ValidationFailed

bodies_app = typer.Typer(
    help="Bodies answering citizens, their routing rules and imported incidents.",
    no_args_is_help=True,
)
app.add_typer(bodies_app, name="bodies")
ACTOR_LOGIN = "cli"


@bodies_app.command("load")
def bodies_load(
    file: Annotated[Path, typer.Argument(help="a CSV of bodies (code, region, name_ru, kind…)")],
) -> None:
    """Load bodies: a region's file is its whole list (the ones it omits are deactivated)."""
    from tsifra.cases.bodies import load_bodies
    from tsifra.store import make_engine

    try:
        loaded = load_bodies(make_engine(), file, actor=ACTOR_LOGIN)
    except ValidationFailed as exc:
        raise fail(exc) from None
    console.print(
        t(
            "queue_bodies_loaded",
            added=loaded.added,
            updated=loaded.updated,
            deactivated=loaded.deactivated,
            regions=", ".join(loaded.regions),
        )
    )


@bodies_app.command("rules")
def bodies_rules(
    file: Annotated[Path, typer.Argument(help="a CSV of routing rules (region, category, body…)")],
) -> None:
    """Replace the routing rules of every region the file names."""
    from tsifra.cases.routing import load_rules
    from tsifra.store import make_engine

    try:
        loaded = load_rules(make_engine(), file, actor=ACTOR_LOGIN)
    except ValidationFailed as exc:
        raise fail(exc) from None
    console.print(
        t(
            "queue_rules_loaded",
            rules=loaded.rules,
            replaced=loaded.replaced,
            regions=", ".join(loaded.regions),
        )
    )


@bodies_app.command("list")
def bodies_list(
    region: Annotated[str | None, typer.Option(help="only this region's bodies")] = None,
) -> None:
    """The bodies loaded, with their region, kind, municipality and whether they act."""
    from rich.table import Table

    from tsifra.cases.bodies import list_bodies
    from tsifra.store import make_engine

    lang = shell_lang()
    table = Table(
        t("queue_col_code"),
        t("queue_col_region"),
        t("queue_col_name"),
        t("queue_col_kind"),
        t("queue_col_oktmo"),
        t("queue_col_active"),
    )
    for body in list_bodies(make_engine(), region):
        active = t("queue_active_yes") if body.active else t("queue_active_no")
        table.add_row(body.code, body.region, body.name(lang), body.kind, body.oktmo or "", active)
    console.print(table)


@bodies_app.command("incidents")
def bodies_incidents(
    file: Annotated[
        Path, typer.Argument(help="a monitoring export, CSV or JSON (url, network, text…)")
    ],
) -> None:
    """Import social-media incidents: every row, or none if any row is wrong; a post already
    imported (by its URL) is not made twice."""
    from tsifra.accounts.users import Account
    from tsifra.cases.incidents import import_incidents
    from tsifra.store import make_engine

    admin = Account(0, ACTOR_LOGIN, ACTOR_LOGIN, "admin", None)
    try:
        imported = import_incidents(make_engine(), admin, file)
    except ValidationFailed as exc:
        raise fail(exc) from None
    done = t("queue_incidents_imported", created=imported.created, repeated=imported.repeated)
    console.print(done)
