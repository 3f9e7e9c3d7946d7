"""Proactive notices for residents: a municipality's warnings, subscribing and unsubscribing.

`/notices` lists public warnings (by region and municipality), `/notices/{id}` shows one with
the rule and the reading that caused it. `/notices/subscribe` asks for an address and mails a
confirmation link (the same answer whatever the address, rate-limited per client address by
`web.ratelimits`). The links in mails open a page with one button: confirming or unsubscribing
is a POST, so a mail scanner that fetches every link confirms or cancels nothing.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request

from tsifra.kernel.language import word_key
from tsifra.kernel.problems import ValidationFailed
from tsifra.proactive.notices import LEVEL_WORDS, list_notices, municipalities, read_notice
from tsifra.proactive.subscriptions import confirm, subscribe, unsubscribe
from tsifra.reports.names import region_names
from tsifra.web.api.params import RowId
from tsifra.web.deps import DB, MaybeUser
from tsifra.web.pages.common import CSRF, NOT_FOUND, Lang, render

router = APIRouter()
PAGE = 50
PRIVATE = {"Cache-Control": "private, no-store"}  # a page opened by a mailed token
ACTIONS = {
    "confirm": (word_key("pro_confirm_title"), word_key("pro_confirm_button")),
    "unsubscribe": (word_key("pro_unsubscribe_title"), word_key("pro_unsubscribe_button")),
}
DONE = {"confirm": word_key("pro_confirm_done"), "unsubscribe": word_key("pro_unsubscribe_done")}
Token = Annotated[str, Form(max_length=200)]


def _regions(lang: str) -> list[tuple[str, str]]:
    return sorted(region_names(lang).items(), key=lambda item: item[1])


@router.get("/notices")
def notices_page(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    region: Annotated[str, Query(max_length=64)] = "",
    oktmo: Annotated[str, Query(max_length=11)] = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
):
    found = list_notices(
        engine,
        region=region or None,
        oktmo=oktmo or None,
        limit=PAGE + 1,
        offset=(page - 1) * PAGE,
    )
    return render(
        request,
        "notices/list.html",
        lang,
        user,
        notices=found[:PAGE],
        more=len(found) > PAGE,
        page=page,
        region=region,
        oktmo=oktmo,
        regions=_regions(lang),
        places=municipalities(engine, region or None),
        level_words=LEVEL_WORDS,
    )


@router.get("/notices/subscribe")
def subscribe_form(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    region: Annotated[str, Query(max_length=64)] = "",
    oktmo: Annotated[str, Query(max_length=11)] = "",
):
    return _form(request, engine, lang, user, {"region": region, "oktmo": oktmo, "email": ""})


def _form(request, engine, lang, user, draft, status_code=200, problems=None, sent=False):
    response = render(
        request,
        "notices/subscribe.html",
        lang,
        user,
        status_code,
        draft=draft,
        problems=problems,
        sent=sent,
        regions=_regions(lang),
        places=municipalities(engine),
    )
    response.headers.update(PRIVATE)
    return response


@router.post("/notices/subscribe", dependencies=[CSRF])
def subscribe_sent(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    region: Annotated[str, Form(max_length=64)] = "",
    oktmo: Annotated[str, Form(max_length=32)] = "",
    email: Annotated[str, Form(max_length=255)] = "",
):
    draft = {"region": region, "oktmo": oktmo, "email": email}
    try:
        subscribe(engine, region, oktmo, email)
    except ValidationFailed as failed:
        return _form(request, engine, lang, user, draft, 422, problems=failed.problems)
    return _form(request, engine, lang, user, draft | {"email": ""}, sent=True)


@router.get("/notices/{action}/{token}")
def token_page(request: Request, lang: Lang, user: MaybeUser, action: str, token: str):
    if action not in ACTIONS or len(token) > 200:
        return render(request, "error.html", lang, user, 404, title=NOT_FOUND)
    title, button = ACTIONS[action]
    response = render(
        request, "notices/token.html", lang, user, action=action, token=token,
        title=title, button=button, done=None, problems=None,
    )  # fmt: skip
    response.headers.update(PRIVATE)
    return response


@router.post("/notices/{action}/{token}", dependencies=[CSRF])
def token_action(
    request: Request, engine: DB, lang: Lang, user: MaybeUser, action: str, token: str
):
    if action not in ACTIONS or len(token) > 200:
        return render(request, "error.html", lang, user, 404, title=NOT_FOUND)
    title, button = ACTIONS[action]
    problems, status = None, 200
    try:
        view = (confirm if action == "confirm" else unsubscribe)(engine, token)
    except ValidationFailed as failed:
        view, problems, status = None, failed.problems, 404
    response = render(
        request, "notices/token.html", lang, user, status, action=action, token=token,
        title=title, button=button, done=DONE[action] if view else None, problems=problems,
    )  # fmt: skip
    response.headers.update(PRIVATE)
    return response


@router.get("/notices/{notice_id}")
def notice_page(request: Request, engine: DB, lang: Lang, user: MaybeUser, notice_id: RowId):
    found = read_notice(engine, notice_id)
    if found is None:
        return render(request, "error.html", lang, user, 404, title=NOT_FOUND)
    return render(
        request,
        "notices/notice.html",
        lang,
        user,
        n=found,
        level_words=LEVEL_WORDS,
        region_name=region_names(lang).get(found.region, found.region),
    )
