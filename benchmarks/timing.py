"""What every benchmark suite shares: where results go and how a run is timed."""

from __future__ import annotations

import time
from collections.abc import Callable
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
