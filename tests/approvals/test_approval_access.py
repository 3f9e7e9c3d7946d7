"""Who reads and answers what: an applicant only its own projects, an owner's operator only its
body's request, another owner's operator cannot answer; the owner's queue, overdue first; the
lists each reader gets. Every refusal is recorded."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine, select

from approval_rows import (
    PASSWORD,
    PDF,
    Hit,
    add_owners,
    applicant,
    draft,
    moscow,
    operator,
    touching,
)
from tsifra.accounts import create_user
from tsifra.approvals import projects
from tsifra.approvals.answers import answer_request, revise_project
from tsifra.approvals.projects import DocumentDraft, file_project, list_projects, read_project
from tsifra.approvals.queues import owner_queue
from tsifra.kernel.problems import Forbidden, ValidationFailed
from tsifra.store import ApprovalRequest, AuditEntry, session_scope

A, B, C = "ru-ta-vodokanal", "ru-ta-setevaya", "ru-ta-gaz"
FILED = moscow(2026, 3, 2)


@pytest.fixture
def two_projects(store: Engine, monkeypatch: pytest.MonkeyPatch):
    """Project 1 of `builder` to A and B; project 2 of `other` to C only."""
    add_owners(store)
    touching(monkeypatch, A, B)
    builder, other = applicant(store, "builder"), applicant(store, "other")
    first = file_project(store, draft(), account=builder, now=FILED)
    monkeypatch.setattr(projects, "_owners", lambda engine, shape, region: [Hit(C)])
    second = file_project(store, draft(title="Газопровод"), account=other, now=FILED)
    ops = {o: operator(store, f"op-{o[6:]}", "RU-TA", o) for o in (A, B, C)}
    return store, builder, other, first, second, ops


def _refusals(engine: Engine) -> list[str]:
    with session_scope(engine) as session:
        return session.scalars(
            select(AuditEntry.action).where(AuditEntry.action.like("refused.%"))
        ).all()


def _case(engine: Engine, project_id: int, owner: str) -> int:
    with session_scope(engine) as session:
        return session.scalar(
            select(ApprovalRequest.case_id).where(
                ApprovalRequest.project_id == project_id, ApprovalRequest.owner == owner
            )
        )


def test_an_applicant_reads_only_its_own_projects(two_projects) -> None:
    engine, builder, other, first, second, _ = two_projects
    assert read_project(engine, first, account=builder, now=FILED).id == first
    with pytest.raises(Forbidden):
        read_project(engine, second, account=builder, now=FILED)
    assert [r.id for r in list_projects(engine, account=builder, now=FILED)] == [first]
    assert [r.id for r in list_projects(engine, account=other, now=FILED)] == [second]
    assert _refusals(engine) == ["refused.approval.read"]


def test_an_owner_reads_the_projects_holding_its_request_and_answers_only_its_own(
    two_projects,
) -> None:
    engine, builder, _, first, second, ops = two_projects
    assert read_project(engine, first, account=ops[A], now=FILED).id == first
    with pytest.raises(Forbidden):
        read_project(engine, second, account=ops[A], now=FILED)
    assert [r.id for r in list_projects(engine, account=ops[A], now=FILED)] == [first]
    b_case = _case(engine, first, B)
    with pytest.raises(Forbidden):  # another owner's operator cannot answer for B
        answer_request(engine, b_case, "approved", account=ops[A], now=FILED)
    with pytest.raises(Forbidden):  # an owner not asked at all neither
        answer_request(engine, b_case, "approved", account=ops[C], now=FILED)
    with pytest.raises(Forbidden):  # nor the applicant
        answer_request(engine, b_case, "approved", account=builder, now=FILED)
    view = answer_request(engine, b_case, "approved", account=ops[B], now=FILED)
    assert {o.owner: o.decision for o in view.owners} == {B: "approved"}  # its own only
    assert {e.owner for e in view.events} == {B}
    assert {
        o.owner: o.decision for o in read_project(engine, first, account=ops[A], now=FILED).owners
    } == {A: None}
    seen = read_project(engine, first, account=builder, now=FILED)
    assert {o.owner: o.decision for o in seen.owners} == {A: None, B: "approved"}
    assert {e.actor for e in seen.events} == {"builder", None}  # no employee's login
    assert _refusals(engine).count("refused.approval.answer") == 3


def test_the_region_oversees_without_answering_and_others_read_nothing(two_projects) -> None:
    engine, _, _, first, second, _ = two_projects
    region = operator(engine, "ta-triage", "RU-TA", None)
    assert {r.id for r in list_projects(engine, account=region, now=FILED)} == {first, second}
    assert read_project(engine, second, account=region, now=FILED).id == second
    with pytest.raises(Forbidden):
        answer_request(engine, _case(engine, first, A), "approved", account=region, now=FILED)
    with pytest.raises(Forbidden):
        list_projects(engine, account=region, region="RU-KLU", now=FILED)
    elsewhere = operator(engine, "klu-triage", "RU-KLU", None)
    with pytest.raises(Forbidden):
        read_project(engine, first, account=elsewhere, now=FILED)
    analyst = create_user(engine, "analyst", PASSWORD, "analyst")
    with pytest.raises(Forbidden):
        list_projects(engine, account=analyst, now=FILED)
    with pytest.raises(Forbidden):
        read_project(engine, first, account=analyst, now=FILED)
    with pytest.raises(Forbidden):  # officials do not file
        file_project(engine, draft(), account=region, now=FILED)
    with pytest.raises(Forbidden):  # only the applicant revises
        revise_project(engine, first, (DocumentDraft("a.pdf", PDF),), account=region, now=FILED)


def test_the_owners_queue_shows_the_overdue_first_then_by_deadline(
    store: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_owners(store, region="RU-KLU", owners=("ru-klu-voda",))  # silence is not consent here
    touching(monkeypatch, "ru-klu-voda")
    builder = applicant(store)
    early = file_project(store, draft(region="RU-KLU"), account=builder, now=moscow(2026, 3, 2))
    late = file_project(
        store, draft(region="RU-KLU", works="new_network"), account=builder, now=moscow(2026, 3, 3)
    )
    newest = file_project(store, draft(region="RU-KLU"), account=builder, now=moscow(2026, 3, 10))
    owner = operator(store, "op-voda", "RU-KLU", "ru-klu-voda")
    now = moscow(2026, 3, 12)  # due 10.03 (overdue), 18.03, 17.03 (9.03 is a day off)
    rows = owner_queue(store, owner, now=now)
    assert [r.project_id for r in rows] == [early, newest, late]
    assert [r.overdue for r in rows] == [True, False, False]
    answer_request(store, rows[0].case_id, "approved", account=owner, now=now)
    assert [r.project_id for r in owner_queue(store, owner, now=now)] == [newest, late]
    stranger = operator(store, "op-other", "RU-KLU", None)
    with pytest.raises(ValidationFailed):
        owner_queue(store, stranger, now=now)  # no body: whose queue?
    with pytest.raises(Forbidden):
        owner_queue(store, stranger, body="ru-klu-voda", now=now)
    assert len(owner_queue(store, owner, now=now + timedelta(days=1), limit=1)) == 1
