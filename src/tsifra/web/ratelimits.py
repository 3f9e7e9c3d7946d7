"""Rate limits on the answers that cost seconds of CPU to an anonymous caller.

The PDF brief and the XLSX workbooks of an older period, and a what-if or an analysis of a sent
file, each take seconds to compute: without a limit, one address could keep the server busy for
everyone. An anonymous caller gets a number of them per window and address (`Settings`, written
as `limits` writes them: "20/minute"); the next is answered 429 with `Retry-After`. A signed-in
account is not limited here: it is known, audited, and can be deactivated.

The counts are kept by the `limits` library in memory, per server process, unless
`Settings.rate_limit_storage` names a shared store (`redis://…`), which several processes
behind one address need. Behind a reverse proxy, start uvicorn with `--proxy-headers` and the
proxy's address in `--forwarded-allow-ips`, or every caller is the proxy.
"""

from __future__ import annotations

import math
import time

from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from limits import RateLimitItem, parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

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


# For a route's `dependencies=[...]`: the PDF and XLSX files; what-if and analyses of a sent file.
EXPORTS = limited("exports")
ANALYSES = limited("analyses")


def install(app: FastAPI, settings: Settings) -> None:
    app.state.limiter = Limiter(settings)

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
