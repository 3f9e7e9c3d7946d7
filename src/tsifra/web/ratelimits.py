"""Rate limits on the answers that cost seconds of CPU to an anonymous caller.

The PDF brief and the XLSX workbooks of an older period, and a what-if or an analysis of a sent
file, each take seconds to compute: without a limit, one address could keep the server busy for
everyone. An anonymous caller gets a number of them per window and address (`Settings`, written
as `limits` writes them: "20/minute"); the next is answered 429 with `Retry-After`. A signed-in
account is not limited here: it is known, audited, and can be deactivated. The one exception is
an answer only accounts get that still costs a search per call (the network owners a geometry
touches): it is counted per account (`per_account`), so one token cannot keep a worker busy.

The counts are kept by the `limits` library in memory, per server process, unless
`Settings.rate_limit_storage` names a shared store (`redis://…`), which several processes
behind one address need. Behind a reverse proxy, start uvicorn with `--proxy-headers` and the
proxy's address in `--forwarded-allow-ips`, or every caller is the proxy.

Submissions of cases are limited differently, by `SubmissionLimit`, a plain ASGI middleware
that matches the submitting paths (`SUBMISSION_PATHS`), so that a route added to one of them by
another module is limited without remembering to: every POST there counts against its client
address and, when it carries an Open311 `api_key` (query or form field), against that key (by
its SHA-256: no key is kept in the counts). Both count for everyone, signed in or not: a
submission creates a case that a person must read. The refusal has the shape its caller reads:
the API's error object, Open311's error list (JSON or XML, by the path's format), or a page.
"""

from __future__ import annotations

import hashlib
import math
import re
import time
from urllib.parse import parse_qs
from xml.sax.saxutils import escape

from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse, Response
from limits import RateLimitItem, parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter
from starlette.middleware import Middleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tsifra.kernel.language import word, word_key
from tsifra.web.deps import MaybeUser
from tsifra.web.language import request_lang
from tsifra.web.settings import Settings

# The status and `Retry-After` of a refusal, for the OpenAPI `responses` of a limited route; the
# body is the API's one error shape (`web.api.schemas.ErrorOut`, named here by reference: the
# API's modules import this one).
RESPONSES = {
    429: {
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
        "description": "too many requests from this address; retry after `Retry-After` seconds",
        "headers": {"Retry-After": {"schema": {"type": "integer"}}},
    }
}


class Limiter:
    """The limits of one application, by name ("exports", "analyses")."""

    def __init__(self, settings: Settings) -> None:
        self.items: dict[str, RateLimitItem] = {
            "exports": parse(settings.rate_limit_exports),
            "analyses": parse(settings.rate_limit_analyses),
            "owners": parse(settings.rate_limit_owners),
            "submissions": parse(settings.rate_limit_submissions),
            "submissions_key": parse(settings.rate_limit_submissions_key),
        }
        self.strategy = MovingWindowRateLimiter(storage_from_string(settings.rate_limit_storage))

    def take(self, name: str, caller: str) -> int:
        """Count one request; 0 if it is within the limit, else the seconds to wait."""
        item = self.items[name]
        if self.strategy.hit(item, name, caller):
            return 0
        reset = self.strategy.get_window_stats(item, name, caller).reset_time
        return max(1, math.ceil(reset - time.time()))


class RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after


def limited(name: str):
    """A dependency counting an anonymous caller's request against the limit `name`."""

    def dependency(request: Request, account: MaybeUser) -> None:
        if account is not None:
            return
        caller = request.client.host if request.client else "unknown"
        wait = request.app.state.limiter.take(name, caller)
        if wait:
            raise RateLimited(wait)

    return Depends(dependency)


def per_account(name: str):
    """A dependency counting a signed-in account's request against the limit `name`: for
    answers only accounts get that still read a large index per call (an anonymous caller is
    refused by the route itself)."""

    def dependency(request: Request, account: MaybeUser) -> None:
        if account is None:
            return
        wait = request.app.state.limiter.take(name, f"account:{account.id}")
        if wait:
            raise RateLimited(wait)

    return Depends(dependency)


# For a route's `dependencies=[...]`: the PDF and XLSX files; what-if and analyses of a sent file.
EXPORTS = limited("exports")
ANALYSES = limited("analyses")
# The owners a geometry touches (POST /api/v1/approvals/owners), per account.
OWNERS = per_account("owners")


