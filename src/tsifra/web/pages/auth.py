"""Log in with a form, log out with a POST: the session holds the user's id and the account's
session version, which logging out moves on (`accounts.users.end_sessions`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse

from tsifra.accounts.throttle import TooManyAttempts, sign_in
from tsifra.accounts.users import end_sessions
from tsifra.web.client import client_address
from tsifra.web.deps import DB, MaybeUser
from tsifra.web.pages.common import CSRF, Lang, render

router = APIRouter()


@router.get("/login")
def login_form(request: Request, lang: Lang, user: MaybeUser, next: str = "/"):
    return render(request, "login.html", lang, user, next=_local(next), failed=False)


@router.post("/login", dependencies=[CSRF])
def login(
    request: Request,
    engine: DB,
    lang: Lang,
    login: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=256)],
    next: Annotated[str, Form()] = "/",
):
    try:
        signed = sign_in(engine, login, password, client_address(request))
    except TooManyAttempts as refused:
        page = render(
            request, "login.html", lang, None, 429, next=_local(next), wait=refused.retry_after
        )
        page.headers["Retry-After"] = str(refused.retry_after)
        return page
    if signed is None:
        return render(request, "login.html", lang, None, 401, next=_local(next), failed=True)
    request.session.clear()  # a new session on login: a planted session id is worth nothing
    account = signed.account
    request.session.update(
        {"user_id": account.id, "session_version": signed.session_version, "lang": lang}
    )
    target = _local(next)  # no page asked (or one off this site): the reader's own landing
    return RedirectResponse(target if target != "/" else landing(account), status_code=303)


def landing(account) -> str:
    """Where a sign-in without a `next` page lands: an operator on its region's home screen,
    the federal roles on the federal view (the public rating stays at /), an applicant on its
    projects (it sees nothing of the dashboard)."""
    if account.role == "applicant":
        return "/approvals"
    if account.role == "operator" and account.region:
        return f"/regions/{account.region}"
    return "/federal"


@router.post("/logout", dependencies=[CSRF])
def logout(request: Request, engine: DB, lang: Lang, user: MaybeUser):
    if user is not None:
        end_sessions(engine, user.id)  # this cookie, and any copy of it, is refused from now on
    request.session.clear()
    request.session["lang"] = lang
    return RedirectResponse("/", status_code=303)


def _local(target: str) -> str:
    """Only a path on this site: any other `next` would make the form an open redirect. Browsers
    read `/\\host` like `//host`, so a backslash or a control character anywhere is refused."""
    local = target.startswith("/") and not target.startswith("//")
    return target if local and not any(c == "\\" or ord(c) < 32 for c in target) else "/"
