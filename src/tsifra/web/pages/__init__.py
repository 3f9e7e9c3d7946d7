"""The server-rendered pages: routes stay thin and call the same services as the API."""

from fastapi import APIRouter, FastAPI, Request

from tsifra.kernel.language import word_key
from tsifra.web.pages import (
    agencies,
    api_docs,
    appeals,
    approval_figures,
    approvals,
    auth,
    casework,
    common,
    compensation,
    conflicts,
    federal,
    feedback,
    indicators,
    moderation,
    notices,
    plans,
    practices,
    rating,
    regions,
    submission,
    tasks,
    upload,
)

router = APIRouter(include_in_schema=False)
for module in (
    auth,
    rating,
    regions,
    submission,
    federal,
    indicators,
    tasks,
    conflicts,
    upload,
    appeals,
    casework,
    feedback,
    moderation,
    practices,
    plans,
    agencies,
    approvals,
    approval_figures,
    notices,
    compensation,
    api_docs,
):
    router.include_router(module.router)


def install(app: FastAPI) -> None:
    """Add the pages and their own 403 page for a form with a missing or forged CSRF token."""
    app.include_router(router)

    async def _csrf_refused(request: Request, exc: common.CsrfRefused):
        return common.render(
            request, "error.html", common.request_lang(request), None, 403,
            title=word_key("forbidden_title"), reason=word_key("csrf_failed"),
        )  # fmt: skip

    app.add_exception_handler(common.CsrfRefused, _csrf_refused)
