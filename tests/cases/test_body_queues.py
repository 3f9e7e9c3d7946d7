"""Work queues: a body's open cases with what is due first (overdue at the top) and the time
left; the triage queue of unrouted cases; only the body's operators and admins read a body's
queue; no applicant's contact in it."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from case_rows import body_operator
from case_rows import make_case as case_row
from tsifra.accounts import create_user
from tsifra.accounts.users import Account
from tsifra.cases.bodies import load_bodies
from tsifra.cases.queues import TEXT_GLANCE, body_queue, triage_queue
from tsifra.kernel.problems import Forbidden, ValidationFailed
from tsifra.store import session_scope
from tsifra.store.models import AuditEntry, CaseContact

NOW = datetime(2026, 3, 10, 9, 0)
PASSWORD = "long-enough-pass"


def make_case(session, **fields) -> int:
    return case_row(session, NOW, **fields)


def operator(engine: Engine, login: str, region: str, body: str | None) -> Account:
    return body_operator(engine, login, region, body, PASSWORD)


@pytest.fixture
def world(store: Engine, tmp_path: Path) -> dict:
    bodies = tmp_path / "bodies.csv"
    bodies.write_text(
        "code,region,name_ru,kind\nroads,RU-TA,Минтранс,regional\nhealth,RU-TA,Минздрав,regional\n",
        encoding="utf-8",
    )
    load_bodies(store, bodies)
    ids = {}
    with session_scope(store) as session:
        ids["late"] = make_case(session, body="roads", due_at=NOW - timedelta(hours=5))
        ids["soon"] = make_case(session, body="roads", due_at=NOW + timedelta(days=1))
        ids["later"] = make_case(session, body="roads", due_at=NOW + timedelta(days=20))
        ids["unregistered"] = make_case(
            session,
            body="roads",
            status="submitted",
            register_by=NOW + timedelta(hours=30),
            text="Ямы " * 200,
        )
        ids["incident"] = make_case(
            session,
            body="roads",
            kind="incident",
            channel="social",
            status="submitted",
            register_by=NOW - timedelta(hours=3),
            due_at=NOW + timedelta(hours=2),
        )
        ids["answered"] = make_case(
            session, body="roads", status="answered", due_at=NOW - timedelta(days=9)
        )
        ids["other_body"] = make_case(session, body="health", due_at=NOW - timedelta(days=9))
        ids["triage"] = make_case(session, status="submitted", register_by=NOW + timedelta(days=2))
        ids["triage_closed"] = make_case(session, status="rejected")
        ids["other_region"] = make_case(session, region="RU-KLU", status="submitted")
        session.add(
            CaseContact(case_id=ids["late"], surname="Маркерова-PII-7", email="pii7@example.org")
        )
    return {
        "ids": ids,
        "roads_op": operator(store, "roads-op", "RU-TA", "roads"),
        "health_op": operator(store, "health-op", "RU-TA", "health"),
        "triage_op": operator(store, "triage-op", "RU-TA", None),
        "kaluga_op": operator(store, "kaluga-op", "RU-KLU", None),
        "admin": create_user(store, "root", PASSWORD, "admin"),
    }


def test_overdue_first_then_by_time_left(store: Engine, world: dict) -> None:
    ids = world["ids"]
    queue = body_queue(store, world["roads_op"], now=NOW)
    order = [ids[k] for k in ("late", "incident", "soon", "unregistered", "later")]
    assert [item.id for item in queue.items] == order
    assert (queue.total, queue.overdue) == (5, 1)
    assert queue.body.code == "roads" and queue.body.name("ru") == "Минтранс"
    first, incident, _, unregistered, _ = queue.items
    assert first.overdue and first.left == timedelta(hours=-5)
    assert (incident.step, incident.left) == ("answer", timedelta(hours=2))
    assert (unregistered.step, unregistered.left) == ("register", timedelta(hours=30))


def test_paging_keeps_the_counts(store: Engine, world: dict) -> None:
    page = body_queue(store, world["roads_op"], now=NOW, limit=2, offset=2)
    assert [i.id for i in page.items] == [world["ids"]["soon"], world["ids"]["unregistered"]]
    assert (page.total, page.overdue) == (5, 1)


def test_text_is_only_a_glance_and_no_contact(store: Engine, world: dict) -> None:
    queue = body_queue(store, world["roads_op"], now=NOW)
    long = next(i for i in queue.items if i.id == world["ids"]["unregistered"])
    assert len(long.text) == TEXT_GLANCE and long.text.endswith("…")
    assert "Маркерова-PII-7" not in repr(queue) and "pii7" not in repr(queue)


def test_only_the_bodys_operators_and_admins_read_it(store: Engine, world: dict) -> None:
    assert body_queue(store, world["admin"], "roads", now=NOW).total == 5
    assert body_queue(store, world["health_op"], now=NOW).total == 1
    for who in ("health_op", "triage_op", "kaluga_op"):
        with pytest.raises(Forbidden):
            body_queue(store, world[who], "roads", now=NOW)
    with pytest.raises(Forbidden):
        body_queue(store, world["triage_op"], now=NOW)  # no body of its own
    with pytest.raises(ValidationFailed):
        body_queue(store, world["admin"], "nobody", now=NOW)
    with session_scope(store) as session:
        refused = session.scalars(
            select(AuditEntry.actor).where(AuditEntry.action == "refused.queue.read")
        ).all()
    assert sorted(refused) == ["health-op", "kaluga-op", "triage-op", "triage-op"]


def test_triage_holds_the_regions_unrouted_open_cases(store: Engine, world: dict) -> None:
    queue = triage_queue(store, world["triage_op"], "RU-TA", now=NOW)
    assert [i.id for i in queue.items] == [world["ids"]["triage"]]
    assert queue.body is None and queue.region == "RU-TA"
    assert triage_queue(store, world["admin"], "RU-TA", now=NOW).total == 1
    for who in ("roads_op", "kaluga_op"):
        with pytest.raises(Forbidden):
            triage_queue(store, world[who], "RU-TA", now=NOW)
