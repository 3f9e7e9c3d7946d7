"""A region's plans («цифровая прокачка»): the list with a form for a new one, and a plan's page
— the gaps by index points at stake with their candidate practices, choosing and removing,
the experts' scores, the index and place expected with the plan, and acceptance.

Every form is a plain POST with the session's CSRF token that redirects back (works without
JavaScript). Plans are not published: every page needs an account; the services decide who
may read, plan and score, and record refusals.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import RedirectResponse

from tsifra.accounts.users import can_plan, can_score_plan
from tsifra.kernel.formatting import money
from tsifra.kernel.language import word, word_key
from tsifra.kernel.problems import Forbidden, Problem, ValidationFailed
from tsifra.plans.plans import (
    accept_plan,
    add_item,
    create_plan,
    default_value,
    plans_for,
    read_plan,
    remove_item,
)
from tsifra.plans.scores import SCORES, score_candidate
from tsifra.store import utcnow
from tsifra.tasks.listing import region_names
from tsifra.web.api.params import RowId
from tsifra.web.deps import DB, AppCache, MaybeUser
from tsifra.web.pages.common import CSRF, Lang, forbidden, render

router = APIRouter()
Code = Annotated[str, Path(min_length=1, max_length=64)]
STATUS_WORDS = {
    "draft": word_key("plan_status_draft"),
    "accepted": word_key("plan_status_accepted"),
    "cancelled": word_key("plan_status_cancelled"),
}
STAGE_WORDS = {
    "idea": word_key("plan_stage_idea"),
    "pilot": word_key("plan_stage_pilot"),
    "production": word_key("plan_stage_production"),
    "scaled": word_key("plan_stage_scaled"),
    "retired": word_key("plan_stage_retired"),
}
YEARS_OFFERED = 5
SHOWN = 10  # candidates per gap on the page, best first (the API gives them all)


def _to_login(request: Request) -> RedirectResponse:
    return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)


def _not_found(request, lang, user, problems):
    title = word_key("not_found_title")
    return render(request, "error.html", lang, user, 404, title=title, problems=problems)


def _list_page(request, engine, lang, user, code, status_code=200, problems=None):
    if user is None:
        return _to_login(request)
    names = region_names(lang)
    if code not in names:
        return _not_found(request, lang, user, None)
    try:
        found = plans_for(engine, code, account=user)
    except Forbidden:
        return forbidden(request, lang, user)
    this_year = utcnow().year
    return render(
        request,
        "plans/list.html",
        lang,
        user,
        status_code,
        region=code,
        name=names[code],
        plans=found,
        may_plan=can_plan(user, code),
        years=range(this_year, this_year + YEARS_OFFERED + 1),
        default_year=this_year + 1,
        status_words=STATUS_WORDS,
        problems=problems,
    )


@router.get("/regions/{code}/plans")
def region_plans(request: Request, engine: DB, lang: Lang, user: MaybeUser, code: Code):
    return _list_page(request, engine, lang, user, code)


@router.post("/regions/{code}/plans", dependencies=[CSRF])
def new_plan(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    code: Code,
    target_year: Annotated[int, Form(ge=2000, le=2100)],
    title: Annotated[str, Form(max_length=500)] = "",
):
    try:
        plan_id = create_plan(engine, code, target_year, account=user, title=title)
    except Forbidden:
        return forbidden(request, lang, user)
    except ValidationFailed as failed:
        return _list_page(request, engine, lang, user, code, 422, failed.problems)
    return RedirectResponse(f"/plans/{plan_id}", status_code=303)


def _plan_page(request, engine, lang, user, cache, plan_id, status_code=200, problems=None):
    if user is None:
        return _to_login(request)
    try:
        view = read_plan(engine, plan_id, account=user, lang=lang, cache=cache)
    except Forbidden:
        return forbidden(request, lang, user)
    except ValidationFailed as failed:
        if any(p.code == "plan_unknown" for p in failed.problems):
            return _not_found(request, lang, user, failed.problems)
        raise
    names = region_names(lang)
    title = view.title or word(
        "plan_default_title", lang, region=names.get(view.region, view.region),
        year=view.target_year,
    )  # fmt: skip
    return render(
        request,
        "plans/plan.html",
        lang,
        user,
        status_code,
        plan=view,
        title=title,
        region_name=names.get(view.region, view.region),
        region_names=names,
        may_plan=view.draft and can_plan(user, view.region),
        may_score=view.draft and can_score_plan(user, view.region),
        status_words=STATUS_WORDS,
        stage_words=STAGE_WORDS,
        scores=SCORES,
        shown=SHOWN,
        default_value=default_value,
        money=lambda value: money(value, lang),
        synthetic=view.candidates.synthetic,
        problems=problems,
    )


@router.get("/plans/{plan_id}")
def plan_page(
    request: Request, engine: DB, lang: Lang, user: MaybeUser, cache: AppCache, plan_id: RowId
):
    return _plan_page(request, engine, lang, user, cache, plan_id)


def _after(request, engine, lang, user, cache, plan_id, act, anchor=""):
    """Run a form's action and go back to the plan, or show the plan with the problems."""
    try:
        act()
    except Forbidden:
        return forbidden(request, lang, user)
    except ValidationFailed as failed:
        return _plan_page(request, engine, lang, user, cache, plan_id, 422, failed.problems)
    return RedirectResponse(f"/plans/{plan_id}{anchor}", status_code=303)


