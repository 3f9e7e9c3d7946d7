"""Open311 GeoReport v2 at /open311/v2/, so that existing civic apps work unchanged.

The spec is the documentation of these routes (docs/open311.md: the endpoints, the map of the
statuses, the extensions, how a client gets a key), so they stay out of Tsifra's OpenAPI
document, which describes Tsifra's own API under /api/v1. Every answer, an error or a path
nobody serves included, is in the spec's formats (`formats`) and error shape (`errors`).
"""

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.routing import Match

from tsifra.web.open311 import requests, services
from tsifra.web.open311.errors import Open311Error, Open311Route

router = APIRouter(route_class=Open311Route, include_in_schema=False)
router.include_router(services.router)
router.include_router(requests.router)

METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


@router.api_route("/{rest:path}", methods=METHODS)
def elsewhere(request: Request, rest: str) -> Response:
    """A path the API does not serve, or a method a path does not take, in the spec's shape."""
    scope = {**request.scope, "path": f"/{rest}", "root_path": ""}
    for route in (*services.router.routes, *requests.router.routes):
        if route.matches(scope)[0] is Match.PARTIAL:  # the path, not the method
            raise Open311Error(405)
    raise Open311Error(404)
