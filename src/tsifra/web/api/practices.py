"""The registry's practices one by one: read (public: the registry is open), and write — create,
change, a new stage, a replication, a verification.

Who may write is the service's decision (`accounts.users.can_write_practice`: analysts and
admins any practice, a region's operators their own region's); a refusal is a 403 in the house
shape with nothing written. The list and its search are `web.api.practice_search`'s.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response

from tsifra.accounts.users import Account
from tsifra.practices.effects import refresh_effects
from tsifra.practices.records import (
    EvidenceDraft,
    IndicatorLink,
    PracticeDraft,
    ReplicationDraft,
    add_replication,
    change_stage,
    create_practice,
    read_practice,
    update_practice,
    verify_practice,
)
from tsifra.web.api.params import RowId
from tsifra.web.api.practice_models import (
    EffectOut,
    EvidenceOut,
    IndicatorOut,
    PracticeIn,
    PracticeOut,
    ReplicationIn,
    ReplicationOut,
    StageIn,
    StageOut,
)
from tsifra.web.api.schemas import ErrorOut
from tsifra.web.deps import DB, MaybeUser, writer

router = APIRouter(tags=["practices"])
READ_ERRORS = {404: {"model": ErrorOut}}
WRITE_ERRORS = {
    401: {"model": ErrorOut},
    403: {"model": ErrorOut},
    404: {"model": ErrorOut},
    422: {"model": ErrorOut},
}


def draft_of(body: PracticeIn) -> PracticeDraft:
    return PracticeDraft(
        title=body.title,
        sector=body.sector,
        description=body.description,
        problem=body.problem,
        regions=tuple(body.regions),
        owner_agency=body.owner_agency,
        cofog=body.cofog,
        ai_kind=body.ai_kind,
        technologies=tuple(body.technologies),
        stage=body.stage,
        stage_since=body.stage_since,
        capex=body.capex,
        opex=body.opex,
        software=body.software,
        software_registry=body.software_registry,
        url=body.url,
        licence=body.licence,
        indicators=tuple(IndicatorLink(i.indicator, i.expected_effect) for i in body.indicators),
        evidence=tuple(EvidenceDraft(e.kind, e.title, e.url, e.sha256) for e in body.evidence),
        verified_at=body.verified_at,
    )


def _fields(item: Any, model: type) -> dict:
    return {name: getattr(item, name, None) for name in model.model_fields}


def practice_out(view: Any, signed_in: bool = True) -> PracticeOut:
    """The service's `PracticeView` as the API's answer (every field, nested lists too). Who
    recorded a stage (an official's login) is for signed-in readers only."""
    indicators = [
        IndicatorOut(
            indicator=link.indicator,
            expected_effect=link.expected_effect,
            measured=[EffectOut(**_fields(e, EffectOut)) for e in link.measured],
        )
        for link in view.indicators
    ]
    plain = {
        name: getattr(view, name)
        for name in PracticeOut.model_fields
        if name not in {"stages", "indicators", "evidence", "replications", "regions"}
    }
    return PracticeOut(
        **plain,
        regions=list(view.regions),
        stages=[
            StageOut(**_fields(s, StageOut) | ({} if signed_in else {"actor": None}))
            for s in view.stages
        ],
        indicators=indicators,
        evidence=[EvidenceOut(**_fields(e, EvidenceOut)) for e in view.evidence],
        replications=[ReplicationOut(**_fields(r, ReplicationOut)) for r in view.replications],
    )


def _answer(engine, practice_id: int, signed_in: bool = True) -> PracticeOut:
    refresh_effects(engine)  # a corrected value shows in the measured effect at once
    return practice_out(read_practice(engine, practice_id), signed_in)


@router.get("/practices/{practice_id}", response_model=PracticeOut, responses=READ_ERRORS)
def practice(engine: DB, account: MaybeUser, practice_id: RowId) -> PracticeOut:
    """A practice with everything known of it: its stage history, the measured effect on each
    indicator in each of its regions (before and after, from stored values: not a proof of
    cause), its evidence and its replications (only those with evidence are counted). Public;
    who recorded each stage is shown to signed-in readers only."""
    return _answer(engine, practice_id, signed_in=account is not None)


@router.post("/practices", response_model=PracticeOut, status_code=201, responses=WRITE_ERRORS)
def create(
    engine: DB,
    response: Response,
    account: Annotated[Account, Depends(writer("practice.create"))],
    body: PracticeIn,
) -> PracticeOut:
    """A new practice; its first stage is `stage` since `stage_since` (today if not given)."""
    practice_id = create_practice(engine, draft_of(body), account=account)
    response.headers["Location"] = f"/api/v1/practices/{practice_id}"
    return _answer(engine, practice_id)


@router.put("/practices/{practice_id}", response_model=PracticeOut, responses=WRITE_ERRORS)
def update(
    engine: DB,
    account: Annotated[Account, Depends(writer("practice.update"))],
    body: PracticeIn,
    practice_id: RowId,
) -> PracticeOut:
    """The whole practice replaced by `body`; a `stage` other than its current one is added to
    its history since `stage_since` (today by default), as `…/stages` does."""
    update_practice(engine, practice_id, draft_of(body), account=account)
    return _answer(engine, practice_id)


@router.post(
    "/practices/{practice_id}/stages",
    response_model=PracticeOut,
    status_code=201,
    responses=WRITE_ERRORS,
)
def stage(
    engine: DB,
    account: Annotated[Account, Depends(writer("practice.stage"))],
    body: StageIn,
    practice_id: RowId,
) -> PracticeOut:
    """A dated change of stage: the day a practice reached `pilot` is what its measured effect
    compares before and after."""
    change_stage(engine, practice_id, body.stage, body.since, account=account, note=body.note)
    return _answer(engine, practice_id)


@router.post(
    "/practices/{practice_id}/replications",
    response_model=PracticeOut,
    status_code=201,
    responses=WRITE_ERRORS,
)
def replication(
    engine: DB,
    account: Annotated[Account, Depends(writer("practice.replication"))],
    body: ReplicationIn,
    practice_id: RowId,
) -> PracticeOut:
    """A replication in a region; an operator records one in its own region only. Without a
    contract or an act (number and date, a link or a kept file) it is listed, never counted."""
    add_replication(engine, practice_id, ReplicationDraft(**body.model_dump()), account=account)
    return _answer(engine, practice_id)


@router.post("/practices/{practice_id}/verify", response_model=PracticeOut, responses=WRITE_ERRORS)
def verify(
    engine: DB,
    account: Annotated[Account, Depends(writer("practice.verify"))],
    practice_id: RowId,
) -> PracticeOut:
    """The practice checked today: it is no longer stale for twelve months."""
    verify_practice(engine, practice_id, account=account)
    return _answer(engine, practice_id)
