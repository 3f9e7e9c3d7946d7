"""`tsifra open311`: Open311 clients and their API keys.

A key is printed once, when it is issued, and never again: only its SHA-256 is kept. To rotate a
client's key, revoke it and add the client again (the same name keeps its requests).
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from tsifra.cli.app import app, console, fail, shell_lang, t
from tsifra.kernel.language import word_keys
from tsifra.kernel.problems import ValidationFailed

ACTOR = "cli"
CLIENT = Annotated[str, typer.Argument(help="the client's name, e.g. the civic app's")]
COLUMNS = word_keys(
    "open311_client", "open311_client_since", "open311_client_used", "open311_client_state"
)

open311_app = typer.Typer(help="Open311 clients and their API keys.", no_args_is_help=True)
key_app = typer.Typer(help="API keys of Open311 clients.", no_args_is_help=True)
app.add_typer(open311_app, name="open311")
open311_app.add_typer(key_app, name="key")


@key_app.command("add")
def key_add(client: CLIENT) -> None:
    """Issue a key to a client (a new one, or a revoked one again); it is printed only now."""
    from tsifra.cases.clients import add_client

    try:
        key = add_client(_engine(), client, actor=ACTOR)
    except ValidationFailed as exc:
        raise fail(exc) from None
    console.print(t("open311_key_issued", client=client.strip()))
    # The key alone on its own line, unwrapped, so that a script can take the last line.
    console.print(key, soft_wrap=True, highlight=False)


@key_app.command("list")
def key_list() -> None:
    """Every client: since when, when its key was last used, whether it is revoked."""
    from tsifra.cases.clients import list_clients
    from tsifra.kernel.formatting import day, moment

    lang = shell_lang()
    table = Table(title=t("open311_clients_title"), title_justify="left")
    for key in COLUMNS:
        table.add_column(t(key))
    for c in list_clients(_engine()):
        if c.revoked_at is None:
            state = t("open311_client_live")
        else:
            state = t("open311_client_revoked", when=moment(c.revoked_at, lang))
        table.add_row(c.name, day(c.created_at, lang), moment(c.last_used_at, lang), state)
    console.print(table)


@key_app.command("revoke")
def key_revoke(client: CLIENT) -> None:
    """Refuse the client's key from now on."""
    from tsifra.cases.clients import revoke_client

    try:
        revoked = revoke_client(_engine(), client, actor=ACTOR)
    except ValidationFailed as exc:
        raise fail(exc) from None
    if revoked:
        console.print(t("open311_key_revoked", client=client.strip()))
    else:
        console.print(t("open311_key_was_revoked", client=client.strip()))


def _engine():
    """The configured database, refused with "run tsifra db upgrade" if it is not current."""
    from tsifra.store import make_engine, require_current

    engine = make_engine()
    try:
        require_current(engine)
    except ValidationFailed as exc:
        raise fail(exc) from None
    return engine
