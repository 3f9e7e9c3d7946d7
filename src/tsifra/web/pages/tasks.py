"""Tasks («поручения»): the list (overdue first), the create form, the status form.

Tasks are not published: the list needs an account, and an operator sees only its own region's.
The services decide who may read and write and record refusals; a refusal becomes the 403 page.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse

from tsifra.kernel.problems import Forbidden, ValidationFailed
from tsifra.tasks.tasks import STATUSES, create_task, set_status, tasks_for
from tsifra.web.api.params import RowId
from tsifra.web.deps import DB, MaybeUser
from tsifra.web.pages.common import CSRF, Lang, forbidden, render

router = APIRouter()


def _page(request, engine, lang, user, region, status_code=200, problems=None):
    if user is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)
    try:
        tasks = tasks_for(engine, user, region or None)
    except Forbidden:
        return forbidden(request, lang, user)
    return render(
        request,
        "tasks.html",
        lang,
        user,
        status_code,
        tasks=tasks,
        region=region or "",
        statuses=STATUSES,
        problems=problems,
        default_region=(user.region if user and user.region else region or ""),
    )


@router.get("/tasks")
def tasks_page(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    region: str | None = Query(None, max_length=64),
):
    return _page(request, engine, lang, user, region)


@router.post("/tasks", dependencies=[CSRF])
def create(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    title: Annotated[str, Form(max_length=500)],
    region: Annotated[str, Form(max_length=64)],
    responsible: Annotated[str, Form(max_length=256)],
    deadline: Annotated[date, Form()],
    indicator: Annotated[str, Form(max_length=128)] = "",
):
    try:
        create_task(engine, user, title, region, responsible, deadline, indicator or None)
    except Forbidden:
        return forbidden(request, lang, user)
    except ValidationFailed as failed:
        return _page(request, engine, lang, user, region, 422, problems=failed)
    return RedirectResponse(f"/tasks?region={region}", status_code=303)


@router.post("/tasks/{task_id}/status", dependencies=[CSRF])
def change_status(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    task_id: RowId,
    status: Annotated[str, Form(max_length=32)],
    comment: Annotated[str, Form(max_length=1000)] = "",
    region: Annotated[str, Form(max_length=64)] = "",
):
    try:
        set_status(engine, user, task_id, status, comment or None)
    except Forbidden:
        return forbidden(request, lang, user)
    except ValidationFailed as failed:
        return _page(request, engine, lang, user, region, 422, problems=failed)
    return RedirectResponse(f"/tasks?region={region}" if region else "/tasks", status_code=303)
