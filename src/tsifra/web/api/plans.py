"""A region's plan («цифровая прокачка») over the API: candidates, a plan, its choices, the
experts' scores and acceptance into поручения.

Plans are working papers of a region: every route needs an account; reading needs the region's
own or a federal role, drafting and accepting `can_plan`, scoring `can_score_plan` (the services
decide and record refusals). A write riding on the session cookie also sends the CSRF header.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field

from tsifra.accounts.users import Account
from tsifra.plans.candidates import Candidates
from tsifra.plans.plans import (
    PlanView,
    accept_plan,
    add_item,
    create_plan,
    read_plan,
    region_candidates,
    remove_item,
)
from tsifra.plans.scores import score_candidate
from tsifra.web.api.schemas import ErrorOut
from tsifra.web.deps import DB, AppCache, CurrentUser, writer
from tsifra.web.language import Lang

router = APIRouter(tags=["plans"])
ERRORS = {
    401: {"model": ErrorOut},
    403: {"model": ErrorOut},
    404: {"model": ErrorOut},
    422: {"model": ErrorOut},
}
PlanId = Annotated[int, Path(ge=1, le=2**31 - 1)]
ItemId = Annotated[int, Path(ge=1, le=2**31 - 1)]
Code = Annotated[str, Path(min_length=1, max_length=64)]


class PracticeCandidateOut(BaseModel):
    practice_id: int
    title: str
    stage: str
    regions: list[str] = Field(description="where its effect on the indicator was measured")
    effect: float = Field(description="mean direction-adjusted effect, in the indicator's unit")
    raw_effect: float = Field(description="the same without the direction: the value's move")
    capex: float | None
    opex: float | None
    cost: float | None = Field(description="capex + opex × years to the target year, roubles")
    per_million: float | None = Field(description="effect per million roubles of cost")
    replications: int = Field(description="counted replications (with evidence) only")
    verified_at: date
    stale: bool


class GapOut(BaseModel):
    indicator: str
    name: str
    value: float | None
    target: float | None
    forecast: float | None = Field(description="the forecast median in the target year")
    target_then: float | None = Field(description="the target of the target year")
    direction: int
    points: float = Field(description="index points at stake: gain to target (gap × weight)")
    practices: list[PracticeCandidateOut]


class CandidatesOut(BaseModel):
    region: str
    target_year: int
    methodology: str
    period: str
    synthetic: bool
    cost_years: int
    caveat: str
    indicators: list[GapOut]


class PlanIn(BaseModel):
    region: str = Field(min_length=1, max_length=64)
    target_year: int = Field(ge=2000, le=2100)
    title: str = Field(default="", max_length=500)


class ItemIn(BaseModel):
    indicator: str = Field(min_length=1, max_length=128)
    practice_id: int = Field(ge=1, le=2**31 - 1)
    expected_value: float | None = Field(default=None, allow_inf_nan=False)
    responsible: str | None = Field(default=None, max_length=255)
    deadline: date | None = None


class ScoreIn(BaseModel):
    indicator: str = Field(min_length=1, max_length=128)
    practice_id: int = Field(ge=1, le=2**31 - 1)
    score: int = Field(ge=1, le=5)
    comment: str | None = Field(default=None, max_length=2000)


class ItemOut(BaseModel):
    id: int
    indicator: str
    practice_id: int
    practice_title: str
    expected_value: float
    responsible: str | None
    deadline: date | None
    task_id: int | None


class ScoreOut(BaseModel):
    expert: str
    score: int
    comment: str | None


class ScoresOut(BaseModel):
    indicator: str
    practice_id: int
    experts: int
    mean: float | None
    low: int | None
    high: int | None
    stdev: float | None
    scores: list[ScoreOut]


class ExpectedOut(BaseModel):
    period: str
    projected: bool
    index_before: float | None
    index_after: float | None
    rank_before: int | None
    rank_after: int | None
    units_ranked: int
    changes: dict[str, float]


class PlanOut(BaseModel):
    id: int
    region: str
    target_year: int
    methodology: str
    title: str
    status: str
    created_at: datetime
    created_by: str | None
    accepted_at: datetime | None
    accepted_by: str | None
    kept_index: float | None = Field(description="the index what-if expected at acceptance")
    kept_rank: int | None
    expected: ExpectedOut = Field(description="what-if of the chosen values, now")
    items: list[ItemOut]
    scores: list[ScoresOut]
    candidates: CandidatesOut


class CreatedOut(BaseModel):
    id: int


class AcceptedOut(BaseModel):
    plan: PlanOut
    tasks: list[int]


def candidates_out(found: Candidates, lang: str) -> CandidatesOut:
    from tsifra.kernel.language import word

    return CandidatesOut(
        region=found.region,
        target_year=found.target_year,
        methodology=found.methodology,
        period=found.period,
        synthetic=found.synthetic,
        cost_years=found.years,
        caveat=word("plan_caveat", lang),
        indicators=[
            GapOut(
                indicator=g.indicator,
                name=g.label(lang),
                value=g.value,
                target=g.target,
                forecast=g.forecast,
                target_then=g.target_then,
                direction=g.direction,
                points=g.points,
                practices=[
                    PracticeCandidateOut.model_validate(p, from_attributes=True)
                    for p in g.practices
                ],
            )
            for g in found.indicators
        ],
    )


def plan_out(view: PlanView, lang: str) -> PlanOut:
    return PlanOut(
        id=view.id,
        region=view.region,
        target_year=view.target_year,
        methodology=view.methodology,
        title=view.title,
        status=view.status,
        created_at=view.created_at,
        created_by=view.created_by,
        accepted_at=view.accepted_at,
        accepted_by=view.accepted_by,
        kept_index=view.kept_index,
        kept_rank=view.kept_rank,
        expected=ExpectedOut.model_validate(view.expected, from_attributes=True),
        items=[ItemOut.model_validate(i, from_attributes=True) for i in view.items],
        scores=[
            ScoresOut(
                indicator=indicator,
                practice_id=practice,
                experts=s.experts,
                mean=s.mean,
                low=s.low,
                high=s.high,
                stdev=s.stdev,
                scores=[ScoreOut.model_validate(x, from_attributes=True) for x in s.scores],
            )
            for (indicator, practice), s in sorted(view.scores.items())
        ],
        candidates=candidates_out(view.candidates, lang),
    )


@router.get("/regions/{code}/plan-candidates", response_model=CandidatesOut, responses=ERRORS)
def plan_candidates(
    engine: DB,
    account: CurrentUser,
    lang: Lang,
    cache: AppCache,
    code: Code,
    year: int = Query(ge=2000, le=2100, description="the target year"),
) -> CandidatesOut:
    """The region's indicators by index points at stake, each with the practices that moved it
    elsewhere (effect per million roubles of cost, counted replications)."""
    found = region_candidates(engine, code, year, account=account, lang=lang, cache=cache)
    return candidates_out(found, lang)


@router.post("/plans", response_model=CreatedOut, status_code=201, responses=ERRORS)
def new_plan(
    engine: DB,
    body: PlanIn,
    account: Annotated[Account, Depends(writer("plan.create"))],
) -> CreatedOut:
    return CreatedOut(
        id=create_plan(engine, body.region, body.target_year, account=account, title=body.title)
    )


@router.get("/plans/{plan_id}", response_model=PlanOut, responses=ERRORS)
def plan(engine: DB, account: CurrentUser, lang: Lang, cache: AppCache, plan_id: PlanId) -> PlanOut:
    return plan_out(read_plan(engine, plan_id, account=account, lang=lang, cache=cache), lang)


@router.post("/plans/{plan_id}/items", response_model=CreatedOut, status_code=201,
             responses=ERRORS)  # fmt: skip
def choose(
    engine: DB,
    lang: Lang,
    cache: AppCache,
    plan_id: PlanId,
    body: ItemIn,
    account: Annotated[Account, Depends(writer("plan.item"))],
) -> CreatedOut:
    item = add_item(
        engine, plan_id, body.indicator, body.practice_id, account=account, lang=lang,
        expected_value=body.expected_value, responsible=body.responsible,
        deadline=body.deadline, cache=cache,
    )  # fmt: skip
    return CreatedOut(id=item)


@router.delete("/plans/{plan_id}/items/{item_id}", status_code=204, responses=ERRORS)
def unchoose(
    engine: DB,
    plan_id: PlanId,
    item_id: ItemId,
    account: Annotated[Account, Depends(writer("plan.item"))],
) -> Response:
    remove_item(engine, plan_id, item_id, account=account)
    return Response(status_code=204)


@router.post("/plans/{plan_id}/scores", status_code=204, responses=ERRORS)
def score(
    engine: DB,
    lang: Lang,
    cache: AppCache,
    plan_id: PlanId,
    body: ScoreIn,
    account: Annotated[Account, Depends(writer("plan.score"))],
) -> Response:
    score_candidate(
        engine, plan_id, body.indicator, body.practice_id, body.score, body.comment,
        account=account, lang=lang, cache=cache,
    )  # fmt: skip
    return Response(status_code=204)


@router.post("/plans/{plan_id}/accept", response_model=AcceptedOut, responses=ERRORS)
def accept(
    engine: DB,
    lang: Lang,
    cache: AppCache,
    plan_id: PlanId,
    account: Annotated[Account, Depends(writer("plan.accept"))],
) -> AcceptedOut:
    tasks = accept_plan(engine, plan_id, account=account, lang=lang, cache=cache)
    view = read_plan(engine, plan_id, account=account, lang=lang, cache=cache)
    return AcceptedOut(plan=plan_out(view, lang), tasks=list(tasks))
