"""Tokens for API clients, and who am I."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException

from tsifra.accounts import authenticate, issue_token
from tsifra.web.api.schemas import AccountOut, ErrorOut, TokenIn, TokenOut
from tsifra.web.deps import DB, CurrentUser

router = APIRouter(tags=["auth"])


@router.post("/auth/token", response_model=TokenOut, responses={401: {"model": ErrorOut}})
def token(body: TokenIn, engine: DB) -> TokenOut:
    """Exchange a login and password for a bearer token."""
    account = authenticate(engine, body.login, body.password)
    if account is None:
        raise HTTPException(401)
    return TokenOut(token=issue_token(engine, account.login, label="api"))


@router.get("/me", response_model=AccountOut, responses={401: {"model": ErrorOut}})
def me(account: CurrentUser) -> AccountOut:
    return AccountOut(
        login=account.login, name=account.name, role=account.role, region=account.region
    )
