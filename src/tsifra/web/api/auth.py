"""Tokens for API clients, and who am I."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request

from tsifra.accounts.throttle import TooManyAttempts, sign_in
from tsifra.accounts.tokens import issue_token, revoke_token
from tsifra.web.api.schemas import AccountOut, ErrorOut, TokenIn, TokenOut
from tsifra.web.client import client_address
from tsifra.web.deps import DB, CurrentUser

router = APIRouter(tags=["auth"])


@router.post(
    "/auth/token",
    response_model=TokenOut,
    responses={401: {"model": ErrorOut}, 429: {"model": ErrorOut}},
)
def token(body: TokenIn, request: Request, engine: DB) -> TokenOut:
    """Exchange a login and password for a bearer token that expires after `days`. Failed
    attempts are throttled per login and per address: 429 with `Retry-After`."""
    try:
        signed = sign_in(engine, body.login, body.password, client_address(request))
    except TooManyAttempts as refused:
        raise HTTPException(429, headers={"Retry-After": str(refused.retry_after)}) from None
    if signed is None:
        raise HTTPException(401)
    label = body.label or "api"
    issued = issue_token(engine, signed.account.login, label=label, days=body.days)
    return TokenOut(token=issued, expires_in=body.days * 86_400)


@router.delete("/auth/token", status_code=204, responses={401: {"model": ErrorOut}})
def revoke(request: Request, engine: DB, account: CurrentUser) -> None:
    """Revoke the bearer token this request carries (signing a client out)."""
    header = request.headers.get("authorization", "")
    if not header.lower().startswith("bearer "):
        raise HTTPException(401, headers={"WWW-Authenticate": "Bearer"})
    revoke_token(engine, header[7:].strip())


@router.get("/me", response_model=AccountOut, responses={401: {"model": ErrorOut}})
def me(account: CurrentUser) -> AccountOut:
    return AccountOut(
        login=account.login, name=account.name, role=account.role, region=account.region
    )
