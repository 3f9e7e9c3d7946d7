"""Keeping what is computed from stored data until the data change.

Stored runs, batches and resolutions are append-only, so the largest id of each is a version of
everything a reader computes from them: a new run, batch or resolution changes the version, and
nothing else can change the answer. One indexed query per request replaces the work.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from sqlalchemy import Engine, func, select

from tsifra.store import Batch, Resolution, ResultRun

T = TypeVar("T")


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


class Kept:
    """A small least-recently-used store of computed answers; callers must not modify them.

    A caller asking for a key that another is computing waits for that answer instead of
    computing it again: the first forecast of a data version takes seconds, and two first
    visitors (or a visitor and the server's warm-up) must not each pay for it.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, object] = OrderedDict()
        self._pending: dict[Hashable, threading.Lock] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]  # type: ignore[return-value]
            pending = self._pending.setdefault(key, threading.Lock())
        with pending:
            with self._lock:
                if key in self._items:  # computed by the caller this one waited for
                    self._items.move_to_end(key)
                    return self._items[key]  # type: ignore[return-value]
            try:
                value = compute()
            finally:
                with self._lock:
                    self._pending.pop(key, None)
            with self._lock:
                self._items[key] = value
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


def database_key(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def shown_version(engine: Engine) -> tuple:
    """What a public answer depends on: the database, its stored data, its tasks and today's date
    (tasks turn overdue at midnight). Two answers made under the same version are the same."""
    from datetime import date

    from sqlalchemy import func, select

    from tsifra.store import TaskEvent

    with engine.connect() as connection:
        last_task_event = connection.execute(select(func.max(TaskEvent.id))).scalar() or 0
    return (database_key(engine), data_version(engine), last_task_event, date.today())
