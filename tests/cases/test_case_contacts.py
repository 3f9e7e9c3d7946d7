"""The applicant's contact: stored apart, never in a case's view, read only by the body that
holds the case (each read an event bodies see and an audit entry), refused and recorded for
anyone else; an operator's body is set only to a body of its region."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select, update

from case_builders import BODY, MARKED, MARKED_VALUES, OTHER_BODY, case_in, people
from tsifra.accounts.users import create_user, set_user_body
from tsifra.cases.cases import case_by_token, read_case, read_contact
from tsifra.kernel.problems import Forbidden, ValidationFailed
from tsifra.store import AuditEntry, Body, CaseEvent, User, session_scope


@pytest.fixture
def world(store: Engine) -> dict:
    return people(store)


def test_no_view_of_a_case_holds_the_contact(store: Engine, world: dict) -> None:
    case_id, token = case_in(store, "answered", world["body"], publish_text=True)
    for view in (
        read_case(store, case_id),
        read_case(store, case_id, world["triage"]),
        read_case(store, case_id).public(),
        case_by_token(store, token),
    ):
        shown = repr(view)
        assert not [value for value in MARKED_VALUES if value in shown]


def test_the_bodys_operator_reads_it_and_the_read_is_recorded(store: Engine, world: dict) -> None:
    case_id, token = case_in(store, "in_progress", world["body"])
    contact = read_contact(store, world["body"], case_id)
    assert (contact.surname, contact.email, contact.phone, contact.postal_address) == (
        MARKED.surname,
        MARKED.email,
        MARKED.phone,
        MARKED.postal_address,
    )
    assert read_contact(store, world["body2"], case_id).surname == MARKED.surname
    with session_scope(store) as session:
        reads = session.scalars(
            select(CaseEvent).where(CaseEvent.action == "contact_read").order_by(CaseEvent.id)
        ).all()
        assert [(e.actor, e.public, e.case_id) for e in reads] == [
            ("roads-op", False, case_id),
            ("roads-op2", False, case_id),
        ]
        audited = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "case.contact_read")
        ).all()
        assert [(a.actor, a.target) for a in audited] == [
            ("roads-op", f"case {case_id}"),
            ("roads-op2", f"case {case_id}"),
        ]
        assert not [a for a in audited if any(v in repr(a.details) for v in MARKED_VALUES)]
    # the reads are the bodies' business: not in what the citizen or the public sees
    assert "contact_read" not in [e.action for e in case_by_token(store, token).events]
    assert "contact_read" not in [e.action for e in read_case(store, case_id).public().events]
    assert "contact_read" in [e.action for e in read_case(store, case_id).events]


@pytest.mark.parametrize("who", ["other", "far", "triage", "admin", "analyst", "viewer"])
def test_anyone_else_is_refused_and_the_refusal_recorded(
    store: Engine, world: dict, who: str
) -> None:
    case_id, _ = case_in(store, "in_progress", world["body"])
    account = world[who]
    with pytest.raises(Forbidden):
        read_contact(store, account, case_id)
    with session_scope(store) as session:
        refusal = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "refused.case.contact_read")
        ).one()
        assert (refusal.actor, refusal.target) == (account.login, f"case {case_id}")
        assert session.scalar(select(CaseEvent).where(CaseEvent.action == "contact_read")) is None


def test_an_anonymous_reader_is_refused(store: Engine, world: dict) -> None:
    case_id, _ = case_in(store, "registered", world["body"])
    with pytest.raises(Forbidden):
        read_contact(store, None, case_id)
    with session_scope(store) as session:
        assert session.scalar(
            select(AuditEntry.target).where(AuditEntry.action == "refused.case.contact_read")
        ) == (f"case {case_id}")


def test_after_forwarding_only_the_new_body_reads_it(store: Engine, world: dict) -> None:
    from tsifra.cases.cases import forward_case

    case_id, _ = case_in(store, "in_progress", world["body"])
    forward_case(store, world["body"], case_id, OTHER_BODY, "ЖКХ")
    with pytest.raises(Forbidden):
        read_contact(store, world["body"], case_id)
    assert read_contact(store, world["other"], case_id).email == MARKED.email


def test_an_operators_body_must_be_of_its_region(store: Engine, world: dict) -> None:
    create_user(store, "ta-op", "long-enough-pass", "operator", region="RU-TA")
    assert set_user_body(store, "ta-op", BODY).body == BODY
    assert set_user_body(store, "ta-op", None).body is None
    cases = {
        ("ta-op", "mow-roads"): "case_body_region",
        ("ta-op", "no-such"): "case_body_unknown",
        ("fed", BODY): "case_body_operator_only",
    }
    for (login, body), code in cases.items():
        with pytest.raises(ValidationFailed) as refused:
            set_user_body(store, login, body)
        assert refused.value.problems[0].code == code
    with pytest.raises(ValidationFailed) as refused:
        create_user(store, "x-op", "long-enough-pass", "operator", region="RU-TA", body="nope")
    assert [p.code for p in refused.value.problems] == ["case_body_unknown"]
    made = create_user(store, "y-op", "long-enough-pass", "operator", region="RU-TA", body=BODY)
    assert made.body == BODY
    with store.begin() as connection:  # a body its region's file no longer lists
        connection.execute(update(Body).where(Body.code == OTHER_BODY).values(active=False))
    with pytest.raises(ValidationFailed) as refused:
        set_user_body(store, "ta-op", OTHER_BODY)
    assert refused.value.problems[0].code == "case_body_unknown"


def test_users_add_takes_a_body(store: Engine, world: dict, monkeypatch) -> None:
    from builders import database_url_of, invoke

    monkeypatch.setenv("TSIFRA_DATABASE_URL", database_url_of(store))
    done = invoke(
        "users",
        "add",
        "cli-op",
        "--role",
        "operator",
        "--region",
        "RU-TA",
        "--body",
        BODY,
        "--password-stdin",
        input="long-enough-pass\n",
    )
    assert done.exit_code == 0, done.output
    with session_scope(store) as session:
        assert session.scalar(select(User.body).where(User.login == "cli-op")) == BODY
    wrong = invoke(
        "users",
        "add",
        "cli-op2",
        "--role",
        "operator",
        "--region",
        "RU-TA",
        "--body",
        "mow-roads",
        "--password-stdin",
        input="long-enough-pass\n",
    )
    assert wrong.exit_code != 0 and "mow-roads" in wrong.output