def _number(text: str, field: str, problems: list[Problem]) -> float | None:
    text = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    text = text.replace("\u2212", "-")  # the minus sign figures are written with
    text = text.replace(",", "") if "." in text else text.replace(",", ".")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if value != value or value in (float("inf"), float("-inf")):
        problems.append(Problem("plan_bad_value", path=field, value=text))
        return None
    return value


def _date(text: str, field: str, problems: list[Problem]) -> date | None:
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        problems.append(Problem("plan_bad_date", path=field, value=text))
        return None


@router.post("/plans/{plan_id}/items", dependencies=[CSRF])
def choose(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    cache: AppCache,
    plan_id: RowId,
    indicator: Annotated[str, Form(max_length=128)],
    practice: Annotated[int, Form(ge=1, le=2**31 - 1)],
    expected_value: Annotated[str, Form(max_length=32)] = "",
    responsible: Annotated[str, Form(max_length=255)] = "",
    deadline: Annotated[str, Form(max_length=10)] = "",
):
    def act():
        problems: list[Problem] = []
        value = _number(expected_value, "expected_value", problems)
        due = _date(deadline, "deadline", problems)
        if problems:
            raise ValidationFailed(problems)
        add_item(
            engine, plan_id, indicator, practice, account=user, lang=lang, expected_value=value,
            responsible=responsible, deadline=due, cache=cache,
        )  # fmt: skip

    return _after(request, engine, lang, user, cache, plan_id, act, "#plan-chosen")


@router.post("/plans/{plan_id}/items/{item_id}/remove", dependencies=[CSRF])
def unchoose(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    cache: AppCache,
    plan_id: RowId,
    item_id: RowId,
):
    def act():
        remove_item(engine, plan_id, item_id, account=user)

    return _after(request, engine, lang, user, cache, plan_id, act, "#plan-chosen")


@router.post("/plans/{plan_id}/scores", dependencies=[CSRF])
def score(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    cache: AppCache,
    plan_id: RowId,
    indicator: Annotated[str, Form(max_length=128)],
    practice: Annotated[int, Form(ge=1, le=2**31 - 1)],
    score: Annotated[int, Form(ge=1, le=5)],
    comment: Annotated[str, Form(max_length=2000)] = "",
):
    def act():
        score_candidate(
            engine, plan_id, indicator, practice, score, comment, account=user, lang=lang,
            cache=cache,
        )  # fmt: skip

    anchor = f"#candidate-{indicator}-{practice}"
    return _after(request, engine, lang, user, cache, plan_id, act, anchor)


@router.post("/plans/{plan_id}/accept", dependencies=[CSRF])
def accept(
    request: Request, engine: DB, lang: Lang, user: MaybeUser, cache: AppCache, plan_id: RowId
):
    def act():
        accept_plan(engine, plan_id, account=user, lang=lang, cache=cache)

    return _after(request, engine, lang, user, cache, plan_id, act)
