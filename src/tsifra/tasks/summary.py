"""What a home screen and the federal view say about tasks: counts per region, and a region's
overdue and due-soon lists.

Counts are made by the database in one grouped query, so a page that shows them for 89
regions stays cheap however many tasks there are. "Overdue": the deadline has passed and the
task is neither accepted nor cancelled. "Due soon": open, not overdue, due within `SOON_DAYS` (today
included). "Done on time": accepted on or before its deadline. Cancelled tasks count in
`total` and `cancelled` only. Who may read what is the tasks' rule: an operator reads its own
region only, an anonymous reader nothing (refused and audited, as `tasks.tasks_for`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Engine, case, func, select

from tsifra.accounts.users import Account
from tsifra.store import Task, require_current, session_scope
from tsifra.tasks.states import FINAL
from tsifra.tasks.tasks import TaskView, list_tasks, readable_region

SOON_DAYS = 7


@dataclass(frozen=True)
class RegionCounts:
    region: str
    total: int = 0
    open: int = 0  # neither accepted nor cancelled
    overdue: int = 0
    due_soon: int = 0
    reported: int = 0  # waiting for review
    returned: int = 0  # sent back for rework
    accepted: int = 0
    done_on_time: int = 0
    cancelled: int = 0


@dataclass(frozen=True)
class RegionTasks:
    """A region's tasks for its home screen: the counts, and what needs acting on."""

    counts: RegionCounts
    overdue: list[TaskView]  # oldest deadline first
    due_soon: list[TaskView]  # nearest deadline first


def region_counts(
    engine: Engine, account: Account | None, today: date | None = None
) -> dict[str, RegionCounts]:
    """Counts by region code for every region `account` may read (an operator: its own only).
    Regions without tasks are absent; callers show them as zeros (`RegionCounts(code)`)."""
    region = readable_region(engine, account, None)
    require_current(engine)
    today = today or date.today()
    soon = today + timedelta(days=SOON_DAYS)

    def count(condition) -> object:
        return func.sum(case((condition, 1), else_=0))

    query = select(
        Task.region,
        Task.status,
        func.count(),
        count(Task.deadline < today),
        count(Task.deadline.between(today, soon)),
        # the day of acceptance against the deadline: date() reads the same on both databases
        count(func.date(Task.accepted_at) <= Task.deadline),
    ).group_by(Task.region, Task.status)
    if region is not None:
        query = query.where(Task.region == region)
    with session_scope(engine) as session:
        rows = session.execute(query).all()
    tallies: dict[str, dict[str, int]] = {}
    for code, status, n, past, near, on_time in rows:
        t = tallies.setdefault(code, dict.fromkeys(_FIELDS, 0))
        t["total"] += n
        if status == "cancelled":
            t["cancelled"] += n
        elif status == "accepted":
            t["accepted"] += n
            t["done_on_time"] += on_time or 0
        else:
            t["open"] += n
            t["overdue"] += past or 0
            t["due_soon"] += near or 0
            t["reported"] += n if status == "reported" else 0
            t["returned"] += n if status == "returned" else 0
    return {code: RegionCounts(code, **t) for code, t in sorted(tallies.items())}


_FIELDS = tuple(f for f in RegionCounts.__dataclass_fields__ if f != "region")


def for_region(
    engine: Engine, account: Account | None, region: str, today: date | None = None
) -> RegionTasks:
    """One region's counts with its overdue and due-soon tasks; Forbidden (audited) for a
    reader who may not read that region's tasks."""
    readable_region(engine, account, region)
    today = today or date.today()
    tasks = list_tasks(engine, region, today)
    counts = RegionCounts(region)
    if tasks:
        counts = _counts(region, tasks, today)
    overdue = sorted((t for t in tasks if t.overdue), key=lambda t: (t.deadline, t.id))
    soon = sorted(
        (t for t in tasks if not t.overdue and t.due_soon(today, SOON_DAYS)),
        key=lambda t: (t.deadline, t.id),
    )
    return RegionTasks(counts, overdue, soon)


def _counts(region: str, tasks: list[TaskView], today: date) -> RegionCounts:
    live = [t for t in tasks if t.status not in FINAL]
    return RegionCounts(
        region=region,
        total=len(tasks),
        open=len(live),
        overdue=sum(t.overdue for t in live),
        due_soon=sum(not t.overdue and t.due_soon(today, SOON_DAYS) for t in live),
        reported=sum(t.status == "reported" for t in live),
        returned=sum(t.status == "returned" for t in live),
        accepted=sum(t.status == "accepted" for t in tasks),
        done_on_time=sum(t.done_on_time for t in tasks),
        cancelled=sum(t.status == "cancelled" for t in tasks),
    )
