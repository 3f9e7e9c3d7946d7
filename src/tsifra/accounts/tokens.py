"""Bearer tokens for the API: issued with a label and an expiry, used, revoked.

A token is shown once and kept only as its SHA-256, so a leaked table leaks no token. Each
expires (90 days unless asked otherwise, at most a year), records when it was last used (to the
minute: a write on every request would cost more than it tells) and can be revoked; an expired
or revoked token, or one of a deactivated account, is refused like an unknown one.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, select, update

from tsifra.accounts.users import Account, account_of
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.store import ApiToken, User, session_scope, utcnow
from tsifra.store.audit import record

TOKEN_DAYS = 90
TOKEN_DAYS_MAX = 366
LABEL_MAX = 128
LAST_USE_PRECISION = timedelta(minutes=1)


@dataclass(frozen=True)
class TokenInfo:
    """What a list of tokens shows: never the token itself."""

    id: int
    label: str | None
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


def issue_token(
    engine: Engine,
    login: str,
    label: str | None = None,
    days: int = TOKEN_DAYS,
    actor: str | None = None,
) -> str:
    """A new bearer token for `login`, valid for `days`; it is shown once."""
    problems = []
    if not 1 <= days <= TOKEN_DAYS_MAX:
        problems.append(Problem("bad_token_days", path="days", value=days))
    if label is not None and len(label) > LABEL_MAX:
        problems.append(Problem("bad_token_label", path="label", params={"n": LABEL_MAX}))
    token = secrets.token_urlsafe(32)
    now = utcnow()
    with session_scope(engine) as session:
        user = session.scalar(select(User).where(User.login == login))
        if user is None:
            problems.append(Problem("unknown_user", path="--login", value=login))
        if problems:
            raise ValidationFailed(problems)
        session.add(
            ApiToken(
                user_id=user.id,
                token_sha256=_digest(token),
                label=label,
                created_at=now,
                expires_at=now + timedelta(days=days),
            )
        )
        record(session, actor or login, "token.issue", login, {"label": label, "days": days})
    return token


def user_for_token(engine: Engine, token: str) -> Account | None:
    """The account a token speaks for, or None if it is unknown, expired or revoked, or its
    account is deactivated."""
    now = utcnow()
    with session_scope(engine) as session:
        found = session.execute(
            select(User, ApiToken)
            .join(ApiToken, ApiToken.user_id == User.id)
            .where(
                ApiToken.token_sha256 == _digest(token),
                ApiToken.revoked_at.is_(None),
                ApiToken.expires_at > now,
                User.active,
            )
        ).first()
        if found is None:
            return None
        user, row = found
        if row.last_used_at is None or row.last_used_at < now - LAST_USE_PRECISION:
            row.last_used_at = now
        return account_of(user)


def list_tokens(engine: Engine, login: str) -> list[TokenInfo]:
    with session_scope(engine) as session:
        user_id = _user_id(session, login)
        rows = session.scalars(
            select(ApiToken).where(ApiToken.user_id == user_id).order_by(ApiToken.id)
        )
        return [
            TokenInfo(t.id, t.label, t.created_at, t.expires_at, t.last_used_at, t.revoked_at)
            for t in rows
        ]


def revoke_tokens(
    engine: Engine, login: str, label: str | None = None, actor: str | None = None
) -> int:
    """Revoke every live token of `login` (only those labelled `label`, if given); returns how
    many were revoked."""
    with session_scope(engine) as session:
        user_id = _user_id(session, login)
        return _revoke(session, user_id, login, label, actor)


def revoke_token(engine: Engine, token: str) -> bool:
    """A client gives up the token it holds (signing out of the API)."""
    with session_scope(engine) as session:
        row = session.scalar(select(ApiToken).where(ApiToken.token_sha256 == _digest(token)))
        if row is None or row.revoked_at is not None:
            return False
        row.revoked_at = utcnow()
        login = session.scalar(select(User.login).where(User.id == row.user_id))
        record(session, login, "token.revoke", login, {"label": row.label, "count": 1})
        return True


def _revoke(session, user_id: int, login: str, label: str | None, actor: str | None) -> int:
    """Inside the caller's transaction: a password change revokes tokens with it."""
    statement = (
        update(ApiToken)
        .where(ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    if label is not None:
        statement = statement.where(ApiToken.label == label)
    count = session.execute(statement).rowcount
    record(session, actor, "token.revoke", login, {"label": label, "count": count})
    return count


def _user_id(session, login: str) -> int:
    user_id = session.scalar(select(User.id).where(User.login == login))
    if user_id is None:
        raise ValidationFailed([Problem("unknown_user", path="login", value=login)])
    return user_id


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
