"""`tsifra open311 key add|list|revoke` on the configured database (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from builders import invoke, rows
from tsifra.cases.clients import client_for_key


@pytest.fixture
def db(store: Engine, monkeypatch: pytest.MonkeyPatch) -> Engine:
    monkeypatch.setenv("TSIFRA_DATABASE_URL", store.url.render_as_string(hide_password=False))
    return store


def test_add_prints_the_key_once_list_shows_no_key_revoke_stops_it(db: Engine) -> None:
    added = invoke("open311", "key", "add", "fixmystreet")
    assert added.exit_code == 0, added.text
    assert "показан один раз" in added.text
    key = added.text.strip().splitlines()[-1]
    assert client_for_key(db, key) is not None

    listed = invoke("open311", "key", "list")
    assert listed.exit_code == 0, listed.text
    assert key not in listed.text
    (row,) = rows(listed.text)
    assert row[0] == "fixmystreet" and row[-1] == "действует" and row[2] != "—"

    revoked = invoke("open311", "key", "revoke", "fixmystreet")
    assert revoked.exit_code == 0 and "отозван" in revoked.text
    assert client_for_key(db, key) is None
    again = invoke("open311", "key", "revoke", "fixmystreet")
    assert again.exit_code == 0 and "уже был отозван" in again.text
    assert rows(invoke("open311", "key", "list").text)[0][-1].startswith("отозван")


def test_refusals_are_reported_and_english_on_request(db: Engine) -> None:
    assert invoke("open311", "key", "add", "app").exit_code == 0
    twice = invoke("open311", "key", "add", "app")
    assert twice.exit_code == 1 and "уже есть действующий ключ" in twice.text
    unknown = invoke("--lang", "en", "open311", "key", "revoke", "nobody")
    assert unknown.exit_code == 1 and "client 'nobody' not found" in unknown.text
