"""What a route needs, as typed dependencies: the database, and who is asking.

An API client sends `Authorization: Bearer <token>`; a browser carries the signed session cookie.
A refused write is recorded in the audit log before the 403 goes out. A write through the API that
rides on the session cookie must also send the session's CSRF token (`csrf_for_cookie_writes`).
"""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from sqlalchemy import Engine

from tsifra.accounts.tokens import user_for_token
from tsifra.accounts.users import Account, account_for_session, record_refusal
from tsifra.kernel.cache import Cache


def get_engine(request: Request) -> Engine:
    return request.app.state.engine


def get_cache(request: Request) -> Cache:
    return request.app.state.cache


DB = Annotated[Engine, Depends(get_engine)]
AppCache = Annotated[Cache, Depends(get_cache)]


def optional_account(request: Request, engine: DB) -> Account | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        account = user_for_token(engine, header[7:].strip())
        if account is None:
            raise HTTPException(401, headers={"WWW-Authenticate": "Bearer"})
        return account
    session = request.session if "session" in request.scope else {}
    user_id = session.get("user_id")
    if not isinstance(user_id, int):
        return None
    # The cookie names the account's session version when it was issued: logging out and a
    # new password move the version on, and the cookie is worth nothing from then on.
    return account_for_session(engine, user_id, session.get("session_version"))


def required_account(account: Annotated[Account | None, Depends(optional_account)]) -> Account:
    if account is None:
        raise HTTPException(401, headers={"WWW-Authenticate": "Bearer"})
    return account


MaybeUser = Annotated[Account | None, Depends(optional_account)]
CurrentUser = Annotated[Account, Depends(required_account)]


def writer(action: str):
    """A dependency for a write route: like `CurrentUser`, but an anonymous attempt is written
    to the audit log (as `refused.<action>`) before the 401, like every other refused write."""

    def dependency(request: Request, engine: DB, account: MaybeUser) -> Account:
        if account is None:
            record_refusal(engine, None, action, request.url.path)
            raise HTTPException(401, headers={"WWW-Authenticate": "Bearer"})
        return account

    return dependency


CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class CsrfMissing(Exception):
    """An API write authenticated by the session cookie came without this session's token."""


def csrf_for_cookie_writes(request: Request) -> None:
    """Refuse (403) an API write that a signed-in browser's cookie would authenticate unless it
    carries the session's CSRF token in `X-CSRF-Token` (the token every page of the session puts
    in its forms and in `<meta name="csrf-token">`). Another site can make a browser send the
    cookie, but cannot read the token. A bearer token is never sent by a browser on its own, so
    such a write needs none; neither does a request without a signed-in session."""
    if request.method in SAFE_METHODS:
        return
    if request.headers.get("authorization", "").lower().startswith("bearer "):
        return
    session = request.session if "session" in request.scope else {}
    if session.get("user_id") is None:
        return
    expected = session.get("csrf") or ""
    sent = request.headers.get(CSRF_HEADER, "")
    if not expected or not secrets.compare_digest(sent.encode(), expected.encode()):
        raise CsrfMissing()
