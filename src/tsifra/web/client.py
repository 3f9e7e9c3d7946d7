"""Where a request comes from, for counting failed sign-ins per address.

The peer's address as uvicorn reports it; behind a reverse proxy, run uvicorn with
`--proxy-headers --forwarded-allow-ips <the proxy>` so that this is the client, not the proxy
(otherwise every client shares one address and its limit). A header is never read here: any
client can write `X-Forwarded-For`, and believing it would let one address pose as many.
"""

from __future__ import annotations

from fastapi import Request


def client_address(request: Request) -> str | None:
    return request.client.host if request.client is not None else None
