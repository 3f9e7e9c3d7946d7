"""Tasks («поручения»): list by region (overdue first), create, change status.

Tasks are not published figures: reading them needs an account, and an operator reads only its
own region's (`registry.tasks.tasks_for`); a refused read is recorded like a refused write.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from tsifra.accounts.users import Account
from tsifra.tasks.tasks import TaskView, create_task, set_status, task_for, tasks_for
from tsifra.web.api.schemas import ErrorOut, TaskEventOut, TaskIn, TaskOut, TaskStatusIn
from tsifra.web.deps import DB, CurrentUser, writer

router = APIRouter(tags=["tasks"])
READ_ERRORS = {401: {"model": ErrorOut}, 403: {"model": ErrorOut}, 422: {"model": ErrorOut}}
WRITE_ERRORS = {
    401: {"model": ErrorOut},
    403: {"model": ErrorOut},
    404: {"model": ErrorOut},
    422: {"model": ErrorOut},
}


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
    )


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
def task(engine: DB, account: CurrentUser, task_id: int = Path(ge=1, le=2**31 - 1)) -> TaskOut:
    return task_out(task_for(engine, account, task_id))


@router.post("/tasks", response_model=TaskOut, status_code=201, responses=WRITE_ERRORS)
def create(
    engine: DB, account: Annotated[Account, Depends(writer("task.create"))], body: TaskIn
) -> TaskOut:
    view = create_task(
        engine, account, body.title, body.region, body.responsible, body.deadline, body.indicator
    )
    return task_out(view)


@router.patch("/tasks/{task_id}", response_model=TaskOut, responses=WRITE_ERRORS)
def update(
    engine: DB,
    account: Annotated[Account, Depends(writer("task.status"))],
    body: TaskStatusIn,
    task_id: int = Path(ge=1, le=2**31 - 1),
) -> TaskOut:
    return task_out(set_status(engine, account, task_id, body.status, body.comment))
