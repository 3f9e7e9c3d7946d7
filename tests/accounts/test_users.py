"""Accounts on SQLite and PostgreSQL: roles, passwords kept as argon2 hashes, tokens as digests."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, text

from tsifra.accounts import authenticate, can_write_region, create_user, issue_token, user_for_token
from tsifra.kernel.problems import ValidationFailed


def test_a_user_logs_in_with_the_right_password_only(store: Engine) -> None:
    created = create_user(store, "kazan", "s3cret-pass", "operator", "Оператор", region="RU-TA")
    assert authenticate(store, "kazan", "s3cret-pass") == created
    assert authenticate(store, "kazan", "wrong-pass") is None
    assert authenticate(store, "nobody", "s3cret-pass") is None
    with store.connect() as connection:
        stored = connection.execute(text("SELECT password_hash FROM users")).scalar_one()
    assert stored.startswith("$argon2id$") and "s3cret-pass" not in stored


def test_every_problem_of_a_new_account_comes_back_at_once(store: Engine) -> None:
    create_user(store, "taken", "long-enough", "viewer")
    with pytest.raises(ValidationFailed) as caught:
        create_user(store, "taken", "short", "operator")
    codes = {p.code for p in caught.value.problems}
    assert codes == {"operator_needs_region", "password_too_short", "login_taken"}
    with pytest.raises(ValidationFailed) as caught:
        create_user(store, "x", "long-enough", "operator", region="RU-XX")
    assert [p.code for p in caught.value.problems] == ["unknown_unit"]
    with pytest.raises(ValidationFailed) as caught:
        create_user(store, "y", "long-enough", "governor")
    assert [p.code for p in caught.value.problems] == ["literal_error"]


def test_tokens_are_kept_as_digests_and_name_their_user(store: Engine) -> None:
    create_user(store, "fed", "long-enough", "analyst")
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
    account = create_user(store, role, "long-enough", role, region=region)
    assert can_write_region(account, "RU-TA") is own
    assert can_write_region(account, "RU-MOW") is other
    assert can_write_region(None, "RU-TA") is False
