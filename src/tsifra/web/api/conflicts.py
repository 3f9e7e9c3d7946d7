"""Conflicts between sources: the open ones with every claim, and settling one.

For analysts and admins only (`values.conflicts` decides and records a refusal); settling is
the rule `tsifra resolve` applies, audited the same way.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from tsifra.accounts.users import Account
from tsifra.values.conflicts import Conflict, conflicts_for, resolve
from tsifra.web.api.params import RowId
from tsifra.web.api.schemas import ClaimOut, ConflictOut, ErrorOut, ResolutionOut, ResolveIn
from tsifra.web.deps import DB, CurrentUser, writer
from tsifra.web.language import Lang

router = APIRouter(tags=["conflicts"])
ERRORS = {
    401: {"model": ErrorOut},
    403: {"model": ErrorOut},
    404: {"model": ErrorOut},
    422: {"model": ErrorOut},
}


def conflict_out(c: Conflict, lang: str) -> ConflictOut:
    return ConflictOut(
        id=c.id,
        unit=c.unit,
        unit_name=c.name_of_unit(lang),
        period=c.period,
        indicator=c.indicator,
        indicator_name=c.name_of_indicator(lang),
        claims=[ClaimOut(**vars(claim)) for claim in c.claims],
    )


@router.get("/conflicts", response_model=list[ConflictOut], responses=ERRORS)
def conflicts(
    engine: DB,
    account: CurrentUser,
    lang: Lang,
    unit: str | None = Query(None, max_length=64, description="one region's, e.g. RU-KL"),
) -> list[ConflictOut]:
    """Values sources disagree on and nobody has settled, each with every source's claim: the
    value, the batch and file it came in, who sent it and when. Names in the request's
    language."""
    return [conflict_out(c, lang) for c in conflicts_for(engine, account, unit)]


@router.post("/conflicts/{conflict_id}/resolve", response_model=ResolutionOut, responses=ERRORS)
def resolve_one(
    engine: DB,
    account: Annotated[Account, Depends(writer("conflict.resolve"))],
    body: ResolveIn,
    conflict_id: RowId,
) -> ResolutionOut:
    """Settle an open conflict: the chosen source's value holds from now on, for the reason
    given (required), and enters the next rating computed. Audited."""
    return ResolutionOut(**vars(resolve(engine, account, conflict_id, body.source, body.reason)))
