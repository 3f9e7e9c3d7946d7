"""Proactive notices and subscriptions over the API: public flood warnings by municipality, and
a resident's subscription (double opt-in: the answer is the same whoever asks, the confirmation
goes by e-mail only, and the route is limited per address with the case submissions,
`web.ratelimits`)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel, Field

from tsifra.kernel.language import word
from tsifra.proactive.notices import LEVEL_WORDS, NoticeView, list_notices, read_notice
from tsifra.proactive.subscriptions import subscribe
from tsifra.web.api.params import RowId
from tsifra.web.api.schemas import ErrorOut
from tsifra.web.deps import DB
from tsifra.web.language import Lang
from tsifra.web.ratelimits import RESPONSES as LIMITED

router = APIRouter(tags=["notices"])
ERRORS = {404: {"model": ErrorOut}, 422: {"model": ErrorOut}}


class NoticeOut(BaseModel):
    id: int
    kind: str = Field(description="flood_warning")
    region: str
    oktmo: str | None = Field(description="the municipality warned (ОКТМО)")
    municipality: str
    level: str | None = Field(description="warning (НЯ) | danger (ОЯ)")
    level_name: str | None
    gauge: str | None
    gauge_name: str | None
    measured: datetime | None = Field(description="the reading that caused it (UTC)")
    level_cm: float | None
    threshold_cm: float | None
    rule: str = Field(description="the rule's code")
    rule_version: str
    run_id: int
    issued_at: datetime
    title: str = Field(description="as mailed, in Russian")
    text: str = Field(description="as mailed, in Russian")
    record: dict[str, Any] = Field(description="the record that caused it, as read")


class SubscriptionIn(BaseModel):
    region: str = Field(min_length=1, max_length=64, description="e.g. RU-TYU")
    oktmo: str = Field(min_length=1, max_length=32, description="the municipality's ОКТМО")
    email: str = Field(min_length=1, max_length=255)


class SubscriptionOut(BaseModel):
    status: str = Field(description="always `confirmation_sent`: it says nothing of the address")
    message: str


def notice_out(n: NoticeView, lang: str) -> NoticeOut:
    record = n.record
    return NoticeOut(
        id=n.id,
        kind=n.kind,
        region=n.region,
        oktmo=n.oktmo,
        municipality=n.municipality(lang),
        level=n.level,
        level_name=word(LEVEL_WORDS[n.level], lang) if n.level in LEVEL_WORDS else None,
        gauge=record.get("gauge"),
        gauge_name=n.gauge_name(lang) or None,
        measured=n.measured,
        level_cm=record.get("level_cm"),
        threshold_cm=record.get("threshold_cm"),
        rule=n.rule,
        rule_version=n.rule_version,
        run_id=n.run_id,
        issued_at=n.issued_at,
        title=n.title,
        text=n.text,
        record=record,
    )


@router.get("/notices", response_model=list[NoticeOut], responses=ERRORS)
def notices(
    engine: DB,
    lang: Lang,
    region: Annotated[str | None, Query(max_length=64)] = None,
    oktmo: Annotated[str | None, Query(max_length=11, pattern=r"^\d{8}(\d{3})?$")] = None,
    kind: Annotated[str | None, Query(max_length=32)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> list[NoticeOut]:
    """Public warnings, newest first, by region or municipality (ОКТМО)."""
    found = list_notices(engine, region=region, oktmo=oktmo, kind=kind, limit=limit, offset=offset)
    return [notice_out(n, lang) for n in found]


@router.get("/notices/{notice_id}", response_model=NoticeOut, responses=ERRORS)
def notice(engine: DB, lang: Lang, notice_id: RowId) -> NoticeOut:
    found = read_notice(engine, notice_id)
    if found is None:
        raise HTTPException(404)
    return notice_out(found, lang)


@router.post(
    "/notices/subscriptions",
    response_model=SubscriptionOut,
    responses=ERRORS | LIMITED,
)
def subscription(engine: DB, lang: Lang, body: SubscriptionIn) -> SubscriptionOut:
    """Ask for a municipality's warnings: a confirmation link is mailed to the address, and
    nothing else is sent to it until the link is opened."""
    subscribe(engine, body.region, body.oktmo, body.email)
    return SubscriptionOut(status="confirmation_sent", message=word("pro_subscribe_sent", lang))
