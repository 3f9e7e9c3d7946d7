"""The citizen's and the executor's JSON API of the feedback platform, /api/v1/cases.

A citizen's app files a case anonymously (`POST /cases`; an `Idempotency-Key` header makes a
retry return the first case: 201 with the tracking token the first time, 200 with the id
after), asks for similar open cases while the citizen types, and follows, rates or reopens its
case by the tracking token. Anyone reads a case's public view. An executor (bearer token, or
the session cookie with `X-CSRF-Token`) takes a step by its name and reads the applicant's
contact, which only the responsible body's operators may and which is audited.

No answer here carries personal data except `/cases/{id}/contact`, and the text only in the
body's own view or the citizen's, or when the citizen published it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Header, HTTPException, Path, Query, Response
from pydantic import BaseModel, Field

from tsifra.accounts.users import Account
from tsifra.cases.cases import (
    CaseDraft,
    ContactDraft,
    case_by_token,
    rate_case,
    read_case,
    read_contact,
    reopen_case,
    submit_case,
)
from tsifra.cases.cases import public_case as public_view
from tsifra.cases.similar import similar_open_cases
from tsifra.cases.views import CaseView
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.web.api.schemas import ErrorOut
from tsifra.web.deps import DB, writer
from tsifra.web.language import Lang
from tsifra.web.pages.case_words import category_name, status_name
from tsifra.web.pages.casework import STEPS, take_step

router = APIRouter(tags=["cases"])
CaseId = Annotated[int, Path(ge=1, le=2**31 - 1, description="the case's number")]
TrackToken = Annotated[str, Path(min_length=16, max_length=128, description="the tracking token")]
ERRORS = {404: {"model": ErrorOut}, 422: {"model": ErrorOut}}
WRITE_ERRORS = {401: {"model": ErrorOut}, 403: {"model": ErrorOut}, **ERRORS}


class ContactIn(BaseModel):
    """The applicant's contact: 59-ФЗ answers an appeal only with a surname and a postal or
    e-mail address (ст. 11); never shown to the public."""

    surname: str | None = Field(default=None, max_length=255)
    name: str | None = Field(default=None, max_length=255)
    email: str | None = Field(default=None, max_length=255)
    phone: str | None = Field(default=None, max_length=64)
    postal_address: str | None = Field(default=None, max_length=1000)


class CaseIn(BaseModel):
    kind: str = Field(default="appeal", max_length=16, description="appeal | message")
    category: str = Field(max_length=32, description="a category code (Open311 service_code)")
    region: str = Field(max_length=64, description="ISO 3166-2 code, e.g. RU-KLU")
    text: str = Field(max_length=8000, description="plain text, at most 4,000 characters")
    oktmo: str | None = Field(default=None, max_length=11)
    address: str | None = Field(default=None, max_length=500)
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    contact: ContactIn | None = None
    publish_text: bool = False
    show_name: bool = False


class SubmittedOut(BaseModel):
    id: int
    created: bool
    tracking_token: str | None = Field(
        description="the citizen's key to the case, given once (null on a repeat)"
    )
    tracking_path: str | None = None


class EventOut(BaseModel):
    at: datetime
    action: str
    status: str | None
    body: str | None
    reason: str | None


class FileOut(BaseModel):
    id: int
    purpose: str
    name: str
    media_type: str
    size: int


class CaseOut(BaseModel):
    """A case: its public view, or with `text` and `executor` for its body and its citizen."""

    id: int
    kind: str
    category: str
    category_name: str
    region: str
    oktmo: str | None
    status: str
    status_name: str
    body: str | None
    executor: str | None = None
    address: str | None
    latitude: float | None
    longitude: float | None
    text: str | None = None
    public_text: str | None
    public_name: str | None
    channel: str
    submitted_at: datetime
    register_by: datetime | None
    registered_at: datetime | None
    due_at: datetime | None
    extended_at: datetime | None
    forwarded_count: int
    first_response_at: datetime | None
    answered_at: datetime | None
    answer_text: str | None
    promised_on: date | None
    rating: int | None
    solved: bool | None
    reopened_count: int
    closed_at: datetime | None
    rejected_reason: str | None
    duplicate_of: int | None
    moderation: str | None
    moderation_reason: str | None
    updated_at: datetime
    events: list[EventOut]
    files: list[FileOut]


class SimilarOut(BaseModel):
    id: int
    category: str
    category_name: str
    status: str
    status_name: str
    address: str | None
    public_text: str | None
    distance_m: float | None
    similarity: float


class RatingIn(BaseModel):
    rating: int = Field(ge=1, le=5)
    solved: bool


class ReopenIn(BaseModel):
    reason: str = Field(min_length=1, max_length=2000)


class StepIn(BaseModel):
    """The fields of a step; each step reads its own: forward `body` and `reason`, extend
    `days` and `reason`, answer `text` and `promised_on`, duplicate `of_case`, reject and
    comment `reason`."""

    reason: str | None = Field(default=None, max_length=2000)
    body: str | None = Field(default=None, max_length=64)
    days: int | None = Field(default=None, ge=1, le=365)
    text: str | None = Field(default=None, max_length=8000)
    promised_on: date | None = None
    of_case: int | None = Field(default=None, ge=1, le=2**31 - 1)


class ContactOut(BaseModel):
    surname: str | None
    name: str | None
    email: str | None
    phone: str | None
    postal_address: str | None


def case_out(view: CaseView, lang: str, *, private: bool = False) -> CaseOut:
    """`private`: the view of the case's body or of its citizen, with the full text."""
    events = [
        EventOut(at=e.at, action=e.action, status=e.status, body=e.body, reason=e.reason)
        for e in view.events
        if private or e.public
    ]
    files = [
        FileOut(id=f.id, purpose=f.purpose, name=f.name, media_type=f.media_type, size=f.size)
        for f in view.files
        if not f.hidden_reason
    ]
    return CaseOut(
        id=view.id, kind=view.kind, category=view.category,
        category_name=category_name(view.category, lang), region=view.region, oktmo=view.oktmo,
        status=view.status, status_name=status_name(view.status, lang), body=view.body,
        executor=view.executor if private else None, address=view.address,
        latitude=view.latitude, longitude=view.longitude,
        text=view.text if private else None, public_text=view.public_text,
        public_name=view.public_name, channel=view.channel, submitted_at=view.submitted_at,
        register_by=view.register_by, registered_at=view.registered_at, due_at=view.due_at,
        extended_at=view.extended_at, forwarded_count=view.forwarded_count,
        first_response_at=view.first_response_at, answered_at=view.answered_at,
        answer_text=view.answer_text, promised_on=view.promised_on, rating=view.rating,
        solved=view.solved, reopened_count=view.reopened_count, closed_at=view.closed_at,
        rejected_reason=view.rejected_reason, duplicate_of=view.duplicate_of,
        moderation=view.moderation, moderation_reason=view.moderation_reason,
        updated_at=view.updated_at, events=events, files=files,
    )  # fmt: skip


