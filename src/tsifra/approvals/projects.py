"""Filing a project for approval, reading it, listing projects.

Filing finds every owner whose zone the geometry touches (`approvals.owners.owners_for`, in the
project's region) and sends the approval to all of them at once: one case of kind `approval` per
owner on the case core, held by the owner's body (so it sits in the owner's queue like any
case), with its deadline in working days from the region's terms (`approvals.terms`,
`cases.deadlines`), its `sent` event, and a notice to the owner's e-mail through the outbox —
all in one transaction with the project, its requests and its documents. Everything is checked
first (every problem located), so a bad document or geometry writes nothing.

Filing is idempotent: an applicant's `idempotency_key` (namespaced by its login) returns the
project filed first; a concurrent duplicate loses on the unique index and returns the winner.
A geometry that touches no owner's zone is refused: it needs no approval, and a project with
nobody to answer would wait for ever.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Engine, func, select
from sqlalchemy import case as when
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tsifra.accounts.users import Account, can_file_approval, record_refusal
from tsifra.approvals.documents import (
    DocumentDraft,
    DocumentView,
    checked_documents,
    document_path,
    document_view,
    keep_documents,
)
from tsifra.approvals.policy import can_read_project, shown_to
from tsifra.approvals.terms import bundled_terms
from tsifra.approvals.views import ProjectView, load_project, unknown_project
from tsifra.approvals.vocabulary import CASE_KIND, STATUSES, WORKS
from tsifra.cases import deadlines
from tsifra.cases.texts import one_line, plain_text
from tsifra.kernel.language import word, word_key
from tsifra.kernel.problems import Forbidden, Problem, ValidationFailed
from tsifra.outbox.outbox import enqueue
from tsifra.store import (
    ApprovalDocument,
    ApprovalProject,
    ApprovalRequest,
    Body,
    Case,
    CaseEvent,
    Unit,
    session_scope,
    utcnow,
)
from tsifra.store.audit import record

__all__ = ["DocumentDraft", "ProjectDraft", "ProjectRow", "file_project", "list_projects"]

TITLE_LIMIT = 300
DESCRIPTION_LIMIT = 3600  # the case's text is the title and the description, ≤ 4,000
NAME_LIMIT = 500
KEY_LIMIT = 150
MAX_LIMIT = 500
CHANNELS = ("web", "api", "proactive")
MAIL_LANG = "ru"  # owners are Russian bodies; their notices are in Russian
MAIL_SENT = (word_key("appr_mail_sent_subject"), word_key("appr_mail_sent_body"))


@dataclass(frozen=True)
class ProjectDraft:
    region: str
    works: str
    title: str
    geometry: dict | str
    applicant_name: str
    applicant_inn: str | None = None
    description: str = ""
    starts_on: date | None = None
    ends_on: date | None = None
    documents: tuple[DocumentDraft, ...] = ()


@dataclass(frozen=True)
class ProjectRow:
    id: int
    region: str
    title: str
    works: str
    applicant_name: str
    status: str
    round: int
    filed_at: datetime
    finished_at: datetime | None
    owners: int
    decided: int
    overdue: int
    due_at: datetime | None  # the latest deadline among the owners still awaited


@dataclass(frozen=True)
class _Place:
    geojson: str
    bounds: tuple[float, float, float, float]
    point: tuple[float, float]  # lon, lat
    shape: object


def _place(value: dict | str) -> _Place:
    from tsifra.approvals.geometry import bounds, parse_geometry, representative, to_geojson

    shape = parse_geometry(value, where="geometry")
    return _Place(to_geojson(shape), bounds(shape), representative(shape), shape)


def _owners(engine: Engine, shape: object, region: str) -> list:
    from tsifra.approvals.owners import owners_for

    return owners_for(engine, shape, region=region)


def _text_problem(value: object, field: str, limit: int, required: bool) -> list[Problem]:
    text = plain_text(value) if isinstance(value, str) else None
    if not text:
        return [Problem("appr_field_empty", path=field)] if required else []
    if len(text) > limit:
        params = {"limit": limit, "count": len(text)}
        return [Problem("appr_field_too_long", path=field, params=params)]
    return []


def draft_problems(draft: ProjectDraft) -> list[Problem]:
    """Everything wrong with a draft that needs neither the database nor the geometry."""
    found: list[Problem] = []
    if draft.works not in WORKS:
        expected = {"expected": ", ".join(WORKS)}
        found.append(Problem("appr_works", path="works", value=draft.works, params=expected))
    found += _text_problem(draft.title, "title", TITLE_LIMIT, True)
    found += _text_problem(draft.description or "", "description", DESCRIPTION_LIMIT, False)
    found += _text_problem(draft.applicant_name, "applicant_name", NAME_LIMIT, True)
    inn = (draft.applicant_inn or "").strip()
    if inn and not (inn.isdigit() and inn.isascii() and len(inn) in (10, 12)):
        found.append(Problem("appr_inn", path="applicant_inn", value=inn))
    for field in ("starts_on", "ends_on"):
        value = getattr(draft, field)
        if value is not None and (not isinstance(value, date) or isinstance(value, datetime)):
            found.append(Problem("appr_date", path=field, value=value))
    if (
        isinstance(draft.starts_on, date)
        and isinstance(draft.ends_on, date)
        and draft.ends_on < draft.starts_on
    ):
        found.append(Problem("appr_dates_order", path="ends_on", value=draft.ends_on))
    return found


def _checked(engine: Engine, draft: ProjectDraft, key: str | None):
    problems = draft_problems(draft)
    if key is not None and (len(key) > KEY_LIMIT or not key.isprintable()):
        problems.append(
            Problem("appr_idempotency_key", path="idempotency_key", params={"limit": KEY_LIMIT})
        )
    with session_scope(engine) as session:
        known = session.scalar(
            select(Unit.code).where(Unit.code == draft.region, Unit.kind == "region")
        )
    if known is None:
        problems.append(Problem("appr_region", path="region", value=draft.region))
    place = None
    try:
        place = _place(draft.geometry)
    except ValidationFailed as wrong:
        problems += wrong.problems
    try:
        documents = checked_documents(tuple(draft.documents))
    except ValidationFailed as wrong:
        problems += wrong.problems
        documents = []
    if problems:
        raise ValidationFailed(problems)
    return place, documents


def _existing(engine: Engine, stored_key: str | None) -> int | None:
    if stored_key is None:
        return None
    with session_scope(engine) as session:
        return session.scalar(
            select(ApprovalProject.id).where(ApprovalProject.idempotency_key == stored_key)
        )


def file_project(
    engine: Engine,
    draft: ProjectDraft,
    *,
    account: Account,
    idempotency_key: str | None = None,
    channel: str = "web",
    now: datetime | None = None,
    proposed_by: str | None = None,
) -> int:
    """File a project and send it to every owner it touches; returns the project's id (the
    first one's on a retry with the same key)."""
    if not can_file_approval(account):
        record_refusal(engine, account, "approval.file", f"region {draft.region}")
        raise Forbidden("approval.file")
    now = now or utcnow()
    key = (idempotency_key or "").strip() or None
    stored_key = None if key is None else f"{account.login}:{key}"
    earlier = _existing(engine, stored_key) if key is not None and len(key) <= KEY_LIMIT else None
    if earlier is not None:
        return earlier
    place, documents = _checked(engine, draft, key)
    hits = _owners(engine, place.shape, draft.region)
    if not hits:
        raise ValidationFailed([Problem("appr_no_owners", path="geometry")])
    terms = bundled_terms().for_project(draft.region, draft.works)
    try:
        with session_scope(engine) as session:
            project = ApprovalProject(
                region=draft.region,
                applicant=account.login,
                applicant_name=one_line(draft.applicant_name),
                applicant_inn=(draft.applicant_inn or "").strip() or None,
                works=draft.works,
                title=one_line(draft.title),
                description=plain_text(draft.description or "") or "",
                geometry=place.geojson,
                min_lon=place.bounds[0],
                min_lat=place.bounds[1],
                max_lon=place.bounds[2],
                max_lat=place.bounds[3],
                starts_on=draft.starts_on,
                ends_on=draft.ends_on,
                status="under_review",
                round=1,
                terms=terms,
                filed_at=now,
                channel=channel if channel in CHANNELS else "web",
                idempotency_key=stored_key,
                proposed_by=proposed_by,
                updated_at=now,
            )
            session.add(project)
            session.flush()
            for hit in hits:
                _send(session, project, hit.owner, place.point, account.login, now)
            keep_documents(session, project.id, 1, documents, by=account.login, now=now)
            record(
                session,
                account.login,
                "approval.file",
                f"project {project.id}",
                {"owners": [h.owner for h in hits]},
            )
            return project.id
    except IntegrityError:
        winner = _existing(engine, stored_key)
        if winner is None:
            raise
        return winner


