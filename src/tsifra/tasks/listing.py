"""The task list as a person asks for it: filtered, with names for codes, and what each reader
may do next with a task; the report files a reader may download.

Filters apply to what the reader may read (`tasks_for`): an operator filtering by another region
is refused and audited like any other read of it. Names come from the reference regions and the
stored methodology, so a page or an export never shows a code where a name exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from sqlalchemy import Engine, select

from tsifra.accounts.users import Account
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.methodology import DEFAULT_METHODOLOGY
from tsifra.reference import load_regions
from tsifra.store import TaskFile, session_scope
from tsifra.store.methodologies import stored_methodology
from tsifra.tasks import files as task_files
from tsifra.tasks.states import STATUSES, TRANSITIONS, may_take
from tsifra.tasks.tasks import FileView, TaskView, task_for, tasks_for


@dataclass(frozen=True)
class TaskFilter:
    status: str | None = None
    overdue: bool = False
    source: str | None = None
    region: str | None = None
    agency: str | None = None  # a part of the agency's name, any case
    indicator: str | None = None

    def keeps(self, task: TaskView) -> bool:
        agency = (self.agency or "").casefold()
        return (
            (not self.status or task.status == self.status)
            and (not self.overdue or task.overdue)
            and (not self.source or task.source == self.source)
            and (not agency or agency in (task.agency or "").casefold())
            and (not self.indicator or task.indicator == self.indicator)
        )


@dataclass(frozen=True)
class TaskList:
    tasks: list[TaskView]  # overdue first, then by deadline
    agencies: list[str]  # the agencies of the tasks the reader may read, for a filter's choices


def find_tasks(
    engine: Engine, account: Account | None, wanted: TaskFilter, today: date | None = None
) -> TaskList:
    readable = tasks_for(engine, account, wanted.region or None, today)
    agencies = sorted({t.agency for t in readable if t.agency}, key=str.casefold)
    return TaskList([t for t in readable if wanted.keeps(t)], agencies)


def next_steps(account: Account | None, task: TaskView) -> list[str]:
    """The statuses `account` may move `task` to now, in the order of a task's life."""
    possible = TRANSITIONS.get(task.status, frozenset())
    return [
        s
        for s in STATUSES
        if s in possible and may_take(account, s, task.region, task.created_by, task.reported_by)
    ]


def region_names(lang: str) -> dict[str, str]:
    """Region names by ISO code, Russian unless English is asked and known."""
    return dict(_region_names(lang))


@cache
def _region_names(lang: str) -> tuple[tuple[str, str], ...]:
    regions = load_regions()
    column = "name_en" if lang == "en" else "name_ru"
    names = regions[column].where(regions[column].notna(), regions["name_ru"])
    return tuple(sorted(names.to_dict().items(), key=lambda item: item[1]))


def indicator_names(engine: Engine, lang: str) -> dict[str, str]:
    """Indicator names by code from the methodology the rating uses, in its order."""
    m = stored_methodology(engine, DEFAULT_METHODOLOGY).methodology
    return {i.code: m.name_of(i.code, lang) for i in m.indicators}


def report_file(
    engine: Engine, account: Account | None, task_id: int, file_id: int
) -> tuple[FileView, Path]:
    """A report file and where its bytes are, for a reader who may read the task (else
    Forbidden, audited by `task_for`)."""
    view = task_for(engine, account, task_id)
    found = next((f for f in view.files if f.id == file_id), None)
    if found is None:
        raise ValidationFailed([Problem("unknown_task_file", value=file_id)])
    with session_scope(engine) as session:
        digest = session.scalar(select(TaskFile.sha256).where(TaskFile.id == file_id))
    return found, task_files.path_of(digest)
