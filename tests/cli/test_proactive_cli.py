"""`tsifra proactive run|check|subscribe` on the database the commands are configured with."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from builders import invoke
from tsifra.store import OutboxMessage, ProactiveNotice, Subscription, session_scope

RULE = Path(__file__).resolve().parents[2] / "examples" / "proactive" / "flood-warning.yaml"


@pytest.fixture
def db(store: Engine, monkeypatch: pytest.MonkeyPatch) -> Engine:
    monkeypatch.setenv("TSIFRA_DATABASE_URL", store.url.render_as_string(hide_password=False))
    return store


def test_run_issues_once_and_check_locates_problems(db: Engine, tmp_path: Path) -> None:
    first = invoke("proactive", "run", str(RULE), "--now", "2026-06-01T09:00")
    assert first.exit_code == 0, first.text
    assert "flood-warning-tyu" in first.text and "выпущено: 9" in first.text
    second = invoke("proactive", "run", str(RULE))
    assert second.exit_code == 0 and "выпущено: 0" in second.text
    with session_scope(db) as session:
        assert session.scalar(select(func.count(ProactiveNotice.id))) == 9
    assert invoke("proactive", "check", str(RULE)).exit_code == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text(RULE.read_text("utf-8").replace("warning: 650", "warning: high"), "utf-8")
    r = invoke("proactive", "check", str(bad))
    assert r.exit_code == 1 and "params.gauges[0].levels.warning" in r.text


def test_subscribe_mails_a_confirmation_only(db: Engine) -> None:
    r = invoke("proactive", "subscribe", "RU-TYU", "71701000", "a@example.org")
    assert r.exit_code == 0, r.text
    with session_scope(db) as session:
        sub = session.scalar(select(Subscription))
        assert sub.confirmed_at is None and len(sub.token_sha256) == 64
        assert session.scalar(select(OutboxMessage.recipient)) == "a@example.org"
    assert invoke("proactive", "subscribe", "RU-TYU", "7170", "a@example.org").exit_code == 1
