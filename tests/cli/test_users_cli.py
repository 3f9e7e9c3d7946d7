"""`tsifra users`: add, list, deactivate, activate, set-password, revoke-tokens, unlock, on the
database the commands are configured with (SQLite and PostgreSQL). A password is typed at a
prompt or piped on standard input, never given as an argument."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine

from builders import invoke, rows
from tsifra.accounts import authenticate, create_user, issue_token, sign_in, user_for_token
from tsifra.accounts.throttle import locked_until
from tsifra.store import utcnow

PASSWORD = "long-enough-pass"
NEW = "a-brand-new-passphrase"


@pytest.fixture
def db(store: Engine, monkeypatch: pytest.MonkeyPatch) -> Engine:
    """The commands run on this test's migrated database."""
    monkeypatch.setenv("TSIFRA_DATABASE_URL", store.url.render_as_string(hide_password=False))
    return store


def test_add_asks_for_the_password_twice_without_echo(db: Engine) -> None:
    r = invoke(
        "users",
        "add",
        "kazan",
        "--role",
        "operator",
        "--region",
        "RU-TA",
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert r.exit_code == 0, r.text
    assert "Учётная запись kazan (operator) создана" in r.text
    assert PASSWORD not in r.text
    assert authenticate(db, "kazan", PASSWORD) is not None


def test_add_reads_a_piped_password(db: Engine) -> None:
    r = invoke(
        "users", "add", "fed", "--role", "analyst", "--password-stdin", input=PASSWORD + "\n"
    )
    assert r.exit_code == 0, r.text
    assert authenticate(db, "fed", PASSWORD) is not None


def test_add_refuses_a_password_argument_a_mismatch_and_a_weak_password(db: Engine) -> None:
    r = invoke("users", "add", "fed", "--role", "analyst", "--password", PASSWORD)
    assert r.exit_code == 2  # no such option: it would show in the process list
    r = invoke("users", "add", "fed", "--role", "analyst", input=f"{PASSWORD}\n{NEW}\n")
    assert r.exit_code == 1 and "Пароли не совпадают" in r.text
    r = invoke(
        "users", "add", "fed", "--role", "analyst", "--password-stdin", input="password12345\n"
    )
    assert r.exit_code == 1 and "самых распространённых паролей" in r.text
    r = invoke("users", "add", "  ", "--role", "analyst", "--password-stdin", input=PASSWORD + "\n")
    assert r.exit_code == 1 and "недопустимое имя входа" in r.text
    assert invoke("users", "list").text.count("fed") == 0


def test_list_shows_every_account_and_its_state(db: Engine) -> None:
    create_user(db, "kazan", PASSWORD, "operator", region="RU-TA")
    create_user(db, "fed", PASSWORD, "analyst", name="Федеральный аналитик")
    issue_token(db, "fed")
    r = invoke("users", "list")
    assert r.exit_code == 0, r.text
    listed = {row[0]: row for row in rows(r.text)}
    assert sorted(listed) == ["fed", "kazan"]
    assert listed["fed"][1:6] == ["Федеральный аналитик", "analyst", "", "действует", "1"]
    assert listed["kazan"][3] == "RU-TA"
    invoke("users", "deactivate", "kazan")
    assert {row[0]: row[4] for row in rows(invoke("users", "list").text)}["kazan"] == "отключена"
    english = invoke("--lang", "en", "users", "list").text
    assert "Accounts" in english and "active" in english


def test_deactivate_and_activate(db: Engine) -> None:
    create_user(db, "fed", PASSWORD, "analyst")
    token = issue_token(db, "fed")
    r = invoke("users", "deactivate", "fed")
    assert r.exit_code == 0 and "отключена" in r.text
    assert authenticate(db, "fed", PASSWORD) is None and user_for_token(db, token) is None
    r = invoke("users", "activate", "fed")
    assert r.exit_code == 0 and "снова действует" in r.text
    assert authenticate(db, "fed", PASSWORD) is not None
    r = invoke("users", "deactivate", "nobody")
    assert r.exit_code == 1 and "пользователь «nobody» не найден" in r.text


def test_set_password_from_a_prompt_or_stdin(db: Engine) -> None:
    create_user(db, "fed", PASSWORD, "analyst")
    token = issue_token(db, "fed")
    r = invoke("users", "set-password", "fed", input=f"{NEW}\n{NEW}\n")
    assert r.exit_code == 0, r.text
    assert "Пароль fed изменён" in r.text and "отозвано токенов: 1" in r.text
    assert NEW not in r.text
    assert authenticate(db, "fed", PASSWORD) is None and authenticate(db, "fed", NEW) is not None
    assert user_for_token(db, token) is None
    r = invoke("users", "set-password", "fed", "--password-stdin", input=PASSWORD + "\n")
    assert r.exit_code == 0 and authenticate(db, "fed", PASSWORD) is not None
    r = invoke("users", "set-password", "fed", "--password-stdin", input="fed-fed-fed-fed\n")
    assert r.exit_code == 1 and "не должен содержать имя входа" in r.text
    assert authenticate(db, "fed", PASSWORD) is not None  # nothing changed


def test_revoke_tokens_all_or_by_label(db: Engine) -> None:
    create_user(db, "fed", PASSWORD, "analyst")
    etl, report = issue_token(db, "fed", label="etl"), issue_token(db, "fed", label="report")
    r = invoke("users", "revoke-tokens", "fed", "--label", "etl")
    assert r.exit_code == 0 and "Отозвано токенов fed: 1" in r.text
    assert user_for_token(db, etl) is None and user_for_token(db, report) is not None
    assert "Отозвано токенов fed: 1" in invoke("users", "revoke-tokens", "fed").text
    assert user_for_token(db, report) is None


def test_unlock_lifts_a_lock(db: Engine) -> None:
    create_user(db, "fed", PASSWORD, "analyst")
    now = utcnow()
    for i in range(10):
        sign_in(db, "fed", "wrong", "192.0.2.1", now=now + timedelta(seconds=20 * i))
    assert locked_until(db, "fed") is not None
    listed = {row[0]: row[4] for row in rows(invoke("users", "list").text)}
    assert listed["fed"].startswith("заблокирована до")
    r = invoke("users", "unlock", "fed")
    assert r.exit_code == 0 and "Вход для fed разблокирован" in r.text
    assert locked_until(db, "fed") is None
    assert "не был заблокирован" in invoke("users", "unlock", "fed").text
