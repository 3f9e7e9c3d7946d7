"""Failed sign-ins slow down, then lock, a login; too many from one address slow the address;
every failure is audited, aggregated. On SQLite and PostgreSQL; time is passed in (`now`), so
nothing here waits."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import Engine, func, select

from tsifra.accounts import TooManyAttempts, create_user, sign_in, unlock
from tsifra.accounts.throttle import LIMITS, locked_until
from tsifra.store import AuditEntry, LoginFailure, session_scope, utcnow

PASSWORD = "long-enough-pass"
HERE = "192.0.2.1"


@pytest.fixture
def fed(store: Engine) -> Engine:
    create_user(store, "fed", PASSWORD, "analyst")
    return store


@pytest.fixture
def start() -> datetime:
    """Early in a window of 15 minutes, so a test's few minutes stay inside it."""
    now = utcnow()
    return now.replace(minute=now.minute - now.minute % 15, second=1, microsecond=0)


def outcome(engine, login, password, at, address=HERE) -> object:
    """ "ok", "wrong", or ("wait", seconds, locked)."""
    try:
        signed = sign_in(engine, login, password, address, now=at)
    except TooManyAttempts as refused:
        return ("wait", refused.retry_after, refused.locked)
    return "wrong" if signed is None else "ok"


def audit(engine, action: str) -> list[AuditEntry]:
    with session_scope(engine) as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def test_after_five_failures_each_attempt_waits_longer(fed: Engine, start: datetime) -> None:
    assert [outcome(fed, "fed", "wrong", start) for _ in range(5)] == ["wrong"] * 5
    assert outcome(fed, "fed", PASSWORD, start) == ("wait", 1, False)  # even the right one
    at = start + timedelta(seconds=1)  # as long as Retry-After said: let through
    assert outcome(fed, "fed", "wrong", at) == "wrong"
    assert outcome(fed, "fed", PASSWORD, at) == ("wait", 2, False)  # the 6th failure: 2 s
    assert outcome(fed, "fed", PASSWORD, at + timedelta(seconds=1)) == ("wait", 1, False)
    assert outcome(fed, "fed", PASSWORD, at + timedelta(seconds=2)) == "ok"


def test_the_tenth_failure_locks_the_login_until_an_admin_or_time_lifts_it(
    fed: Engine, start: datetime
) -> None:
    at = start
    for _ in range(10):
        assert outcome(fed, "fed", "wrong", at) == "wrong"
        at += timedelta(seconds=20)  # past every slow-down: each attempt is really tried
    minutes_30 = int(LIMITS.lock_for.total_seconds())  # from the 10th failure, 20 s ago
    assert outcome(fed, "fed", PASSWORD, at) == ("wait", minutes_30 - 20, True)
    assert outcome(fed, "fed", PASSWORD, at + timedelta(minutes=29))[0] == "wait"
    assert locked_until(fed, "fed") is not None
    assert outcome(fed, "fed", PASSWORD, at + timedelta(minutes=31)) == "ok"
    (locked,) = audit(fed, "login.locked")
    assert locked.target == "fed" and locked.details["failures"] == 10


def test_unlock_lets_the_user_in_at_once_and_forgives_the_window(fed: Engine) -> None:
    now = utcnow()
    for i in range(10):
        outcome(fed, "fed", "wrong", now + timedelta(seconds=20 * i))
    assert locked_until(fed, "fed") is not None
    assert unlock(fed, "fed", actor="cli") is True
    assert locked_until(fed, "fed") is None
    later = now + timedelta(seconds=200)
    assert outcome(fed, "fed", "wrong", later) == "wrong"  # one typo does not lock it again
    assert outcome(fed, "fed", PASSWORD, later) == "ok"
    assert unlock(fed, "fed", actor="cli") is False
    assert [e.details for e in audit(fed, "login.unlock")] == [
        {"was_locked": True},
        {"was_locked": False},
    ]


def test_an_unknown_login_is_answered_like_a_real_one(fed: Engine, start: datetime) -> None:
    def attempts(login: str) -> list[object]:
        at, seen = start, []
        for step in (0, 0, 0, 0, 0, 0, 3, 0, 20, 20, 20, 20, 0):
            at += timedelta(seconds=step)
            seen.append(outcome(fed, login, "wrong", at))
        return seen

    real, unknown = attempts("fed"), attempts("nobody")
    assert real == unknown
    assert ("wait", 1800, True) in real


def test_too_many_failures_from_one_address_slow_every_login_from_it(
    fed: Engine, start: datetime
) -> None:
    for i in range(LIMITS.address_after):
        assert outcome(fed, f"guess{i}", "wrong", start) == "wrong"
    kind, seconds, locked = outcome(fed, "fed", PASSWORD, start)
    assert (kind, locked) == ("wait", False)
    assert 0 < seconds <= LIMITS.window.total_seconds()
    assert outcome(fed, "fed", PASSWORD, start, address="198.51.100.7") == "ok"
    with session_scope(fed) as session:
        rows = session.scalar(select(func.count()).select_from(LoginFailure))
    for i in range(100):  # new logins from the throttled address add no rows
        outcome(fed, f"other{i}", "wrong", start)
    with session_scope(fed) as session:
        assert session.scalar(select(func.count()).select_from(LoginFailure)) == rows


def test_failures_are_audited_aggregated(fed: Engine, start: datetime) -> None:
    for i in range(10):  # ten wrong passwords, far enough apart to be tried: a lock
        assert outcome(fed, "fed", "wrong", start + timedelta(seconds=20 * i)) == "wrong"
    later = start + timedelta(seconds=200)
    for _ in range(240):  # then a stream of guesses the lock turns away
        assert outcome(fed, "fed", "wrong", later)[0] == "wait"
    failed = audit(fed, "login.failed")
    assert [e.details["attempts"] for e in failed] == [1, 10, 100]  # not 250 rows
    assert {(e.target, e.details["address"]) for e in failed} == {("fed", HERE)}
    with session_scope(fed) as session:
        (row,) = session.scalars(select(LoginFailure)).all()
    assert (row.login, row.address, row.failures, row.refused) == ("fed", HERE, 10, 240)
    assert len(audit(fed, "login.locked")) == 1
    outcome(fed, "fed", "wrong", later, address="198.51.100.7")
    assert len(audit(fed, "login.failed")) == 4  # a new address is a new aggregate


def test_a_successful_sign_in_is_audited(fed: Engine) -> None:
    assert outcome(fed, " fed ", PASSWORD, utcnow()) == "ok"
    (entry,) = audit(fed, "login")
    assert (entry.actor, entry.details) == ("fed", {"address": HERE})