def case_text(project: ApprovalProject) -> str:
    """The case's text: the project's title and description (at most 4,000 characters)."""
    text = project.title if not project.description else f"{project.title}\n\n{project.description}"
    return text[:4000]


def _send(
    session: Session,
    project: ApprovalProject,
    owner: str,
    point: tuple[float, float],
    actor: str,
    now: datetime,
) -> None:
    """One owner's case, request, `sent` event and notice, in the filing's transaction."""
    due = deadlines.due_after(CASE_KIND, now, project.terms["days"])
    lon, lat = point
    case = Case(
        kind=CASE_KIND,
        category=f"approval.{project.works}",
        region=project.region,
        oktmo=project.oktmo,
        text=case_text(project),
        latitude=lat,
        longitude=lon,
        channel=project.channel,
        status="in_progress",
        body=owner,
        submitted_at=now,
        registered_at=now,
        due_at=due,
        tracking_sha256=hashlib.sha256(secrets.token_bytes(32)).hexdigest(),
        content_sha256=hashlib.sha256(f"approval:{project.id}:{owner}".encode()).hexdigest(),
        idempotency_key=f"approval:{project.id}:{owner}",
        updated_at=now,
    )
    session.add(case)
    session.flush()
    session.add(
        ApprovalRequest(case_id=case.id, project_id=project.id, owner=owner, round=1, sent_at=now)
    )
    session.add(
        CaseEvent(
            case_id=case.id,
            at=now,
            actor=actor,
            action="sent",
            status="in_progress",
            body=owner,
            details={"round": 1},
            public=True,
        )
    )
    notify_owner(session, project, case.id, owner, due, MAIL_SENT)