@router.post(
    "/cases",
    response_model=SubmittedOut,
    status_code=201,
    responses={200: {"model": SubmittedOut, "description": "a repeat: the first case"}, **ERRORS},
)
def submit(
    engine: DB,
    response: Response,
    case: CaseIn,
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
) -> SubmittedOut:
    """File a case as a citizen; a retry with the same `Idempotency-Key` returns the first."""
    contact = ContactDraft(**case.contact.model_dump()) if case.contact else None
    draft = CaseDraft(
        kind=case.kind, category=case.category, region=case.region, text=case.text,
        oktmo=case.oktmo, address=case.address, latitude=case.latitude,
        longitude=case.longitude, contact=contact, publish_text=case.publish_text,
        show_name=case.show_name, channel="api",
    )  # fmt: skip
    key = f"api:{idempotency_key}" if idempotency_key else None
    submitted = submit_case(engine, draft, idempotency_key=key, actor="citizen")
    if not submitted.created:
        response.status_code = 200
    token = submitted.tracking_token
    return SubmittedOut(
        id=submitted.case_id,
        created=submitted.created,
        tracking_token=token,
        tracking_path=f"/appeals/track/{token}" if token else None,
    )


@router.get("/cases/similar", response_model=list[SimilarOut], responses=ERRORS)
def similar(
    engine: DB,
    lang: Lang,
    region: Annotated[str, Query(min_length=1, max_length=64)],
    category: Annotated[str, Query(min_length=1, max_length=32)],
    lat: Annotated[float | None, Query(ge=-90, le=90)] = None,
    lon: Annotated[float | None, Query(ge=-180, le=180)] = None,
    text: Annotated[str, Query(max_length=4000)] = "",
) -> list[SimilarOut]:
    """Open cases like the one being typed (same region and category group, near, alike in
    words): the citizen may follow one instead of filing another."""
    found = similar_open_cases(engine, region, category, lat, lon, text)
    return [
        SimilarOut(
            id=s.case.id,
            category=s.case.category,
            category_name=category_name(s.case.category, lang),
            status=s.case.status,
            status_name=status_name(s.case.status, lang),
            address=s.case.address,
            public_text=s.case.public_text,
            distance_m=None if s.distance_m is None else round(s.distance_m, 1),
            similarity=s.similarity,
        )
        for s in found
    ]


