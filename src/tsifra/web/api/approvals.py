"""Approvals over the API: file a project, list, read, add documents, revise after a refusal,
the owner's queue and its answer.

Every route needs an account (a bearer token, or the session cookie with `X-CSRF-Token` for a
write); the services decide who may (`approvals.policy`) and record refusals, so a route only
shapes JSON. Documents travel as base64 in JSON (`POST /approvals`, `…/revision`) or as a
multipart form (`…/documents`); every one is checked by its first bytes. An `Idempotency-Key`
header makes a retried filing return the project filed first.
"""

from __future__ import annotations

import base64
import binascii
import re
from datetime import date, datetime
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Header, Path, Query, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, Field

from tsifra.accounts.users import Account
from tsifra.approvals.answers import answer_request, revise_project, withdraw_project
from tsifra.approvals.projects import (
    DocumentDraft,
    ProjectDraft,
    ProjectRow,
    add_documents,
    document_bytes,
    file_project,
    list_projects,
    read_project,
)
from tsifra.approvals.queues import owner_queue
from tsifra.approvals.views import ProjectView
from tsifra.approvals.vocabulary import DECISION_NAMES, EVENT_NAMES, STATUS_NAMES, WORKS_NAMES
from tsifra.kernel.language import word
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.web.api.schemas import ErrorOut
from tsifra.web.deps import DB, CurrentUser, writer
from tsifra.web.language import Lang

router = APIRouter(tags=["approvals"])
ERRORS = {
    401: {"model": ErrorOut},
    403: {"model": ErrorOut},
    404: {"model": ErrorOut},
    422: {"model": ErrorOut},
}
ProjectId = Annotated[int, Path(ge=1, le=2**31 - 1, description="the project's number")]
CaseId = Annotated[int, Path(ge=1, le=2**31 - 1, description="the owner's request (its case)")]
DocumentId = Annotated[int, Path(ge=1, le=2**31 - 1)]


class DocumentIn(BaseModel):
    name: str = Field(min_length=1, max_length=255)
    content_base64: str = Field(description="the file's bytes in base64 (PDF, DWG, PNG, JPEG)")


class ProjectIn(BaseModel):
    region: str = Field(max_length=64, description="ISO 3166-2 code, e.g. RU-TA")
    works: str = Field(max_length=32, description="new_network | excavation | connection | …")
    title: str = Field(max_length=1000)
    geometry: dict[str, Any] = Field(description="a GeoJSON geometry, WGS 84 longitude/latitude")
    applicant_name: str = Field(max_length=1000, description="the company or the person")
    applicant_inn: str | None = Field(default=None, max_length=12)
    description: str = Field(default="", max_length=8000)
    starts_on: date | None = None
    ends_on: date | None = None
    documents: list[DocumentIn] = Field(default=[], max_length=20)


class RevisionIn(BaseModel):
    note: str | None = Field(default=None, max_length=4000)
    documents: list[DocumentIn] = Field(min_length=1, max_length=20)


class WithdrawalIn(BaseModel):
    reason: str | None = Field(default=None, max_length=4000)


class AnswerIn(BaseModel):
    decision: str = Field(max_length=16, description="approved | conditions | refused")
    text: str | None = Field(
        default=None, max_length=20000, description="the conditions or the reasons of a refusal"
    )


class CreatedOut(BaseModel):
    id: int


class OwnerOut(BaseModel):
    owner: str
    name: str
    case_id: int
    decision: str | None = Field(description="null while awaited; silence: consent by silence")
    decision_name: str
    conditions: str | None
    round: int
    sent_at: datetime
    due_at: datetime | None
    decided_at: datetime | None
    overdue: bool


class DocumentOut(BaseModel):
    id: int
    round: int
    name: str
    media_type: str
    size: int
    sha256: str
    uploaded_at: datetime


class EventOut(BaseModel):
    at: datetime
    owner: str
    case_id: int
    action: str
    action_name: str
    round: int | None
    decision: str | None
    actor: str | None
    reason: str | None


