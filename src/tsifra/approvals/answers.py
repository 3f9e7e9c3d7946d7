"""An owner's answer, consent by silence, and the applicant's revision after a refusal.

Each is one transaction over the owner's case (locked as `cases.locks` does) and its request:
the decision on the request, the case's status and answer, the case event (`answered`,
`lapsed`, `revised`, each with its round), the project's status (`views.settle_status`) and the
audit entry. An answer is for the owner's operators only (`policy.can_answer_request`); a
revision for the applicant (`policy.can_revise_project`); a refused request is recorded.

Silence: when an owner has not answered by its deadline and the project's terms (copied at
filing) say silence is consent, the request is decided `silence` by "system". The event is
dated at the deadline itself — the moment consent was given — not at the moment the platform
noticed, so the total time never depends on when `lapse_overdue` ran; when it ran is kept in
the event's details. Where silence is not consent, the owner stays awaited and overdue.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from tsifra.accounts.users import Account, record_refusal
from tsifra.approvals.documents import DocumentDraft, checked_documents, keep_documents
from tsifra.approvals.policy import can_answer_request, can_revise_project, shown_to
from tsifra.approvals.projects import MAIL_LANG, notify_owner, project_or_missing
from tsifra.approvals.views import ProjectView, load_project, settle_status
from tsifra.approvals.vocabulary import (
    CASE_KIND,
    DECISION_NAMES,
    DECISIONS,
    SILENCE,
    STATUS_NAMES,
)
from tsifra.cases import deadlines
from tsifra.cases.locks import locked_case
from tsifra.cases.texts import plain_text
from tsifra.kernel.language import word, word_key
from tsifra.kernel.problems import Forbidden, Problem, ValidationFailed
from tsifra.outbox.outbox import enqueue
from tsifra.store import (
    ApprovalProject,
    ApprovalRequest,
    Body,
    Case,
    CaseEvent,
    User,
    session_scope,
    utcnow,
)
from tsifra.store.audit import record

TEXT_LIMIT = 10_000
NOTE_LIMIT = 2000
SYSTEM = "system"
LAPSE_CHUNK = 500  # requests per transaction: a backlog never holds the write lock long
MAIL_WITHDRAWN = (word_key("appr_mail_withdrawn_subject"), word_key("appr_mail_withdrawn_body"))
MAIL_REVISED = (word_key("appr_mail_revised_subject"), word_key("appr_mail_revised_body"))


def notify_applicant(
    session: Session, project: ApprovalProject, request: ApprovalRequest, text: str | None
) -> bool:
    """The applicant learns each decision by e-mail (if its account has an address), so it
    never has to come and ask; once per request and round."""
    email = session.scalar(select(User.email).where(User.login == project.applicant))
    if not email:
        return False
    owner = session.scalar(select(Body.name_ru).where(Body.code == request.owner))
    subject = word("appr_mail_decided_subject", MAIL_LANG, id=project.id)
    body = word(
        "appr_mail_decided_body",
        MAIL_LANG,
        id=project.id,
        title=project.title,
        owner=owner or request.owner,
        decision=word(DECISION_NAMES[request.decision], MAIL_LANG),
        text=text or "—",
        status=word(STATUS_NAMES[project.status], MAIL_LANG),
    )
    key = f"approval:{request.case_id}:decided:{request.round}"
    return enqueue(session, key, email, subject, body)


def _unknown_request(case_id: object) -> ValidationFailed:
    return ValidationFailed([Problem("appr_request_unknown", path="case", value=case_id)])


def answer_request(
    engine: Engine,
    case_id: int,
    decision: str,
    *,
    account: Account,
    text: str | None = None,
    now: datetime | None = None,
) -> ProjectView:
    """The owner's decision on its request: approved, approved with conditions, or refused
    with reasons (those two need a text). A request already decided in its round (or consented
    by silence) is not answered again."""
    problems = []
    if decision not in DECISIONS:
        expected = {"expected": ", ".join(DECISIONS)}
        problems.append(Problem("appr_decision", path="decision", value=decision, params=expected))
    clean = plain_text(text) if isinstance(text, str) else None
    if decision in ("conditions", "refused") and not clean:
        problems.append(Problem("appr_decision_needs_text", path="text", value=decision))
    if clean and len(clean) > TEXT_LIMIT:
        params = {"limit": TEXT_LIMIT, "count": len(clean)}
        problems.append(Problem("appr_field_too_long", path="text", params=params))
    with session_scope(engine) as session:
        request = session.get(ApprovalRequest, case_id) if isinstance(case_id, int) else None
        owner = None if request is None else request.owner
    if owner is None:
        raise _unknown_request(case_id)
    if not can_answer_request(account, owner):
        record_refusal(engine, account, "approval.answer", f"case {case_id}")
        raise Forbidden(f"case {case_id}")
    if problems:
        raise ValidationFailed(problems)
    now = now or utcnow()
    lapse_overdue(engine, now=now)
    with session_scope(engine) as session:
        case = locked_case(session, case_id)
        request = session.get(ApprovalRequest, case_id, populate_existing=True)
        project = session.get(ApprovalProject, request.project_id)
        if request.decision is not None or project.status == "withdrawn":
            value = request.decision or project.status
            raise ValidationFailed([Problem("appr_already_decided", path="decision", value=value)])
        request.decision = decision
        request.conditions = clean or None
        request.decided_at = now
        request.decided_by = account.login
        case.status = "answered"
        case.answered_at = now
        case.answer_text = clean or None
        if case.first_response_at is None:
            case.first_response_at = now
        case.executor = case.executor or account.login
        case.updated_at = now
        session.add(
            CaseEvent(
                case_id=case.id,
                at=now,
                actor=account.login,
                action="answered",
                status="answered",
                body=case.body,
                reason=clean or None,
                details={"decision": decision, "round": request.round},
                public=True,
            )
        )
        settle_status(session, project, now)
        notify_applicant(session, project, request, clean)
        record(session, account.login, "approval.answer", f"case {case_id}", {"decision": decision})
        session.flush()
        return shown_to(load_project(session, project.id, now), account)


def lapse_overdue(engine: Engine, *, now: datetime | None = None) -> int:
    """Record consent by silence for every awaited request past its deadline whose project's
    terms make silence consent; returns how many were recorded. Cheap when there are none
    (one indexed read), so readers call it before they read."""
    now = now or utcnow()
    with session_scope(engine) as session:
        candidates = session.execute(
            select(ApprovalRequest.case_id, ApprovalProject.terms)
            .join(Case, Case.id == ApprovalRequest.case_id)
            .join(ApprovalProject, ApprovalProject.id == ApprovalRequest.project_id)
            .where(
                ApprovalRequest.decision.is_(None),
                Case.due_at < now,
                ApprovalProject.status != "withdrawn",
            )
        ).all()
    chosen = [case_id for case_id, terms in candidates if (terms or {}).get("silence_is_consent")]
    done = 0
    for first in range(0, len(chosen), LAPSE_CHUNK):
        with session_scope(engine) as session:
            done += _lapse(session, chosen[first : first + LAPSE_CHUNK], now)
    return done


def _lapse(session: Session, case_ids: list[int], now: datetime) -> int:
    """One chunk in one transaction: the cases locked first (`cases.locks`), each request
    judged again as it is now (an answer may have come meanwhile)."""
    session.execute(
        update(Case)
        .where(Case.id.in_(case_ids))
        .values(updated_at=Case.updated_at)
        .execution_options(synchronize_session=False)
    )
    rows = session.execute(
        select(ApprovalRequest, Case)
        .join(Case, Case.id == ApprovalRequest.case_id)
        .where(ApprovalRequest.case_id.in_(case_ids), ApprovalRequest.decision.is_(None))
        .execution_options(populate_existing=True)
    ).all()
    projects: dict[int, ApprovalProject] = {}
    decided = []
    for request, case in rows:
        if case.due_at is None or case.due_at >= now or case.status == "closed":
            continue  # not due, or withdrawn meanwhile (its cases are closed)
        at = case.due_at
        request.decision, request.decided_at, request.decided_by = SILENCE, at, SYSTEM
        case.status, case.answered_at, case.updated_at = "answered", at, now
        session.add(
            CaseEvent(
                case_id=case.id,
                at=at,
                actor=SYSTEM,
                action="lapsed",
                status="answered",
                body=case.body,
                details={
                    "decision": SILENCE,
                    "round": request.round,
                    "recorded_at": now.isoformat(),
                },
                public=True,
            )
        )
        if request.project_id not in projects:
            projects[request.project_id] = session.get(ApprovalProject, request.project_id)
        decided.append(request)
    session.flush()  # once: an audit entry or a read in the loop would flush row by row
    for request in decided:
        details = {"round": request.round}
        record(session, SYSTEM, "approval.lapse", f"case {request.case_id}", details)
    for project in projects.values():
        settle_status(session, project, now)
    for request in decided:
        notify_applicant(session, projects[request.project_id], request, None)
    return len(decided)


def revise_project(
    engine: Engine,
    project_id: int,
    documents: tuple[DocumentDraft, ...] | list[DocumentDraft],
    *,
    account: Account,
    note: str | None = None,
    now: datetime | None = None,
) -> ProjectView:
    """The applicant's revised documents after a refusal: a new round sent only to the owners
    who refused (a new deadline each, from now); the others' decisions stand."""
    with session_scope(engine) as session:
        project = project_or_missing(session, project_id)
        applicant = project.applicant
    if not can_revise_project(account, applicant):
        record_refusal(engine, account, "approval.revise", f"project {project_id}")
        raise Forbidden(f"project {project_id}")
    problems = []
    if not documents:
        problems.append(Problem("appr_revision_documents", path="documents"))
    clean_note = plain_text(note) if isinstance(note, str) else None
    if clean_note and len(clean_note) > NOTE_LIMIT:
        params = {"limit": NOTE_LIMIT, "count": len(clean_note)}
        problems.append(Problem("appr_field_too_long", path="note", params=params))
    try:
        checked = checked_documents(tuple(documents))
    except ValidationFailed as wrong:
        problems += wrong.problems
    if problems:
        raise ValidationFailed(problems)
    now = now or utcnow()
    with session_scope(engine) as session:
        refused = session.scalars(
            select(ApprovalRequest.case_id)
            .where(ApprovalRequest.project_id == project_id, ApprovalRequest.decision == "refused")
            .order_by(ApprovalRequest.case_id)
        ).all()
        cases = [locked_case(session, case_id) for case_id in refused]
        project = session.get(ApprovalProject, project_id, populate_existing=True)
        if project.status != "refused" or not cases:
            problem = Problem("appr_not_refused", path="project", value=project.status)
            raise ValidationFailed([problem])
        project.round += 1
        project.status = "under_review"
        project.finished_at = None
        project.updated_at = now
        due = deadlines.due_after(CASE_KIND, now, project.terms["days"])
        for case in cases:
            request = session.get(ApprovalRequest, case.id, populate_existing=True)
            request.round = project.round
            request.decision = request.conditions = None
            request.decided_at = request.decided_by = None
            request.sent_at = now
            case.status, case.due_at, case.updated_at = "in_progress", due, now
            case.answered_at = case.answer_text = None
            session.add(
                CaseEvent(
                    case_id=case.id,
                    at=now,
                    actor=account.login,
                    action="revised",
                    status="in_progress",
                    body=case.body,
                    reason=clean_note or None,
                    details={"round": project.round},
                    public=True,
                )
            )
            notify_owner(session, project, case.id, request.owner, due, MAIL_REVISED)
        keep_documents(session, project.id, project.round, checked, by=account.login, now=now)
        record(
            session,
            account.login,
            "approval.revise",
            f"project {project_id}",
            {"round": project.round, "owners": [c.body for c in cases]},
        )
        session.flush()
        return shown_to(load_project(session, project.id, now), account)


