"""The conflicts page: values sources disagree on, every claim side by side, and settling one.

For analysts and admins (`values.conflicts` decides and audits a refusal, which becomes the 403
page); anyone signed out is sent to sign in first. Settling is a POST form with the session's
CSRF token and a required reason; its problems come back on the page, beside the form of the
conflict they belong to.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse

from tsifra.kernel.problems import Forbidden, ValidationFailed
from tsifra.values.conflicts import conflicts_for, resolve
from tsifra.web.api.params import RowId
from tsifra.web.deps import DB, MaybeUser
from tsifra.web.pages.common import CSRF, Lang, forbidden, render

router = APIRouter()
Unit = Annotated[str | None, Query(max_length=64)]


def _page(request, engine, lang, user, unit, status_code=200, **form):
    if user is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)
    try:
        conflicts = conflicts_for(engine, user, unit or None)
    except Forbidden:
        return forbidden(request, lang, user)
    return render(
        request,
        "conflicts.html",
        lang,
        user,
        status_code,
        conflicts=conflicts,
        unit=unit or "",
        failed=form.get("failed"),
        problems=form.get("problems") or [],
        chosen=form.get("chosen") or "",
        reason=form.get("reason") or "",
        resolved=request.query_params.get("resolved", ""),
    )


@router.get("/conflicts")
def conflicts_page(request: Request, engine: DB, lang: Lang, user: MaybeUser, unit: Unit = None):
    return _page(request, engine, lang, user, unit)


@router.post("/conflicts/{conflict_id}/resolve", dependencies=[CSRF])
def resolve_one(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    conflict_id: RowId,
    source: Annotated[str, Form(max_length=128)] = "",
    reason: Annotated[str, Form(max_length=2000)] = "",
    unit: Annotated[str, Form(max_length=64)] = "",
):
    try:
        resolve(engine, user, conflict_id, source, reason)
    except Forbidden:
        return forbidden(request, lang, user)
    except ValidationFailed as failed:
        return _page(
            request, engine, lang, user, unit, 422,
            failed=conflict_id, problems=failed.problems, chosen=source, reason=reason,
        )  # fmt: skip
    where = f"/conflicts?resolved={conflict_id}" + (f"&unit={quote(unit)}" if unit else "")
    return RedirectResponse(where, status_code=303)
