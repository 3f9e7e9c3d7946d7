"""Social-media incidents posted by a monitoring system (a webhook), and the links an operator
makes from an incident to the appeal on the same problem.

`POST /api/v1/incidents` takes one post as JSON with a bearer token of an operator of the post's
region (or an admin): 201 with the new case, or 200 with the first one when the same post (by
URL) was sent before, so a monitoring tool may retry freely. The answer holds the case's id, the
body it was routed to and when the reply is due; never the post's author.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Response
from pydantic import BaseModel, Field

from tsifra.accounts.users import Account
from tsifra.cases.incidents import (
    IncidentDraft,
    LinkSuggestion,
    link_incident,
    post_incident,
    suggest_links,
)
from tsifra.web.api.schemas import ErrorOut
from tsifra.web.deps import DB, CurrentUser, writer

router = APIRouter(tags=["incidents"])
ERRORS = {
    401: {"model": ErrorOut},
    403: {"model": ErrorOut},
    422: {"model": ErrorOut},
}
CaseId = Annotated[int, Path(ge=1, le=2**31 - 1)]


class IncidentIn(BaseModel):
    url: str = Field(max_length=1000, description="the post's address (its identity)")
    network: str = Field(max_length=32, description="vk, ok, telegram, max, dzen, …")
    author: str | None = Field(None, max_length=255, description="the public handle")
    text: str = Field(max_length=4000)
    found_at: datetime = Field(description="when the monitoring found it; UTC unless an offset")
    region: str = Field(max_length=64)
    category: str = Field(max_length=32, description="a leaf of the category tree")
    oktmo: str | None = Field(None, max_length=11)
    address: str | None = Field(None, max_length=500)


class IncidentOut(BaseModel):
    id: int
    created: bool  # False: the same post was sent before; this is its case
    body: str | None  # None: the region's triage queue
    due_at: datetime | None  # the official reply's deadline, naive UTC


class LinkIn(BaseModel):
    appeal_id: int = Field(ge=1, le=2**31 - 1)


class SuggestionOut(BaseModel):
    case_id: int
    kind: str
    category: str
    status: str
    submitted_at: datetime
    similarity: float


@router.post(
    "/incidents",
    response_model=IncidentOut,
    status_code=201,
    responses=ERRORS | {200: {"model": IncidentOut}},
)
def post(
    engine: DB,
    account: Annotated[Account, Depends(writer("incident.post"))],
    body: IncidentIn,
    response: Response,
) -> IncidentOut:
    """One post found by the monitoring; a retry of the same URL returns the first case."""
    posted = post_incident(engine, account, IncidentDraft(**body.model_dump()))
    if not posted.created:
        response.status_code = 200
    return IncidentOut(
        id=posted.case_id, created=posted.created, body=posted.body, due_at=posted.due_at
    )


@router.get(
    "/incidents/{case_id}/suggestions", response_model=list[SuggestionOut], responses=ERRORS
)
def suggestions(engine: DB, account: CurrentUser, case_id: CaseId) -> list[SuggestionOut]:
    """Open appeals of the incident's region and category with a like text, likest first."""
    return [_suggestion(s) for s in suggest_links(engine, case_id, account=account)]


@router.post("/incidents/{case_id}/link", status_code=204, responses=ERRORS)
def link(
    engine: DB,
    account: Annotated[Account, Depends(writer("incident.link"))],
    case_id: CaseId,
    body: LinkIn,
) -> Response:
    """Mark the incident as the same problem as an appeal of its region."""
    link_incident(engine, account, case_id, body.appeal_id)
    return Response(status_code=204)


def _suggestion(s: LinkSuggestion) -> SuggestionOut:
    return SuggestionOut(**s.__dict__)
