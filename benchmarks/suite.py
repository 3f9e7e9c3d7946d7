"""How long a developer waits for the tests: `make test` and `make test-fast`, wall time, once
each, as CI runs them (with CI=true, so nothing is skipped).

These are the slowest figures of `make bench` (minutes): run them alone with
`python -m benchmarks suite`. Targets: `make test-fast` under 2 minutes, `make test` under
8 minutes on an idle 2-core machine.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.timing import RESULTS

ROOT = Path(__file__).resolve().parents[1]
TARGETS_S = {"test-fast": 120, "test": 480}


def _wall(target: str) -> tuple[float, int]:
    env = {**os.environ, "CI": "true"}
    start = time.perf_counter()
    done = subprocess.run(["make", target], cwd=ROOT, env=env, capture_output=True, text=True)
    return time.perf_counter() - start, done.returncode


def run() -> None:
    figures = {}
    for target in TARGETS_S:
        seconds, code = _wall(target)
        figures[target] = {"wall_s": seconds, "exit_code": code}
    measured_at = datetime.now(UTC).isoformat(timespec="seconds")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    (RESULTS / "suite.json").write_text(
        json.dumps({"measured_at": measured_at, "load_after": load, **figures}, indent=2) + "\n"
    )
    rows = [
        f"| `make {t}` | {f['wall_s'] / 60:.1f} min | {_result(f['exit_code'])}"
        f" | < {TARGETS_S[t] / 60:.0f} min |"
        for t, f in figures.items()
    ]
    text = "\n".join(
        [
            f"Measured {measured_at} with `python -m benchmarks suite` (CI=true, one run each; "
            f"1-minute load average afterwards {load:.1f}).",
            "",
            "| command | wall time | result | target |",
            "|---|---|---|---|",
            *rows,
            "",
        ]
    )
    (RESULTS / "suite.md").write_text(text)
    print(text)


def _result(exit_code: int) -> str:
    return "passed" if exit_code == 0 else "FAILED"
