"""Signing in with a password, throttled per login and per address, with lockout and audit.

Guessing is slowed in three ways, all counted in the database (`login_failures`), so the
counts hold across restarts and across the workers of one server. Failures are kept per
15-minute window and counted over the current window and the one before, so a burst across a
window's edge counts whole (the limits below hold within any 15 minutes, and a count is
forgotten after 15 to 30):

- per login: after 5 failures, each attempt waits 1, 2, 4, 8, 16 s after the previous
  failure (429 with Retry-After);
- per login: the 10th failure locks the login for 30 minutes (`login_locks`); `tsifra users
  unlock` lifts the lock sooner;
- per address: after 30 failures, every attempt from that address waits until the window
  ends (and again, if the count is still over then).

Counts are kept by the login typed, whether an account has it or not, so an unknown login is
answered exactly like a real one. An attempt refused by a limit is counted apart (`refused`):
its password was not checked, so it was no guess, and it moves no limit, which keeps
Retry-After honest (a client that waits that long is let through).

Every failed attempt is audited, aggregated: the audit log (append-only) gets a `login.failed`
entry when a (login, address) pair fails for the first time in a window and again each time its
count of attempts reaches a power of ten, with the counts; the exact counts are the
`login_failures` row. A million guesses from one address thus add a few rows, not a million.
A lock and each successful sign-in are audited too (ASVS V7.2.1: authentication decisions are
logged).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from tsifra.accounts.policy import LOGIN_MAX, normalised_login
from tsifra.accounts.users import Account, authenticate, session_version
from tsifra.store import LoginFailure, LoginLock, session_scope, utcnow
from tsifra.store.audit import record


@dataclass(frozen=True)
class Limits:
    """How many failures are allowed, and for how long they count."""

    window: timedelta = timedelta(minutes=15)
    slow_after: int = 5  # failures of a login before each attempt must wait
    slowest: timedelta = timedelta(seconds=60)
    lock_after: int = 10  # failures of a login
    # At least two windows: failures counted after a lock are then all from after it (during
    # it, attempts are refused, not failed), so its end does not lock the login again.
    lock_for: timedelta = timedelta(minutes=30)
    address_after: int = 30  # failures from one address
    keep_counts: timedelta = timedelta(days=90)  # then a window's row is removed


LIMITS = Limits()
UNKNOWN_ADDRESS = "unknown"
ANY_LOGIN = "*"  # never a login (`policy.LOGIN`): the attempts of an address over its limit


class TooManyAttempts(Exception):
    """Sign-in refused before the password was checked; try again in `retry_after` seconds."""

    def __init__(self, retry_after: int, locked: bool):
        self.retry_after = retry_after
        self.locked = locked
        super().__init__(f"retry after {retry_after} s")


@dataclass(frozen=True)
class SignedIn:
    account: Account
    session_version: int


def sign_in(
    engine: Engine,
    login: str,
    password: str,
    address: str | None,
    limits: Limits | None = None,
    now: datetime | None = None,
) -> SignedIn | None:
    """The account if the password is right and no limit stands in the way; None for a wrong
    login or password; `TooManyAttempts` while the login or the address must wait."""
    limits = limits or LIMITS
    login = normalised_login(login)[:LOGIN_MAX]
    address = (address or UNKNOWN_ADDRESS)[:64]
    now = now or utcnow()
    wait = _wait(engine, login, address, limits, now)
    if wait is not None:
        seconds, reason = wait
        # An address over its limit is counted as one row, whatever login it tries next: new
        # logins must not each add a row and an audit entry.
        who = ANY_LOGIN if reason == "address" else login
        _count(engine, who, address, limits, now, checked=False)
        raise TooManyAttempts(seconds, locked=reason == "locked")
    account = authenticate(engine, login, password)
    if account is None:
        _count(engine, login, address, limits, now, checked=True)
        return None
    with session_scope(engine) as session:
        record(session, account.login, "login", account.login, {"address": address})
    return SignedIn(account, session_version(engine, account.id))


def unlock(engine: Engine, login: str, actor: str | None = None) -> bool:
    """Lift a lock and forgive the failures still counted, so the next typo does not lock the
    login again at once. True if the login was locked."""
    login = normalised_login(login)
    now = utcnow()
    with session_scope(engine) as session:
        locked = session.execute(delete(LoginLock).where(LoginLock.login == login)).rowcount
        session.execute(
            delete(LoginFailure).where(
                LoginFailure.login == login,
                LoginFailure.window_start >= _window(now, LIMITS) - LIMITS.window,
            )
        )
        record(session, actor, "login.unlock", login, {"was_locked": bool(locked)})
        return bool(locked)


def locked_until(engine: Engine, login: str) -> datetime | None:
    with session_scope(engine) as session:
        until = session.scalar(
            select(LoginLock.locked_until).where(LoginLock.login == normalised_login(login))
        )
        return until if until is not None and until > utcnow() else None


def _window(now: datetime, limits: Limits) -> datetime:
    size = int(limits.window.total_seconds())
    epoch = datetime(2000, 1, 1)
    return epoch + timedelta(seconds=(int((now - epoch).total_seconds()) // size) * size)


def _wait(
    engine: Engine, login: str, address: str, limits: Limits, now: datetime
) -> tuple[int, str] | None:
    """(seconds to wait, why: "locked", "address" or "login"), or None to go ahead."""
    window = _window(now, limits)
    since = window - limits.window
    with session_scope(engine) as session:
        until = session.scalar(select(LoginLock.locked_until).where(LoginLock.login == login))
        if until is not None and until > now:
            return _seconds(until - now), "locked"
        by_login = session.execute(
            select(func.sum(LoginFailure.failures), func.max(LoginFailure.last_failure_at)).where(
                LoginFailure.login == login, LoginFailure.window_start >= since
            )
        ).one()
        by_address = session.scalar(
            select(func.sum(LoginFailure.failures)).where(
                LoginFailure.address == address, LoginFailure.window_start >= since
            )
        )
    if (by_address or 0) >= limits.address_after:
        return _seconds(window + limits.window - now), "address"
    failures, last = by_login
    if failures and failures >= limits.slow_after:
        delay = min(timedelta(seconds=2 ** (failures - limits.slow_after)), limits.slowest)
        if last + delay > now:
            return _seconds(last + delay - now), "login"
    return None


def _count(
    engine: Engine, login: str, address: str, limits: Limits, now: datetime, checked: bool
) -> None:
    """Count one attempt of (login, address) in this window: a failure if its password was
    checked, else a refusal. Lock the login at its `lock_after`-th failure, and audit the
    attempt if the pair's count of attempts is 1 or a power of ten."""
    window = _window(now, limits)
    since = window - limits.window
    with session_scope(engine) as session:
        failures, refused = _add(session, login, address, window, now, checked)
        attempts = failures + refused
        if math.log10(attempts).is_integer():
            details = {
                "address": address,
                "window": window.isoformat(),
                "attempts": attempts,
                "failures": failures,
            }
            record(session, None, "login.failed", login, details)
        if checked and login != ANY_LOGIN:
            by_login = session.scalar(
                select(func.sum(LoginFailure.failures)).where(
                    LoginFailure.login == login, LoginFailure.window_start >= since
                )
            )
            if by_login >= limits.lock_after:
                _lock(session, login, now, now + limits.lock_for, by_login)
        if attempts == 1:  # a new row: the time to forget old windows
            session.execute(
                delete(LoginFailure).where(LoginFailure.window_start < now - limits.keep_counts)
            )


