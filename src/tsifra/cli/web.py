"""Commands for the dashboard: serve it, and manage its accounts."""

from __future__ import annotations

from typing import Annotated

import typer

from tsifra.cli.app import app, console, fail, users_app
from tsifra.i18n import t
from tsifra.problems import ValidationFailed
from tsifra.store import make_engine


@app.command("serve")
def serve(
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port")] = 8000,
) -> None:
    """Serve the dashboard and the API (uvicorn) on the configured database."""
    import uvicorn

    from tsifra.web import create_app

    console.print(t("serving", url=f"http://{host}:{port}/"))
    uvicorn.run(create_app(), host=host, port=port, log_level="warning")


@users_app.command("add")
def users_add(
    login: str,
    role: Annotated[str, typer.Option(help="admin, analyst, operator or viewer")],
    password: Annotated[
        str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True, help="8+ chars")
    ],
    name: Annotated[str | None, typer.Option(help="full name shown on pages")] = None,
    region: Annotated[str | None, typer.Option(help="an operator's region, e.g. RU-TA")] = None,
) -> None:
    """Create an account (the password is asked for unless given)."""
    from tsifra.accounts import create_user

    try:
        account = create_user(make_engine(), login, password, role, name, region, actor="cli")
    except ValidationFailed as exc:
        raise fail(exc) from None
    console.print(t("user_created", login=account.login, role=account.role))