def notify_owner(
    session: Session,
    project: ApprovalProject,
    case_id: int,
    owner: str,
    due: datetime,
    keys: tuple[str, str],
) -> bool:
    """A notice to the owner's e-mail (`keys`: the subject's and the text's catalogue keys),
    once per case and round; none without an address."""
    email = session.scalar(select(Body.email).where(Body.code == owner))
    if not email:
        return False
    day = deadlines.moscow_day(due)
    subject = word(keys[0], MAIL_LANG, id=project.id)
    body = word(
        keys[1],
        MAIL_LANG,
        id=project.id,
        case=case_id,
        title=project.title,
        applicant=project.applicant_name,
        due=day,
    )
    key = f"approval:{case_id}:{keys[0]}:{project.round}"  # once per case, notice and round
    return enqueue(session, key, email, subject, body)


def read_project(
    engine: Engine, project_id: int, *, account: Account, now: datetime | None = None
) -> ProjectView:
    """A project with its owners, documents and events, for those who may read it; overdue
    owners whose silence is consent are recorded first, so the reader sees the state as of
    now."""
    from tsifra.approvals.answers import lapse_overdue

    now = now or utcnow()
    lapse_overdue(engine, now=now)
    with session_scope(engine) as session:
        view = load_project(session, project_id, now)
    if not can_read_project(account, view.applicant, view.region, [o.owner for o in view.owners]):
        record_refusal(engine, account, "approval.read", f"project {project_id}")
        raise Forbidden(f"project {project_id}")
    return shown_to(view, account)


def list_projects(
    engine: Engine,
    *,
    account: Account,
    region: str | None = None,
    status: str | None = None,
    limit: int = 50,
    offset: int = 0,
    now: datetime | None = None,
) -> list[ProjectRow]:
    """The projects `account` may read, newest first: an applicant's own; those holding a
    request of an operator's body; a region's for its operators without a body; all for an
    admin. Analysts and viewers are refused."""
    from tsifra.approvals.answers import lapse_overdue

    problems = []
    if status is not None and status not in STATUSES:
        expected = {"expected": ", ".join(STATUSES)}
        problems.append(Problem("appr_status", path="status", value=status, params=expected))
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        problems.append(Problem("appr_limit", path="limit", value=limit, params={"max": MAX_LIMIT}))
    if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
        problems.append(Problem("appr_offset", path="offset", value=offset))
    if problems:
        raise ValidationFailed(problems)
    role = None if account is None else account.role
    own_region = role == "operator" and account.body is None
    if role not in ("admin", "applicant", "operator") or (
        own_region and region is not None and region != account.region
    ):
        record_refusal(engine, account, "approval.list", f"region {region}")
        raise Forbidden("approval.list")
    now = now or utcnow()
    lapse_overdue(engine, now=now)
    query = select(ApprovalProject)
    if role == "applicant":
        query = query.where(ApprovalProject.applicant == account.login)
    elif role == "operator" and account.body is not None:
        held = select(ApprovalRequest.project_id).where(ApprovalRequest.owner == account.body)
        query = query.where(ApprovalProject.id.in_(held))
    elif own_region:
        query = query.where(ApprovalProject.region == account.region)
    if region is not None:
        query = query.where(ApprovalProject.region == region)
    if status is not None:
        query = query.where(ApprovalProject.status == status)
    query = query.order_by(ApprovalProject.filed_at.desc(), ApprovalProject.id.desc())
    with session_scope(engine) as session:
        projects = session.scalars(query.limit(limit).offset(offset)).all()
        counts = _counts(session, [p.id for p in projects], now)
        return [_row(p, counts.get(p.id, (0, 0, 0, None))) for p in projects]


