"""What a reader of a project gets: the project, each owner's state, its documents and events,
the total deadline and, once approved, the total time (`approvals.timing`).

A view is built in the reader's transaction from the rows as they are; who may read it is
decided by the service that calls `load_project` (`approvals.policy`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from tsifra.approvals import timing
from tsifra.approvals.documents import DocumentView, document_view
from tsifra.approvals.vocabulary import CONSENTS
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.store import ApprovalDocument, ApprovalProject, ApprovalRequest, Body, Case, CaseEvent

ACTIONS = ("sent", "answered", "lapsed", "revised", "withdrawn")


@dataclass(frozen=True)
class OwnerState:
    owner: str
    name: str
    case_id: int
    decision: str | None  # None: awaited
    conditions: str | None  # or the reasons of a refusal
    round: int
    sent_at: datetime
    due_at: datetime | None
    decided_at: datetime | None
    overdue: bool


@dataclass(frozen=True)
class ProjectEvent:
    at: datetime
    owner: str
    case_id: int
    action: str  # sent | answered | lapsed | revised | withdrawn
    round: int | None
    decision: str | None
    actor: str | None
    reason: str | None


@dataclass(frozen=True)
class ProjectView:
    id: int
    region: str
    applicant: str
    applicant_name: str
    applicant_inn: str | None
    works: str
    title: str
    description: str
    geometry: dict
    bounds: tuple[float, float, float, float]
    oktmo: str | None
    starts_on: date | None
    ends_on: date | None
    status: str
    round: int
    terms: dict
    filed_at: datetime
    finished_at: datetime | None
    channel: str
    proposed_by: str | None
    owners: list[OwnerState]
    documents: list[DocumentView]
    events: list[ProjectEvent]
    due_at: datetime | None  # the latest due date among the owners still awaited
    total_seconds: float | None  # from filing to the last decision, once approved


def project_status(decisions: list[str | None]) -> str:
    """A project's status from its owners' current decisions: refused while any refusal
    stands, approved when every owner consented (answer, conditions or silence)."""
    if any(d == "refused" for d in decisions):
        return "refused"
    if decisions and all(d in CONSENTS for d in decisions):
        return "approved"
    return "under_review"


def unknown_project(project_id: object) -> ValidationFailed:
    return ValidationFailed([Problem("appr_project_unknown", path="project", value=project_id)])


def project_events(session: Session, project_id: int) -> list[ProjectEvent]:
    """The approval events of every owner's case of a project, oldest first."""
    rows = session.execute(
        select(CaseEvent, ApprovalRequest.owner)
        .join(ApprovalRequest, ApprovalRequest.case_id == CaseEvent.case_id)
        .where(ApprovalRequest.project_id == project_id, CaseEvent.action.in_(ACTIONS))
        .order_by(CaseEvent.at, CaseEvent.id)
    ).all()
    return [
        ProjectEvent(
            at=e.at,
            owner=owner,
            case_id=e.case_id,
            action=e.action,
            round=(e.details or {}).get("round"),
            decision=(e.details or {}).get("decision"),
            actor=e.actor,
            reason=e.reason,
        )
        for e, owner in rows
    ]


def owner_states(session: Session, project_id: int, now: datetime) -> list[OwnerState]:
    rows = session.execute(
        select(ApprovalRequest, Case.due_at, Body.name_ru)
        .join(Case, Case.id == ApprovalRequest.case_id)
        .join(Body, Body.code == ApprovalRequest.owner)
        .where(ApprovalRequest.project_id == project_id)
        .order_by(ApprovalRequest.owner)
    ).all()
    return [
        OwnerState(
            owner=r.owner,
            name=name,
            case_id=r.case_id,
            decision=r.decision,
            conditions=r.conditions,
            round=r.round,
            sent_at=r.sent_at,
            due_at=due,
            decided_at=r.decided_at,
            overdue=r.decision is None and due is not None and now > due,
        )
        for r, due, name in rows
    ]


def load_project(session: Session, project_id: int, now: datetime) -> ProjectView:
    project = session.get(ApprovalProject, project_id) if isinstance(project_id, int) else None
    if project is None:
        raise unknown_project(project_id)
    owners = owner_states(session, project.id, now)
    events = project_events(session, project.id)
    documents = session.scalars(
        select(ApprovalDocument)
        .where(ApprovalDocument.project_id == project.id)
        .order_by(ApprovalDocument.round, ApprovalDocument.id)
    ).all()
    awaited = [o.due_at for o in owners if o.decision is None and o.due_at is not None]
    return ProjectView(
        id=project.id,
        region=project.region,
        applicant=project.applicant,
        applicant_name=project.applicant_name,
        applicant_inn=project.applicant_inn,
        works=project.works,
        title=project.title,
        description=project.description,
        geometry=json.loads(project.geometry),
        bounds=(project.min_lon, project.min_lat, project.max_lon, project.max_lat),
        oktmo=project.oktmo,
        starts_on=project.starts_on,
        ends_on=project.ends_on,
        status=project.status,
        round=project.round,
        terms=dict(project.terms),
        filed_at=project.filed_at,
        finished_at=project.finished_at,
        channel=project.channel,
        proposed_by=project.proposed_by,
        owners=owners,
        documents=[document_view(d) for d in documents],
        events=events,
        due_at=max(awaited, default=None),
        total_seconds=timing.total_seconds(project.filed_at, events, project.status),
    )


def settle_status(session: Session, project: ApprovalProject, now: datetime) -> None:
    """The project's status (and its finish, from the events) after a decision changed."""
    decisions = list(
        session.scalars(
            select(ApprovalRequest.decision).where(ApprovalRequest.project_id == project.id)
        )
    )
    if project.status == "withdrawn":
        return
    project.status = project_status(decisions)
    project.finished_at = None
    if project.status == "approved":
        session.flush()
        events = project_events(session, project.id)
        project.finished_at = timing.last_decision_at(events)
    project.updated_at = now
