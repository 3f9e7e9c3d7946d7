"""Tasks for a region: create, change status, list with the overdue ones first.

A task is overdue when its deadline has passed and it is not done; that is computed on every
read from today's date, never stored, so it cannot go stale.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, select

from tsifra.accounts.users import Account, can_read_tasks, can_write_region, record_refusal
from tsifra.kernel.problems import Forbidden, Problem, ValidationFailed
from tsifra.store import Task, TaskEvent, Unit, require_current, session_scope, utcnow
from tsifra.store.audit import record

STATUSES = ("new", "in_progress", "done")


@dataclass(frozen=True)
class TaskView:
    id: int
    title: str
    region: str
    responsible: str
    deadline: date
    status: str
    overdue: bool
    indicator: str | None
    history: tuple[tuple[str, str | None, str, str | None], ...]  # (at, actor, status, comment)


def create_task(
    engine: Engine,
    account: Account | None,
    title: str,
    region: str,
    responsible: str,
    deadline: date,
    indicator: str | None = None,
    today: date | None = None,
) -> TaskView:
    """Create a task with status «new»; only writers for that region may."""
    require_current(engine)
    if not can_write_region(account, region):
        record_refusal(engine, account, "task.create", region)
        raise Forbidden(region)
    problems = []
    if not title or not title.strip() or len(title) > 500:
        problems.append(Problem("bad_title", path="title"))
    if not responsible or not responsible.strip():
        problems.append(Problem("missing", path="responsible"))
    with session_scope(engine) as session:
        if session.get(Unit, region) is None:
            problems.append(Problem("unknown_unit", path="region", value=region))
        if problems:
            raise ValidationFailed(problems)
        task = Task(
            title=title.strip(),
            region=region,
            responsible=responsible.strip(),
            deadline=deadline,
            status="new",
            indicator=indicator or None,
            created_at=utcnow(),
            created_by=account.login,
        )
        session.add(task)
        session.flush()
        session.add(TaskEvent(task_id=task.id, at=utcnow(), actor=account.login, status="new"))
        record(session, account.login, "task.create", f"task {task.id}", {"region": region})
        task_id = task.id
    return get_task(engine, task_id, today)


def set_status(
    engine: Engine,
    account: Account | None,
    task_id: int,
    status: str,
    comment: str | None = None,
    today: date | None = None,
) -> TaskView:
    """Move a task to `status` (new, in_progress, done), keeping the change in its history."""
    require_current(engine)
    if status not in STATUSES:
        expected = ", ".join(STATUSES)
        problem = Problem(
            "literal_error", path="status", value=status, params={"expected": expected}
        )
        raise ValidationFailed([problem])
    with session_scope(engine) as session:
        task = session.get(Task, task_id)
        if task is None:
            raise ValidationFailed([Problem("unknown_task", value=task_id)])
        region = task.region
    if not can_write_region(account, region):
        record_refusal(engine, account, "task.status", f"task {task_id}")
        raise Forbidden(region)
    with session_scope(engine) as session:
        task = session.get(Task, task_id)
        task.status = status
        session.add(
            TaskEvent(
                task_id=task_id, at=utcnow(), actor=account.login, status=status, comment=comment
            )
        )
        record(session, account.login, "task.status", f"task {task_id}", {"status": status})
    return get_task(engine, task_id, today)


def tasks_for(
    engine: Engine, account: Account | None, region: str | None = None, today: date | None = None
) -> list[TaskView]:
    """The tasks `account` may read: a region's, or all it may see when no region is asked.

    An operator asking for no region gets its own; asking for another region is refused and
    recorded, like a refused write, because it is an attempt to see another region's orders.
    """
    if account is not None and account.role == "operator" and region is None:
        region = account.region
    if account is None or (region is not None and not can_read_tasks(account, region)):
        record_refusal(engine, account, "task.read", region or "all")
        raise Forbidden(region)
    return list_tasks(engine, region, today)


def task_for(
    engine: Engine, account: Account | None, task_id: int, today: date | None = None
) -> TaskView:
    """One task with its history, if `account` may read its region's tasks."""
    view = get_task(engine, task_id, today)
    if not can_read_tasks(account, view.region):
        record_refusal(engine, account, "task.read", f"task {task_id}")
        raise Forbidden(view.region)
    return view


def get_task(engine: Engine, task_id: int, today: date | None = None) -> TaskView:
    require_current(engine)
    with session_scope(engine) as session:
        task = session.get(Task, task_id)
        if task is None:
            raise ValidationFailed([Problem("unknown_task", value=task_id)])
        events = session.scalars(
            select(TaskEvent).where(TaskEvent.task_id == task_id).order_by(TaskEvent.id)
        ).all()
        return _view(task, events, today or date.today())


def list_tasks(
    engine: Engine, region: str | None = None, today: date | None = None
) -> list[TaskView]:
    """Tasks of a region (or all), overdue first, then by deadline, whoever asks: callers that
    answer a person go through `tasks_for`, which applies who may read what."""
    require_current(engine)
    today = today or date.today()
    with session_scope(engine) as session:
        query = select(Task)
        if region is not None:
            query = query.where(Task.region == region)
        tasks = session.scalars(query).all()
        views = [_view(t, (), today) for t in tasks]
    return sorted(views, key=lambda v: (not v.overdue, v.deadline, v.id))


def _view(task: Task, events, today: date) -> TaskView:
    history = tuple(
        (e.at.isoformat(sep=" ", timespec="seconds"), e.actor, e.status, e.comment) for e in events
    )
    return TaskView(
        id=task.id,
        title=task.title,
        region=task.region,
        responsible=task.responsible,
        deadline=task.deadline,
        status=task.status,
        overdue=task.status != "done" and task.deadline < today,
        indicator=task.indicator,
        history=history,
    )
