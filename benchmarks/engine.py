"""The engine benchmark: the whole pipeline on one core against a per-unit Python loop.

Figures are medians of repeated runs measured in one process, next to a baseline measured in the
same run, because the machines are shared and absolute times drift.
"""

from __future__ import annotations

import json
import platform
import statistics
from datetime import UTC, datetime

import numpy as np

from benchmarks.naive import naive_index
from benchmarks.panel import benchmark_inputs
from benchmarks.timing import RESULTS, one_core, timed
from tsifra.engine import compute


def bench_pipeline() -> dict:
    m, values, units = benchmark_inputs()
    result = compute(m, values, units)
    naive = naive_index(m, values, units)
    scores = result.scores()
    diff = max(abs(scores.loc[p, u] - v) for (p, u), v in naive.items() if not np.isnan(v))
    engine = timed(lambda: compute(m, values, units), repeat=15)
    baseline = timed(lambda: naive_index(m, values, units), repeat=3)
    return {
        "name": "pipeline: impute, screen, treat, normalise, aggregate, rank",
        "shape": "85 units × 60 indicators × 20 quarters",
        "engine_median_s": statistics.median(engine),
        "engine_runs_s": engine,
        "naive_loop_median_s": statistics.median(baseline),
        "naive_loop_runs_s": baseline,
        "speedup": statistics.median(baseline) / statistics.median(engine),
        "target_s": 0.2,
        "max_abs_difference_engine_vs_naive": diff,
    }


def run() -> None:
    """Pin to one core for this suite: the engine target is a single-core figure."""
    with one_core():
        _run()


def _run() -> None:
    figures = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "cpu_cores_used": 1,
        "benchmarks": [bench_pipeline()],
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "engine.json").write_text(json.dumps(figures, indent=2), encoding="utf-8")
    lines = [
        "| benchmark | engine median | naive loop median | speed-up | target |",
        "|---|---|---|---|---|",
    ]
    for b in figures["benchmarks"]:
        lines.append(
            f"| {b['name']} ({b['shape']}) | {b['engine_median_s'] * 1000:.1f} ms | "
            f"{b['naive_loop_median_s'] * 1000:.0f} ms | {b['speedup']:.0f}× | "
            f"< {b['target_s'] * 1000:.0f} ms |"
        )
    table = "\n".join(lines)
    (RESULTS / "engine.md").write_text(
        f"Measured {figures['measured_at']} with `make bench` (one core).\n\n{table}\n",
        encoding="utf-8",
    )
    print(table)
    print(
        f"engine vs naive max |difference|: "
        f"{figures['benchmarks'][0]['max_abs_difference_engine_vs_naive']:.2e}"
    )
