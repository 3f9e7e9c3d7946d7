"""Subscriptions: double opt-in (nothing but the confirmation before it is opened), the token
kept as its SHA-256 only, a signed unsubscribe link per subscription, asking again safe."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

import pytest
from sqlalchemy import Engine, select

from tsifra.kernel.problems import ValidationFailed
from tsifra.proactive.subscriptions import (
    confirm,
    subscribe,
    unsubscribe,
    unsubscribe_token,
)
from tsifra.store import OutboxMessage, Subscription, session_scope

NOW = datetime(2026, 4, 1, 8, 0)
TYUMEN = "71701000"


def _outbox(engine: Engine) -> list[tuple[str, str, str]]:
    with session_scope(engine) as session:
        rows = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
        return [(m.recipient, m.subject, m.body) for m in rows]


def _subscription(engine: Engine) -> Subscription:
    with session_scope(engine) as session:
        return session.scalar(select(Subscription))


def test_confirmation_first_and_only_the_digest_kept(store: Engine, monkeypatch) -> None:
    monkeypatch.setenv("TSIFRA_BASE_URL", "https://tsifra.example.org/")
    token = subscribe(store, "RU-TYU", TYUMEN, " Someone@Example.org ", now=NOW)
    sub = _subscription(store)
    assert sub.email == "someone@example.org" and sub.confirmed_at is None
    assert sub.token_sha256 == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(sub.__dict__)
    [(to, subject, body)] = _outbox(store)
    assert to == "someone@example.org" and "Подтвердите" in subject
    assert f"https://tsifra.example.org/notices/confirm/{token}" in body
    assert confirm(store, token).confirmed and _subscription(store).confirmed_at is not None
    assert confirm(store, token).confirmed  # opening the link twice is fine


def test_asking_again_says_nothing_and_mails_at_most_hourly(store: Engine) -> None:
    first = subscribe(store, "RU-TYU", TYUMEN, "a@example.org", now=NOW)
    assert subscribe(store, "RU-TYU", TYUMEN, "a@example.org", now=NOW + timedelta(minutes=5)) == ""
    later = subscribe(store, "RU-TYU", TYUMEN, "a@example.org", now=NOW + timedelta(hours=2))
    assert later and later != first and len(_outbox(store)) == 2
    with pytest.raises(ValidationFailed):
        confirm(store, first)  # the newer link replaced it
    confirm(store, later)
    assert subscribe(store, "RU-TYU", TYUMEN, "a@example.org", now=NOW + timedelta(hours=5)) == ""
    assert len(_outbox(store)) == 2  # a confirmed address is not mailed again


def test_unsubscribe_by_token_or_signed_link(store: Engine) -> None:
    token = subscribe(store, "RU-TYU", TYUMEN, "a@example.org", now=NOW)
    confirm(store, token)
    sub = _subscription(store)
    signed = unsubscribe_token(sub.id, sub.token_sha256)
    assert unsubscribe(store, signed).cancelled
    assert unsubscribe(store, signed).cancelled  # twice: still cancelled, no error
    forged = f"{sub.id}-{'0' * 32}"
    for bad in (forged, f"{sub.id + 1}-{signed.split('-')[1]}", "nonsense", ""):
        with pytest.raises(ValidationFailed) as caught:
            unsubscribe(store, bad)
        assert caught.value.problems[0].code == "pro_sub_bad_token"
    again = subscribe(store, "RU-TYU", TYUMEN, "a@example.org", now=NOW + timedelta(days=1))
    assert again and not _subscription(store).confirmed_at  # a cancelled one starts over
    with pytest.raises(ValidationFailed):
        unsubscribe(store, signed)  # the old subscription's link no longer works
    assert unsubscribe(store, again).cancelled


def test_bad_input_is_located(store: Engine) -> None:
    with pytest.raises(ValidationFailed) as caught:
        subscribe(store, "RU-XX", "123", "not-an-address", now=NOW)
    assert [p.path for p in caught.value.problems] == ["region", "oktmo", "email"]
    assert _outbox(store) == []
