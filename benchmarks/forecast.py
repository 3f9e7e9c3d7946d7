"""The forecast benchmark: every region and indicator of the demo panel to 2030, through the index.

1. The issue's workload: the demo panel (`tsifra demo`'s synthetic data: every region of the
   reference table × the 24 indicators of the bundled Russian methodology × 20 quarters
   2021Q1–2025Q4), forecast quarterly to 2030Q4 with 1,000 sample paths carried through the
   methodology. Target: under 10 s. Beside it, the fit alone, and statsmodels' `ETSModel`
   fitted series by series (timed on a subset, scaled to all series) — the alternative the
   vectorised fit replaces.
2. The same on the synthetic 85 regions × 60 indicators panel of the engine benchmark, whose
   methodology imputes by group, winsorises and normalises min–max (heavier steps per path).
3. A check of calibration, not speed: the demo panel without its last year, forecast one year
   ahead, against the held-out values — coverage of the 80 % and 95 % intervals and the error
   against carrying the last value forward. The demo data are synthetic, so this checks the
   model against the demo's generator, not against any real region.

Medians of repeated runs in one process, on one core, like the engine benchmark.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import warnings
from datetime import UTC, datetime

import numpy as np
import pandas as pd

from benchmarks.panel import benchmark_inputs
from benchmarks.timing import RESULTS, one_core, timed
from tsifra.demo import generate_panel
from tsifra.engine import compute
from tsifra.engine.forecast import DEFAULT_SAMPLES, forecast
from tsifra.engine.trend import fit_damped_trend
from tsifra.methodology import load_methodology
from tsifra.reference import load_regions

STATSMODELS_SERIES = 60  # series fitted one by one with statsmodels, scaled to the panel


def demo_inputs():
    m = load_methodology("ru-digital-maturity")
    regions = load_regions().rename_axis("unit")
    return m, generate_panel(m, regions, seed=2024), regions


def series_of(result) -> np.ndarray:
    values = result.denominated.values
    return values.transpose(1, 2, 0).reshape(-1, values.shape[0])


def bench_demo(samples: int = DEFAULT_SAMPLES) -> dict:
    m, values, regions = demo_inputs()
    result = compute(m, values, regions)
    y = series_of(result)
    runs = timed(lambda: forecast(result, 2030, samples, seed=0, units=regions), repeat=5)
    fit_runs = timed(lambda: fit_damped_trend(y), repeat=5)
    end_to_end = timed(
        lambda: forecast(compute(m, values, regions), 2030, samples, 0, regions), repeat=3
    )
    f = forecast(result, 2030, samples, seed=0, units=regions)
    per_series = _statsmodels_per_series(y)
    return {
        "name": "forecast of the demo panel to 2030Q4",
        "shape": f"{len(result.units)} regions × {len(m.indicator_codes)} indicators × "
        f"{len(result.periods)} quarters → {len(f.periods)} quarters, {samples} sample paths "
        f"through the methodology, {len(f.targets)} target probabilities",
        "series": int(y.shape[0]),
        "median_s": statistics.median(runs),
        "runs_s": runs,
        "with_compute_median_s": statistics.median(end_to_end),
        "fit_median_s": statistics.median(fit_runs),
        "statsmodels_fit_per_series_ms": 1000 * per_series,
        "statsmodels_fit_all_series_estimate_s": per_series * y.shape[0],
        "models": f.models["model"].value_counts().to_dict(),
        "target_s": 10.0,
    }


def bench_large(samples: int = DEFAULT_SAMPLES) -> dict:
    m, values, units = benchmark_inputs()
    result = compute(m, values, units)
    runs = timed(lambda: forecast(result, 2030, samples, seed=0, units=units), repeat=1)
    return {
        "name": "forecast of the synthetic 85 × 60 panel to 2030Q4, one run",
        "shape": f"85 regions × 60 indicators × 20 quarters, {samples} sample paths through "
        "group-mean imputation, winsorisation and min–max",
        "series": 85 * 60,
        "median_s": statistics.median(runs),
        "runs_s": runs,
        "target_s": None,
    }


def _statsmodels_per_series(y: np.ndarray) -> float:
    """Seconds per series of statsmodels' ETS(A,Ad,N): fit and 20-quarter prediction intervals."""
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    picked = [r[~np.isnan(r)] for r in y[:: max(1, len(y) // STATSMODELS_SERIES)]]
    rows = [
        pd.Series(r, index=pd.period_range("2021Q1", periods=len(r), freq="Q"))
        for r in picked
        if len(r) >= 10
    ][:STATSMODELS_SERIES]

    def loop() -> None:
        with warnings.catch_warnings(action="ignore"):
            for r in rows:
                res = ETSModel(r, error="add", trend="add", damped_trend=True).fit(disp=False)
                res.get_prediction(start=len(r), end=len(r) + 19).summary_frame()

    return statistics.median(timed(loop, repeat=3)) / len(rows)


def calibration() -> dict:
    """Hold out 2025, forecast it from 2021-2024, score the indicator intervals."""
    m, values, regions = demo_inputs()
    held = values[values["period"].str.startswith("2025")]
    result = compute(m, values[~values["period"].str.startswith("2025")], regions)
    f = forecast(result, 2025, samples=1, seed=0, units=regions)
    ahead = f.series[(f.series["stage"] == "forecast") & (f.series["kind"] == "indicator")]
    both = ahead.merge(
        held.rename(columns={"indicator": "code", "value": "actual"}),
        on=["unit", "code", "period"],
    )
    last = result.denominated.values[-1]  # 2024Q4, as the naive forecast
    naive = last[
        [result.units.index(u) for u in both["unit"]],
        [result.denominated.codes.index(c) for c in both["code"]],
    ]
    covered = {
        level: float(
            np.mean(
                (both["actual"] >= both[f"lower_{level}"])
                & (both["actual"] <= both[f"upper_{level}"])
            )
        )
        for level in (80, 95)
    }
    model_error = np.abs(both["value"] - both["actual"])
    naive_error = np.abs(naive - both["actual"].to_numpy())
    return {
        "held_out": "2025Q1–2025Q4 of the demo panel, forecast from 2021Q1–2024Q4",
        "values": len(both),
        "coverage_80": covered[80],
        "coverage_95": covered[95],
        "mae_damped_trend": float(np.nanmean(model_error)),
        "mae_last_value": float(np.nanmean(naive_error)),
    }


def run() -> None:
    """Pin to one core: the target is a single-core figure, as the engine's is."""
    with one_core():
        _run()


def _run() -> None:
    figures = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "cpu_cores_used": 1,
        "load_average": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
        "benchmarks": [bench_demo(), bench_large()],
        "calibration": calibration(),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "forecast.json").write_text(json.dumps(figures, indent=2), encoding="utf-8")
    text = _report(figures)
    (RESULTS / "forecast.md").write_text(text, encoding="utf-8")
    print(text)


def _report(figures: dict) -> str:
    demo, large = figures["benchmarks"]
    c = figures["calibration"]
    lines = [
        "# Forecast to 2030",
        "",
        f"Measured {figures['measured_at']} with `python -m benchmarks forecast` (one core, "
        f"load average {figures['load_average']:.1f}).",
        "",
        "| benchmark | median | target |",
        "|---|---|---|",
        f"| {demo['name']} ({demo['shape']}) | {demo['median_s']:.2f} s | "
        f"< {demo['target_s']:.0f} s |",
        f"| the same, computing the history first (`compute` + `forecast`) | "
        f"{demo['with_compute_median_s']:.2f} s | |",
        f"| of which: fitting {demo['series']} damped-trend models at once (numpy) | "
        f"{demo['fit_median_s']:.2f} s | |",
        f"| statsmodels `ETSModel`, one series at a time with intervals (estimate: "
        f"{demo['statsmodels_fit_per_series_ms']:.1f} ms × {demo['series']} series) | "
        f"{demo['statsmodels_fit_all_series_estimate_s']:.1f} s | |",
        f"| {large['name']} ({large['shape']}) | {large['median_s']:.2f} s | |",
        "",
        f"Models of the demo series: {demo['models']}.",
        "",
        f"Calibration ({c['held_out']}, {c['values']} values; synthetic data): the 80 % "
        f"intervals held {c['coverage_80']:.0%} of the actual values, the 95 % intervals "
        f"{c['coverage_95']:.0%}; mean absolute error {c['mae_damped_trend']:.2f} against "
        f"{c['mae_last_value']:.2f} for the last value carried forward.",
        "",
    ]
    return "\n".join(lines)
