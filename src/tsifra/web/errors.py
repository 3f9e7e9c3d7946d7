"""Errors as JSON with a stable code and a human message; validation lists every problem.

The message is in the request's language (`web.language`: `?lang`, the session, then
`Accept-Language`; Russian by default); the code never changes with the language, so clients
branch on `code`.
A problem that only says "this thing does not exist" (an unknown run, task, indicator or unit) is
a 404, not a 422: the request was well formed, its target is missing. The API never answers with
an HTML error page or a traceback; a browser asking for a page gets a page it can navigate from
(a missing page, or a query parameter that does not pass, listed by name).
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from tsifra.kernel.language import word, word_key
from tsifra.kernel.problems import Forbidden, ValidationFailed
from tsifra.web.language import request_lang

MESSAGES = {
    401: word_key("http_401"),
    403: word_key("http_403"),
    404: word_key("http_404"),
    405: word_key("http_405"),
    422: word_key("http_422"),
    429: word_key("http_429"),
    500: word_key("http_500"),
}
CODES = {
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    429: "too_many_requests",
    500: "internal_error",
}
# Problems that name a missing target; a request made only of these is answered with 404.
MISSING = {
    "unknown_run",
    "unknown_task",
    "unknown_indicator",
    "unit_not_in_data",
    "no_ratings",
    "unknown_methodology",
}
log = logging.getLogger(__name__)


def error_body(
    status: int, lang: str, code: str | None = None, problems: list | None = None
) -> dict:
    body = {
        "code": code or CODES.get(status, "error"),
        "message": word(MESSAGES.get(status, word_key("http_error")), lang),
    }
    if problems is not None:
        body["problems"] = problems
    return body


def install(app: FastAPI) -> None:
    @app.exception_handler(ValidationFailed)
    async def _validation(request: Request, exc: ValidationFailed) -> JSONResponse:
        lang = request_lang(request)
        problems = [p.as_dict(lang) for p in exc.problems]
        if problems and all(p.code in MISSING for p in exc.problems):
            return JSONResponse(error_body(404, lang, None, problems), status_code=404)
        return JSONResponse(error_body(422, lang, "validation_failed", problems), status_code=422)

    @app.exception_handler(RequestValidationError)
    async def _request(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            {
                "code": e["type"],
                "path": ".".join(str(p) for p in e["loc"]),
                "message": e["msg"],
            }
            for e in exc.errors()
        ]
        lang = request_lang(request)
        if _browsing(request):
            return _page(request, lang, 422, word_key("invalid_input"), problems)
        return JSONResponse(error_body(422, lang, "invalid_request", problems), status_code=422)

    @app.exception_handler(Forbidden)
    async def _forbidden(request: Request, exc: Forbidden) -> JSONResponse:
        return JSONResponse(error_body(403, request_lang(request)), status_code=403)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        lang = request_lang(request)
        if exc.status_code == 404 and _browsing(request):
            return _page(request, lang, 404, word_key("not_found_title"))
        headers = getattr(exc, "headers", None)
        body = error_body(exc.status_code, lang)
        return JSONResponse(body, status_code=exc.status_code, headers=headers)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return JSONResponse(error_body(500, request_lang(request)), status_code=500)


def _browsing(request: Request) -> bool:
    """A person's browser asking for a page (not the API): it gets a page it can navigate from."""
    path = request.url.path
    api = path.startswith(("/api/", "/static/")) or path == "/openapi.json"
    return (
        not api and "text/html" in request.headers.get("accept", "") and "session" in request.scope
    )


def _page(request: Request, lang: str, status: int, title: str, problems: list | None = None):
    """The error page a browser can navigate from; a bad query parameter is listed by name."""
    from tsifra.web.pages.common import render

    listed = [f"{p['path']}: {p['message']}" for p in problems or []]
    return render(request, "error.html", lang, None, status, title=title, details=listed)