class ProjectOut(BaseModel):
    id: int
    region: str
    applicant: str
    applicant_name: str
    applicant_inn: str | None
    works: str
    works_name: str
    title: str
    description: str
    geometry: dict[str, Any]
    bounds: list[float] = Field(description="min_lon, min_lat, max_lon, max_lat")
    starts_on: date | None
    ends_on: date | None
    status: str
    status_name: str
    round: int
    terms: dict[str, Any] = Field(description="the terms that applied: days, silence, version")
    filed_at: datetime
    finished_at: datetime | None
    due_at: datetime | None = Field(description="the latest deadline of the owners awaited")
    total_seconds: float | None = Field(description="filing to the last answer, once approved")
    proposed_by: str | None
    owners: list[OwnerOut]
    documents: list[DocumentOut]
    events: list[EventOut]


class ProjectRowOut(BaseModel):
    id: int
    region: str
    title: str
    works: str
    works_name: str
    applicant_name: str
    status: str
    status_name: str
    round: int
    filed_at: datetime
    finished_at: datetime | None
    owners: int
    decided: int
    overdue: int
    due_at: datetime | None


class RequestOut(BaseModel):
    case_id: int
    project_id: int
    owner: str
    title: str
    works: str
    works_name: str
    region: str
    applicant_name: str
    round: int = Field(description="more than 1: a revision after this owner's refusal")
    sent_at: datetime
    due_at: datetime | None
    overdue: bool


def project_out(view: ProjectView, lang: str) -> ProjectOut:
    return ProjectOut(
        id=view.id,
        region=view.region,
        applicant=view.applicant,
        applicant_name=view.applicant_name,
        applicant_inn=view.applicant_inn,
        works=view.works,
        works_name=word(WORKS_NAMES[view.works], lang),
        title=view.title,
        description=view.description,
        geometry=view.geometry,
        bounds=list(view.bounds),
        starts_on=view.starts_on,
        ends_on=view.ends_on,
        status=view.status,
        status_name=word(STATUS_NAMES[view.status], lang),
        round=view.round,
        terms=view.terms,
        filed_at=view.filed_at,
        finished_at=view.finished_at,
        due_at=view.due_at,
        total_seconds=view.total_seconds,
        proposed_by=view.proposed_by,
        owners=[
            OwnerOut(
                **{k: getattr(o, k) for k in OwnerOut.model_fields if k != "decision_name"},
                decision_name=word(DECISION_NAMES[o.decision], lang),
            )
            for o in view.owners
        ],
        documents=[DocumentOut.model_validate(d, from_attributes=True) for d in view.documents],
        events=[
            EventOut(
                **{k: getattr(e, k) for k in EventOut.model_fields if k != "action_name"},
                action_name=word(EVENT_NAMES[e.action], lang),
            )
            for e in view.events
        ],
    )


def _row_out(row: ProjectRow, lang: str) -> ProjectRowOut:
    names = ("works_name", "status_name")
    fields = {k: getattr(row, k) for k in ProjectRowOut.model_fields if k not in names}
    return ProjectRowOut(
        **fields,
        works_name=word(WORKS_NAMES[row.works], lang),
        status_name=word(STATUS_NAMES[row.status], lang),
    )


def _documents(documents: list[DocumentIn]) -> tuple[DocumentDraft, ...]:
    """Base64 decoded; a document that is no base64 is a located problem."""
    found, problems = [], []
    for i, document in enumerate(documents):
        try:
            data = base64.b64decode(document.content_base64, validate=True)
        except (binascii.Error, ValueError):
            problems.append(Problem("appr_document_base64", path=f"documents[{i}]"))
            continue
        found.append(DocumentDraft(document.name, data))
    if problems:
        raise ValidationFailed(problems)
    return tuple(found)


@router.post("/approvals", response_model=CreatedOut, status_code=201, responses=ERRORS)
def file_approval(
    engine: DB,
    body: ProjectIn,
    account: Annotated[Account, Depends(writer("approval.file"))],
    idempotency_key: Annotated[str | None, Header(max_length=150)] = None,
) -> CreatedOut:
    """File a project: it goes at once to every network owner whose zone it touches."""
    draft = ProjectDraft(
        region=body.region,
        works=body.works,
        title=body.title,
        geometry=body.geometry,
        applicant_name=body.applicant_name,
        applicant_inn=body.applicant_inn,
        description=body.description,
        starts_on=body.starts_on,
        ends_on=body.ends_on,
        documents=_documents(body.documents),
    )
    project_id = file_project(
        engine, draft, account=account, idempotency_key=idempotency_key, channel="api"
    )
    return CreatedOut(id=project_id)


