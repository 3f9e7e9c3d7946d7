"""`make bench`: run every benchmark suite (or those named) and write benchmarks/results/.

`python -m benchmarks engine` runs one suite. BLAS threads are pinned to one before numpy loads, so
that figures do not depend on what else the machine is doing.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import importlib  # noqa: E402
import sys  # noqa: E402

SUITES = (
    "cli", "engine", "ingest", "formulas", "web", "uncertainty", "forecast", "cycle", "suite",
    "queues", "submissions", "feedback", "practices", "practice_effects", "plans",
    "approval_owners", "proactive_rules",
)  # fmt: skip


def main(argv: list[str]) -> None:
    names = argv or list(SUITES)
    unknown = [n for n in names if n not in SUITES]
    if unknown:
        raise SystemExit(f"unknown benchmark suite(s) {unknown}; known: {', '.join(SUITES)}")
    for name in names:
        print(f"== {name}")
        importlib.import_module(f"benchmarks.{name}").run()


if __name__ == "__main__":
    main(sys.argv[1:])
