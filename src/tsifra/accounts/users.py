"""Users, passwords (argon2id) and API tokens.

Roles: `admin` (everything), `analyst` (federal analyst: all regions), `operator` (regional
operator: writes for its own region only), `viewer` (reads). A refused write is an event worth
knowing about, so callers record it in the audit log (`record_refusal`).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, select

from tsifra.accounts.passwords import configured_hasher, is_weaker
from tsifra.accounts.refusals import record_anonymous_refusal
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.store import ApiToken, Unit, User, require_current, session_scope, utcnow
from tsifra.store.audit import record

ROLES = ("admin", "analyst", "operator", "viewer")
WRITERS = ("admin", "analyst", "operator")


@dataclass(frozen=True)
class Account:
    """What a request knows about its user: enough to decide, nothing secret."""

    id: int
    login: str
    name: str
    role: str
    region: str | None  # set for operators only

    @property
    def is_writer(self) -> bool:
        return self.role in WRITERS


def can_write_region(account: Account | None, region: str) -> bool:
    """Operators write only for their own region; analysts and admins for any; viewers never."""
    if account is None or not account.is_writer:
        return False
    return account.role != "operator" or account.region == region


def can_read_tasks(account: Account | None, region: str) -> bool:
    """Tasks are a region's working orders, not published figures: only signed-in users read
    them, and a regional operator only those of its own region."""
    if account is None:
        return False
    return account.role != "operator" or account.region == region


def create_user(
    engine: Engine,
    login: str,
    password: str,
    role: str,
    name: str | None = None,
    region: str | None = None,
    actor: str | None = None,
) -> Account:
    """Create an account; every problem (role, region, password, taken login) is listed at once."""
    require_current(engine)
    problems = []
    if role not in ROLES:
        expected = ", ".join(ROLES)
        problems.append(
            Problem("literal_error", path="--role", value=role, params={"expected": expected})
        )
    if role == "operator" and not region:
        problems.append(Problem("operator_needs_region", path="--region"))
    if role != "operator" and region:
        problems.append(Problem("region_for_operator_only", path="--region", value=region))
    if len(password) < 8:
        problems.append(Problem("password_too_short", path="--password"))
    if not login or len(login) > 64:
        problems.append(Problem("bad_login", path="--login", value=login))
    with session_scope(engine) as session:
        if region and session.get(Unit, region) is None:
            problems.append(Problem("unknown_unit", path="--region", value=region))
        if session.scalar(select(User.id).where(User.login == login)) is not None:
            problems.append(Problem("login_taken", path="--login", value=login))
        if problems:
            raise ValidationFailed(problems)
        user = User(
            login=login,
            name=name or login,
            role=role,
            region=region,
            password_hash=configured_hasher().hash(password),
            created_at=utcnow(),
        )
        session.add(user)
        session.flush()
        record(session, actor, "user.create", login, {"role": role, "region": region})
        return _account(user)


def authenticate(engine: Engine, login: str, password: str) -> Account | None:
    """The account if the password is right, else None (the caller says nothing more specific)."""
    with session_scope(engine) as session:
        user = session.scalar(select(User).where(User.login == login, User.active))
        hasher = configured_hasher()
        if user is None:
            hasher.hash(password)  # the same work either way: timing tells nothing
            return None
        try:
            hasher.verify(user.password_hash, password)  # the hash names its own parameters
        except (VerificationError, InvalidHashError):
            return None
        if is_weaker(user.password_hash, hasher):  # made under a cheaper setting
            user.password_hash = hasher.hash(password)
        return _account(user)


def issue_token(engine: Engine, login: str, label: str | None = None) -> str:
    """A new bearer token for `login`; shown once, stored only as its SHA-256."""
    token = secrets.token_urlsafe(32)
    with session_scope(engine) as session:
        user = session.scalar(select(User).where(User.login == login))
        if user is None:
            raise ValidationFailed([Problem("unknown_user", path="--login", value=login)])
        session.add(
            ApiToken(user_id=user.id, token_sha256=_digest(token), label=label, created_at=utcnow())
        )
        record(session, login, "token.issue", login, {"label": label})
    return token


def user_for_token(engine: Engine, token: str) -> Account | None:
    with session_scope(engine) as session:
        user = session.scalar(
            select(User)
            .join(ApiToken, ApiToken.user_id == User.id)
            .where(
                ApiToken.token_sha256 == _digest(token), ApiToken.revoked_at.is_(None), User.active
            )
        )
        return _account(user) if user is not None else None


def account_by_id(engine: Engine, user_id: int) -> Account | None:
    with session_scope(engine) as session:
        user = session.get(User, user_id)
        return _account(user) if user is not None and user.active else None


def record_refusal(engine: Engine, account: Account | None, action: str, target: str) -> None:
    """A refused write goes to the audit log, in its own transaction (the write itself did not);
    an anonymous one beyond a rate is counted instead (`accounts.refusals`)."""
    if account is None:
        record_anonymous_refusal(engine, action, target)
        return
    with session_scope(engine) as session:
        who = account.login if account else None
        record(
            session, who, "refused." + action, target, {"role": account.role if account else None}
        )


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _account(user: User) -> Account:
    return Account(user.id, user.login, user.name, user.role, user.region)
