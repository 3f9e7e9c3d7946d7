"""Errors as JSON with a stable code and a human message; validation lists every problem.

The message is Russian unless the request asks for English (`?lang=en` or an `Accept-Language`
that prefers English); the code never changes with the language, so clients branch on `code`.
A problem that only says "this thing does not exist" (an unknown run, task, indicator or unit) is
a 404, not a 422: the request was well formed, its target is missing. The API never answers with
an HTML error page or a traceback.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from tsifra.kernel.language import current_lang
from tsifra.kernel.problems import Forbidden, ValidationFailed

MESSAGES = {
    401: ("нужен вход в систему", "login required"),
    403: ("недостаточно прав для этого действия", "not allowed for this account"),
    404: ("не найдено", "not found"),
    405: ("метод не поддерживается", "method not allowed"),
    422: ("данные не прошли проверку", "the input did not pass validation"),
    500: ("внутренняя ошибка сервера", "internal server error"),
}
CODES = {
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
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


def request_lang(request: Request | None) -> str:
    """`?lang=en|ru` first, then the first language of `Accept-Language`, then TSIFRA_LANG."""
    if request is None:
        return current_lang()
    asked = request.query_params.get("lang", "").lower()
    if asked in ("en", "ru"):
        return asked
    header = request.headers.get("accept-language", "").strip().lower()
    if header:
        first = header.split(",")[0].split(";")[0].strip()
        if first.startswith("en"):
            return "en"
        if first.startswith("ru"):
            return "ru"
    return current_lang()


def error_body(
    status: int,
    code: str | None = None,
    problems: list | None = None,
    lang: str | None = None,
) -> dict:
    ru, en = MESSAGES.get(status, ("ошибка", "error"))
    body = {
        "code": code or CODES.get(status, "error"),
        "message": en if (lang or current_lang()) == "en" else ru,
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
            return JSONResponse(error_body(404, None, problems, lang), status_code=404)
        return JSONResponse(error_body(422, "validation_failed", problems, lang), status_code=422)

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
        body = error_body(422, "invalid_request", problems, request_lang(request))
        return JSONResponse(body, status_code=422)

    @app.exception_handler(Forbidden)
    async def _forbidden(request: Request, exc: Forbidden) -> JSONResponse:
        return JSONResponse(error_body(403, lang=request_lang(request)), status_code=403)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        if exc.status_code == 404 and _browsing(request):
            return _not_found_page(request)
        headers = getattr(exc, "headers", None)
        body = error_body(exc.status_code, lang=request_lang(request))
        return JSONResponse(body, status_code=exc.status_code, headers=headers)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return JSONResponse(error_body(500, lang=request_lang(request)), status_code=500)


def _browsing(request: Request) -> bool:
    """A person's browser asking for a page (not the API): it gets a page it can navigate from."""
    path = request.url.path
    api = path.startswith(("/api/", "/static/")) or path == "/openapi.json"
    return (
        not api and "text/html" in request.headers.get("accept", "") and "session" in request.scope
    )


def _not_found_page(request: Request):
    from tsifra.web.pages.common import page_lang, render

    return render(request, "error.html", page_lang(request), None, 404, title="not_found_title")
