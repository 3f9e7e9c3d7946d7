"""API tokens: a label, an expiry, the last use, and revocation; refused when expired or
revoked, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine, select, update

from tsifra.accounts import create_user, issue_token, revoke_tokens, user_for_token
from tsifra.accounts.tokens import TOKEN_DAYS, list_tokens, revoke_token
from tsifra.kernel.problems import ValidationFailed
from tsifra.store import ApiToken, AuditEntry, session_scope, utcnow


@pytest.fixture
def fed(store: Engine) -> Engine:
    create_user(store, "fed", "long-enough-pass", "analyst")
    return store


def test_a_token_expires_after_its_days(fed: Engine) -> None:
    token = issue_token(fed, "fed", label="etl")
    (info,) = list_tokens(fed, "fed")
    assert info.label == "etl" and info.revoked_at is None
    assert info.expires_at - info.created_at == timedelta(days=TOKEN_DAYS)
    assert user_for_token(fed, token).login == "fed"
    with session_scope(fed) as session:  # the same token, ninety days and a minute later
        session.execute(update(ApiToken).values(expires_at=utcnow() - timedelta(minutes=1)))
    assert user_for_token(fed, token) is None


def test_the_lifetime_is_bounded_and_the_label_short(fed: Engine) -> None:
    issue_token(fed, "fed", days=1)
    assert list_tokens(fed, "fed")[0].expires_at - utcnow() < timedelta(days=1)
    for days in (0, 367):
        with pytest.raises(ValidationFailed) as caught:
            issue_token(fed, "fed", days=days)
        assert [p.code for p in caught.value.problems] == ["bad_token_days"]
    with pytest.raises(ValidationFailed) as caught:
        issue_token(fed, "fed", label="x" * 129)
    assert [p.code for p in caught.value.problems] == ["bad_token_label"]


def test_the_last_use_is_kept_to_the_minute(fed: Engine) -> None:
    token = issue_token(fed, "fed")
    assert list_tokens(fed, "fed")[0].last_used_at is None
    user_for_token(fed, token)
    first = list_tokens(fed, "fed")[0].last_used_at
    assert first is not None and utcnow() - first < timedelta(minutes=1)
    user_for_token(fed, token)  # within the minute: not written again
    assert list_tokens(fed, "fed")[0].last_used_at == first


def test_revoked_tokens_are_refused(fed: Engine) -> None:
    etl, report, other = (issue_token(fed, "fed", label=x) for x in ("etl", "report", "report"))
    assert revoke_tokens(fed, "fed", label="report", actor="cli") == 2
    assert user_for_token(fed, etl) is not None
    assert user_for_token(fed, report) is None and user_for_token(fed, other) is None
    assert revoke_tokens(fed, "fed", actor="cli") == 1
    assert user_for_token(fed, etl) is None
    assert revoke_tokens(fed, "fed", actor="cli") == 0
    with session_scope(fed) as session:
        audited = session.scalars(
            select(AuditEntry.details)
            .where(AuditEntry.action == "token.revoke")
            .order_by(AuditEntry.id)
        ).all()
    assert [d["count"] for d in audited] == [2, 1, 0]


def test_a_client_revokes_the_token_it_holds(fed: Engine) -> None:
    kept, given_up = issue_token(fed, "fed"), issue_token(fed, "fed")
    assert revoke_token(fed, given_up) is True
    assert revoke_token(fed, given_up) is False
    assert user_for_token(fed, given_up) is None and user_for_token(fed, kept) is not None


def test_revoking_for_an_unknown_login_is_a_problem(store: Engine) -> None:
    with pytest.raises(ValidationFailed) as caught:
        revoke_tokens(store, "nobody")
    assert [p.code for p in caught.value.problems] == ["unknown_user"]
