"""The registry of practices: the search with its facets and counts, a practice's card with its
measured effect and replications, the stage and verification forms, the downloads.

Reading is public (the registry is open and holds nothing personal); the list is a GET form, so
it works without a script and every filtered view has an address to share. Writing is for whom
`accounts.users.can_write_practice` allows; the services decide and record refusals, the pages
only choose which buttons to show. The write forms are `web.pages.practice_writes`'.
"""

from __future__ import annotations

from datetime import date
from math import ceil
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from tsifra.accounts.users import can_write_practice
from tsifra.kernel.language import word_key
from tsifra.kernel.problems import Forbidden, Problem, ValidationFailed
from tsifra.practices.effects import refresh_effects
from tsifra.practices.publiccode import dump, publiccode_documents
from tsifra.practices.records import change_stage, verify_practice
from tsifra.practices.search import PracticeQuery, search_practices
from tsifra.practices.sheets import export_xlsx
from tsifra.practices.vocabulary import NOT_AI, STAGES
from tsifra.tasks.listing import indicator_names, region_names
from tsifra.web.api.params import RowId
from tsifra.web.deps import DB, AppCache, MaybeUser
from tsifra.web.pages import practice_writes
from tsifra.web.pages.common import CSRF, Lang, forbidden, render
from tsifra.web.pages.practice_forms import by_field, day_of
from tsifra.web.pages.practice_words import (
    labels,
    practice_or_page,
    to_login,
    uncounted_reason,
)
from tsifra.web.ratelimits import EXPORTS

router = APIRouter()
router.include_router(practice_writes.router)  # first: /practices/new is not a practice's id
PER_PAGE = 20
FACETS = ("sector", "ai_kind", "stage", "region", "indicator")
FACET_TITLES = {
    "sector": word_key("registry_facet_sector"),
    "ai_kind": word_key("registry_facet_ai_kind"),
    "stage": word_key("registry_facet_stage"),
    "region": word_key("registry_facet_region"),
    "indicator": word_key("registry_facet_indicator"),
}
FOLDED = frozenset({"region", "indicator"})  # long lists: closed unless one of them is chosen
SORTS = (  # "": relevance when words are given, else the measured effect (the service's rule)
    ("", word_key("registry_sort_auto")),
    ("effect", word_key("registry_sort_effect")),
    ("relevance", word_key("registry_sort_relevance")),
    ("verified", word_key("registry_sort_verified")),
    ("title", word_key("registry_sort_title")),
)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Choice = Annotated[list[str], Query(max_length=100)]


def _facet_words(engine, lang: str) -> dict[str, object]:
    """How each facet's values read: the vocabulary's words, region and indicator names."""
    words = labels(lang)
    regions, indicators = region_names(lang), indicator_names(engine, lang)
    return {
        "sector": words["sector_word"],
        "ai_kind": lambda v: words["ai_word"](None if v == NOT_AI else v),
        "stage": words["stage_word"],
        "region": lambda v: regions.get(v, v),
        "indicator": lambda v: indicators.get(v, v),
    }


def _page_link(request: Request, page: int) -> str:
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "page"]
    return "/practices?" + urlencode([*params, ("page", str(page))])


@router.get("/practices")
def practices_page(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    cache: AppCache,
    q: Annotated[str, Query(max_length=200)] = "",
    sector: Choice = [],  # noqa: B006 (FastAPI's way of "none")
    ai_kind: Choice = [],  # noqa: B006
    stage: Choice = [],  # noqa: B006
    region: Choice = [],  # noqa: B006
    indicator: Choice = [],  # noqa: B006
    sort: Literal["", "effect", "relevance", "verified", "title"] = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
):
    chosen = {
        "sector": tuple(sector), "ai_kind": tuple(ai_kind), "stage": tuple(stage),
        "region": tuple(region), "indicator": tuple(indicator),
    }  # fmt: skip
    query = PracticeQuery(q=q.strip() or None, **chosen)
    found = search_practices(
        engine, query, sort=sort or None, page=page, per_page=PER_PAGE, cache=cache
    )
    pages = max(1, ceil(found.total / PER_PAGE))
    return render(
        request,
        "practices/list.html",
        lang,
        user,
        found=found,
        q=q,
        chosen=chosen,
        sort=sort,
        facets=FACETS,
        facet_titles=FACET_TITLES,
        folded=FOLDED,
        sorts=SORTS,
        facet_words=_facet_words(engine, lang),
        page=page,
        pages=pages,
        previous=_page_link(request, page - 1) if page > 1 else None,
        following=_page_link(request, page + 1) if page < pages else None,
        region_names=region_names(lang),
        may_add=can_write_practice(user, [user.region] if user and user.region else []),
        today=date.today(),
        **labels(lang),
    )


