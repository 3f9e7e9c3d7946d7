"""Errors as JSON with a stable code and a human message; validation lists every problem.

The message is in the request's language (`web.language`: `?lang`, the session, then
`Accept-Language`; Russian by default); the code never changes with the language, so clients
branch on `code`.
A problem that only says "this thing does not exist" (an unknown run, task, indicator or unit) is
a 404, not a 422, when the thing is what the request addresses: a read (GET) of it, or a write
to a path that names it (`PATCH /tasks/424242`). The same "unknown" inside what a request sends
(an indicator in an uploaded file, in a what-if's changes) is bad input, a 422 with its location:
the resource the request addresses exists, the content does not fit it. The API never answers with
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
from tsifra.kernel.problems import Forbidden, Problem, ValidationFailed
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
    "plan_unknown",
    "unknown_task_file",
    "conflict_not_open",
    "unknown_indicator",
    "unit_not_in_data",
    "no_ratings",
    "unknown_methodology",
    "practice_unknown",
    "appr_project_unknown",
    "appr_request_unknown",
    "appr_document_unknown",
}
# The validator's error types the catalogue words (`kernel.language.problems`); any other is
# "invalid value", named by its parameter.
REQUEST_TYPED = {
    "missing",
    "int_parsing",
    "float_parsing",
    "bool_parsing",
    "greater_than",
    "greater_than_equal",
    "less_than_equal",
    "string_too_short",
    "string_too_long",
    "literal_error",
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
        if problems and _addressed_and_missing(request, exc):
            return JSONResponse(error_body(404, lang, None, problems), status_code=404)
        return JSONResponse(error_body(422, lang, "validation_failed", problems), status_code=422)

    @app.exception_handler(RequestValidationError)
    async def _request(request: Request, exc: RequestValidationError) -> JSONResponse:
        lang = request_lang(request)
        problems = [_request_problem(e, lang) for e in exc.errors()]
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


def _request_problem(error: dict, lang: str) -> dict:
    """A parameter that does not pass, in the catalogue's words (the validator's type is the
    code, its limits the parameters), never the validator's own English sentence."""
    code = error["type"]
    path = ".".join(str(p) for p in error["loc"])
    if code in REQUEST_TYPED:
        ctx = {
            k: v if isinstance(v, int | float | str) else str(v)
            for k, v in (error.get("ctx") or {}).items()
        }
        if "expected" in ctx:  # the validator joins choices with an English "or"
            ctx["expected"] = str(ctx["expected"]).replace(" or ", ", ")
        problem = Problem(code, path=path, value=error.get("input"), params=ctx)
        message = problem.message(lang)
    else:
        message = word("invalid_field", lang)
    return {"code": code, "path": path, "message": message}


def _addressed_and_missing(request: Request, exc: ValidationFailed) -> bool:
    """Whether every problem says that what the request addresses does not exist (the module's
    docstring): a read's parameters address, a write's only its path does."""
    if not all(p.code in MISSING for p in exc.problems):
        return False
    if request.method in ("GET", "HEAD"):
        return True
    in_path = {str(v) for v in request.path_params.values()}
    return all(p.file is None and p.row is None and str(p.value) in in_path for p in exc.problems)


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
