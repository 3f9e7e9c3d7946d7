"""Compensation without an application: one case per confirmed damaged household, never twice
(a re-run, the register loaded again), each saying which rule and record opened it, its contact
for the paying body only; the body approves and pays, nobody else may."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from compensation_rows import (
    HOUSEHOLDS,
    ISHIM_PAYER,
    MONDAY,
    OTHER_BODY,
    PAYER,
    add_bodies,
    operator,
    rule,
    start_run,
    write_register,
)
from tsifra.accounts.users import create_user
from tsifra.cases.cases import read_contact
from tsifra.kernel.problems import Forbidden, ValidationFailed
from tsifra.proactive import compensation
from tsifra.proactive.compensation import approve_compensation, pay_compensation
from tsifra.store import AuditEntry, Case, CaseEvent, OutboxMessage, session_scope

DUE = "80\u00a0000\u00a0₽"  # 50 000 + 3 residents × 10 000, as the person reads it
PII = ("Маркерова-PII-1", "Приречная-PII-1", "pii-1@example.org", "+7 900 111-11-11")


@pytest.fixture
def world(store: Engine) -> dict:
    add_bodies(store)
    return {
        "payer": operator(store, "payer-op"),
        "ishim": operator(store, "ishim-op", ISHIM_PAYER),
        "other": operator(store, "roads-op", OTHER_BODY),
        "triage": operator(store, "triage-op", None),
        "admin": create_user(store, "boss", "long-enough-pass", "admin"),
    }


def _run(store: Engine, data: Path | None, now: datetime = MONDAY, **params) -> tuple[int, int]:
    the_rule = rule(**params)
    return compensation.run(
        store, the_rule, data, run_id=start_run(store, the_rule, now), now=now, actor="test"
    )


def _cases(store: Engine) -> list[Case]:
    with session_scope(store) as session:
        return list(
            session.scalars(select(Case).where(Case.kind == "compensation").order_by(Case.id))
        )


def test_one_case_per_confirmed_household_never_twice(
    store: Engine, world: dict, tmp_path: Path
) -> None:
    path = write_register(tmp_path / "реестр.csv")
    assert _run(store, path) == (3, 2)  # ДХ-003 is pending: nothing yet
    assert _run(store, None) == (3, 0)  # a re-run over the stored register
    assert _run(store, path) == (3, 0)  # the same file loaded again
    cases = _cases(store)
    assert [c.idempotency_key for c in cases] == [
        "rule:tyu-flood-compensation:damaged_households:ДХ-001",
        "rule:tyu-flood-compensation:damaged_households:ДХ-002",
    ]
    confirmed = list(HOUSEHOLDS[2])
    confirmed[3] = "confirmed"
    later = write_register(tmp_path / "later.csv", [confirmed])
    assert _run(store, later) == (3, 1)  # confirmed in a later load: opened then, once
    assert _run(store, later) == (3, 0)
    assert len(_cases(store)) == 3


def test_the_case_is_filled_from_the_register_and_names_its_cause(
    store: Engine, world: dict, tmp_path: Path
) -> None:
    _run(store, write_register(tmp_path / "r.csv"))
    first, ishim = _cases(store)
    assert (first.kind, first.category, first.region, first.oktmo) == (
        "compensation",
        "compensation.flood",
        "RU-TYU",
        "71701000",
    )
    assert (first.body, ishim.body) == (PAYER, ISHIM_PAYER)  # per municipality where named
    assert first.status == "registered" and first.registered_at == MONDAY
    assert first.due_at == datetime(2026, 6, 16, 20, 59, 59)  # 10 working days, 12 June off
    assert DUE in first.text and "ДХ-001" in first.text
    shown = repr(compensation.read_compensation(store, first.id, account=world["payer"]))
    assert not [v for v in PII if v in first.text + shown]  # the contact is apart
    with session_scope(store) as session:
        (event,) = session.scalars(select(CaseEvent).where(CaseEvent.case_id == first.id))
    assert (event.action, event.actor, event.status) == ("opened", "system", "registered")
    assert event.details["rule"] == "tyu-flood-compensation"
    assert event.details["version"] == "2026.1" and event.details["run"] >= 1
    assert (event.details["register"], event.details["key"]) == ("damaged_households", "ДХ-001")
    assert event.details["amount_due"] == 80000
    assert "tyu-flood-compensation" in event.reason and "ДХ-001" in event.reason


def test_the_contact_is_for_the_paying_body_only(
    store: Engine, world: dict, tmp_path: Path
) -> None:
    _run(store, write_register(tmp_path / "r.csv"))
    case_id = _cases(store)[0].id
    contact = read_contact(store, world["payer"], case_id)
    assert (contact.surname, contact.email, contact.postal_address) == (
        "Маркерова-PII-1",
        "pii-1@example.org",
        "г. Тюмень, ул. Приречная-PII-1, д. 1",
    )
    for other in ("other", "triage", "admin", "ishim"):
        with pytest.raises(Forbidden):
            read_contact(store, world[other], case_id)


def test_the_person_is_told_when_the_register_gives_an_address(
    store: Engine, world: dict, tmp_path: Path
) -> None:
    _run(store, write_register(tmp_path / "r.csv"))
    _run(store, None)
    with session_scope(store) as session:
        letters = session.scalars(select(OutboxMessage)).all()
    (letter,) = letters  # ДХ-002 gave no e-mail; the re-run sends nothing again
    assert letter.recipient == "pii-1@example.org"
    assert DUE in letter.body and "16.06.2026" in letter.body


def test_the_body_approves_and_pays_with_its_document(
    store: Engine, world: dict, tmp_path: Path
) -> None:
    _run(store, write_register(tmp_path / "r.csv"))
    case_id = _cases(store)[0].id
    later = datetime(2026, 6, 3, 9, 0)
    view = approve_compensation(store, case_id, account=world["payer"], amount=80000, now=later)
    assert (view.stage, view.case.status, view.amount_approved) == (
        "approved",
        "in_progress",
        80000,
    )
    with pytest.raises(ValidationFailed) as failed:
        approve_compensation(store, case_id, account=world["payer"], amount=80000, now=later)
    assert failed.value.problems[0].code == "comp_not_opened"

    class Scan:
        name = "платёжка.pdf"
        data = b"%PDF-1.4 payment order"

    paid = pay_compensation(
        store,
        case_id,
        account=world["payer"],
        document_number="ПП-4512",
        document_date=date(2026, 6, 4),
        document=Scan(),
        now=datetime(2026, 6, 4, 10, 0),
    )
    assert (paid.stage, paid.case.status) == ("paid", "closed")
    assert (paid.document_number, paid.document_date) == ("ПП-4512", date(2026, 6, 4))
    assert paid.document_file == paid.case.files[0].id and paid.case.files[0].purpose == "answer"
    assert [e.action for e in paid.case.events] == ["opened", "approved", "paid"]
    with session_scope(store) as session:
        subjects = [
            m.subject for m in session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
        ]
        audit = session.scalars(
            select(AuditEntry.action).where(AuditEntry.action.like("compensation.%"))
        ).all()
    assert len(subjects) == 3 and "выплачена" in subjects[-1]
    assert audit == ["compensation.approve", "compensation.pay"]


def test_nobody_but_the_bodys_operators_approves_or_pays(
    store: Engine, world: dict, tmp_path: Path
) -> None:
    _run(store, write_register(tmp_path / "r.csv"))
    case_id = _cases(store)[0].id
    for who in ("other", "triage", "admin", "ishim"):
        with pytest.raises(Forbidden):
            approve_compensation(store, case_id, account=world[who], amount=80000)
    with pytest.raises(Forbidden):
        approve_compensation(store, case_id, account=None, amount=80000)
    with pytest.raises(ValidationFailed) as failed:
        pay_compensation(
            store,
            case_id,
            account=world["payer"],
            document_number="1",
            document_date=date(2026, 6, 1),
        )
    assert failed.value.problems[0].code == "comp_not_approved"
    with session_scope(store) as session:
        refused = session.scalar(
            select(func.count()).where(AuditEntry.action == "refused.compensation.approve")
        )
    assert refused == 5  # the anonymous attempt too
    assert _cases(store)[0].status == "registered"


def test_bad_amounts_and_documents_are_located(store: Engine, world: dict, tmp_path: Path) -> None:
    _run(store, write_register(tmp_path / "r.csv"))
    case_id = _cases(store)[0].id
    with pytest.raises(ValidationFailed) as failed:
        approve_compensation(store, case_id, account=world["payer"], amount=-5)
    assert failed.value.problems[0].path == "amount"
    approve_compensation(store, case_id, account=world["payer"], amount=75000.5)

    class Odd:
        name = "a.exe"
        data = b"MZ..."

    with pytest.raises(ValidationFailed) as failed:
        pay_compensation(
            store,
            case_id,
            account=world["payer"],
            document_number=" ",
            document_date=date(2099, 1, 1),
            document=Odd(),
        )
    assert {p.path for p in failed.value.problems} == {
        "document_number",
        "document_date",
        "document",
    }


def test_a_rule_naming_a_body_not_loaded_opens_nothing(
    store: Engine, world: dict, tmp_path: Path
) -> None:
    write_register(tmp_path / "r.csv")
    with pytest.raises(ValidationFailed) as failed:
        _run(store, tmp_path / "r.csv", payer="tyu-nobody", payers={})
    assert [(p.code, p.value) for p in failed.value.problems] == [
        ("comp_rule_body_unknown", "tyu-nobody")
    ]
    assert _cases(store) == []


def test_the_case_cores_steps_cannot_skip_the_approval_but_may_reject(
    store: Engine, world: dict, tmp_path: Path
) -> None:
    from tsifra.cases.cases import answer_case, close_case, reject_case, take_case

    _run(store, write_register(tmp_path / "r.csv"))
    first, second = (c.id for c in _cases(store))
    for step in (take_case, close_case):
        with pytest.raises(ValidationFailed) as failed:
            step(store, world["payer"], first)
        assert failed.value.problems[0].code == "comp_case_steps"
    with pytest.raises(ValidationFailed):
        answer_case(store, world["payer"], first, "Выплачено")
    assert approve_compensation(store, first, account=world["payer"], amount=80000).stage == (
        "approved"
    )
    rejected = reject_case(store, world["ishim"], second, "Дом не в зоне подтопления")
    assert rejected.status == "rejected"
    with pytest.raises(ValidationFailed) as failed:
        approve_compensation(store, second, account=world["ishim"], amount=1)
    assert failed.value.problems[0].code == "comp_not_opened"


def test_a_rules_params_are_checked_with_their_paths() -> None:
    with pytest.raises(ValidationFailed) as failed:
        rule(payer="Не код", amounts={"partial": -1, "flooded": 5}, term_days=0, colour="red")
    assert {p.path for p in failed.value.problems} == {
        "params.payer",
        "params.amounts.partial",
        "params.amounts.total",
        "params.amounts.flooded",
        "params.term_days",
        "params.colour",
    }
