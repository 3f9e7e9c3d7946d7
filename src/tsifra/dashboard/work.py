"""The home screen's and the federal view's one door to поручения (tasks).

Both screens read tasks only through `tasks_of`, so that when the tasks service grows
(`tasks.summary`, new statuses, completion dates) the switch is made here and nowhere else.
Who may read which region's tasks is decided by the callers with `accounts.users.can_read_tasks`
before they call; this function reads whatever it is asked.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from tsifra.tasks.tasks import TaskView, list_tasks

# A task due within this many days (and not done, not overdue) is «due soon» on the home screen.
DUE_SOON_DAYS = 14
CLOSED = frozenset({"done"})  # statuses that end a task's life: never overdue, never due soon


def tasks_of(engine: Engine, region: str | None, today: date) -> list[TaskView]:
    """A region's tasks (every region's with None), overdue first, then by deadline.

    TO SWITCH AT MERGE: the tasks branch's `tasks.summary` replaces this body.
    """
    return list_tasks(engine, region, today)


def is_open(task: TaskView) -> bool:
    return task.status not in CLOSED


def due_soon(task: TaskView, today: date) -> bool:
    """Open, not yet overdue, and due within `DUE_SOON_DAYS`."""
    return is_open(task) and not task.overdue and (task.deadline - today).days <= DUE_SOON_DAYS
