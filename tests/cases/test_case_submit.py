"""Submitting a case: what is checked, what is stored (the contact apart, the token as a digest,
the registration deadline), and idempotency — the same key or the same content returns the first
case, also when two submissions race (SQLite and PostgreSQL)."""

from __future__ import annotations

import hashlib
import threading
from datetime import datetime, timedelta

import pytest
from sqlalchemy import Engine, func, select

from case_builders import MARKED, MONDAY, REGION, TEXT, add_bodies, draft
from tsifra.cases import deadlines
from tsifra.cases.cases import ContactDraft, read_case, submit_case
from tsifra.kernel.problems import ValidationFailed
from tsifra.store import Case, CaseContact, CaseEvent, session_scope


def _count(engine: Engine, table=Case) -> int:
    with session_scope(engine) as session:
        return session.scalar(select(func.count()).select_from(table))


def _problems(excinfo) -> dict[str, str]:
    return {p.path: p.code for p in excinfo.value.problems}


def test_a_case_is_stored_with_its_contact_apart_and_its_token_as_a_digest(store: Engine) -> None:
    done = submit_case(store, draft(), now=MONDAY)
    assert done.created and len(done.tracking_token) >= 30
    with session_scope(store) as session:
        case = session.get(Case, done.case_id)
        assert case.tracking_sha256 == hashlib.sha256(done.tracking_token.encode()).hexdigest()
        assert done.tracking_token not in repr(case.__dict__)
        assert (case.status, case.kind, case.region, case.text) == (
            "submitted",
            "appeal",
            REGION,
            TEXT,
        )
        assert case.register_by == deadlines.register_by("appeal", MONDAY)
        assert case.due_at is None  # an appeal's term starts at registration
        assert session.get(CaseContact, done.case_id).surname == MARKED.surname
        event = session.scalar(select(CaseEvent).where(CaseEvent.case_id == done.case_id))
        assert (event.action, event.status, event.actor, event.public) == (
            "submitted",
            "submitted",
            "citizen",
            True,
        )
    view = read_case(store, done.case_id)
    assert view.text == TEXT and view.public_text is None  # no consent to publish
    assert not any(value in repr(view) for value in (MARKED.surname, MARKED.email, MARKED.phone))


def test_an_incident_has_its_deadline_from_when_it_was_found(store: Engine) -> None:
    found = MONDAY - timedelta(hours=5)
    incident = draft(
        kind="incident",
        contact=None,
        channel="social",
        source_network="vk",
        source_url="https://vk.com/wall-1_2",
        source_author="@kazan_driver",
        found_at=found,
    )
    view = read_case(store, submit_case(store, incident, now=MONDAY).case_id)
    assert view.due_at == deadlines.answer_due("incident", view.category, found)
    assert view.due_at == found + timedelta(hours=24)


def test_every_problem_of_a_draft_is_named_at_once(store: Engine) -> None:
    bad = draft(
        kind="appeal",
        category="roads",  # a group, not a topic
        text="x" * 4001,
        latitude=95.0,
        longitude=None,
        oktmo="12ab",
        channel="pigeon",
        contact=ContactDraft(surname="Иванов", email="no-at-sign"),
    )
    with pytest.raises(ValidationFailed) as refused:
        submit_case(store, bad, now=MONDAY)
    found = _problems(refused)
    assert found == {
        "category": "case_term_category_not_leaf",
        "text": "case_text_too_long",
        "longitude": "case_point_half",
        "oktmo": "case_oktmo",
        "channel": "case_channel",
        "contact.email": "case_bad_email",
    }
    too_long = next(p for p in refused.value.problems if p.path == "text")
    assert "4\xa0001" in too_long.message("ru") and "4,001" in too_long.message("en")
    assert _count(store) == 0


@pytest.mark.parametrize(
    ("changes", "path", "code"),
    [
        ({"latitude": 91.0, "longitude": 10.0}, "latitude", "case_point_range"),
        ({"latitude": 10.0, "longitude": float("nan")}, "longitude", "case_point_range"),
        ({"text": " \x00\x07 "}, "text", "case_text_empty"),
        ({"kind": "approval"}, "kind", "case_kind"),
        ({"category": "roads.no.such"}, "category", "case_term_category_unknown"),
        ({"kind": "incident", "source_url": None}, "source_url", "case_incident_source"),
    ],
)
def test_a_bad_field_is_refused_where_it_is(store: Engine, changes, path, code) -> None:
    with pytest.raises(ValidationFailed) as refused:
        submit_case(store, draft(**changes), now=MONDAY)
    assert _problems(refused)[path] == code


