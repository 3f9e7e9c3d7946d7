"""What every page shares: the templates, the request's language, the CSRF token, the 403 page.

The language comes from `?lang=en|ru` and is then kept in the session. The CSRF token is one
random value per session, put into every POST form as a hidden field and compared in constant
time; a POST without the right token is refused before any service runs.
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
from sqlalchemy import Engine

from tsifra.kernel.cache import Kept
from tsifra.kernel.language import label
from tsifra.kernel.problems import Problem
from tsifra.store.versions import shown_version
from tsifra.web.deps import MaybeUser

TEMPLATES = Jinja2Templates(directory=Path(__file__).parent.parent / "templates")
TEMPLATES.env.autoescape = True  # every value a user typed is escaped wherever it is shown


def page_lang(request: Request) -> str:
    asked = request.query_params.get("lang")
    if asked in ("ru", "en"):
        request.session["lang"] = asked
    return request.session.get("lang", "ru")


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


class CsrfRefused(Exception):
    """A POST form came without this session's token: answered with the 403 page."""


def check_csrf(request: Request, csrf: Annotated[str, Form()] = "") -> None:
    """Refuse (403) a form whose hidden token is missing or not this session's."""
    expected = request.session.get("csrf")
    if not expected or not csrf or not secrets.compare_digest(csrf, expected):
        raise CsrfRefused()


CSRF = Depends(check_csrf)
Lang = Annotated[str, Depends(page_lang)]


def render(
    request: Request,
    template: str,
    lang: str,
    user: Any,
    status_code: int = 200,
    **context: Any,
) -> HTMLResponse:
    def tr(key: str, **params: object) -> str:
        return label(key, lang, **params)

    def problem_text(problem: Problem) -> str:
        return problem.message(lang)

    return TEMPLATES.TemplateResponse(
        request,
        template,
        {
            "lang": lang,
            "user": user,
            "t": tr,
            "csrf": csrf_token(request),
            "problem_text": problem_text,
            "synthetic": False,
            "other_lang_url": _other_lang_url(request, lang),
            **context,
        },
        status_code=status_code,
    )


def forbidden(request: Request, lang: str, user: MaybeUser, reason: str = "forbidden_text"):
    return render(request, "error.html", lang, user, 403, title="forbidden_title", reason=reason)


def _other_lang_url(request: Request, lang: str) -> str:
    """The same page in the other language, keeping the period, district and other filters."""
    params = dict(request.query_params) | {"lang": "ru" if lang == "en" else "en"}
    return request.url.path + "?" + urlencode(params)


_anonymous_pages = Kept(256)


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
    key = (version, request.url.path, tuple(sorted(request.query_params.multi_items())), lang)

    def page() -> tuple[int, bytes, str]:
        response = build()
        return response.status_code, bytes(response.body), response.media_type or "text/html"

    status, body, media_type = _anonymous_pages.get(key, page)
    return Response(content=body, status_code=status, media_type=media_type)
