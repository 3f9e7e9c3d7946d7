"""Uncertainty and sensitivity analysis: the issue's two workloads, against COINr and a loop.

1. Uncertainty analysis on COINr's ASEM example (51 countries, 49 indicators), N = 1,000, with
   the four choices of COINr's sensitivity vignette as `examples/asem/methodology.yaml` declares
   them. COINr's `get_sensitivity` took about 0.19 s per sample on this machine (N = 100 in 19 s);
   the figure is compared with that and with a plain loop of `engine.compute`, one call per sample
   (timed on a subset and scaled to N), whose scores it also cross-checks.
2. Sobol' analysis with N = 1,024 base samples on the synthetic 85 regions × 60 indicators panel
   (`benchmarks.panel`), with weight noise at both levels, two normalisations, two means and the
   winsorisation limit: 1,024 × 7 computations of the index plus SALib's estimators with 100
   bootstrap resamples on the rank shift and on each region's rank.

Medians of repeated runs in one process, on one core, like the engine benchmark.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from benchmarks.panel import benchmark_inputs
from benchmarks.timing import RESULTS, one_core, timed
from tsifra.engine import compute
from tsifra.engine.sensitivity import run_sensitivity
from tsifra.engine.uncertainty import run_uncertainty
from tsifra.methodology import Methodology

REFERENCE = Path(__file__).resolve().parents[1] / "examples"
COINR_S_PER_SAMPLE = 0.19  # measured with COINr 1.1 on this machine: N = 100 in 19 s
LOOP_SAMPLES = 40  # samples of the per-sample loop, scaled to N


def bench_asem(n: int = 1000) -> dict:
    from tests.builders import asem_inputs

    m, values, units = asem_inputs(REFERENCE)
    result = compute(m, values, units)
    analysis = run_uncertainty(result, n, seed=1, units=units)
    runs = timed(lambda: run_uncertainty(result, n, seed=1, units=units), repeat=7)
    methodologies = [analysis.sample_methodology(s) for s in range(LOOP_SAMPLES)]

    def loop() -> list:
        return [compute(ms, values, units) for ms in methodologies]

    loop_runs = timed(loop, repeat=3)
    looped = loop()
    root = m.root
    diff = max(
        float(np.nanmax(np.abs(r.scores(root).to_numpy()[-1] - analysis.scores[s])))
        for s, r in enumerate(looped)
    )
    median = statistics.median(runs)
    loop_per_sample = statistics.median(loop_runs) / LOOP_SAMPLES
    return {
        "name": "uncertainty analysis, ASEM (COINr's example)",
        "shape": f"51 units × 49 indicators, N = {n}, "
        "the four choices as 5 inputs (weights at levels 2 and 3, normalisation, "
        "aggregation, winsorisation limit)",
        "median_s": median,
        "runs_s": runs,
        "per_sample_ms": 1000 * median / n,
        "coinr_estimate_s": COINR_S_PER_SAMPLE * n,
        "speedup_vs_coinr": COINR_S_PER_SAMPLE * n / median,
        "compute_loop_estimate_s": loop_per_sample * n,
        "speedup_vs_compute_loop": loop_per_sample * n / median,
        "max_abs_difference_vs_compute_loop": diff,
        "target_s": 5.0,
    }


BENCH_UNCERTAINTY = {
    "weights": [{"level": 1, "noise": 0.25}, {"level": 2, "noise": 0.25}],
    "normalisation": [
        {"method": "minmax", "range": [1, 100]},
        {"method": "zscore", "mean": 10, "sd": 2},
    ],
    "aggregation": ["arithmetic", "geometric"],
    "winsorisation": {"min": 1, "max": 5},
}


def bench_sobol(n: int = 1024) -> dict:
    m, values, units = benchmark_inputs()
    data = m.model_dump()
    data["uncertainty"] = BENCH_UNCERTAINTY
    m = Methodology.model_validate(data)
    result = compute(m, values, units)

    def sobol():
        return run_sensitivity(result, n, seed=1, units=units)

    sensitivity = sobol()
    runs = timed(sobol, repeat=3)
    indices = sensitivity.frame()
    return {
        "name": "Sobol' sensitivity analysis, synthetic regions",
        "shape": f"85 units × 60 indicators (latest of 20 quarters), N = {n} base samples, "
        f"{len(sensitivity.inputs)} inputs, {sensitivity.runs} computations, "
        "100 bootstrap resamples, indices on the rank shift and on 85 ranks",
        "median_s": statistics.median(runs),
        "runs_s": runs,
        "per_run_ms": 1000 * statistics.median(runs) / sensitivity.runs,
        "target_s": 60.0,
        "indices": indices.to_dict(orient="records"),
    }


def run() -> None:
    """Pin to one core: the targets are single-core figures, as the engine's are."""
    with one_core():
        _run()


def _run() -> None:
    benchmarks = []
    if REFERENCE.is_dir():
        benchmarks.append(bench_asem())
    else:
        print(f"ASEM benchmark skipped: reference data not found at {REFERENCE}")
    benchmarks.append(bench_sobol())
    figures = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "cpu_cores_used": 1,
        "load_average": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
        "benchmarks": benchmarks,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "uncertainty.json").write_text(json.dumps(figures, indent=2), encoding="utf-8")
    text = _report(figures)
    (RESULTS / "uncertainty.md").write_text(text, encoding="utf-8")
    print(text)


def _report(figures: dict) -> str:
    lines = [
        "# Uncertainty and sensitivity analysis",
        "",
        f"Measured {figures['measured_at']} with `make bench` (one core; load average "
        f"{figures['load_average']:.2f} at the end, other work on the machine counts).",
        "",
        "| benchmark | median | target | per sample | vs COINr (0.19 s/sample) | "
        "vs a loop of `compute` |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for b in figures["benchmarks"]:
        if "coinr_estimate_s" in b:
            lines.append(
                f"| {b['name']}: {b['shape']} | {b['median_s']:.3f} s | < {b['target_s']:.0f} s "
                f"| {b['per_sample_ms']:.3f} ms | {b['speedup_vs_coinr']:,.0f}× "
                f"(≈ {b['coinr_estimate_s']:.0f} s) | {b['speedup_vs_compute_loop']:.0f}× "
                f"(≈ {b['compute_loop_estimate_s']:.1f} s; largest score difference "
                f"{b['max_abs_difference_vs_compute_loop']:.1e}) |"
            )
        else:
            lines.append(
                f"| {b['name']}: {b['shape']} | {b['median_s']:.2f} s | < {b['target_s']:.0f} s "
                f"| {b['per_run_ms']:.2f} ms | — | — |"
            )
    sobol = figures["benchmarks"][-1]
    lines += [
        "",
        "Sobol' indices of the synthetic benchmark (mean absolute rank shift):",
        "",
        "| input | S1 | ± | ST | ± |",
        "|---|---:|---:|---:|---:|",
    ]
    for row in sobol["indices"]:
        lines.append(
            f"| {row['input']} | {row['S1']:.3f} | {row['S1_conf']:.3f} | {row['ST']:.3f} "
            f"| {row['ST_conf']:.3f} |"
        )
    return "\n".join(lines) + "\n"
