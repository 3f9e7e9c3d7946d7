"""What every benchmark suite shares: where results go and how a run is timed."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

RESULTS = Path(__file__).parent / "results"


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    """Wall-clock seconds of each of `repeat` calls; callers report the median."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


@contextmanager
def one_core() -> Iterator[None]:
    """Pin the process to one core while a suite runs: its targets are single-core figures, and
    a second core would otherwise flatter whatever numpy or the OS spreads over it."""
    if not hasattr(os, "sched_setaffinity"):
        yield
        return
    previous = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(previous)})
    try:
        yield
    finally:
        os.sched_setaffinity(0, previous)
