"""The work queues of bodies as JSON: a body's open cases (what is due first at the top, with
the time left) and a region's triage queue of cases no rule routed.

Read with a bearer token or the session cookie; who may read which queue is
`cases.queues`' decision (a refusal is a 403, recorded). No applicant's contact is in a
queue, and the text is only its first 200 characters.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel

from tsifra.cases.queues import (
    MAX_LIMIT,
    Queue,
    QueueItem,
    body_queue,
    category_name,
    left_words,
    triage_queue,
)
from tsifra.web.api.schemas import ErrorOut
from tsifra.web.deps import DB, CurrentUser
from tsifra.web.language import Lang

router = APIRouter(tags=["queues"])
ERRORS = {401: {"model": ErrorOut}, 403: {"model": ErrorOut}, 422: {"model": ErrorOut}}
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
Offset = Annotated[int, Query(ge=0, le=2**31 - 1)]


class QueueItemOut(BaseModel):
    id: int
    kind: str
    category: str
    category_name: str  # in the reader's language
    oktmo: str | None
    status: str
    body: str | None
    executor: str | None
    address: str | None
    channel: str
    submitted_at: datetime
    step: str  # what is due: register | answer
    due: datetime | None  # naive UTC
    seconds_left: int | None  # negative: overdue
    overdue: bool
    left: str  # the time left in words, in the reader's language
    forwarded_count: int
    reopened_count: int
    extended: bool
    text: str  # the first 200 characters


class QueueOut(BaseModel):
    region: str
    body: str | None  # None: the region's triage queue
    body_name: str | None
    total: int
    overdue: int
    limit: int
    offset: int
    items: list[QueueItemOut]


def _item(item: QueueItem, lang: str) -> QueueItemOut:
    seconds = None if item.left is None else int(item.left.total_seconds())
    fields = {k: getattr(item, k) for k in QueueItemOut.model_fields if hasattr(item, k)}
    named = {"category_name": category_name(item.category, lang)}
    left = {"seconds_left": seconds, "left": left_words(item.left, lang)}
    return QueueItemOut(**fields | named | left)


def queue_out(queue: Queue, lang: str) -> QueueOut:
    return QueueOut(
        region=queue.region,
        body=queue.body.code if queue.body else None,
        body_name=queue.body.name(lang) if queue.body else None,
        total=queue.total,
        overdue=queue.overdue,
        limit=queue.limit,
        offset=queue.offset,
        items=[_item(i, lang) for i in queue.items],
    )


@router.get("/queues/triage/{region}", response_model=QueueOut, responses=ERRORS)
def triage(
    engine: DB,
    account: CurrentUser,
    lang: Lang,
    region: Annotated[str, Path(max_length=64)],
    limit: Limit = 50,
    offset: Offset = 0,
) -> QueueOut:
    """A region's open cases that no body holds, for its operators without a body."""
    return queue_out(triage_queue(engine, account, region, limit=limit, offset=offset), lang)


@router.get("/queues/{body}", response_model=QueueOut, responses=ERRORS)
def queue(
    engine: DB,
    account: CurrentUser,
    lang: Lang,
    body: Annotated[str, Path(max_length=64)],
    limit: Limit = 50,
    offset: Offset = 0,
) -> QueueOut:
    """A body's open cases, overdue first, then by the time left to the step now due."""
    return queue_out(body_queue(engine, account, body, limit=limit, offset=offset), lang)
