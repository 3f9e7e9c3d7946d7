"""Tasks («поручения»): list by region (overdue first), one with its history, comments and
files, create, take the next step, comment.

Tasks are not published figures: reading them needs an account, and an operator reads only its
own region's (`tasks.tasks.tasks_for`); a refused read is recorded like a refused write. Who may
take which step is `tasks.states`'; files are attached through the task's page.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from tsifra.accounts.users import Account
from tsifra.tasks.tasks import (
    TaskDraft,
    TaskView,
    add_comment,
    create_task,
    set_status,
    task_for,
    tasks_for,
)
from tsifra.web.api.schemas import (
    ErrorOut,
    TaskCommentIn,
    TaskCommentOut,
    TaskEventOut,
    TaskFileOut,
    TaskIn,
    TaskOut,
    TaskStatusIn,
)
from tsifra.web.deps import DB, CurrentUser, writer

router = APIRouter(tags=["tasks"])
READ_ERRORS = {401: {"model": ErrorOut}, 403: {"model": ErrorOut}, 422: {"model": ErrorOut}}
WRITE_ERRORS = {
    401: {"model": ErrorOut},
    403: {"model": ErrorOut},
    404: {"model": ErrorOut},
    422: {"model": ErrorOut},
}
TaskId = Annotated[int, Path(ge=1, le=2**31 - 1)]


def task_out(view: TaskView) -> TaskOut:
    history = [TaskEventOut(at=a, actor=who, status=s, comment=c) for a, who, s, c in view.history]
    return TaskOut(
        id=view.id,
        title=view.title,
        region=view.region,
        responsible=view.responsible,
        deadline=view.deadline,
        status=view.status,
        overdue=view.overdue,
        indicator=view.indicator,
        history=history,
        source=view.source,
        document_number=view.document_number,
        document_date=view.document_date,
        issued_by=view.issued_by,
        agency=view.agency,
        co_executors=view.co_executors,
        target_value=view.target_value,
        report_text=view.report_text,
        reported_by=view.reported_by,
        accepted_at=view.accepted_at,
        cancel_reason=view.cancel_reason,
        comments=[TaskCommentOut(at=a, author=who, text=x) for a, who, x in view.comments],
        files=[TaskFileOut(id=f.id, name=f.name, media_type=f.media_type, size=f.size)
               for f in view.files],
    )  # fmt: skip


@router.get("/tasks", response_model=list[TaskOut], responses=READ_ERRORS)
def tasks(
    engine: DB, account: CurrentUser, region: str | None = Query(None, max_length=64)
) -> list[TaskOut]:
    """The tasks the caller may read, overdue first; an operator gets its own region's."""
    return [task_out(v) for v in tasks_for(engine, account, region)]


@router.get(
    "/tasks/{task_id}",
    response_model=TaskOut,
    responses=READ_ERRORS | {404: {"model": ErrorOut}},
)
def task(engine: DB, account: CurrentUser, task_id: TaskId) -> TaskOut:
    return task_out(task_for(engine, account, task_id))


@router.post("/tasks", response_model=TaskOut, status_code=201, responses=WRITE_ERRORS)
def create(
    engine: DB, account: Annotated[Account, Depends(writer("task.create"))], body: TaskIn
) -> TaskOut:
    return task_out(create_task(engine, account, TaskDraft(**body.model_dump())))


@router.patch("/tasks/{task_id}", response_model=TaskOut, responses=WRITE_ERRORS)
def update(
    engine: DB,
    account: Annotated[Account, Depends(writer("task.status"))],
    body: TaskStatusIn,
    task_id: TaskId,
) -> TaskOut:
    """The next step of the task's life (`in_progress`, `reported`, `returned`, `accepted`,
    `cancelled`); an illegal step is a 422 naming both statuses."""
    return task_out(set_status(engine, account, task_id, body.status, body.comment))


@router.post(
    "/tasks/{task_id}/comments", response_model=TaskOut, status_code=201, responses=WRITE_ERRORS
)
def comment(
    engine: DB,
    account: Annotated[Account, Depends(writer("task.comment"))],
    body: TaskCommentIn,
    task_id: TaskId,
) -> TaskOut:
    return task_out(add_comment(engine, account, task_id, body.text))