def _counts(session: Session, ids: list[int], now: datetime) -> dict[int, tuple]:
    if not ids:
        return {}
    awaited = ApprovalRequest.decision.is_(None)
    rows = session.execute(
        select(
            ApprovalRequest.project_id,
            func.count(),
            func.count(ApprovalRequest.decision),
            func.sum(when((awaited & (Case.due_at < now), 1), else_=0)),
            func.max(when((awaited, Case.due_at), else_=None)),
        )
        .join(Case, Case.id == ApprovalRequest.case_id)
        .where(ApprovalRequest.project_id.in_(ids))
        .group_by(ApprovalRequest.project_id)
    ).all()
    return {r[0]: (r[1], r[2], r[3] or 0, r[4]) for r in rows}


def _row(p: ApprovalProject, counts: tuple) -> ProjectRow:
    owners, decided, overdue, due = counts
    return ProjectRow(
        id=p.id,
        region=p.region,
        title=p.title,
        works=p.works,
        applicant_name=p.applicant_name,
        status=p.status,
        round=p.round,
        filed_at=p.filed_at,
        finished_at=p.finished_at,
        owners=owners,
        decided=decided,
        overdue=overdue,
        due_at=due,
    )


def project_or_missing(session: Session, project_id: int) -> ApprovalProject:
    project = session.get(ApprovalProject, project_id) if isinstance(project_id, int) else None
    if project is None:
        raise unknown_project(project_id)
    return project


def add_documents(
    engine: Engine,
    project_id: int,
    documents: tuple[DocumentDraft, ...] | list[DocumentDraft],
    *,
    account: Account,
    now: datetime | None = None,
) -> ProjectView:
    """More documents for the round under review (an owner asked for a missing sheet): the
    applicant's, while the project is under review; a refusal is answered by a revision."""
    from tsifra.approvals.policy import can_revise_project

    with session_scope(engine) as session:
        applicant = project_or_missing(session, project_id).applicant
    if not can_revise_project(account, applicant):
        record_refusal(engine, account, "approval.documents", f"project {project_id}")
        raise Forbidden(f"project {project_id}")
    problems = [] if documents else [Problem("appr_revision_documents", path="documents")]
    try:
        checked = checked_documents(tuple(documents))
    except ValidationFailed as wrong:
        problems += wrong.problems
    if problems:
        raise ValidationFailed(problems)
    now = now or utcnow()
    with session_scope(engine) as session:
        project = session.get(ApprovalProject, project_id)
        if project.status != "under_review":
            problem = Problem("appr_not_under_review", path="project", value=project.status)
            raise ValidationFailed([problem])
        keep_documents(session, project.id, project.round, checked, by=account.login, now=now)
        project.updated_at = now
        record(session, account.login, "approval.documents", f"project {project_id}")
        session.flush()
        return shown_to(load_project(session, project.id, now), account)


def document_bytes(
    engine: Engine, project_id: int, document_id: int, *, account: Account
) -> tuple[DocumentView, bytes]:
    """A project's document for whoever may read the project (the owners read the drawings
    they decide on)."""
    with session_scope(engine) as session:
        project = project_or_missing(session, project_id)
        owners = session.scalars(
            select(ApprovalRequest.owner).where(ApprovalRequest.project_id == project_id)
        ).all()
        row = session.get(ApprovalDocument, document_id) if isinstance(document_id, int) else None
        applicant, region = project.applicant, project.region
        view = None if row is None or row.project_id != project_id else document_view(row)
    if not can_read_project(account, applicant, region, owners):
        record_refusal(engine, account, "approval.document", f"project {project_id}")
        raise Forbidden(f"project {project_id}")
    if view is None:
        problem = Problem("appr_document_unknown", path="document", value=document_id)
        raise ValidationFailed([problem])
    return view, document_path(view.sha256).read_bytes()
