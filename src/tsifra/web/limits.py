"""The size of a request body, checked before it is read, and before anyone is authenticated.

FastAPI reads a form or a file before it solves a route's dependencies, so without this an
anonymous client could make the server receive and spool gigabytes before the 401. This is a
plain ASGI middleware, outside every other one: a declared `Content-Length` over the limit is
answered 413 at once, without reading a byte of the body; a body sent without one (chunked) is
counted as it arrives and cut off at the limit. The answer names the limit in the reader's
language (`?lang`, then `Accept-Language`: no session is opened for a refused request).
"""

from __future__ import annotations

import contextlib
import json

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tsifra.kernel.language import word
from tsifra.web.language import request_lang


class BodyTooLarge(Exception):
    """Raised into the application when a body without a declared length passes the limit."""


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await self._refuse(scope, send)
            return
        received = 0
        exceeded = False
        started = False

        async def counted() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    exceeded = True
                    raise BodyTooLarge
            return message

        async def guarded(message: Message) -> None:
            nonlocal started
            if exceeded:  # whatever the application made of the cut-off body is not sent
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        with contextlib.suppress(BodyTooLarge):  # the application stopped reading: refuse
            await self.app(scope, counted, guarded)
        if exceeded and not started:
            await self._refuse(scope, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        lang = request_lang(Request(scope))
        limit_mb = self.max_bytes // 2**20
        body = {
            "code": "body_too_large",
            "message": word("http_413", lang, limit_mb=limit_mb),
            "limit_bytes": self.max_bytes,
        }
        payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(payload)).encode()),
            (b"connection", b"close"),  # the unread rest of the body is not waited for
        ]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": payload})


def _content_length(scope: Scope) -> int | None:
    """The declared length; a malformed one counts as over any limit (the server would not
    know where the body ends anyway)."""
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            text = value.decode("latin-1").strip()
            return int(text) if text.isdigit() else 2**63
    return None
