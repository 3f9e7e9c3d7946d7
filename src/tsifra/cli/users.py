"""`tsifra users`: accounts of the dashboard and the API, for the administrator of a server.

A password is never an argument (it would sit in the process list and the shell's history): it
is asked for twice at a prompt that does not echo, or read as the first line of standard input
with `--password-stdin`, for scripts.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from tsifra.cli.app import console, fail, shell_lang, t, users_app
from tsifra.kernel.language import word_keys
from tsifra.kernel.problems import ValidationFailed

ACTOR = "cli"
LOGIN = Annotated[str, typer.Argument(help="the account's login")]
FROM_STDIN = Annotated[
    bool,
    typer.Option(
        "--password-stdin", help="read the password from the first line of standard input"
    ),
]
COLUMNS = word_keys(
    "login_name", "user_name", "user_role", "region", "user_state", "user_tokens", "user_since"
)


@users_app.command("add")
def users_add(
    login: LOGIN,
    role: Annotated[str, typer.Option(help="admin, analyst, operator or viewer")],
    name: Annotated[str | None, typer.Option(help="full name shown on pages")] = None,
    region: Annotated[str | None, typer.Option(help="an operator's region, e.g. RU-TA")] = None,
    body: Annotated[
        str | None, typer.Option(help="the body an operator answers citizens for (its code)")
    ] = None,
    password_stdin: FROM_STDIN = False,
) -> None:
    """Create an account; its password is asked for (or read from standard input)."""
    from tsifra.accounts import create_user
    from tsifra.store import make_engine

    password = _password(password_stdin)
    try:
        account = create_user(
            make_engine(), login, password, role, name, region, actor=ACTOR, body=body
        )
    except ValidationFailed as exc:
        raise fail(exc) from None
    console.print(t("user_created", login=account.login, role=account.role))


@users_app.command("list")
def users_list() -> None:
    """Every account: role, region, whether it may sign in, its live tokens."""
    from tsifra.accounts.users import list_users
    from tsifra.kernel.formatting import day, moment

    engine = _engine()
    lang = shell_lang()
    table = Table(title=t("users_title"), title_justify="left")
    for key in COLUMNS:
        table.add_column(t(key))
    for a in list_users(engine):
        if not a.active:
            state = t("user_inactive")
        elif a.locked_until is not None:
            state = t("user_locked", until=moment(a.locked_until, lang))
        else:
            state = t("user_active")
        row = (a.login, a.name, a.role, a.region or "", state, str(a.live_tokens))
        table.add_row(*row, day(a.created_at, lang))
    console.print(table)


@users_app.command("email")
def users_email(
    login: LOGIN,
    address: Annotated[str, typer.Argument(help="the e-mail for reminders; '' to clear it")],
) -> None:
    """Set the e-mail address the account's task reminders go to."""
    from tsifra.accounts.users import set_email

    try:
        set_email(_engine(), login, address, actor=ACTOR)
    except ValidationFailed as exc:
        raise fail(exc) from None
    console.print(t("user_email_set", login=login))


@users_app.command("deactivate")
def users_deactivate(login: LOGIN) -> None:
    """Refuse the account from now on: no sign-in, and its sessions and tokens stop working."""
    _set_active(login, False)


@users_app.command("activate")
def users_activate(login: LOGIN) -> None:
    """Let a deactivated account sign in again (its old sessions stay ended)."""
    _set_active(login, True)


@users_app.command("set-password")
def users_set_password(login: LOGIN, password_stdin: FROM_STDIN = False) -> None:
    """Give the account a new password; its sessions end and its tokens are revoked."""
    from tsifra.accounts import set_password

    password = _password(password_stdin)
    try:
        revoked = set_password(_engine(), login, password, actor=ACTOR)
    except ValidationFailed as exc:
        raise fail(exc) from None
    console.print(t("password_set", login=login.strip(), n=revoked))


@users_app.command("revoke-tokens")
def users_revoke_tokens(
    login: LOGIN,
    label: Annotated[str | None, typer.Option(help="only the tokens with this label")] = None,
) -> None:
    """Revoke the account's API tokens (all of them, or those with one label)."""
    from tsifra.accounts import revoke_tokens

    try:
        revoked = revoke_tokens(_engine(), login.strip(), label, actor=ACTOR)
    except ValidationFailed as exc:
        raise fail(exc) from None
    console.print(t("tokens_revoked", login=login.strip(), n=revoked))


@users_app.command("unlock")
def users_unlock(login: LOGIN) -> None:
    """Lift the lock that failed sign-ins put on a login, before it ends by itself."""
    from tsifra.accounts import unlock

    if unlock(_engine(), login, actor=ACTOR):
        console.print(t("login_unlocked", login=login.strip()))
    else:
        console.print(t("login_not_locked", login=login.strip()))


def _set_active(login: str, active: bool) -> None:
    from tsifra.accounts import set_active

    try:
        account = set_active(_engine(), login, active, actor=ACTOR)
    except ValidationFailed as exc:
        raise fail(exc) from None
    if active:
        console.print(t("user_activated", login=account.login))
    else:
        console.print(t("user_deactivated", login=account.login))


def _engine():
    """The configured database, refused with "run tsifra db upgrade" if it is not current."""
    from tsifra.store import make_engine, require_current

    engine = make_engine()
    try:
        require_current(engine)
    except ValidationFailed as exc:
        raise fail(exc) from None
    return engine


def _password(from_stdin: bool) -> str:
    """The new password: one line of standard input, or typed twice at a hidden prompt."""
    if from_stdin:
        line = typer.get_text_stream("stdin").readline()
        return line.removesuffix("\n").removesuffix("\r")
    first = typer.prompt(t("password_prompt"), hide_input=True, prompt_suffix=": ")
    second = typer.prompt(t("password_again"), hide_input=True, prompt_suffix=": ")
    if first != second:
        console.print(t("passwords_differ"))
        raise typer.Exit(code=1)
    return first
