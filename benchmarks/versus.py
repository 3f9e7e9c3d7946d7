"""Has a change made the engine slower? The same work timed on this checkout and on another
(an older commit in a git worktree, with its own `.venv`), in turns, in CPU seconds.

    python -m benchmarks.versus ../tsifra-at-14b9dbf

On a shared machine wall times drift by a factor of two within an hour, so figures measured on
different days cannot be compared; taking turns makes a busy moment weigh on both checkouts, and
CPU time with the minimum of several repeats leaves out most of the time spent waiting for a core.
Each kernel uses only what both checkouts have: the benchmark panels and the engine's `compute`
and `forecast`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.timing import RESULTS

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = 2  # turns per checkout
KERNELS = {  # name → (setup, timed statement, repeats)
    "engine: compute 85 units × 60 indicators × 20 quarters": (
        "from benchmarks.panel import benchmark_inputs\n"
        "from tsifra.engine import compute\n"
        "m, values, units = benchmark_inputs()",
        "compute(m, values, units)",
        15,
    ),
    "forecast: the demo panel to 2030, 1,000 paths": (
        "from benchmarks.forecast import demo_inputs\n"
        "from tsifra.engine import compute\n"
        "from tsifra.engine.forecast import forecast\n"
        "m, values, regions = demo_inputs()\n"
        "result = compute(m, values, regions)",
        "forecast(result, 2030, 1000, seed=0, units=regions)",
        3,
    ),
}
CHILD = """
import os, sys, time
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"
exec(sys.argv[1])
exec(sys.argv[2])  # once untimed: caches, lazy imports
times = []
for _ in range(int(sys.argv[3])):
    start = time.process_time()
    exec(sys.argv[2])
    times.append(time.process_time() - start)
print(min(times))
"""


def cpu_seconds(checkout: Path, setup: str, statement: str, repeat: int) -> float:
    """The least CPU time of `repeat` runs of `statement`, in a fresh interpreter of `checkout`."""
    done = subprocess.run(
        [str(checkout / ".venv" / "bin" / "python"), "-c", CHILD, setup, statement, str(repeat)],
        cwd=checkout,
        env={**os.environ, "PYTHONPATH": str(checkout)},
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout.split()[-1])


def commit_of(checkout: Path) -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=checkout, capture_output=True, text=True
    )
    return done.stdout.strip() or "?"


def main(other: Path) -> None:
    trees = {"this checkout": ROOT, "other": other.resolve()}
    figures: dict[str, dict[str, float]] = {}
    for name, (setup, statement, repeat) in KERNELS.items():
        best = {label: float("inf") for label in trees}
        for _ in range(ROUNDS):
            for label, tree in trees.items():
                best[label] = min(best[label], cpu_seconds(tree, setup, statement, repeat))
        figures[name] = best
        print(f"{name}: this {best['this checkout']:.3f} s, other {best['other']:.3f} s")
    measured_at = datetime.now(UTC).isoformat(timespec="seconds")
    this, that = commit_of(ROOT), commit_of(trees["other"])
    rows = [
        f"| {name} | {f['this checkout']:.3f} s | {f['other']:.3f} s | "
        f"{f['this checkout'] / f['other']:.2f} |"
        for name, f in figures.items()
    ]
    text = "\n".join(
        [
            f"Measured {measured_at} with `python -m benchmarks.versus` (least CPU time of the "
            f"repeats, {ROUNDS} turns each, one core; load average "
            f"{os.getloadavg()[0]:.1f} at the end).",
            "",
            f"| kernel | this checkout ({this}) | other ({that}) | this ÷ other |",
            "|---|---:|---:|---:|",
            *rows,
            "",
        ]
    )
    (RESULTS / "versus.json").write_text(
        json.dumps({"measured_at": measured_at, "this": this, "other": that, **figures}, indent=2)
        + "\n"
    )
    (RESULTS / "versus.md").write_text(text)
    print(text)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python -m benchmarks.versus OTHER_CHECKOUT")
    main(Path(sys.argv[1]))
