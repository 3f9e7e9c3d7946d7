"""The approvals flow on the case core: filing sends one case per owner with a deadline in
working days across holidays; answers, consent by silence only where the terms say so, a
revision only to the owners who refused, and the total time equal to the events."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import Engine, func, select

from approval_rows import PDF, add_owners, applicant, draft, moscow, operator, touching
from tsifra.accounts.users import set_email
from tsifra.approvals import timing
from tsifra.approvals.answers import (
    answer_request,
    lapse_overdue,
    revise_project,
    withdraw_project,
)
from tsifra.approvals.projects import DocumentDraft, file_project, read_project
from tsifra.approvals.queues import owner_queue
from tsifra.cases.deadlines import end_of_day
from tsifra.kernel.problems import Forbidden, ValidationFailed
from tsifra.store import (
    ApprovalDocument,
    ApprovalProject,
    ApprovalRequest,
    Case,
    CaseEvent,
    OutboxMessage,
    session_scope,
)

A, B, C = "ru-ta-vodokanal", "ru-ta-setevaya", "ru-ta-gaz"
FILED = moscow(2025, 12, 29)  # a Monday; then 31.12 and 1–11.01.2026 are days off


@pytest.fixture
def world(store: Engine, monkeypatch: pytest.MonkeyPatch):
    add_owners(store)
    touching(monkeypatch, A, B, C)
    ops = {o: operator(store, f"op-{o[6:]}", "RU-TA", o) for o in (A, B, C)}
    return store, applicant(store), ops


def _events(engine: Engine, case_id: int) -> list[tuple[str, str | None, dict | None]]:
    with session_scope(engine) as session:
        rows = session.execute(
            select(CaseEvent.action, CaseEvent.actor, CaseEvent.details)
            .where(CaseEvent.case_id == case_id)
            .order_by(CaseEvent.id)
        ).all()
    return [tuple(r) for r in rows]


def test_filing_sends_one_case_per_owner_due_in_working_days_across_new_year(world) -> None:
    engine, builder, _ = world
    project_id = file_project(engine, draft(), account=builder, now=FILED)
    view = read_project(engine, project_id, account=builder, now=FILED)
    # excavation: 5 working days — 30.12, then 12, 13, 14, 15 January 2026
    due = end_of_day(date(2026, 1, 15))
    assert [o.owner for o in view.owners] == sorted([A, B, C])
    assert {o.due_at for o in view.owners} == {due} and view.due_at == due
    assert view.status == "under_review" and view.round == 1
    assert view.terms == {"days": 5, "silence_is_consent": True, "version": "2026.1"}
    assert [(d.name, d.media_type, d.round) for d in view.documents] == [
        ("план.pdf", "application/pdf", 1)
    ]
    with session_scope(engine) as session:
        cases = session.scalars(select(Case).where(Case.kind == "approval")).all()
        mails = session.scalars(select(OutboxMessage.recipient)).all()
    assert {(c.body, c.category, c.status, c.region) for c in cases} == {
        (o, "approval.excavation", "in_progress", "RU-TA") for o in (A, B, C)
    }
    case = next(c for c in cases if c.body == A)
    assert case.idempotency_key == f"approval:{project_id}:{A}"
    assert case.submitted_at == case.registered_at == FILED
    assert (case.longitude, case.latitude) == (49.109, 55.786)
    assert case.text.startswith("Прокладка кабеля") and "Траншея" in case.text
    assert _events(engine, case.id) == [("sent", "builder", {"round": 1})]
    assert sorted(mails) == sorted(f"{o}@example.org" for o in (A, B, C))


def test_a_new_network_waits_ten_working_days(world) -> None:
    engine, builder, _ = world
    project_id = file_project(engine, draft(works="new_network"), account=builder, now=FILED)
    view = read_project(engine, project_id, account=builder, now=FILED)
    assert view.due_at == end_of_day(date(2026, 1, 22))  # 30.12, 12–16.01, 19–22.01


def test_filing_again_with_the_same_key_returns_the_first_project(world) -> None:
    engine, builder, _ = world
    first = file_project(engine, draft(), account=builder, idempotency_key="k-1", now=FILED)
    again = file_project(engine, draft(), account=builder, idempotency_key="k-1", now=FILED)
    other = file_project(engine, draft(), account=builder, idempotency_key="k-2", now=FILED)
    assert first == again != other
    with session_scope(engine) as session:
        assert session.scalar(select(func.count()).select_from(ApprovalProject)) == 2
        assert session.scalar(select(func.count()).select_from(ApprovalRequest)) == 6


def test_a_bad_document_refuses_the_whole_filing_and_writes_nothing(world) -> None:
    engine, builder, _ = world
    documents = (DocumentDraft("план.pdf", PDF), DocumentDraft("virus.pdf", b"MZ\x90\x00"))
    with pytest.raises(ValidationFailed) as caught:
        file_project(engine, draft(documents=documents, title=" "), account=builder, now=FILED)
    assert {(p.code, p.path) for p in caught.value.problems} == {
        ("appr_document_type", "documents[1]"),
        ("appr_field_empty", "title"),
    }
    with session_scope(engine) as session:
        for model in (ApprovalProject, ApprovalRequest, ApprovalDocument, Case, OutboxMessage):
            assert session.scalar(select(func.count()).select_from(model)) == 0


def test_silence_past_the_term_is_consent_where_the_terms_say_so(world) -> None:
    engine, builder, ops = world
    project_id = file_project(engine, draft(), account=builder, now=FILED)
    due = end_of_day(date(2026, 1, 15))
    view = answer_request(
        engine, _case(engine, project_id, A), "approved", account=ops[A], now=FILED + timedelta(1)
    )
    assert lapse_overdue(engine, now=due) == 0  # the deadline itself is still on time
    view = read_project(engine, project_id, account=builder, now=due + timedelta(hours=30))
    decisions = {o.owner: o.decision for o in view.owners}
    assert decisions == {A: "approved", B: "silence", C: "silence"}
    assert view.status == "approved"
    lapsed = [e for e in view.events if e.action == "lapsed"]
    assert {(e.owner, e.actor, e.at, e.decision, e.round) for e in lapsed} == {
        (B, "system", due, "silence", 1),
        (C, "system", due, "silence", 1),
    }
    assert view.total_seconds == (due - FILED).total_seconds()
    assert lapse_overdue(engine, now=due + timedelta(days=9)) == 0  # once


def test_silence_is_not_consent_where_the_region_has_no_such_rule(
    store: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_owners(store, region="RU-KLU", owners=("ru-klu-voda",))
    touching(monkeypatch, "ru-klu-voda")
    builder = applicant(store)
    project_id = file_project(store, draft(region="RU-KLU"), account=builder, now=FILED)
    later = moscow(2026, 2, 2)
    assert lapse_overdue(store, now=later) == 0
    view = read_project(store, project_id, account=builder, now=later)
    (owner,) = view.owners
    assert view.terms["silence_is_consent"] is False
    assert (owner.decision, owner.overdue, view.status) == (None, True, "under_review")
    assert not [e for e in view.events if e.action == "lapsed"]
    late = operator(store, "op-klu", "RU-KLU", "ru-klu-voda")
    view = answer_request(store, owner.case_id, "approved", account=late, now=later)
    assert view.status == "approved" and view.owners[0].overdue is False


def _case(engine: Engine, project_id: int, owner: str) -> int:
    with session_scope(engine) as session:
        return session.scalar(
            select(ApprovalRequest.case_id).where(
                ApprovalRequest.project_id == project_id, ApprovalRequest.owner == owner
            )
        )


def test_a_revision_goes_only_to_the_owners_who_refused(world) -> None:
    engine, builder, ops = world
    project_id = file_project(engine, draft(), account=builder, now=FILED)
    t1, t2, t3 = (FILED + timedelta(hours=h) for h in (2, 3, 4))
    answer_request(engine, _case(engine, project_id, A), "approved", account=ops[A], now=t1)
    answer_request(
        engine, _case(engine, project_id, C), "conditions", account=ops[C], text="Шурф", now=t2
    )
    view = answer_request(
        engine, _case(engine, project_id, B), "refused", account=ops[B], text="Кабель", now=t3
    )
    assert view.status == "refused" and view.total_seconds is None
    revised_at = moscow(2026, 1, 12)
    revision = (DocumentDraft("план-2.pdf", PDF),)
    view = revise_project(
        engine, project_id, revision, account=builder, note="Сдвинули трассу", now=revised_at
    )
    states = {o.owner: (o.decision, o.round, o.conditions) for o in view.owners}
    assert states == {A: ("approved", 1, None), B: (None, 2, None), C: ("conditions", 1, "Шурф")}
    assert view.round == 2 and view.status == "under_review"
    b_case = _case(engine, project_id, B)
    assert [o.due_at for o in view.owners if o.owner == B] == [end_of_day(date(2026, 1, 19))]
    assert _events(engine, b_case)[-1] == ("revised", "builder", {"round": 2})
    assert [e for e in _events(engine, _case(engine, project_id, A)) if e[0] == "revised"] == []
    with session_scope(engine) as session:
        revised_mail = session.scalars(
            select(OutboxMessage.recipient).where(OutboxMessage.subject.like("Доработ%"))
        ).all()
    assert revised_mail == [f"{B}@example.org"]
    assert [d.round for d in view.documents] == [1, 2]
    with pytest.raises(ValidationFailed) as caught:
        revise_project(engine, project_id, revision, account=builder, now=revised_at)
    assert caught.value.problems[0].code == "appr_not_refused"
    approved_at = revised_at + timedelta(hours=5)
    assert answer_request(engine, b_case, "approved", account=ops[B], now=approved_at).status == (
        "approved"
    )
    view = read_project(engine, project_id, account=builder, now=approved_at)
    # the total time equals the events: the last decision of round 2 minus the filing
    last = max(e.at for e in view.events if e.action == "answered" and e.round == 2)
    assert last == approved_at
    assert view.total_seconds == (last - FILED).total_seconds()
    assert timing.total_seconds(FILED, view.events, "approved") == view.total_seconds
    with session_scope(engine) as session:
        assert session.get(ApprovalProject, project_id).finished_at == approved_at
    times = timing.owner_seconds(FILED, view.events)
    assert times == {
        A: (t1 - FILED).total_seconds(),
        B: (approved_at - FILED).total_seconds(),
        C: (t2 - FILED).total_seconds(),
    }


def test_an_owner_of_the_first_round_answering_last_finishes_the_project(world) -> None:
    """The project is finished by its last consent, whatever the round: here the first round's
    late owner approves after the revised round was approved, and the time runs until then."""
    engine, builder, ops = world
    project_id = file_project(engine, draft(), account=builder, now=FILED)
    refused, revised, approved, late = (FILED + timedelta(hours=h) for h in (1, 2, 3, 5))
    answer_request(engine, _case(engine, project_id, A), "approved", account=ops[A], now=refused)
    answer_request(
        engine, _case(engine, project_id, B), "refused", account=ops[B], text="Кабель", now=refused
    )
    revise_project(engine, project_id, (DocumentDraft("план-2.pdf", PDF),), account=builder,
                   now=revised)  # fmt: skip
    view = answer_request(
        engine, _case(engine, project_id, B), "approved", account=ops[B], now=approved
    )
    assert view.status == "under_review" and view.total_seconds is None  # C still awaited
    view = answer_request(
        engine, _case(engine, project_id, C), "approved", account=ops[C], now=late
    )
    assert view.status == "approved"
    assert view.total_seconds == (late - FILED).total_seconds()
    assert max(timing.owner_seconds(FILED, view.events).values()) == view.total_seconds
    with session_scope(engine) as session:
        assert session.get(ApprovalProject, project_id).finished_at == late


def test_an_answer_is_checked_and_given_once(world) -> None:
    engine, builder, ops = world
    project_id = file_project(engine, draft(), account=builder, now=FILED)
    case_id = _case(engine, project_id, A)
    with pytest.raises(ValidationFailed) as caught:
        answer_request(engine, case_id, "refused", account=ops[A], text="  ", now=FILED)
    assert [(p.code, p.path) for p in caught.value.problems] == [
        ("appr_decision_needs_text", "text")
    ]
    with pytest.raises(ValidationFailed) as caught:
        answer_request(engine, case_id, "maybe", account=ops[A], now=FILED)
    assert caught.value.problems[0].path == "decision"
    answer_request(engine, case_id, "approved", account=ops[A], now=FILED)
    with pytest.raises(ValidationFailed) as caught:
        answer_request(engine, case_id, "refused", account=ops[A], text="нет", now=FILED)
    assert caught.value.problems[0].code == "appr_already_decided"
    with pytest.raises(ValidationFailed) as caught:
        answer_request(engine, 999_999, "approved", account=ops[A], now=FILED)
    assert caught.value.problems[0].code == "appr_request_unknown"


def test_the_applicant_learns_every_decision_by_mail_once(world) -> None:
    engine, builder, ops = world
    set_email(engine, "builder", "builder@example.org")
    project_id = file_project(engine, draft(), account=builder, now=FILED)
    refusal = "Трасса пересекает кабель"
    answer_request(
        engine, _case(engine, project_id, B), "refused", account=ops[B], text=refusal, now=FILED
    )
    lapse_overdue(engine, now=moscow(2026, 2, 1))  # A and C consent by silence
    lapse_overdue(engine, now=moscow(2026, 2, 2))
    with session_scope(engine) as session:
        mails = session.scalars(
            select(OutboxMessage.body)
            .where(OutboxMessage.recipient == "builder@example.org")
            .order_by(OutboxMessage.id)
        ).all()
    assert len(mails) == 3
    assert "отказано" in mails[0] and refusal in mails[0] and "есть отказ" in mails[0]
    assert all("молчание — согласие" in m for m in mails[1:])


def test_a_withdrawn_project_leaves_the_queues_and_takes_no_more_answers(world) -> None:
    engine, builder, ops = world
    project_id = file_project(engine, draft(), account=builder, now=FILED)
    answer_request(engine, _case(engine, project_id, A), "approved", account=ops[A], now=FILED)
    with pytest.raises(Forbidden):
        withdraw_project(engine, project_id, account=ops[B], now=FILED)
    later = FILED + timedelta(hours=1)
    view = withdraw_project(engine, project_id, account=builder, reason="Отмена", now=later)
    assert view.status == "withdrawn"
    assert {o.owner: o.decision for o in view.owners} == {A: "approved", B: None, C: None}
    assert {e.owner for e in view.events if e.action == "withdrawn"} == {B, C}
    assert owner_queue(engine, ops[B], now=later) == []
    with pytest.raises(ValidationFailed) as caught:
        answer_request(engine, _case(engine, project_id, B), "approved", account=ops[B], now=later)
    assert caught.value.problems[0].code == "appr_already_decided"
    assert lapse_overdue(engine, now=moscow(2026, 3, 1)) == 0
    with session_scope(engine) as session:
        closed = session.scalars(select(Case.body).where(Case.status == "closed")).all()
        told = session.scalars(
            select(OutboxMessage.recipient).where(OutboxMessage.subject.like("%отозван%"))
        ).all()
    assert sorted(closed) == sorted([B, C]) and sorted(told) == sorted(
        f"{o}@example.org" for o in (B, C)
    )
    with pytest.raises(ValidationFailed):
        withdraw_project(engine, project_id, account=builder, now=later)
