"""What every Open311 route reads from a request: the format, the jurisdiction, the base address.

`jurisdiction_id` is a region's code (`RU-KLU`). A server whose bodies serve one region only
needs none (the spec: required only where one endpoint serves several jurisdictions); with
several served regions a submission must name one. Any region named must exist.
"""

from __future__ import annotations

from fastapi import Request
from sqlalchemy import Engine

from tsifra.kernel.language import word
from tsifra.web.language import request_lang
from tsifra.web.open311.errors import Open311Error
from tsifra.web.open311.formats import FORMATS

PREFIX = "/open311/v2"


def fmt_of(fmt: str) -> str:
    """The format a path asked for; another extension is a path we do not serve (404)."""
    if fmt not in FORMATS:
        raise Open311Error(404)
    return fmt


def check_jurisdiction(
    request: Request, engine: Engine, jurisdiction_id: str | None, *, required: bool
) -> str | None:
    """The region a request is about: the one named (400 if it is not a region), else the only
    region served, else None where none is required (400 where one is)."""
    from tsifra.cases.public import is_region, served_regions

    lang = request_lang(request)
    if jurisdiction_id is not None and jurisdiction_id.strip():
        code = jurisdiction_id.strip()
        if not is_region(engine, code):
            message = word("open311_unknown_jurisdiction", lang, value=code)
            raise Open311Error(400, [f"jurisdiction_id: {message}"])
        return code
    if not required:
        return None
    served = served_regions(engine)
    if len(served) == 1:
        return served[0]
    message = word("open311_jurisdiction_required", lang)
    raise Open311Error(400, [f"jurisdiction_id: {message}"])


def endpoint(request: Request) -> str:
    """The API's own base address as the client reached it (`…/open311/v2`)."""
    path = request.url.path
    prefix = path[: path.find(PREFIX)] if PREFIX in path else ""
    return f"{str(request.base_url).rstrip('/')}{prefix}{PREFIX}"