def withdraw_project(
    engine: Engine,
    project_id: int,
    *,
    account: Account,
    reason: str | None = None,
    now: datetime | None = None,
) -> ProjectView:
    """The applicant gives the project up (the works are cancelled): the owners still awaited
    are told and their cases closed with a `withdrawn` event; the decisions given stay. An
    approved project is finished and is not withdrawn."""
    with session_scope(engine) as session:
        applicant = project_or_missing(session, project_id).applicant
    if not can_revise_project(account, applicant):
        record_refusal(engine, account, "approval.withdraw", f"project {project_id}")
        raise Forbidden(f"project {project_id}")
    clean = plain_text(reason) if isinstance(reason, str) else None
    if clean and len(clean) > NOTE_LIMIT:
        params = {"limit": NOTE_LIMIT, "count": len(clean)}
        raise ValidationFailed([Problem("appr_field_too_long", path="reason", params=params)])
    now = now or utcnow()
    with session_scope(engine) as session:
        awaited = session.scalars(
            select(ApprovalRequest.case_id).where(
                ApprovalRequest.project_id == project_id, ApprovalRequest.decision.is_(None)
            )
        ).all()
        cases = [locked_case(session, case_id) for case_id in awaited]
        project = session.get(ApprovalProject, project_id, populate_existing=True)
        if project.status not in ("under_review", "refused"):
            problem = Problem("appr_not_withdrawable", path="project", value=project.status)
            raise ValidationFailed([problem])
        project.status, project.finished_at, project.updated_at = "withdrawn", None, now
        for case in cases:
            request = session.get(ApprovalRequest, case.id)
            case.status, case.closed_at, case.updated_at = "closed", now, now
            session.add(
                CaseEvent(
                    case_id=case.id,
                    at=now,
                    actor=account.login,
                    action="withdrawn",
                    status="closed",
                    body=case.body,
                    reason=clean or None,
                    details={"round": request.round},
                    public=True,
                )
            )
            notify_owner(session, project, case.id, request.owner, now, MAIL_WITHDRAWN)
        record(session, account.login, "approval.withdraw", f"project {project_id}")
        session.flush()
        return shown_to(load_project(session, project.id, now), account)
