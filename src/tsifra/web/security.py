"""Headers that make every answer safe by default in a browser, whoever wrote the answer.

Everything Tsifra shows is served by the app itself (no CDN, no inline script, no inline style),
so the Content-Security-Policy can allow only the app's own origin: an injected `<script>` or
`style=` does nothing, and no other site may frame a page (`frame-ancestors 'none'`, and
`X-Frame-Options` for browsers that predate it). `data:` images are allowed because Swagger UI
draws its icons with them. Behind TLS (`Settings.https_only`) the browser is told to use HTTPS
only (HSTS).

An answer that depends on who asks — the request carries a bearer token, the session belongs to
a signed-in user, or the answer sets a cookie — is marked `Cache-Control: private, no-store`, so
that neither a shared proxy nor the browser's disk keeps a person's data; public answers keep
whatever caching their route chose. Static files never depend on who asks.

The middleware sits outside every other layer, Starlette's error middleware included, so a 500
carries the headers as well as a page, a JSON answer or a static file.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tsifra.kernel.language import word
from tsifra.web.deps import CsrfMissing
from tsifra.web.language import request_lang

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
HSTS = "max-age=31536000; includeSubDomains"  # a year, as ASVS 14.4.5 asks
PRIVATE = "private, no-store"
SESSION_USER = "user_id"  # the session key that says a user is signed in (`web.deps`)
STATIC = "/static/"


class SecurityHeaders:
    """A pure ASGI middleware: it adds headers to the response start and touches no body."""

    def __init__(self, app: ASGIApp, https_only: bool = False) -> None:
        self.app = app
        self.headers = HEADERS | ({"Strict-Transport-Security": HSTS} if https_only else {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                headers = MutableHeaders(scope=message)
                for name, value in self.headers.items():
                    headers[name] = value
                if _depends_on_who_asks(scope, headers):
                    headers["Cache-Control"] = PRIVATE
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _depends_on_who_asks(scope: Scope, response: MutableHeaders) -> bool:
    """Whether the answer was made for one person. The session is read when the response
    starts, after the app ran: a login that has just signed someone in counts."""
    if scope.get("path", "").startswith(STATIC):
        return False
    if any(name == b"authorization" for name, _ in scope.get("headers", ())):
        return True
    session = scope.get("session") or {}
    return session.get(SESSION_USER) is not None or "set-cookie" in response


def install(app: FastAPI, https_only: bool = False) -> None:
    """Wrap the whole application, Starlette's error middleware included (`add_middleware`
    would place it inside, and a 500 would go out without the headers); answer an API write
    on the session cookie without its CSRF token with a 403 that says what is missing."""
    app.add_exception_handler(CsrfMissing, _csrf_refused)
    build = app.build_middleware_stack

    def build_with_headers() -> ASGIApp:
        return SecurityHeaders(build(), https_only)

    app.build_middleware_stack = build_with_headers  # type: ignore[method-assign]


async def _csrf_refused(request: Request, exc: CsrfMissing) -> JSONResponse:
    body = {"code": "csrf_failed", "message": word("api_csrf_failed", request_lang(request))}
    return JSONResponse(body, status_code=403)
