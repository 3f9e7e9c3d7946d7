"""Discovery, the list of services (the category tree) and each service's definition."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import Response

from tsifra.web.deps import DB
from tsifra.web.language import request_lang
from tsifra.web.open311 import documents
from tsifra.web.open311.errors import Open311Error, Open311Route
from tsifra.web.open311.formats import answer
from tsifra.web.open311.params import check_jurisdiction, endpoint, fmt_of

router = APIRouter(route_class=Open311Route)


@router.get("/discovery.{fmt}")
def discovery(request: Request, fmt: str) -> Response:
    fmt = fmt_of(fmt)
    document = documents.discovery(endpoint(request), _changeset(), request_lang(request))
    return answer(document, fmt, "discovery")


@router.get("/services.{fmt}")
def services(
    request: Request, fmt: str, engine: DB, jurisdiction_id: str | None = None
) -> Response:
    fmt = fmt_of(fmt)
    check_jurisdiction(request, engine, jurisdiction_id, required=False)
    lang = request_lang(request)
    listed = [documents.service(leaf, lang) for leaf in offered()]
    return answer(listed, fmt, "services", "service")


@router.get("/services/{code}.{fmt}")
def service_definition(
    request: Request, code: str, fmt: str, engine: DB, jurisdiction_id: str | None = None
) -> Response:
    fmt = fmt_of(fmt)
    check_jurisdiction(request, engine, jurisdiction_id, required=False)
    found = next((c for c in offered() if c.code == code), None)
    if found is None:
        raise Open311Error(404)
    document = documents.service_definition(found, request_lang(request))
    return answer(document, fmt, "service_definition")


def offered() -> list:
    """The leaves a civic app may file under: those taking an appeal or a message (incidents
    come from monitoring, not from citizens' apps), in the tree's order."""
    from tsifra.cases.categories import leaves

    return [leaf for leaf in leaves() if leaf.kinds & set(documents.KIND_NAMES)]


def _changeset() -> datetime:
    """When the list of services last changed: the category tree's file, as installed."""
    from tsifra.cases.categories import CATEGORIES_FILE

    changed = datetime.fromtimestamp(int(CATEGORIES_FILE.stat().st_mtime), UTC)
    return changed.replace(tzinfo=None)