# POST to these paths files a case: the citizen's form, the JSON API, Open311 (with its format
# suffix, and anything under requests, such as media sent for a request); or flags one; or
# subscribes an address to warnings (each sends a confirmation mail to someone).
SUBMISSION_PATHS = re.compile(
    r"^(/appeals/new|/api/v1/cases(\.json)?|/open311/v2/requests(\.json|\.xml)?(/.*)?"
    r"|/moderation/flag/\d+|/notices/subscribe|/api/v1/notices/subscriptions)/?$"
)
# An api_key sent in a multipart form (Open311 media upload): the field's value, whatever
# precedes or follows it.
_MULTIPART_KEY = re.compile(rb'name="api_key"\r\n(?:[^\r\n]+\r\n)*\r\n([^\r\n]*)\r\n')


class SubmissionLimit:
    """Counts the submissions of a client address and of an Open311 API key (see the module).

    It sits inside the session middleware (so a refused form is a page in the reader's
    language) and inside `web.limits.BodyLimit` (so the body it reads for the key is bounded);
    the body it read is handed on to the application unchanged."""

    def __init__(self, app: ASGIApp, limiter: Limiter) -> None:
        self.app = app
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "POST"
            or not SUBMISSION_PATHS.match(scope["path"])
        ):
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        wait = self.limiter.take("submissions", client[0] if client else "unknown")
        messages: list[Message] = []
        if not wait and scope["path"].startswith("/open311/"):
            key, messages = await _api_key(scope, receive)
            if key:
                digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
                wait = self.limiter.take("submissions_key", digest)
        if wait:
            await _refusal(scope, wait)(scope, receive, send)
            return
        if messages:
            receive = _replay(messages, receive)
        await self.app(scope, receive, send)


async def _api_key(scope: Scope, receive: Receive) -> tuple[str | None, list[Message]]:
    """The request's Open311 `api_key` and the body messages read to find it."""
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    if query.get("api_key"):
        return query["api_key"][0], []
    messages: list[Message] = []
    body = b""
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            break
        body += message.get("body", b"")
        if not message.get("more_body", False):
            break
    content_type = dict(scope.get("headers", ())).get(b"content-type", b"").lower()
    if content_type.startswith(b"multipart/form-data"):
        found = _MULTIPART_KEY.search(body)
        return (found.group(1).decode("utf-8", "replace") if found else None), messages
    fields = parse_qs(body.decode("utf-8", "replace"))
    return (fields["api_key"][0] if fields.get("api_key") else None), messages


def _replay(messages: list[Message], receive: Receive) -> Receive:
    pending = list(messages)

    async def replayed() -> Message:
        return pending.pop(0) if pending else await receive()

    return replayed


def _refusal(scope: Scope, wait: int) -> ASGIApp:
    request = Request(scope)
    lang = request_lang(request)
    message = word("rate_limited", lang, seconds=wait)
    headers = {"Retry-After": str(wait)}
    path = scope["path"]
    if path.startswith("/open311/"):
        if ".xml" in path:
            xml = (
                '<?xml version="1.0" encoding="utf-8"?>\n<errors><error><code>429</code>'
                f"<description>{escape(message)}</description></error></errors>"
            )
            return Response(xml, 429, headers, media_type="application/xml")
        return JSONResponse([{"code": 429, "description": message}], 429, headers)
    if path.startswith("/api/"):
        body = {"code": "too_many_requests", "message": message}
        return JSONResponse(body, 429, headers)
    from tsifra.web.pages.common import render

    page = render(
        request, "error.html", lang, None, 429, title=word_key("too_many_title"), details=[message]
    )
    page.headers.update(headers)
    return page


def install(app: FastAPI, settings: Settings) -> None:
    app.state.limiter = Limiter(settings)
    # Appended: the innermost middleware, inside the session and the body limit (see above).
    app.user_middleware.append(Middleware(SubmissionLimit, limiter=app.state.limiter))

    async def _refused(request: Request, exc: RateLimited):
        lang = request_lang(request)
        headers = {"Retry-After": str(exc.retry_after)}
        message = word("rate_limited", lang, seconds=exc.retry_after)
        if not request.url.path.startswith("/api/"):  # a page: a page to navigate from
            from tsifra.web.pages.common import render

            page = render(
                request,
                "error.html",
                lang,
                None,
                429,
                title=word_key("too_many_title"),
                details=[message],
            )
            page.headers.update(headers)
            return page
        body = {"code": "too_many_requests", "message": message}
        return JSONResponse(body, status_code=429, headers=headers)

    app.add_exception_handler(RateLimited, _refused)