@router.get("/approvals", response_model=list[ProjectRowOut], responses=ERRORS)
def approvals_list(
    engine: DB,
    account: CurrentUser,
    lang: Lang,
    region: Annotated[str | None, Query(max_length=64)] = None,
    status: Annotated[str | None, Query(max_length=16)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
) -> list[ProjectRowOut]:
    """The projects the account may read, newest first."""
    rows = list_projects(
        engine, account=account, region=region, status=status, limit=limit, offset=offset
    )
    return [_row_out(r, lang) for r in rows]


@router.get("/approvals/queue", response_model=list[RequestOut], responses=ERRORS)
def approvals_queue(
    engine: DB,
    account: CurrentUser,
    lang: Lang,
    body: Annotated[str | None, Query(max_length=64, description="an admin names it")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
) -> list[RequestOut]:
    """The owner's requests still awaited, the overdue first, then by deadline."""
    rows = owner_queue(engine, account, body=body, limit=limit, offset=offset)
    return [
        RequestOut(
            **{k: getattr(r, k) for k in RequestOut.model_fields if k != "works_name"},
            works_name=word(WORKS_NAMES[r.works], lang),
        )
        for r in rows
    ]


@router.get("/approvals/{project_id}", response_model=ProjectOut, responses=ERRORS)
def approval_read(
    engine: DB, account: CurrentUser, lang: Lang, project_id: ProjectId
) -> ProjectOut:
    """A project with each owner's state and deadline, its documents and every event."""
    return project_out(read_project(engine, project_id, account=account), lang)


@router.get("/approvals/{project_id}/documents/{document_id}", responses=ERRORS)
def approval_document(
    engine: DB, account: CurrentUser, project_id: ProjectId, document_id: DocumentId
) -> Response:
    """A document's bytes, for whoever may read the project."""
    view, data = document_bytes(engine, project_id, document_id, account=account)
    ascii_name = re.sub(r"[^A-Za-z0-9_.-]", "_", view.name)
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(view.name)}"
    headers = {"Content-Disposition": disposition, "X-Content-Type-Options": "nosniff"}
    return Response(data, media_type=view.media_type, headers=headers)


@router.post("/approvals/{project_id}/documents", response_model=ProjectOut, responses=ERRORS)
async def approval_documents(
    engine: DB,
    lang: Lang,
    project_id: ProjectId,
    files: Annotated[list[UploadFile], File(description="PDF, DWG, PNG or JPEG")],
    account: Annotated[Account, Depends(writer("approval.documents"))],
) -> ProjectOut:
    """More documents for the round under review."""
    drafts = [DocumentDraft(f.filename or "file", await f.read()) for f in files]
    view = add_documents(engine, project_id, drafts, account=account)
    return project_out(view, lang)


@router.post("/approvals/{project_id}/revision", response_model=ProjectOut, responses=ERRORS)
def approval_revision(
    engine: DB,
    lang: Lang,
    project_id: ProjectId,
    body: RevisionIn,
    account: Annotated[Account, Depends(writer("approval.revise"))],
) -> ProjectOut:
    """Revised documents after a refusal: only the owners who refused get them."""
    view = revise_project(
        engine, project_id, _documents(body.documents), account=account, note=body.note
    )
    return project_out(view, lang)


@router.post("/approvals/{project_id}/withdrawal", response_model=ProjectOut, responses=ERRORS)
def approval_withdrawal(
    engine: DB,
    lang: Lang,
    project_id: ProjectId,
    body: WithdrawalIn,
    account: Annotated[Account, Depends(writer("approval.withdraw"))],
) -> ProjectOut:
    """The applicant gives the project up; the owners still awaited are told."""
    view = withdraw_project(engine, project_id, account=account, reason=body.reason)
    return project_out(view, lang)


@router.post("/approvals/requests/{case_id}/answer", response_model=ProjectOut, responses=ERRORS)
def approval_answer(
    engine: DB,
    lang: Lang,
    case_id: CaseId,
    body: AnswerIn,
    account: Annotated[Account, Depends(writer("approval.answer"))],
) -> ProjectOut:
    """An owner's decision: approved, approved with conditions, or refused with reasons."""
    view = answer_request(engine, case_id, body.decision, account=account, text=body.text)
    return project_out(view, lang)
