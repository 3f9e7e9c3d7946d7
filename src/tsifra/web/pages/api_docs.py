"""The interactive API reference, with Swagger UI 5 from its pip package: no CDN, and a version
that reads the OpenAPI 3.1 FastAPI writes (Swagger UI 4 cannot render it).

FastAPI's own page (`get_swagger_ui_html`) starts Swagger UI with an inline script, which the
strict Content-Security-Policy (`web.security`) would block; this page loads the same bundle and
starts it from `static/api-docs.js`. No validator either: Swagger UI would ask validator.swagger.io
about the schema.
"""

from __future__ import annotations

from fastapi import APIRouter, Request

from tsifra.web.deps import MaybeUser
from tsifra.web.pages.common import Lang, render

router = APIRouter()


@router.get("/api/docs")
def api_docs(request: Request, lang: Lang, user: MaybeUser):
    return render(request, "api_docs.html", lang, user, openapi_url=request.app.openapi_url)