def test_an_unknown_region_is_refused(store: Engine) -> None:
    with pytest.raises(ValidationFailed) as refused:
        submit_case(store, draft(region="RU-XX"), now=MONDAY)
    assert _problems(refused) == {"region": "case_region_unknown"}


def test_control_characters_are_stripped_and_4000_characters_pass(store: Engine) -> None:
    text = "Яма\x00 во\u202e дворе\r\nдома 5\x1b" + "." * 3980
    view = read_case(store, submit_case(store, draft(text=text), now=MONDAY).case_id)
    assert view.text.startswith("Яма во дворе\nдома 5.")
    exactly = "я" * 4000
    assert read_case(store, submit_case(store, draft(text=exactly)).case_id).text == exactly


def test_the_same_key_gives_the_same_case_once(store: Engine) -> None:
    first = submit_case(store, draft(), client_id=None, idempotency_key="k-1", now=MONDAY)
    again = submit_case(store, draft(), idempotency_key="k-1", now=MONDAY + timedelta(hours=3))
    assert (again.case_id, again.created, again.tracking_token) == (first.case_id, False, None)
    other = submit_case(store, draft(), idempotency_key="k-2", now=MONDAY + timedelta(hours=3))
    assert other.created and other.case_id != first.case_id
    assert _count(store) == 2


def test_keys_of_two_clients_do_not_meet(store: Engine) -> None:
    from tsifra.store import Open311Client

    with session_scope(store) as session:
        for name in ("app-a", "app-b"):
            session.add(Open311Client(name=name, key_sha256=name * 8, created_at=MONDAY))
        session.flush()
        a, b = session.scalars(select(Open311Client.id).order_by(Open311Client.id)).all()
    one = submit_case(store, draft(channel="open311"), client_id=a, idempotency_key="1")
    two = submit_case(store, draft(channel="open311"), client_id=b, idempotency_key="1")
    assert one.created and two.created and one.case_id != two.case_id


def test_the_same_content_within_ten_minutes_is_the_same_case(store: Engine) -> None:
    first = submit_case(store, draft(), now=MONDAY)
    retry = submit_case(store, draft(), now=MONDAY + timedelta(minutes=9, seconds=59))
    assert (retry.case_id, retry.created) == (first.case_id, False)
    later = submit_case(store, draft(), now=MONDAY + timedelta(minutes=10, seconds=1))
    assert later.created and later.case_id != first.case_id
    someone_else = submit_case(
        store, draft(contact=ContactDraft(surname="Другой", email="b@example.org")), now=MONDAY
    )
    assert someone_else.created


def test_racing_duplicates_make_one_case(store: Engine) -> None:
    """Two threads submit the same key (and, apart, the same content without a key) at once:
    the unique index decides, and both get the one case."""
    add_bodies(store)
    at = datetime(2026, 6, 1, 7, 0, 30)  # well inside a ten-minute slot
    for key in ("race-1", None):
        results: list = []
        barrier = threading.Barrier(2)

        def submit(key=key, barrier=barrier, results=results) -> None:
            barrier.wait()
            results.append(
                submit_case(store, draft(text=f"{TEXT} {key}"), idempotency_key=key, now=at)
            )

        threads = [threading.Thread(target=submit) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len({r.case_id for r in results}) == 1
        assert sorted(r.created for r in results) == [False, True]
    assert _count(store) == 2


def test_concurrent_submissions_all_land(store: Engine) -> None:
    """Eight threads file twelve cases each at once, every second one twice (a client's retry):
    no submission fails for a busy database, and the cases stored are exactly those
    acknowledged as created."""
    acknowledged: list = []
    failures: list = []

    def client(n: int) -> None:
        try:
            for i in range(12):
                one = draft(text=f"Яма {n}-{i}")
                acknowledged.append(submit_case(store, one, idempotency_key=f"c{n}-{i}"))
                if i % 2:
                    acknowledged.append(submit_case(store, one, idempotency_key=f"c{n}-{i}"))
        except Exception as error:
            failures.append(error)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    created = {a.case_id for a in acknowledged if a.created}
    assert len(created) == 8 * 12 == len({a.case_id for a in acknowledged})
    with session_scope(store) as session:
        assert set(session.scalars(select(Case.id))) == created
