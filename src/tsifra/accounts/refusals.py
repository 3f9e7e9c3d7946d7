"""Anonymous refusals, written one by one up to a rate and counted beyond it.

A refused write is worth knowing about, but an anonymous one costs its sender nothing: anyone
can send two hundred a second, each a row in an audit log that is append-only and that no one
may prune. So, per database and action, the first `WRITTEN_PER_MINUTE` anonymous refusals of a
minute are written as before (with their target), and the rest of that minute are only counted;
the count is written as one more row, `refused.<action>` with target `repeated` and details
`{"repeated": n, "since": <the minute>}`, when a later anonymous refusal comes after the minute,
or when the application stops (`flush_anonymous_refusals`). A flood thus costs at most
`WRITTEN_PER_MINUTE + 1` rows per action and minute, and no column is added. What is lost: the
count of the current minute if the process is killed, and the targets beyond the allowance.

The counts are kept in this process's memory, per engine (and forgotten with it): they are a
rate, like a rate limiter's, not a computed answer. Refusals of signed-in accounts are all
written: an account is accountable and can be deactivated.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from tsifra.store import session_scope, utcnow
from tsifra.store.audit import record

WRITTEN_PER_MINUTE = 5
clock = utcnow  # a test moves the minute on by replacing it


@dataclass
class _Minute:
    start: datetime
    written: int = 0
    repeated: int = 0  # refused and not written


_lock = threading.Lock()
_minutes: weakref.WeakKeyDictionary[Engine, dict[str, _Minute]] = weakref.WeakKeyDictionary()


def record_anonymous_refusal(engine: Engine, action: str, target: str) -> None:
    """Record an anonymous refusal of `action`, or count it if this minute's allowance is spent."""
    start = clock().replace(second=0, microsecond=0)
    with _lock:
        minutes = _minutes.setdefault(engine, {})
        ended = _ended(minutes, before=start)
        minute = minutes.setdefault(action, _Minute(start))
        write = minute.written < WRITTEN_PER_MINUTE
        if write:
            minute.written += 1
        else:
            minute.repeated += 1
    _write(engine, ended, (action, target) if write else None)


def flush_anonymous_refusals(engine: Engine) -> None:
    """Write the counts not written yet (the application calls this as it stops)."""
    with _lock:
        ended = _ended(_minutes.get(engine, {}), before=None)
    _write(engine, ended, None)


def _ended(minutes: dict[str, _Minute], before: datetime | None) -> list[tuple[str, _Minute]]:
    """Take the minutes that are over (all, with `before` None) out; those with a count."""
    over = [a for a, m in minutes.items() if before is None or m.start < before]
    taken = [(a, minutes.pop(a)) for a in over]
    return [(a, m) for a, m in taken if m.repeated]


def _write(engine: Engine, ended: list[tuple[str, _Minute]], one: tuple[str, str] | None) -> None:
    if not ended and one is None:
        return
    with session_scope(engine) as session:
        for action, minute in ended:
            details = {"role": None, "repeated": minute.repeated, "since": minute.start.isoformat()}
            record(session, None, "refused." + action, "repeated", details)
        if one is not None:
            record(session, None, "refused." + one[0], one[1], {"role": None})
