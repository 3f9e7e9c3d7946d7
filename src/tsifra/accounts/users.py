"""Users and roles, and the life of an account: created, listed, deactivated, its password set,
its sessions ended.

Roles: `admin` (everything), `analyst` (federal analyst: all regions), `operator` (regional
operator: writes for its own region only), `viewer` (reads). A refused write is an event worth
knowing about, so callers record it in the audit log (`record_refusal`).

A browser's session carries the account's `session_version`; logging out, a new password and
deactivation add one to it, so every session cookie issued before is refused from then on, on
every device (the cookie itself is signed but kept by the browser, so it cannot be recalled).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, func, select, update

from tsifra.accounts.passwords import configured_hasher, is_weaker
from tsifra.accounts.policy import login_problems, normalised_login, password_problems
from tsifra.accounts.refusals import record_anonymous_refusal
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.store import (
    ApiToken,
    Body,
    LoginLock,
    Unit,
    User,
    require_current,
    session_scope,
    utcnow,
)
from tsifra.store.audit import record

# An applicant is a company or a person who files infrastructure projects for approval
# (`approvals`); it sees its own projects and nothing of the dashboard.
ROLES = ("admin", "analyst", "operator", "viewer", "applicant")
WRITERS = ("admin", "analyst", "operator")


@dataclass(frozen=True)
class Account:
    """What a request knows about its user: enough to decide, nothing secret."""

    id: int
    login: str
    name: str
    role: str
    region: str | None  # set for operators only
    body: str | None = None  # an operator of a body answering citizens (`cases`)

    @property
    def is_writer(self) -> bool:
        return self.role in WRITERS

    @property
    def may_resolve_conflicts(self) -> bool:
        """For templates: `can_resolve_conflicts` of this account."""
        return can_resolve_conflicts(self)


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


def can_resolve_conflicts(account: Account | None) -> bool:
    """Which source holds when sources disagree decides figures every region is rated on: only
    federal analysts and admins see the disputes and settle them."""
    return account is not None and account.role in ("admin", "analyst")


def can_write_practice(account: Account | None, regions: Iterable[str]) -> bool:
    """The registry is written by federal analysts and admins for any practice, and by a
    region's operators (not a body's) for practices of their own region only: a practice, or a
    replication, whose every region is theirs. A claim about another region is that region's."""
    if account is None or account.role not in ("admin", "analyst", "operator"):
        return False
    if account.role != "operator":
        return True
    regions = set(regions)
    return account.body is None and bool(regions) and regions == {account.region}


def can_plan(account: Account | None, region: str) -> bool:
    """A region's plan is its programme: drafted and accepted by its own operators (not a
    body's), by federal analysts helping it, and by admins; accepting one creates поручения."""
    if account is None or account.role not in ("admin", "analyst", "operator"):
        return False
    return account.role != "operator" or (account.region == region and account.body is None)


def can_score_plan(account: Account | None, region: str) -> bool:
    """An expert session scores candidates: whoever may plan, and operators of the region's
    bodies (the agencies that would do the work); viewers only read."""
    if account is None or account.role not in ("admin", "analyst", "operator"):
        return False
    return account.role != "operator" or account.region == region


def can_file_approval(account: Account | None) -> bool:
    """Projects are filed by applicants in their own name; an admin may file for a test or on
    an applicant's behalf. Officials do not: an owner approving its own request is a conflict."""
    return account is not None and account.role in ("applicant", "admin")


def can_work_case(account: Account | None, region: str, body: str | None) -> bool:
    """Who takes official steps on a citizen's case (`cases.states` says which): the operators
    of the body that holds it; for a case no body holds yet (the triage queue), the region's
    operators who belong to no body; admins everywhere. Analysts and viewers never act."""
    if account is None:
        return False
    if account.role == "admin":
        return True
    return account.role == "operator" and account.region == region and account.body == body


def can_read_case(account: Account | None, region: str, body: str | None) -> bool:
    """Who reads a case's full text (never its contact): whoever may work it, the region's
    operators without a body (they triage and oversee the region) and admins. What an appeal
    says is not disclosed without the citizen's consent (59-ФЗ ст. 6 ч. 2), so federal analysts,
    viewers and other bodies read only what the public reads; analysts see the figures."""
    if account is None or account.role in ("viewer", "analyst"):
        return False
    if account.role == "admin":
        return True
    return account.region == region and (account.body is None or account.body == body)


def can_read_case_contact(account: Account | None, body: str | None) -> bool:
    """The applicant's personal data are for the body that answers, and for nobody else (not
    even an admin): 59-ФЗ ст. 6 ч. 2 lets them pass only to the competent body."""
    return (
        account is not None
        and account.role == "operator"
        and body is not None
        and account.body == body
    )


def create_user(
    engine: Engine,
    login: str,
    password: str,
    role: str,
    name: str | None = None,
    region: str | None = None,
    actor: str | None = None,
    body: str | None = None,
) -> Account:
    """Create an account; every problem (role, region, body, login, password, taken login) is
    listed at once. `body`: the operator answers citizens for that body (`cases`)."""
    require_current(engine)
    login = normalised_login(login)
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
    problems += login_problems(login)
    problems += password_problems(password, login, name)
    with session_scope(engine) as session:
        if region and session.get(Unit, region) is None:
            problems.append(Problem("unknown_unit", path="--region", value=region))
        if session.scalar(select(User.id).where(User.login == login)) is not None:
            problems.append(Problem("login_taken", path="--login", value=login))
        if body:
            problems += _body_problems(session, role, region, body)
        if problems:
            raise ValidationFailed(problems)
        user = User(
            login=login,
            name=name or login,
            role=role,
            region=region,
            body=body or None,
            password_hash=configured_hasher().hash(password),
            created_at=utcnow(),
        )
        session.add(user)
        session.flush()
        details = {"role": role, "region": region, "body": body or None}
        record(session, actor, "user.create", login, details)
        return account_of(user)


