"""Tasks («поручения»): the filtered list with its exports, the create and import forms, and a
page per task with its report, files, history, comments and the steps the reader may take.

Tasks are not published: every page needs an account, and an operator sees only its own
region's. The services decide who may read and do what and record refusals; a refusal becomes
the 403 page. Forms carry the session's CSRF token, as every form does.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Path, Query, Request, UploadFile
from fastapi.responses import FileResponse, RedirectResponse, Response

from tsifra.kernel.formatting import moment
from tsifra.kernel.language import source_word, word_key
from tsifra.kernel.problems import Forbidden, Problem, ValidationFailed
from tsifra.tasks.files import MAX_BYTES, MAX_FILES
from tsifra.tasks.listing import (
    TaskFilter,
    find_tasks,
    indicator_names,
    next_steps,
    region_names,
    report_file,
)
from tsifra.tasks.sheets import export_csv, export_xlsx, import_tasks
from tsifra.tasks.states import SOURCES, STATUSES
from tsifra.tasks.tasks import TaskDraft, add_comment, create_task, set_status, task_for
from tsifra.values.uploads import MAX_UPLOAD
from tsifra.web.api.params import RowId
from tsifra.web.deps import DB, MaybeUser
from tsifra.web.pages.common import CSRF, Lang, forbidden, render

router = APIRouter()
STEP_WORDS = {  # the button of each step
    "in_progress": word_key("task_step_in_progress"),
    "reported": word_key("task_step_reported"),
    "returned": word_key("task_step_returned"),
    "accepted": word_key("task_step_accepted"),
    "cancelled": word_key("task_step_cancelled"),
}
Short = Annotated[str | None, Query(max_length=255)]
Region = Annotated[str | None, Query(max_length=64)]


def _to_login(request: Request) -> RedirectResponse:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target)}", status_code=303)


def _filter(status, overdue, source, region, agency, indicator) -> TaskFilter:
    return TaskFilter(
        status=status or None,
        overdue=overdue == "1",
        source=source or None,
        region=region or None,
        agency=agency or None,
        indicator=indicator or None,
    )


def _list_page(request, engine, lang, user, wanted, status_code=200, problems=None, imported=0):
    if user is None:
        return _to_login(request)
    try:
        found = find_tasks(engine, user, wanted)
    except Forbidden:
        return forbidden(request, lang, user)
    query = request.url.query
    return render(
        request,
        "tasks.html",
        lang,
        user,
        status_code,
        tasks=found.tasks,
        agencies=found.agencies,
        wanted=wanted,
        statuses=STATUSES,
        sources=SOURCES,
        source_word=lambda code: source_word(code, lang),
        region_names=region_names(lang),
        indicator_names=indicator_names(engine, lang),
        query=f"?{query}" if query else "",
        problems=problems,
        imported=imported,
    )


@router.get("/tasks")
def tasks_page(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    status: Short = None,
    overdue: Short = None,
    source: Short = None,
    region: Region = None,
    agency: Short = None,
    indicator: Short = None,
):
    wanted = _filter(status, overdue, source, region, agency, indicator)
    return _list_page(request, engine, lang, user, wanted)


def _export(request, engine, lang, user, wanted, kind: str) -> Response:
    if user is None:
        return _to_login(request)
    try:
        tasks = find_tasks(engine, user, wanted).tasks
    except Forbidden:
        return forbidden(request, lang, user)
    if kind == "xlsx":
        body = export_xlsx(engine, tasks, lang)
        media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body = export_csv(engine, tasks, lang)
        media = "text/csv; charset=utf-8"
    name = f"tasks-{date.today().isoformat()}.{kind}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(body, media_type=media, headers=headers)


@router.get("/tasks.{kind}")
def tasks_file(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    kind: str = Path(pattern="^(xlsx|csv)$"),
    status: Short = None,
    overdue: Short = None,
    source: Short = None,
    region: Region = None,
    agency: Short = None,
    indicator: Short = None,
):
    """The filtered list as `/tasks.xlsx` or `/tasks.csv`: the rows the same filters show."""
    wanted = _filter(status, overdue, source, region, agency, indicator)
    return _export(request, engine, lang, user, wanted, kind)


@router.post("/tasks", dependencies=[CSRF])
def create(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    title: Annotated[str, Form(max_length=500)],
    region: Annotated[str, Form(max_length=64)],
    responsible: Annotated[str, Form(max_length=255)],
    deadline: Annotated[date, Form()],
    indicator: Annotated[str, Form(max_length=128)] = "",
    source: Annotated[str, Form(max_length=16)] = "other",
    document_number: Annotated[str, Form(max_length=128)] = "",
    document_date: Annotated[str, Form(max_length=10)] = "",
    issued_by: Annotated[str, Form(max_length=255)] = "",
    agency: Annotated[str, Form(max_length=255)] = "",
    responsible_email: Annotated[str, Form(max_length=255)] = "",
    co_executors: Annotated[str, Form(max_length=1000)] = "",
    target_value: Annotated[str, Form(max_length=32)] = "",
):
    problems = []
    issued_on = _date(document_date, "document_date", problems)
    target = _number(target_value, "target_value", problems)
    draft = TaskDraft(
        title,
        region,
        responsible,
        deadline,
        indicator or None,
        source,
        document_number,
        issued_on,
        issued_by,
        agency,
        responsible_email,
        co_executors,
        target,
    )
    try:
        if problems:
            raise ValidationFailed(problems)
        view = create_task(engine, user, draft)
    except Forbidden:
        return forbidden(request, lang, user)
    except ValidationFailed as failed:
        wanted = TaskFilter(region=region if user and user.role != "operator" else None)
        return _list_page(request, engine, lang, user, wanted, 422, problems=failed.problems)
    return RedirectResponse(f"/tasks/{view.id}", status_code=303)


def _date(text: str, field: str, problems: list[Problem]) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        problems.append(Problem("task_bad_date", path=field, value=text))
        return None


def _number(text: str, field: str, problems: list[Problem]) -> float | None:
    if not text.strip():
        return None
    try:
        return float(text.strip().replace(",", ".").replace(" ", ""))
    except ValueError:
        problems.append(Problem("task_bad_number", path=field, value=text))
        return None


@router.post("/tasks/import", dependencies=[CSRF])
def import_sheet(
    request: Request, engine: DB, lang: Lang, user: MaybeUser, file: Annotated[UploadFile, File()]
):
    name = (file.filename or "tasks.xlsx").replace("\\", "/").rsplit("/", 1)[-1]
    data = file.file.read(MAX_UPLOAD + 1)
    try:
        if len(data) > MAX_UPLOAD:
            raise ValidationFailed([Problem("task_sheet_unreadable", file=name)])
        created = import_tasks(engine, user, name, data)
    except Forbidden:
        return forbidden(request, lang, user)
    except ValidationFailed as failed:
        return _list_page(request, engine, lang, user, TaskFilter(), 422, failed.problems)
    return _list_page(request, engine, lang, user, TaskFilter(), imported=len(created))


def _task_page(request, engine, lang, user, task_id, status_code=200, problems=None):
    if user is None:
        return _to_login(request)
    try:
        view = task_for(engine, user, task_id)
    except Forbidden:
        return forbidden(request, lang, user)
    return render(
        request,
        "tasks_detail.html",
        lang,
        user,
        status_code,
        task=view,
        steps=next_steps(user, view),
        step_words=STEP_WORDS,
        source_word=lambda code: source_word(code, lang),
        region_names=region_names(lang),
        indicator_names=indicator_names(engine, lang),
        problems=problems,
        when=lambda stamp: moment(datetime.fromisoformat(stamp), lang),
    )


@router.get("/tasks/{task_id}")
def task_page(request: Request, engine: DB, lang: Lang, user: MaybeUser, task_id: RowId):
    return _task_page(request, engine, lang, user, task_id)


@router.post("/tasks/{task_id}/status", dependencies=[CSRF])
def change_status(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    task_id: RowId,
    status: Annotated[str, Form(max_length=32)],
    comment: Annotated[str, Form(max_length=5000)] = "",
    files: Annotated[list[UploadFile], File()] = [],  # noqa: B006 (FastAPI's way of "none")
):
    sent = [
        (f.filename or "file", f.file.read(MAX_BYTES + 1))
        for f in files[: MAX_FILES + 1]
        if f.filename
    ]
    try:
        set_status(engine, user, task_id, status, comment or None, files=sent)
    except Forbidden:
        return forbidden(request, lang, user)
    except ValidationFailed as failed:
        return _task_page(request, engine, lang, user, task_id, 422, failed.problems)
    return RedirectResponse(f"/tasks/{task_id}", status_code=303)


@router.post("/tasks/{task_id}/comments", dependencies=[CSRF])
def comment(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    task_id: RowId,
    text: Annotated[str, Form(max_length=5000)],
):
    try:
        add_comment(engine, user, task_id, text)
    except Forbidden:
        return forbidden(request, lang, user)
    except ValidationFailed as failed:
        return _task_page(request, engine, lang, user, task_id, 422, failed.problems)
    return RedirectResponse(f"/tasks/{task_id}#task-comments", status_code=303)


@router.get("/tasks/{task_id}/files/{file_id}")
def download(
    request: Request, engine: DB, lang: Lang, user: MaybeUser, task_id: RowId, file_id: RowId
):
    if user is None:
        return _to_login(request)
    try:
        found, path = report_file(engine, user, task_id, file_id)
    except Forbidden:
        return forbidden(request, lang, user)
    disposition = f"attachment; filename*=UTF-8''{quote(found.name)}"
    return FileResponse(
        path, media_type=found.media_type, headers={"Content-Disposition": disposition}
    )
