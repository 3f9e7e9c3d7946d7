"""The fast paths of a submission keep what the slow ones did: the case, its contact and its
event are stored together or not at all (on PostgreSQL one statement with data-modifying CTEs),
a submission costs a fixed, small number of statements, a region is refused until it exists
and found once it does, and routing still works for a category line of any depth."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, delete, event, func, insert, select

from case_builders import MARKED, MONDAY, REGION, add_bodies, draft
from tsifra.cases.cases import submit_case
from tsifra.cases.routing import route
from tsifra.kernel.problems import ValidationFailed
from tsifra.store import Case, CaseContact, CaseEvent, RoutingRule, Unit, session_scope


def _counts(engine: Engine) -> tuple[int, int, int]:
    with session_scope(engine) as session:
        return tuple(
            session.scalar(select(func.count()).select_from(table))
            for table in (Case, CaseContact, CaseEvent)
        )


def test_a_case_is_stored_with_its_contact_and_event_or_without_a_contact(store: Engine) -> None:
    add_bodies(store)
    with_contact = submit_case(store, draft(), now=MONDAY)
    anonymous = submit_case(store, draft(text="Яма без контакта", contact=None), now=MONDAY)
    assert _counts(store) == (2, 1, 2)
    with session_scope(store) as session:
        assert session.get(CaseContact, with_contact.case_id).postal_address == (
            MARKED.postal_address
        )
        assert session.get(CaseContact, anonymous.case_id) is None
        events = session.scalars(select(CaseEvent).order_by(CaseEvent.case_id)).all()
        assert [(e.case_id, e.action, e.body, e.details) for e in events] == [
            (with_contact.case_id, "submitted", "ta-roads", {"channel": "web"}),
            (anonymous.case_id, "submitted", "ta-roads", {"channel": "web"}),
        ]
        assert session.get(Case, anonymous.case_id).body == "ta-roads"


def test_a_failing_part_leaves_nothing(store: Engine, backend: str) -> None:
    """An actor longer than its column fails the event's insert on PostgreSQL (SQLite keeps any
    length): the case and its contact, written in the same statement, are not kept either."""
    if backend != "postgresql":
        pytest.skip("SQLite does not enforce a string's length")
    add_bodies(store)
    with pytest.raises(Exception, match="too long"):
        submit_case(store, draft(), actor="x" * 65, now=MONDAY)
    assert _counts(store) == (0, 0, 0)
    assert submit_case(store, draft(), now=MONDAY).created  # nothing blocks the next one


def test_a_submission_costs_a_few_statements(store: Engine, backend: str) -> None:
    """After the first submission (which also checks the region): one read for a retry, one for
    the routing rules, and the write — one statement on PostgreSQL, three inserts on SQLite."""
    add_bodies(store)
    submit_case(store, draft(text="Первая яма"), now=MONDAY)
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_rest) -> None:
        statements.append(statement)

    event.listen(store, "before_cursor_execute", seen)
    try:
        submit_case(store, draft(text="Вторая яма"), now=MONDAY)
    finally:
        event.remove(store, "before_cursor_execute", seen)
    assert len(statements) == (3 if backend == "postgresql" else 5)
    assert _counts(store) == (2, 2, 2)


def test_a_region_is_refused_until_it_exists(store: Engine) -> None:
    add_bodies(store)
    new = draft(region="RU-XX")
    with pytest.raises(ValidationFailed) as refused:
        submit_case(store, new, now=MONDAY)
    assert [p.code for p in refused.value.problems] == ["case_region_unknown"]
    with session_scope(store) as session:
        session.execute(insert(Unit).values(code="RU-XX", kind="region", name_ru="Тестовый край"))
    assert submit_case(store, new, now=MONDAY).created  # an unknown region is not remembered


def test_routing_takes_a_line_of_any_depth(store: Engine) -> None:
    add_bodies(store)
    with session_scope(store) as session:
        session.execute(delete(RoutingRule))
        session.add(RoutingRule(region=REGION, category="roads.pits", body="ta-housing"))
    with session_scope(store) as session:
        assert route(session, REGION, "roads", None, "") is None
        assert route(session, REGION, "roads.pits", None, "") == "ta-housing"
        assert route(session, REGION, "roads.pits.yard", None, "") == "ta-housing"
        assert route(session, REGION, "roads.pits.yard.deeper", None, "") == "ta-housing"
        assert route(session.connection(), REGION, "roads.pits", None, "") == "ta-housing"
