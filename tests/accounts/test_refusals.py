"""Anonymous refusals cannot flood the append-only audit log: a few per minute and action are
written, the rest counted into one row; an account's refusals are all written. Both backends."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from sqlalchemy import Engine, text

from tsifra.accounts import refusals
from tsifra.accounts.refusals import WRITTEN_PER_MINUTE, flush_anonymous_refusals
from tsifra.accounts.users import Account, record_refusal

VIEWER = Account(3, "look", "Смотрит", "viewer", None)


def _rows(engine: Engine) -> list[tuple]:
    """Actor, action, target and details (JSON: text on SQLite, read back as a dict)."""
    query = "SELECT actor, action, target, details FROM audit_log ORDER BY id"
    with engine.connect() as connection:
        rows = connection.execute(text(query)).all()
    return [(a, b, c, json.loads(d) if isinstance(d, str) else d) for a, b, c, d in rows]


@pytest.fixture
def minute(monkeypatch: pytest.MonkeyPatch) -> list[datetime]:
    """The clock the counter reads: a test moves it by changing the one item."""
    now = [datetime(2026, 11, 29, 12, 0, 5)]
    monkeypatch.setattr(refusals, "clock", lambda: now[0])
    return now


def test_two_hundred_anonymous_refusals_make_a_handful_of_rows(store: Engine, minute) -> None:
    for i in range(200):
        record_refusal(store, None, "values.ingest", f"/api/v1/values#{i}")
    written = _rows(store)
    assert len(written) == WRITTEN_PER_MINUTE
    assert [r[2] for r in written] == [f"/api/v1/values#{i}" for i in range(WRITTEN_PER_MINUTE)]
    assert {(r[0], r[1]) for r in written} == {(None, "refused.values.ingest")}

    minute[0] += timedelta(minutes=1)  # the next minute's first refusal writes the count
    record_refusal(store, None, "values.ingest", "/api/v1/values")
    *_, summary, first_of_next = _rows(store)
    assert summary[1:3] == ("refused.values.ingest", "repeated")
    assert summary[3] == {
        "role": None,
        "repeated": 200 - WRITTEN_PER_MINUTE,
        "since": "2026-11-29T12:00:00",
    }
    assert first_of_next[2] == "/api/v1/values"
    assert len(_rows(store)) == WRITTEN_PER_MINUTE + 2


def test_each_action_has_its_own_allowance_and_the_count_is_written_at_shutdown(
    store: Engine, minute
) -> None:
    for _ in range(WRITTEN_PER_MINUTE + 3):
        record_refusal(store, None, "task.create", "RU-TA")
    record_refusal(store, None, "task.read", "all")
    assert len(_rows(store)) == WRITTEN_PER_MINUTE + 1
    flush_anonymous_refusals(store)
    last = _rows(store)[-1]
    assert last[1:3] == ("refused.task.create", "repeated") and last[3]["repeated"] == 3
    flush_anonymous_refusals(store)  # nothing counted since: nothing written
    assert len(_rows(store)) == WRITTEN_PER_MINUTE + 2


def test_an_accounts_refusals_are_all_written(store: Engine, minute) -> None:
    for _ in range(WRITTEN_PER_MINUTE + 5):
        record_refusal(store, VIEWER, "values.ingest", "d.csv")
    assert len(_rows(store)) == WRITTEN_PER_MINUTE + 5
    assert {r[0] for r in _rows(store)} == {"look"}
