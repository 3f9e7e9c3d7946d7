"""Keeping computed answers under a key that names everything they depend on.

Callers put the version of their inputs into the key (`tsifra.store.versions` for stored data),
so a kept answer is never stale: a new version is a new key.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")


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