def authenticate(engine: Engine, login: str, password: str) -> Account | None:
    """The account if the password is right, else None (the caller says nothing more specific).

    No throttling here: sign-ins from a person or a client go through `throttle.sign_in`."""
    login = normalised_login(login)
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
        return account_of(user)


def session_version(engine: Engine, user_id: int) -> int:
    """The version a new session cookie carries."""
    with session_scope(engine) as session:
        return session.scalar(select(User.session_version).where(User.id == user_id)) or 0


def account_for_session(engine: Engine, user_id: int, version: object) -> Account | None:
    """The account a session cookie names, if it is active and the cookie was issued since its
    sessions were last ended."""
    with session_scope(engine) as session:
        user = session.get(User, user_id)
        if user is None or not user.active or version != user.session_version:
            return None
        return account_of(user)


def end_sessions(engine: Engine, user_id: int, actor: str | None = None) -> None:
    """Every session cookie of the account stops working (logging out ends them everywhere)."""
    with session_scope(engine) as session:
        user = session.get(User, user_id)
        if user is not None:
            user.session_version += 1
            record(session, actor or user.login, "user.logout", user.login)


@dataclass(frozen=True)
class AccountInfo:
    """One line of `tsifra users list`: who, what role, and whether they can sign in now."""

    login: str
    name: str
    role: str
    region: str | None
    active: bool
    locked_until: datetime | None
    live_tokens: int
    created_at: datetime


def list_users(engine: Engine) -> list[AccountInfo]:
    now = utcnow()
    live = (
        select(ApiToken.user_id, func.count().label("n"))
        .where(ApiToken.revoked_at.is_(None), ApiToken.expires_at > now)
        .group_by(ApiToken.user_id)
        .subquery()
    )
    locks = select(LoginLock).where(LoginLock.locked_until > now).subquery()
    with session_scope(engine) as session:
        rows = session.execute(
            select(User, locks.c.locked_until, func.coalesce(live.c.n, 0))
            .outerjoin(live, live.c.user_id == User.id)
            .outerjoin(locks, locks.c.login == User.login)
            .order_by(User.login)
        ).all()
        return [
            AccountInfo(u.login, u.name, u.role, u.region, u.active, until, int(n), u.created_at)
            for u, until, n in rows
        ]


def set_active(engine: Engine, login: str, active: bool, actor: str | None = None) -> Account:
    """Deactivate (no sign-in, no session, no token works) or activate an account again. A
    deactivated account's sessions end for good: activating it does not bring them back."""
    with session_scope(engine) as session:
        user = _user(session, login)
        if user.active != active:
            user.active = active
            user.session_version += 1
            action = "user.activate" if active else "user.deactivate"
            record(session, actor, action, user.login)
        return account_of(user)


def set_password(engine: Engine, login: str, password: str, actor: str | None = None) -> int:
    """A new password for `login`, checked by the policy. Every session of the account ends
    and its tokens are revoked with it: whoever knew the old password may have taken either.
    Returns how many tokens were revoked."""
    with session_scope(engine) as session:
        user = _user(session, login)
        problems = password_problems(password, user.login, user.name, where="password")
        if problems:
            raise ValidationFailed(problems)
        user.password_hash = configured_hasher().hash(password)
        user.session_version += 1
        revoked = session.execute(
            update(ApiToken)
            .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        ).rowcount
        record(session, actor, "user.set_password", user.login, {"tokens_revoked": revoked})
        return revoked


def set_email(engine: Engine, login: str, email: str | None, actor: str | None = None) -> None:
    """Where the account's reminders go (`tasks.reminders`); None or "" clears it."""
    email = (email or "").strip() or None
    if email is not None and (len(email) > 255 or "@" not in email or " " in email):
        raise ValidationFailed([Problem("bad_email", path="email", value=email)])
    with session_scope(engine) as session:
        user = _user(session, login)
        user.email = email
        record(session, actor, "user.set_email", user.login)


def set_user_body(
    engine: Engine, login: str, body: str | None, actor: str | None = None
) -> Account:
    """Make an operator an operator of `body` (None: back to its region's triage). The body
    must be of the operator's region: its cases are that region's."""
    body = (body or "").strip() or None
    with session_scope(engine) as session:
        user = _user(session, login)
        if body is not None:
            problems = _body_problems(session, user.role, user.region, body, where="body")
            if problems:
                raise ValidationFailed(problems)
        if user.body != body:
            before, user.body = user.body, body
            record(session, actor, "user.set_body", user.login, {"from": before, "to": body})
        return account_of(user)


def _body_problems(session, role, region, body, where="--body") -> list[Problem]:
    if role != "operator":
        return [Problem("case_body_operator_only", path=where, value=body)]
    found = session.get(Body, body)
    if found is None or not found.active:  # a deactivated body answers nobody any more
        return [Problem("case_body_unknown", path=where, value=body)]
    if found.region != region:
        return [Problem("case_body_region", path=where, value=body)]
    return []


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


def _user(session, login: str) -> User:
    user = session.scalar(select(User).where(User.login == normalised_login(login)))
    if user is None:
        raise ValidationFailed([Problem("unknown_user", path="login", value=login)])
    return user


def account_of(user: User) -> Account:
    return Account(user.id, user.login, user.name, user.role, user.region, user.body)
