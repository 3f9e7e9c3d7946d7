"""Pseudonymisation: a case closed long enough ago keeps its figures and loses its applicant;
a second run changes nothing; open cases are never touched."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import Engine, select

from builders import invoke
from protection_rows import MARKS, PRIVATE_TEXT, add_bodies, add_case
from tsifra.cases.privacy import DEFAULT_DAYS, configured_days, pseudonymise_closed
from tsifra.store import AuditEntry, Case, CaseContact, CaseEvent, session_scope, utcnow

NOW = datetime(2027, 6, 1, 12, 0)
LONG_AGO = NOW - timedelta(days=400)
PUBLIC = "Во дворе яма уже месяц"
FIGURES = (
    "kind",
    "category",
    "region",
    "oktmo",
    "status",
    "body",
    "submitted_at",
    "registered_at",
    "due_at",
    "answered_at",
    "closed_at",
    "rating",
)


def _snapshot(engine: Engine) -> dict[int, dict]:
    """Every column of every case, its contact and its events: what a run may change."""
    with session_scope(engine) as session:
        state = {}
        for case in session.scalars(select(Case)):
            contact = session.get(CaseContact, case.id)
            events = session.scalars(
                select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id)
            )
            state[case.id] = {
                **{c.name: getattr(case, c.name) for c in Case.__table__.columns},
                "contact": [getattr(contact, f) for f in MARKS],
                "events": [(e.action, e.actor, e.reason) for e in events],
            }
        return state


@pytest.fixture
def closed(store: Engine) -> dict[str, int]:
    """Cases of each kind the rule tells apart."""
    add_bodies(store)
    return {
        "old_closed": add_case(store, status="closed", at=LONG_AGO, closed_at=LONG_AGO),
        "old_published": add_case(
            store, status="closed", at=LONG_AGO, closed_at=LONG_AGO, publish_text=True, text=PUBLIC
        ),
        "old_rejected": add_case(store, status="rejected", at=LONG_AGO),
        "old_open": add_case(store, status="in_progress", at=NOW - timedelta(days=1000)),
        "old_answered": add_case(store, status="answered", at=LONG_AGO, closed_at=LONG_AGO),
        "recent_closed": add_case(
            store, status="closed", at=NOW - timedelta(days=20), closed_at=NOW - timedelta(days=10)
        ),
    }


def test_a_closed_case_keeps_its_figures_and_loses_its_applicant(
    store: Engine, closed: dict[str, int]
) -> None:
    before = _snapshot(store)
    assert pseudonymise_closed(store, days=365, now=NOW) == 3
    after = _snapshot(store)
    for name in ("old_closed", "old_published", "old_rejected"):
        was, now = before[closed[name]], after[closed[name]]
        assert {f: now[f] for f in FIGURES} == {f: was[f] for f in FIGURES}, name
        assert now["contact"] == [None] * len(MARKS)
        assert now["tracking_sha256"] != was["tracking_sha256"]
        assert len(now["tracking_sha256"]) == 64
        assert now["public_name"] is None
        assert now["pseudonymised_at"] == NOW
        assert now["events"][0] == ("submitted", "citizen", None)  # the citizen's words go
        assert now["events"][-1] == ("pseudonymised", "system", None)
        flat = repr(now)
        assert not any(mark in flat for mark in MARKS.values()), name
    assert after[closed["old_closed"]]["text"] == ""
    assert after[closed["old_rejected"]]["text"] == ""
    assert PRIVATE_TEXT not in repr(after[closed["old_closed"]])
    assert after[closed["old_published"]]["text"] == PUBLIC  # published: it stays
    for name in ("old_open", "old_answered", "recent_closed"):
        assert after[closed[name]] == before[closed[name]], name
    with session_scope(store) as session:
        [entry] = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "cases_pseudonymised")
        ).all()
    assert entry.details == {"cases": 3, "days": 365}


def test_a_second_run_changes_nothing(store: Engine, closed: dict[str, int]) -> None:
    assert pseudonymise_closed(store, days=365, now=NOW) == 3
    once = _snapshot(store)
    assert pseudonymise_closed(store, days=365, now=NOW + timedelta(days=1)) == 0
    assert _snapshot(store) == once


def test_the_time_is_configurable(
    store: Engine, closed: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert configured_days() == DEFAULT_DAYS
    monkeypatch.setenv("TSIFRA_PSEUDONYMISE_DAYS", "5")
    assert configured_days() == 5
    assert pseudonymise_closed(store, now=NOW) == 4  # the one closed ten days ago too
    monkeypatch.setenv("TSIFRA_PSEUDONYMISE_DAYS", "soon")
    assert configured_days() == DEFAULT_DAYS


@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_command_pseudonymises_with_its_days(
    store: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The command runs as of today: cases closed 400 and 10 days before it.
    add_bodies(store)
    today = utcnow()
    for days in (400, 10):
        closed_at = today - timedelta(days=days)
        add_case(store, status="closed", at=closed_at, closed_at=closed_at)
    monkeypatch.setenv("TSIFRA_DATABASE_URL", store.url.render_as_string(hide_password=False))
    result = invoke("cases", "pseudonymise", "--days", "365")
    assert result.exit_code == 0, result.text
    assert "обезличено обращений, закрытых более 365 дн. назад: 1" in result.text
    monkeypatch.setenv("TSIFRA_PSEUDONYMISE_DAYS", "5")
    result = invoke("cases", "pseudonymise")
    assert result.exit_code == 0, result.text
    assert "более 5 дн. назад: 1" in result.text  # the recent one; the first stays done
    assert invoke("cases", "pseudonymise", "--days", "-1").exit_code != 0
