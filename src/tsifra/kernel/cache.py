"""One cache of computed answers, held by the application: single flight, versioned, never blocking
a reader on a recomputation it can avoid.

A key names what was asked (a forecast of a methodology, a region's page); a version names the
state of everything the answer depends on (`tsifra.store.versions` for stored data). The cache
keeps one answer per key:

- the same key and version: the kept answer, at once;
- a key never answered: the caller computes it, and every concurrent caller of that key and
  version waits for that one computation instead of starting its own (the first forecast of a
  data version takes seconds; two first visitors must not each pay for it);
- a key answered under an older version (the data changed): the older answer at once, marked not
  fresh, while the new version is computed in the background, once. Nobody waits for a forecast
  because somebody uploaded a file. An answer asked `exact` (facet counts a writer must see at
  once) is instead computed for the new version, once, while its callers wait.

A computation that fails is an answer too: its error is kept for that version and raised to every
caller, since computing the same inputs again fails the same way. Callers must not modify values.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Answer(Generic[T]):
    value: T
    version: Hashable
    fresh: bool  # False: the previous version's answer, while the current one is being computed


@dataclass
class _Kept:
    version: Hashable
    value: object = None
    error: BaseException | None = None


@dataclass
class _Flight:
    done: threading.Event = field(default_factory=threading.Event)
    kept: _Kept | None = None


class Cache:
    """Answers by key and version; `size` keys at most, the least recently used dropped first.

    `background=False` (a command-line run, a test) computes a changed version in the caller
    instead of serving the older answer: there is no later visitor to serve it to.
    """

    def __init__(self, size: int = 256, background: bool = True) -> None:
        self.size = size
        self.background = background
        self._kept: OrderedDict[Hashable, _Kept] = OrderedDict()
        self._latest: dict[Hashable, Hashable] = {}  # the newest version asked of each key
        self._flights: dict[tuple[Hashable, Hashable], _Flight] = {}
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None

    def get(self, key: Hashable, version: Hashable, compute: Callable[[], T]) -> T:
        """The value of `answer`: the caller does not care whether it is the newest."""
        return self.answer(key, version, compute).value

    def answer(
        self, key: Hashable, version: Hashable, compute: Callable[[], T], exact: bool = False
    ) -> Answer[T]:
        """The answer of `version`, or (unless `exact`) an older one while it is computed. An
        exact caller — counts a writer must see at once — waits for the version asked, computed
        once for all its concurrent callers."""
        with self._lock:
            self._latest[key] = version
            kept = self._kept.get(key)
            if kept is not None:
                self._kept.move_to_end(key)
                if kept.version == version:
                    return _answer(kept, fresh=True)
            flight = self._flights.get((key, version))
            if kept is not None and kept.error is None and self.background and not exact:
                if flight is None:
                    self._flights[(key, version)] = _Flight()
                    self._submit(key, version, compute)
                return _answer(kept, fresh=False)
            owner = flight is None
            if owner:
                flight = self._flights[(key, version)] = _Flight()
        if owner:
            self._run(key, version, compute)
        flight.done.wait()
        return _answer(flight.kept, fresh=True)

    def kept_value(self, key: Hashable) -> object | None:
        """The value last kept for a key, whatever its version (None if none, or an error): a
        computation that can bring an older answer up to date by the changes since reads it
        instead of starting from nothing (the registry's word index)."""
        with self._lock:
            kept = self._kept.get(key)
        return kept.value if kept is not None and kept.error is None else None

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until no computation is under way (a warm-up, a test); False on timeout."""
        with self._lock:
            flights = list(self._flights.values())
        return all(f.done.wait(timeout) for f in flights)

    def forget(self, key: Hashable) -> None:
        """Drop one key's answer: the caller found it provisional (built on an answer that was
        itself being recomputed) and wants the next request to build it again."""
        with self._lock:
            self._kept.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()
            self._latest.clear()

    def close(self) -> None:
        """Stop taking background work and wait for what is under way."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True)

    def _submit(self, key: Hashable, version: Hashable, compute: Callable[[], object]) -> None:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tsifra-cache")
        self._pool.submit(self._run, key, version, compute)

    def _run(self, key: Hashable, version: Hashable, compute: Callable[[], object]) -> None:
        try:
            kept = _Kept(version, value=compute())
        except Exception as error:  # kept and raised to every caller of this version
            kept = _Kept(version, error=error)
        with self._lock:
            current = self._kept.get(key)
            if current is None or version == self._latest.get(key) or current.error is not None:
                self._kept[key] = kept
                self._kept.move_to_end(key)
                while len(self._kept) > self.size:
                    dropped, _ = self._kept.popitem(last=False)
                    self._latest.pop(dropped, None)
            flight = self._flights.pop((key, version))
            flight.kept = kept
        flight.done.set()


def kept(
    cache: Cache | None, key: Hashable, version: Hashable, compute: Callable[[], T]
) -> Answer[T]:
    """`cache.answer`, or the computation itself where the caller holds no cache (a command-line
    run computes each answer once anyway)."""
    if cache is None:
        return Answer(compute(), version, True)
    return cache.answer(key, version, compute)


def _answer(kept: _Kept, fresh: bool) -> Answer:
    if kept.error is not None:
        raise kept.error
    return Answer(kept.value, kept.version, fresh)
