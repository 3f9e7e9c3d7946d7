"""Versions of the stored data: what every answer computed from the database depends on.

Stored runs, batches and resolutions are append-only, so the largest id of each is a version of
everything a reader computes from them: a new run, batch or resolution changes the version, and
nothing else can change the answer. One indexed query per request replaces the work.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine, func, select

from tsifra.store.models import Batch, Resolution, ResultRun, TaskEvent


def data_version(engine: Engine) -> tuple[int, int, int]:
    """(last run, last batch, last resolution): changes whenever a stored answer could."""
    with engine.connect() as connection:
        row = connection.execute(
            select(
                select(func.max(ResultRun.id)).scalar_subquery(),
                select(func.max(Batch.id)).scalar_subquery(),
                select(func.max(Resolution.id)).scalar_subquery(),
            )
        ).one()
    return tuple(v or 0 for v in row)


def database_key(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def shown_version(engine: Engine) -> tuple:
    """What a public answer depends on: the database, its stored data, its tasks and today's date
    (tasks turn overdue at midnight). Two answers made under the same version are the same."""
    with engine.connect() as connection:
        last_task_event = connection.execute(select(func.max(TaskEvent.id))).scalar() or 0
    return (database_key(engine), data_version(engine), last_task_event, date.today())