def _card(request, engine, lang, user, practice_id: int, problems=None, status_code=200):
    refresh_effects(engine)  # a corrected value shows in the measured effect at once
    view, missing = practice_or_page(request, engine, lang, user, practice_id)
    if missing is not None:
        return missing
    return render(
        request,
        "practices/card.html",
        lang,
        user,
        status_code,
        practice=view,
        may_write=can_write_practice(user, view.regions),
        may_replicate=can_write_practice(user, [user.region] if user and user.region else []),
        stages=STAGES,
        region_names=region_names(lang),
        indicator_names=indicator_names(engine, lang),
        uncounted_reason=uncounted_reason,
        problems=problems or [],
        field_problems=by_field(problems),
        today=date.today(),
        **labels(lang),
    )


@router.get("/practices.xlsx", dependencies=[EXPORTS])
def registry_xlsx(engine: DB, lang: Lang) -> Response:
    """The whole registry as a workbook: the same columns the import reads back. Both
    downloads take seconds on a large registry: an anonymous caller gets a few a minute
    (`web.ratelimits`), like the other workbooks."""
    body = export_xlsx(engine, lang)
    name = f"practices-{date.today().isoformat()}.xlsx"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(body, media_type=XLSX, headers=headers)


@router.get("/practices/publiccode.yml", dependencies=[EXPORTS])
def registry_publiccode(engine: DB) -> Response:
    """The registry's solutions (practices with software or a link) as publiccode.yml
    documents, one after another in one YAML stream."""
    text = dump(doc for _, doc in publiccode_documents(engine))
    headers = {"Content-Disposition": 'attachment; filename="publiccode.yml"'}
    return Response(text, media_type="application/yaml; charset=utf-8", headers=headers)


@router.get("/practices/{practice_id}")
def practice_page(request: Request, engine: DB, lang: Lang, user: MaybeUser, practice_id: RowId):
    return _card(request, engine, lang, user, practice_id)


@router.post("/practices/{practice_id}/stage", dependencies=[CSRF])
def new_stage(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    practice_id: RowId,
    stage: Annotated[str, Form(max_length=16)],
    since: Annotated[str, Form(max_length=10)] = "",
    note: Annotated[str, Form(max_length=5000)] = "",
):
    if user is None:  # never the service's trusted caller (account None): sign in first
        return to_login(request)
    problems: list[Problem] = []
    day = day_of(since, "since", problems)
    if day is None and not problems:
        problems.append(Problem("registry_date_required", path="since"))
    try:
        if problems:
            raise ValidationFailed(problems)
        text = note.replace("\x00", "").strip() or None  # PostgreSQL stores no NUL
        change_stage(engine, practice_id, stage, day, account=user, note=text)
    except Forbidden:
        return forbidden(request, lang, user)
    except ValidationFailed as failed:
        return _card(request, engine, lang, user, practice_id, failed.problems, 422)
    return RedirectResponse(f"/practices/{practice_id}#stages", status_code=303)


@router.post("/practices/{practice_id}/verify", dependencies=[CSRF])
def verify(request: Request, engine: DB, lang: Lang, user: MaybeUser, practice_id: RowId):
    if user is None:
        return to_login(request)
    try:
        verify_practice(engine, practice_id, account=user)
    except Forbidden:
        return forbidden(request, lang, user)
    except ValidationFailed as failed:
        return _card(request, engine, lang, user, practice_id, failed.problems, 422)
    return RedirectResponse(f"/practices/{practice_id}", status_code=303)
