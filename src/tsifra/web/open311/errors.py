"""Errors in GeoReport v2's shape: `<errors><error><code/><description/></error></errors>` in XML,
`[{"code": …, "description": …}]` in JSON, with the HTTP status 400, 403, 404 or 429.

Existing civic apps parse this shape, not Tsifra's API error (`web.errors`), so every route of
the package runs inside `Open311Route`, which turns whatever a route or a dependency raises
(bad input, a refused key, a rate limit, a parameter the validator refused) into it, in the
format of the path (`.json`, otherwise XML: the spec's required format). The `code` is the HTTP
status, as the spec's examples have it; the description names the field in the reader's
language, and a problem report gives one error per problem. An unexpected failure is logged and
answered 500 in the same shape, never with a trace.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect

from tsifra.kernel.language import word, word_key
from tsifra.kernel.problems import Forbidden, Problem, ValidationFailed
from tsifra.web.language import request_lang
from tsifra.web.open311.formats import answer

log = logging.getLogger(__name__)
MESSAGES = {
    400: word_key("open311_bad_request"),
    403: word_key("open311_bad_key"),
    404: word_key("http_404"),
    405: word_key("http_405"),
    429: word_key("http_429"),
    500: word_key("http_500"),
}


class Open311Error(Exception):
    """An answer other than success: the status, and what to say (one error per line)."""

    def __init__(
        self,
        status: int,
        descriptions: list[str] | None = None,
        headers: dict[str, str] | None = None,
    ):
        self.status = status
        self.descriptions = descriptions
        self.headers = headers
        super().__init__(status)


def error_answer(
    request: Request,
    status: int,
    descriptions: list[str] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    lang = request_lang(request)
    if not descriptions:
        descriptions = [word(MESSAGES.get(status, word_key("http_error")), lang)]
    errors = [{"code": status, "description": d} for d in descriptions]
    return answer(errors, path_format(request), "errors", "error", status=status, headers=headers)


def problem_lines(problems: list[Problem], lang: str, names: dict[str, str]) -> list[str]:
    """Each problem as "field: what is wrong", the field named as the client sent it (`names`
    maps the service's field to the Open311 parameter)."""
    lines = []
    for p in problems:
        field = names.get(p.path or "", p.path)
        message = p.message(lang)
        lines.append(f"{field}: {message}" if field else message)
    return lines


def path_format(request: Request) -> str:
    """JSON if the path ends in `.json`, otherwise XML (also for a format we do not serve)."""
    return "json" if request.url.path.endswith(".json") else "xml"


class Open311Route(APIRoute):
    """A route whose every failure is answered in the spec's error shape."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def guarded(request: Request) -> Response:
            try:
                return await handler(request)
            except ClientDisconnect:  # the client left before sending its request whole
                return Response(status_code=400)
            except Exception as exc:  # every failure: the shape below, never Tsifra's own
                return _refusal(request, exc)

        return guarded


def _refusal(request: Request, exc: Exception) -> Response:
    lang = request_lang(request)
    if isinstance(exc, Open311Error):
        return error_answer(request, exc.status, exc.descriptions, exc.headers)
    if isinstance(exc, ValidationFailed):
        return error_answer(request, 400, problem_lines(exc.problems, lang, {}))
    if isinstance(exc, RequestValidationError):
        lines = []
        for e in exc.errors():
            name = str(e["loc"][-1]) if e.get("loc") else ""
            lines.append(f"{name}: {word('invalid_field', lang)}")
        return error_answer(request, 400, lines)
    if isinstance(exc, Forbidden):
        return error_answer(request, 403, [word("http_403", lang)])
    retry_after = getattr(exc, "retry_after", None)
    if isinstance(retry_after, int):  # a rate limit, whichever limiter raised it
        seconds = str(retry_after)
        message = word("rate_limited", lang, seconds=retry_after)
        return error_answer(request, 429, [message], {"Retry-After": seconds})
    if isinstance(exc, HTTPException):
        return error_answer(request, exc.status_code, None, getattr(exc, "headers", None))
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return error_answer(request, 500)
