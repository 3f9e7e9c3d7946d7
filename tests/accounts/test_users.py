"""Accounts on SQLite and PostgreSQL: roles, passwords kept as argon2 hashes, the life of an
account (listed, deactivated, its password set, its sessions ended)."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select, text

from tsifra.accounts import (
    authenticate,
    can_write_region,
    create_user,
    issue_token,
    set_active,
    set_password,
    user_for_token,
)
from tsifra.accounts.users import (
    account_for_session,
    end_sessions,
    list_users,
    session_version,
)
from tsifra.kernel.problems import ValidationFailed
from tsifra.store import AuditEntry, session_scope

GOOD = "long-enough-pass"


def test_a_user_logs_in_with_the_right_password_only(store: Engine) -> None:
    created = create_user(store, "kazan", "s3cret-passphrase", "operator", "Оператор", "RU-TA")
    assert authenticate(store, "kazan", "s3cret-passphrase") == created
    assert authenticate(store, " kazan ", "s3cret-passphrase") == created  # trimmed
    assert authenticate(store, "kazan", "wrong-passphrase") is None
    assert authenticate(store, "nobody", "s3cret-passphrase") is None
    with store.connect() as connection:
        stored = connection.execute(text("SELECT password_hash FROM users")).scalar_one()
    assert stored.startswith("$argon2id$") and "s3cret-passphrase" not in stored


def test_every_problem_of_a_new_account_comes_back_at_once(store: Engine) -> None:
    create_user(store, "taken", GOOD, "viewer")
    with pytest.raises(ValidationFailed) as caught:
        create_user(store, "taken", "short", "operator")
    codes = {p.code for p in caught.value.problems}
    assert codes == {"operator_needs_region", "password_too_short", "login_taken"}
    with pytest.raises(ValidationFailed) as caught:
        create_user(store, "xy", GOOD, "operator", region="RU-XX")
    assert [p.code for p in caught.value.problems] == ["unknown_unit"]
    with pytest.raises(ValidationFailed) as caught:
        create_user(store, "yz", GOOD, "governor")
    assert [p.code for p in caught.value.problems] == ["literal_error"]


@pytest.mark.parametrize("login", ["", "  ", "a", "два слова", "<script>", "-dash", "x" * 65])
def test_a_login_must_be_a_sane_name(store: Engine, login: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        create_user(store, login, GOOD, "viewer")
    assert [p.code for p in caught.value.problems] == ["bad_login"]


def test_a_login_is_stored_trimmed_and_may_be_cyrillic(store: Engine) -> None:
    assert create_user(store, "  иванов.и  ", GOOD, "viewer").login == "иванов.и"
    with pytest.raises(ValidationFailed) as caught:
        create_user(store, "иванов.и ", GOOD, "viewer")
    assert [p.code for p in caught.value.problems] == ["login_taken"]


def test_tokens_are_kept_as_digests_and_name_their_user(store: Engine) -> None:
    create_user(store, "fed", GOOD, "analyst")
    token = issue_token(store, "fed")
    assert user_for_token(store, token).login == "fed"
    assert user_for_token(store, token + "x") is None
    with store.connect() as connection:
        kept = connection.execute(text("SELECT token_sha256 FROM api_tokens")).scalar_one()
    assert token not in kept and len(kept) == 64


@pytest.mark.parametrize(
    ("role", "region", "own", "other"),
    [
        ("admin", None, True, True),
        ("analyst", None, True, True),
        ("operator", "RU-TA", True, False),
        ("viewer", None, False, False),
    ],
)
def test_who_may_write_for_which_region(store: Engine, role, region, own, other) -> None:
    account = create_user(store, role, GOOD, role, region=region)
    assert can_write_region(account, "RU-TA") is own
    assert can_write_region(account, "RU-MOW") is other
    assert can_write_region(None, "RU-TA") is False


def test_ending_sessions_refuses_every_earlier_cookie(store: Engine) -> None:
    account = create_user(store, "fed", GOOD, "analyst")
    version = session_version(store, account.id)
    assert account_for_session(store, account.id, version) == account
    assert account_for_session(store, account.id, None) is None  # a cookie from before versions
    end_sessions(store, account.id)
    assert account_for_session(store, account.id, version) is None
    assert account_for_session(store, account.id, session_version(store, account.id)) == account


def test_a_new_password_ends_sessions_and_revokes_tokens(store: Engine) -> None:
    account = create_user(store, "fed", GOOD, "analyst")
    version = session_version(store, account.id)
    token = issue_token(store, "fed")
    assert set_password(store, "fed", "another-long-secret", actor="cli") == 1
    assert authenticate(store, "fed", GOOD) is None
    assert authenticate(store, "fed", "another-long-secret") == account
    assert account_for_session(store, account.id, version) is None
    assert user_for_token(store, token) is None
    with pytest.raises(ValidationFailed) as caught:
        set_password(store, "fed", "12345678901234")
    assert [p.code for p in caught.value.problems] == ["password_common"]
    with pytest.raises(ValidationFailed) as caught:
        set_password(store, "nobody", "another-long-secret")
    assert [p.code for p in caught.value.problems] == ["unknown_user"]
    with session_scope(store) as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "user.set_password")
        ).one()
        assert (entry.actor, entry.target, entry.details) == ("cli", "fed", {"tokens_revoked": 1})


def test_a_deactivated_account_cannot_sign_in_or_use_its_session_or_token(store: Engine) -> None:
    account = create_user(store, "fed", GOOD, "analyst")
    version = session_version(store, account.id)
    token = issue_token(store, "fed")
    set_active(store, "fed", False, actor="cli")
    assert authenticate(store, "fed", GOOD) is None
    assert account_for_session(store, account.id, version) is None
    assert user_for_token(store, token) is None
    assert [u.active for u in list_users(store)] == [False]
    set_active(store, "fed", True, actor="cli")
    assert authenticate(store, "fed", GOOD) == account
    assert user_for_token(store, token) == account  # tokens were not revoked, only refused
    assert account_for_session(store, account.id, version) is None  # sessions stay ended


def test_the_list_shows_roles_states_and_live_tokens(store: Engine) -> None:
    create_user(store, "viewer", GOOD, "viewer", name="Зритель")
    create_user(store, "kazan", GOOD, "operator", region="RU-TA")
    issue_token(store, "kazan")
    issue_token(store, "kazan")
    listed = {u.login: u for u in list_users(store)}
    assert sorted(listed) == ["kazan", "viewer"]
    assert listed["kazan"].live_tokens == 2 and listed["viewer"].live_tokens == 0
    assert (listed["kazan"].role, listed["kazan"].region) == ("operator", "RU-TA")
    assert listed["viewer"].name == "Зритель" and listed["viewer"].locked_until is None
