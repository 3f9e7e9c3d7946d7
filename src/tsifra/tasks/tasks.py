"""Tasks for a region: create, move through their life, comment, list with the overdue first.

A task is overdue when its deadline has passed and it is neither accepted nor cancelled; that is
computed on every read from today's date, never stored, so it cannot go stale. Every change is
one transaction with its history event and its audit entry; a refused one is audited apart
(`record_refusal`) and changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from sqlalchemy import Engine, select

from tsifra.accounts.users import Account, can_read_tasks, can_write_region, record_refusal
from tsifra.kernel.problems import Forbidden, Problem, ValidationFailed
from tsifra.methodology import DEFAULT_METHODOLOGY
from tsifra.store import (
    Task,
    TaskComment,
    TaskEvent,
    TaskFile,
    Unit,
    require_current,
    session_scope,
    utcnow,
)
from tsifra.store.audit import record
from tsifra.store.methodologies import stored_methodology
from tsifra.tasks import files as task_files
from tsifra.tasks.states import FINAL, NEEDS_TEXT, SOURCES, STATUSES, allowed, may_take

__all__ = [
    "SOURCES",
    "STATUSES",
    "TaskDraft",
    "TaskView",
    "add_comment",
    "create_task",
    "get_task",
    "list_tasks",
    "set_status",
    "task_for",
    "tasks_for",
]

TEXT_LIMIT = 5000


@dataclass(frozen=True)
class FileView:
    id: int
    name: str
    media_type: str
    size: int
    uploaded_at: datetime
    uploaded_by: str | None


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
    source: str = "other"
    document_number: str | None = None
    document_date: date | None = None
    issued_by: str | None = None
    agency: str | None = None
    responsible_email: str | None = None
    co_executors: str | None = None
    target_value: float | None = None
    report_text: str | None = None
    reported_by: str | None = None
    reported_at: datetime | None = None
    accepted_at: datetime | None = None
    cancel_reason: str | None = None
    created_by: str | None = None
    created_at: datetime | None = None
    comments: tuple[tuple[str, str | None, str], ...] = ()  # (at, author, text)
    files: tuple[FileView, ...] = field(default=())
    plan_id: int | None = None  # the region's plan this task was accepted from (`plans`)

    @property
    def done_on_time(self) -> bool:
        return self.accepted_at is not None and self.accepted_at.date() <= self.deadline

    def due_soon(self, today: date, days: int = 7) -> bool:
        """Open, not yet overdue, and due within `days` (today included)."""
        return self.status not in FINAL and 0 <= (self.deadline - today).days <= days


@dataclass(frozen=True)
class TaskDraft:
    """What a new task says, as a form, the API or a spreadsheet row gives it."""

    title: str
    region: str
    responsible: str
    deadline: date
    indicator: str | None = None
    source: str = "other"
    document_number: str | None = None
    document_date: date | None = None
    issued_by: str | None = None
    agency: str | None = None
    responsible_email: str | None = None
    co_executors: str | None = None
    target_value: float | None = None


def draft_problems(draft: TaskDraft, known_regions: set[str] | None = None) -> list[Problem]:
    """Everything wrong with a draft at once; `known_regions` None skips the region check."""
    problems = []
    if not draft.title or not draft.title.strip() or len(draft.title) > 500:
        problems.append(Problem("bad_title", path="title"))
    if not draft.responsible or not draft.responsible.strip():
        problems.append(Problem("missing", path="responsible"))
    if draft.source not in SOURCES:
        expected = ", ".join(SOURCES)
        problems.append(
            Problem(
                "literal_error", path="source", value=draft.source, params={"expected": expected}
            )
        )
    if draft.responsible_email and "@" not in draft.responsible_email:
        problems.append(
            Problem("bad_email", path="responsible_email", value=draft.responsible_email)
        )
    if known_regions is not None and draft.region not in known_regions:
        problems.append(Problem("unknown_unit", path="region", value=draft.region))
    return problems


def create_task(
    engine: Engine,
    account: Account | None,
    title: str | TaskDraft,
    region: str | None = None,
    responsible: str | None = None,
    deadline: date | None = None,
    indicator: str | None = None,
    today: date | None = None,
) -> TaskView:
    """Create a task with status «new»; only writers for that region may.

    Takes a `TaskDraft`, or (as before) its first fields one by one."""
    draft = (
        title
        if isinstance(title, TaskDraft)
        else TaskDraft(title, region or "", responsible or "", deadline, indicator or None)
    )
    require_current(engine)
    if not can_write_region(account, draft.region):
        record_refusal(engine, account, "task.create", draft.region)
        raise Forbidden(draft.region)
    indicators = indicator_codes(engine)
    if draft.target_value is None and draft.indicator in indicators:
        draft = replace(
            draft, target_value=methodology_target(engine, draft.indicator, draft.deadline)
        )
    with session_scope(engine) as session:
        known = {draft.region} if session.get(Unit, draft.region) is not None else set()
        problems = draft_problems(draft, known)
        if draft.indicator and draft.indicator not in indicators:
            problems.append(
                Problem("task_indicator_unknown", path="indicator", value=draft.indicator)
            )
        if problems:
            raise ValidationFailed(problems)
        task_id = insert_task(session, account.login, draft)
    return get_task(engine, task_id, today)


def methodology_target(engine: Engine, indicator: str | None, deadline: date) -> float | None:
    """The methodology's target of `indicator` for the deadline's year: a task linked to an
    indicator without a target of its own aims at the one the rating measures against."""
    if not indicator:
        return None
    m = stored_methodology(engine, DEFAULT_METHODOLOGY).methodology
    found = next((i for i in m.indicators if i.code == indicator), None)
    return None if found is None else found.target_for_year(deadline.year)


def indicator_codes(engine: Engine) -> set[str]:
    m = stored_methodology(engine, DEFAULT_METHODOLOGY).methodology
    return {i.code for i in m.indicators}


def insert_task(session, actor: str, draft: TaskDraft) -> int:
    """Write one checked draft with its first event and audit entry, in the caller's
    transaction (an import writes all its rows in one)."""
    task = Task(
        title=draft.title.strip(),
        region=draft.region,
        responsible=draft.responsible.strip(),
        deadline=draft.deadline,
        status="new",
        indicator=draft.indicator or None,
        created_at=utcnow(),
        created_by=actor,
        source=draft.source,
        document_number=_clean(draft.document_number),
        document_date=draft.document_date,
        issued_by=_clean(draft.issued_by),
        agency=_clean(draft.agency),
        responsible_email=_clean(draft.responsible_email),
        co_executors=_clean(draft.co_executors),
        target_value=draft.target_value,
    )
    session.add(task)
    session.flush()
    session.add(TaskEvent(task_id=task.id, at=utcnow(), actor=actor, status="new"))
    record(session, actor, "task.create", f"task {task.id}", {"region": draft.region})
    return task.id


def set_status(
    engine: Engine,
    account: Account | None,
    task_id: int,
    status: str,
    comment: str | None = None,
    today: date | None = None,
    files: Sequence[tuple[str, bytes]] = (),
) -> TaskView:
    """Move a task to `status`, keeping the step in its history.

    A report carries its text in `comment` (and may carry `files`: name and bytes), a return
    the reason for rework, a cancellation its reason. An illegal step (accepting a new task,
    reopening an accepted one) is refused with a problem naming both statuses; a step the
    account may not take (`states.may_take`) is refused and audited.
    """
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
        region, issuer, reporter, current = (
            task.region,
            task.created_by,
            task.reported_by,
            task.status,
        )
    if not may_take(account, status, region, issuer, reporter):
        record_refusal(engine, account, "task.status", f"task {task_id}")
        raise Forbidden(region)
    comment = (comment or "").strip() or None
    problems = []
    if not allowed(current, status):
        problems.append(
            Problem("task_step", path="status", value=status, params={"current": current})
        )
    if status in NEEDS_TEXT and not comment:
        problems.append(Problem("task_needs_text", path="comment", value=status))
    if comment and len(comment) > TEXT_LIMIT:
        problems.append(Problem("text_too_long", path="comment", params={"limit": TEXT_LIMIT}))
    if files and status != "reported":
        problems.append(Problem("task_files_with_report", path="files"))
    problems += task_files.problems(files)
    if problems:
        raise ValidationFailed(problems)
    stored = [task_files.keep(name, data) for name, data in files]
    with session_scope(engine) as session:
        task = session.get(Task, task_id, with_for_update=True)
        if task.status != current:  # someone moved it meanwhile: judge the step again
            raise ValidationFailed(
                [Problem("task_step", path="status", value=status, params={"current": task.status})]
            )
        now = utcnow()
        task.status = status
        if status == "reported":
            task.report_text, task.reported_by, task.reported_at = comment, account.login, now
        elif status == "accepted":
            task.accepted_at = now
        elif status == "cancelled":
            task.cancel_reason = comment
        for kept in stored:
            session.add(
                TaskFile(
                    task_id=task_id,
                    sha256=kept.sha256,
                    name=kept.name,
                    media_type=kept.media_type,
                    size=kept.size,
                    uploaded_at=now,
                    uploaded_by=account.login,
                )
            )
        session.add(
            TaskEvent(task_id=task_id, at=now, actor=account.login, status=status, comment=comment)
        )
        details = {"status": status, "from": current, "files": len(stored)}
        record(session, account.login, "task.status", f"task {task_id}", details)
    return get_task(engine, task_id, today)


def add_comment(
    engine: Engine, account: Account | None, task_id: int, text: str, today: date | None = None
) -> TaskView:
    """A comment by anyone signed in who may read the task, except a viewer (who only reads)."""
    view = get_task(engine, task_id, today)
    if account is None or not account.is_writer or not can_read_tasks(account, view.region):
        record_refusal(engine, account, "task.comment", f"task {task_id}")
        raise Forbidden(view.region)
    text = (text or "").strip()
    if not text or len(text) > TEXT_LIMIT:
        raise ValidationFailed(
            [Problem("text_too_long", path="text", params={"limit": TEXT_LIMIT})]
        )
    with session_scope(engine) as session:
        session.add(TaskComment(task_id=task_id, at=utcnow(), author=account.login, text=text))
        record(session, account.login, "task.comment", f"task {task_id}")
    return get_task(engine, task_id, today)


def tasks_for(
    engine: Engine, account: Account | None, region: str | None = None, today: date | None = None
) -> list[TaskView]:
    """The tasks `account` may read: a region's, or all it may see when no region is asked.

    An operator asking for no region gets its own; asking for another region is refused and
    recorded, like a refused write, because it is an attempt to see another region's orders.
    """
    region = readable_region(engine, account, region)
    return list_tasks(engine, region, today)


def readable_region(engine: Engine, account: Account | None, region: str | None) -> str | None:
    """The region `account` reads when asking for `region` (an operator: its own), or Forbidden
    (recorded) when it may not."""
    if account is not None and account.role == "operator" and region is None:
        region = account.region
    if account is None or (region is not None and not can_read_tasks(account, region)):
        record_refusal(engine, account, "task.read", region or "all")
        raise Forbidden(region)
    return region


def task_for(
    engine: Engine, account: Account | None, task_id: int, today: date | None = None
) -> TaskView:
    """One task with its history, comments and files, if `account` may read its region's."""
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
        comments = session.scalars(
            select(TaskComment).where(TaskComment.task_id == task_id).order_by(TaskComment.id)
        ).all()
        stored = session.scalars(
            select(TaskFile).where(TaskFile.task_id == task_id).order_by(TaskFile.id)
        ).all()
        return _view(task, events, today or date.today(), comments, stored)


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