def _add(
    session: Session, login: str, address: str, window: datetime, now: datetime, checked: bool
) -> tuple[int, int]:
    """Add one to the pair's row in one statement, so two concurrent attempts both count;
    the row's (failures, refused) after it."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(LoginFailure).values(
        login=login,
        address=address,
        window_start=window,
        failures=int(checked),
        refused=int(not checked),
        last_failure_at=now if checked else None,
    )
    if checked:
        changes = {"failures": LoginFailure.failures + 1, "last_failure_at": now}
    else:
        changes = {"refused": LoginFailure.refused + 1}
    statement = statement.on_conflict_do_update(
        index_elements=["login", "address", "window_start"], set_=changes
    ).returning(LoginFailure.failures, LoginFailure.refused)
    return tuple(session.execute(statement).one())


def _lock(session: Session, login: str, now: datetime, until: datetime, failures: int) -> None:
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(LoginLock).values(login=login, locked_at=now, locked_until=until)
    statement = statement.on_conflict_do_update(
        index_elements=["login"], set_={"locked_at": now, "locked_until": until}
    )
    session.execute(statement)
    details = {"until": until.isoformat(), "failures": failures}
    record(session, None, "login.locked", login, details)


def _seconds(delta: timedelta) -> int:
    return max(1, math.ceil(delta.total_seconds()))
