"""The home screen's and the federal view's one door to поручения (tasks).

Both screens read tasks only through this module, which reads them through the tasks' own
summary (`tasks.summary`): the same overdue and due-soon rules, the same counts as the tasks
pages. Who may read which region's tasks is decided by the callers with
`accounts.users.can_read_tasks` (or the federal roles) before they call.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from tsifra.accounts.users import Account
from tsifra.tasks.states import FINAL
from tsifra.tasks.summary import SOON_DAYS, RegionCounts, RegionTasks, for_region, region_counts
from tsifra.tasks.tasks import TaskView, list_tasks

__all__ = ["SOON_DAYS", "RegionCounts", "RegionTasks", "counts_by_region", "region_tasks"]


def region_tasks(
    engine: Engine, reader: Account | None, region: str, today: date
) -> tuple[RegionTasks, list[TaskView]]:
    """A region's counts, its overdue and due-soon tasks, and its open tasks by deadline."""
    summary = for_region(engine, reader, region, today)
    open_tasks = [t for t in list_tasks(engine, region, today) if t.status not in FINAL]
    return summary, sorted(open_tasks, key=lambda t: (not t.overdue, t.deadline, t.id))


def counts_by_region(
    engine: Engine, reader: Account | None, today: date
) -> dict[str, RegionCounts]:
    """Every region's counts the reader may see (regions without tasks are absent)."""
    return region_counts(engine, reader, today)
