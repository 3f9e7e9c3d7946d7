"""Open311 client keys: issued once and kept as a digest, verified, revoked, re-issued; the last
use kept to the minute (SQLite and PostgreSQL)."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

import pytest
from sqlalchemy import Engine, select

from tsifra.cases.clients import add_client, client_for_key, list_clients, revoke_client
from tsifra.kernel.problems import ValidationFailed
from tsifra.store import AuditEntry, Open311Client, session_scope

NOW = datetime(2026, 3, 2, 9, 0)


def _stored(engine: Engine) -> list[Open311Client]:
    with session_scope(engine) as session:
        rows = session.scalars(select(Open311Client).order_by(Open311Client.id)).all()
        session.expunge_all()
        return list(rows)


def test_a_key_is_shown_once_and_only_its_digest_is_kept(store: Engine) -> None:
    key = add_client(store, " Город-311 ", actor="admin", now=NOW)
    assert len(key) >= 40
    (row,) = _stored(store)
    assert row.name == "Город-311" and row.created_by == "admin" and row.created_at == NOW
    assert row.key_sha256 == hashlib.sha256(key.encode()).hexdigest()
    assert key not in (row.key_sha256, row.name)
    with session_scope(store) as session:
        audit = session.scalars(select(AuditEntry).where(AuditEntry.action.like("open311.%")))
        entries = [(e.actor, e.action, e.target, str(e.details)) for e in audit]
    assert entries == [("admin", "open311.key_add", "Город-311", "None")]
    assert all(key not in str(entry) for entry in entries)


def test_verifying_a_key_names_the_client_and_keeps_the_last_use_to_the_minute(
    store: Engine,
) -> None:
    key = add_client(store, "app", now=NOW)
    client = client_for_key(store, key, now=NOW)
    assert client is not None and client.name == "app" and client.actor == "client:app"
    assert client.last_used_at == NOW
    client_for_key(store, key, now=NOW + timedelta(seconds=30))
    assert _stored(store)[0].last_used_at == NOW  # within the minute: no write
    client_for_key(store, key, now=NOW + timedelta(minutes=2))
    assert _stored(store)[0].last_used_at == NOW + timedelta(minutes=2)
    assert client_for_key(store, key + "x", now=NOW) is None
    assert client_for_key(store, "", now=NOW) is None


def test_a_revoked_key_is_refused_and_a_new_one_keeps_the_client(store: Engine) -> None:
    old = add_client(store, "app", now=NOW)
    first_id = _stored(store)[0].id
    assert revoke_client(store, "app", actor="admin", now=NOW) is True
    assert revoke_client(store, "app", now=NOW) is False  # already revoked
    assert client_for_key(store, old) is None
    new = add_client(store, "app", actor="admin", now=NOW)
    assert new != old
    assert client_for_key(store, old) is None
    renewed = client_for_key(store, new)
    assert renewed is not None and renewed.id == first_id
    (listed,) = list_clients(store)
    assert listed.revoked_at is None and listed.name == "app"


def test_refusals_name_the_client(store: Engine) -> None:
    add_client(store, "app")
    with pytest.raises(ValidationFailed) as live:
        add_client(store, "app")
    assert [p.code for p in live.value.problems] == ["open311_client_exists"]
    assert "отзовите" in str(live.value)
    with pytest.raises(ValidationFailed) as unknown:
        revoke_client(store, "nobody")
    assert [(p.code, p.value) for p in unknown.value.problems] == [
        ("open311_unknown_client", "nobody")
    ]
    for bad in ("", "   ", "x" * 129, "tab\there"):
        with pytest.raises(ValidationFailed) as named:
            add_client(store, bad)
        assert named.value.problems[0].code == "open311_bad_client_name"
    assert [c.name for c in list_clients(store)] == ["app"]
