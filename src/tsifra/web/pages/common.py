"""What every page shares: the templates, the request's language, the CSRF token, the 403 page.

The language is the request's (`web.language`: `?lang=en|ru`, then kept in the session, else
`Accept-Language`). Templates write words with `t("key")` and figures with the filters of
`kernel.formatting` in the page's language: `{{ x|number(2) }}`, `|signed`, `|whole`,
`|percent`, `|chance`, `|significant`, `|period`, `|day`, `|moment`, and a task's `|status`.
The CSRF token is one random value per session, put into every POST form as a hidden field and
compared in constant time; a POST without the right token is refused before any service runs.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, Form, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from sqlalchemy import Engine

from tsifra.kernel import formatting
from tsifra.kernel.language import status_word, word, word_key
from tsifra.kernel.problems import Problem
from tsifra.store.versions import shown_version
from tsifra.web.deps import MaybeUser
from tsifra.web.language import Lang, request_lang

TEMPLATES = Jinja2Templates(directory=Path(__file__).parent.parent / "templates")
TEMPLATES.env.autoescape = True  # every value a user typed is escaped wherever it is shown

__all__ = ["CSRF", "Lang", "forbidden", "kept_for_anonymous", "render", "request_lang"]


def _filter(write: Callable[..., str]) -> Callable[..., str]:
    """A formatting function as a Jinja filter that takes the language from the page."""

    @pass_context
    def written(context: Any, value: object, *args: Any) -> str:
        return write(value, context["lang"], *args)

    return written


FILTERS = ("number", "signed", "whole", "percent", "share", "chance", "significant", "period")
for _name in (*FILTERS, "day", "moment"):
    TEMPLATES.env.filters[_name] = _filter(getattr(formatting, _name))
TEMPLATES.env.filters["status"] = _filter(status_word)  # a task's status in words


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


class _SessionToken:
    """The session's CSRF token, made when a template first writes it: a page with no form
    leaves the session alone, so an anonymous reader's public page sets no cookie and stays
    an answer any cache may keep (`web.security`)."""

    def __init__(self, request: Request) -> None:
        self.request = request

    def __str__(self) -> str:
        return csrf_token(self.request)


class CsrfRefused(Exception):
    """A POST form came without this session's token: answered with the 403 page."""


def check_csrf(request: Request, csrf: Annotated[str, Form()] = "") -> None:
    """Refuse (403) a form whose hidden token is missing or not this session's."""
    expected = request.session.get("csrf")
    if not expected or not csrf or not secrets.compare_digest(csrf.encode(), expected.encode()):
        raise CsrfRefused()


CSRF = Depends(check_csrf)
NOT_FOUND = word_key("not_found_title")  # the title of the 404 page


def render(
    request: Request,
    template: str,
    lang: str,
    user: Any,
    status_code: int = 200,
    **context: Any,
) -> HTMLResponse:
    def tr(key: str, **params: object) -> str:
        return word(key, lang, **params)

    def problem_text(problem: Problem) -> str:
        return problem.message(lang)

    return TEMPLATES.TemplateResponse(
        request,
        template,
        {
            "lang": lang,
            "user": user,
            "t": tr,
            "csrf": _SessionToken(request),
            "problem_text": problem_text,
            "synthetic": False,
            "other_lang_url": _other_lang_url(request, lang),
            **context,
        },
        status_code=status_code,
    )


def forbidden(request: Request, lang: str, user: MaybeUser, reason: str | None = None):
    """The 403 page; `reason` is the key of what to say, «no rights for this» by default."""
    reason = reason or word_key("forbidden_text")
    title = word_key("forbidden_title")
    return render(request, "error.html", lang, user, 403, title=title, reason=reason)


def _other_lang_url(request: Request, lang: str) -> str:
    """The same page in the other language, keeping the period, district and other filters."""
    params = dict(request.query_params) | {"lang": "ru" if lang == "en" else "en"}
    return request.url.path + "?" + urlencode(params)


# Set by a page that shows an analysis of the previous data while the current one is computed.
RECOMPUTING_HEADER = "X-Tsifra-Recomputing"


def kept_for_anonymous(
    request: Request, engine: Engine, lang: str, user: Any, build: Callable[[], Response]
) -> Response:
    """A public page as everyone without an account sees it, built once per data version.

    Anonymous visitors see no form and no name, so their page depends only on the address, the
    language, the stored data, the tasks and today's date (overdue marks). Signed-in users get
    a fresh page: it carries their name and their CSRF token.
    """
    if user is not None:
        return build()
    version = shown_version(engine)
    query = tuple(sorted(request.query_params.multi_items()))
    key = ("page", version, request.url.path, query, lang)

    def page() -> tuple[int, bytes, str, bool]:
        response = build()
        provisional = response.headers.get(RECOMPUTING_HEADER) == "1"
        media_type = response.media_type or "text/html"
        return response.status_code, bytes(response.body), media_type, provisional

    cache = request.app.state.cache
    status, body, media_type, provisional = cache.get(key, 0, page)
    if provisional:  # shows an analysis being recomputed: the next visitor gets the new one
        cache.forget(key)
    return Response(content=body, status_code=status, media_type=media_type)
