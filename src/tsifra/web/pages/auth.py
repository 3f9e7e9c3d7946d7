"""Log in with a form, log out with a POST: the session holds only the user's id."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse

from tsifra.accounts.users import authenticate
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
    account = authenticate(engine, login, password)
    if account is None:
        return render(request, "login.html", lang, None, 401, next=_local(next), failed=True)
    request.session.clear()  # a new session on login: a planted session id is worth nothing
    request.session.update({"user_id": account.id, "lang": lang})
    return RedirectResponse(_local(next), status_code=303)


@router.post("/logout", dependencies=[CSRF])
def logout(request: Request, lang: Lang):
    request.session.clear()
    request.session["lang"] = lang
    return RedirectResponse("/", status_code=303)


def _local(target: str) -> str:
    """Only a path on this site: any other `next` would make the form an open redirect. Browsers
    read `/\\host` like `//host`, so a backslash or a control character anywhere is refused."""
    local = target.startswith("/") and not target.startswith("//")
    return target if local and not any(c == "\\" or ord(c) < 32 for c in target) else "/"