def is_overdue(status: str, deadline: date, today: date) -> bool:
    return status not in FINAL and deadline < today


def _clean(text: str | None) -> str | None:
    return (text or "").strip() or None


def _view(
    task: Task,
    events: Iterable[TaskEvent],
    today: date,
    comments: Iterable[TaskComment] = (),
    stored: Iterable[TaskFile] = (),
) -> TaskView:
    def at(moment: datetime) -> str:
        return moment.isoformat(sep=" ", timespec="seconds")

    return TaskView(
        id=task.id,
        title=task.title,
        region=task.region,
        responsible=task.responsible,
        deadline=task.deadline,
        status=task.status,
        overdue=is_overdue(task.status, task.deadline, today),
        indicator=task.indicator,
        history=tuple((at(e.at), e.actor, e.status, e.comment) for e in events),
        source=task.source,
        document_number=task.document_number,
        document_date=task.document_date,
        issued_by=task.issued_by,
        agency=task.agency,
        responsible_email=task.responsible_email,
        co_executors=task.co_executors,
        target_value=task.target_value,
        report_text=task.report_text,
        reported_by=task.reported_by,
        reported_at=task.reported_at,
        accepted_at=task.accepted_at,
        cancel_reason=task.cancel_reason,
        created_by=task.created_by,
        created_at=task.created_at,
        comments=tuple((at(c.at), c.author, c.text) for c in comments),
        files=tuple(
            FileView(f.id, f.name, f.media_type, f.size, f.uploaded_at, f.uploaded_by)
            for f in stored
        ),
        plan_id=task.plan_id,
    )