def _by_token(engine, token: str) -> CaseView:
    try:
        return case_by_token(engine, token)
    except ValidationFailed:
        raise HTTPException(404) from None


@router.get("/cases/track/{token}", response_model=CaseOut, responses=ERRORS)
def track(engine: DB, lang: Lang, token: TrackToken, response: Response) -> CaseOut:
    """The citizen's own case by its tracking token, with the text the citizen wrote."""
    response.headers["Cache-Control"] = "private, no-store"
    return case_out(_by_token(engine, token), lang, private=True)


@router.post("/cases/track/{token}/rating", response_model=CaseOut, responses=ERRORS)
def rate(engine: DB, lang: Lang, token: TrackToken, body: RatingIn, response: Response) -> CaseOut:
    _by_token(engine, token)
    response.headers["Cache-Control"] = "private, no-store"
    return case_out(rate_case(engine, token, body.rating, body.solved), lang, private=True)


@router.post("/cases/track/{token}/reopen", response_model=CaseOut, responses=ERRORS)
def reopen(
    engine: DB, lang: Lang, token: TrackToken, body: ReopenIn, response: Response
) -> CaseOut:
    _by_token(engine, token)
    response.headers["Cache-Control"] = "private, no-store"
    return case_out(reopen_case(engine, token, body.reason), lang, private=True)


@router.get("/cases/{case_id}", response_model=CaseOut, responses=ERRORS)
def public_case(engine: DB, lang: Lang, case_id: CaseId) -> CaseOut:
    """What anyone may see of a case: no name unless shown, no contact, text if published."""
    with _missing_is_404():
        return case_out(public_view(engine, case_id), lang)


@contextmanager
def _missing_is_404() -> Iterator[None]:
    """A case number that names no case is a 404, as any missing thing a path names."""
    try:
        yield
    except ValidationFailed as failed:
        if all(p.code == "case_unknown" for p in failed.problems):
            raise HTTPException(404) from None
        raise


Step = Annotated[str, Path(pattern="^(" + "|".join(STEPS) + ")$", description="the step")]


@router.post("/cases/{case_id}/{step}", response_model=CaseOut, responses=WRITE_ERRORS)
def step(
    engine: DB,
    lang: Lang,
    case_id: CaseId,
    step: Step,
    body: StepIn,
    account: Annotated[Account, Depends(writer("case_step"))],
) -> CaseOut:
    """An executor's step: register, take, forward, extend, answer, duplicate, reject, close,
    comment. Who may take it and from which status is the case core's to decide."""
    form = body.model_dump()
    problems = [
        Problem("feedback_field_required", path=field)
        for field, needed in (("days", "extend"), ("of_case", "duplicate"))
        if step == needed and form[field] is None
    ]
    if problems:
        raise ValidationFailed(problems)
    with _missing_is_404():
        take_step(engine, account, case_id, step, form)
    return case_out(read_case(engine, case_id, account), lang, private=True)


@router.get("/cases/{case_id}/contact", response_model=ContactOut, responses=WRITE_ERRORS)
def contact(
    engine: DB,
    case_id: CaseId,
    response: Response,
    account: Annotated[Account, Depends(writer("case_contact"))],
) -> ContactOut:
    """The applicant's contact, for the responsible body's operators only; every read is
    recorded (a `contact_read` event and the audit log)."""
    with _missing_is_404():
        found = read_contact(engine, account, case_id)
    response.headers["Cache-Control"] = "private, no-store"
    return ContactOut(
        surname=found.surname, name=found.name, email=found.email, phone=found.phone,
        postal_address=found.postal_address,
    )  # fmt: skip
