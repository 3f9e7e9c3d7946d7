"""The feedback benchmark: the platform formulas over 10 million synthetic cases.

The cases are generated once into Parquet in a temporary folder, with the platform mart's columns
(`tsifra.marts.platform.COLUMNS`), and read as the platform mart is: into one Arrow table that
DuckDB registers. Each formula's median time (from that table to a pandas frame) is set next to
the floor: DuckDB only summing every column the formula reads over the same table, the cost of
reading the data at all. Goal: each formula within 2× of its floor. For comparison the same pair
is timed straight from the Parquet file, as the formulas benchmark does for file marts. Formula,
floor and the Parquet pair are timed in alternation (the machine is shared); medians reported.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import tempfile
import time
import warnings
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from benchmarks.formulas import alternating
from benchmarks.timing import RESULTS
from tsifra.marts.backends import connect
from tsifra.marts.platform import (
    COLUMNS,
    SCHEMA,
    platform_formulas,
    read_cases_parquet,
    register,
)
from tsifra.reference import load_regions

ROWS = 10_000_000
REPEAT = 7
TARGET = 2.0
AS_OF = datetime(2026, 1, 1)
SEED = 2024
STATUSES = ("registered", "in_progress", "answered", "rated", "closed", "rejected")
STATUS_SHARES = (0.03, 0.07, 0.45, 0.25, 0.18, 0.02)


def run() -> None:
    warnings.filterwarnings("ignore", category=DeprecationWarning)  # Ibis 12 on DuckDB 2
    warnings.filterwarnings("ignore", message=".*(infer_string|copy keyword)")
    started = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="tsifra-bench-cases-"))
    try:
        path = folder / "cases.parquet"
        begun = time.perf_counter()
        pq.write_table(generate_cases(ROWS, SEED), path, row_group_size=1_000_000)
        generate_s = time.perf_counter() - begun
        begun = time.perf_counter()
        cases = read_cases_parquet(path)
        read_s = time.perf_counter() - begun
        print(f"{ROWS:,} cases generated in {generate_s:.1f} s, read in {read_s:.2f} s")
        rows = bench_formulas(cases, path)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    figures = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "cpu_cores": os.cpu_count(),
        "versions": {p: version(p) for p in ("duckdb", "ibis-framework", "pyarrow")},
        "rows": ROWS,
        "generate_s": generate_s,
        "parquet_to_arrow_s": read_s,
        "formulas": rows,
        "suite_s": time.perf_counter() - started,
    }
    write(figures)


def generate_cases(rows: int, seed: int) -> pa.Table:
    """Synthetic cases over 83 regions and 8 quarters of 2024–2025, with every column set as the
    platform sets it: deadlines, first responses, answers on time or late, ratings, forwarding."""
    rng = np.random.default_rng(seed)
    regions = np.array(sorted(load_regions().index))
    start = np.datetime64("2024-01-01T00:00:00", "s")
    span = int((np.datetime64("2026-01-01T00:00:00", "s") - start).astype(int))
    submitted = start + rng.integers(0, span, rows).astype("timedelta64[s]")
    registered = submitted + rng.integers(1_800, 3 * 86_400, rows).astype("timedelta64[s]")
    due = registered + np.where(rng.random(rows) < 0.5, 30 * 86_400, 14 * 86_400).astype(
        "timedelta64[s]"
    )
    answered = registered + (rng.random(rows) * 1.3 * (due - registered).astype(int)).astype(
        "timedelta64[s]"
    )
    status = rng.choice(np.array(STATUSES), rows, p=STATUS_SHARES)
    unanswered = np.isin(status, ("registered", "in_progress", "rejected"))
    rated = np.isin(status, ("rated", "closed"))
    rating = np.where(rated, rng.integers(1, 6, rows), 0)

    def moments(values: np.ndarray, missing: np.ndarray | None = None) -> pa.Array:
        return pa.array(values, type=pa.timestamp("s"), mask=missing)

    region = rng.integers(0, len(regions), rows)
    bodies = np.array([f"{r.lower()}-roads" for r in regions])
    category = np.array(["roads.pits.yard", "housing.heating.outage", "yards.waste.containers"])
    return pa.table(
        {
            "id": pa.array(np.arange(1, rows + 1, dtype=np.int64)),
            "kind": pa.array(rng.choice(np.array(["appeal", "message", "incident"]), rows)),
            "region": pa.array(regions[region]),
            "category": pa.array(category[rng.integers(0, 3, rows)]),
            "body": pa.array(bodies[region]),
            "status": pa.array(status),
            "submitted_at": moments(submitted),
            "registered_at": moments(registered),
            "due_at": moments(due),
            "first_response_at": moments(registered),
            "answered_at": moments(answered, unanswered),
            "forwarded_count": pa.array((rng.random(rows) < 0.1).astype(np.int64)),
            "reopened_count": pa.array((rng.random(rows) < 0.04).astype(np.int64)),
            "rating": pa.array(rating, mask=~rated, type=pa.int64()),
        },
        schema=SCHEMA,
    )


def floor_sql(table: str, columns: tuple[str, ...]) -> str:
    """Sum every column the formula reads: strings by length, times as seconds."""
    terms = {pa.string(): "sum(length({c}))", pa.int64(): "sum({c})"}
    sums = ", ".join(terms.get(COLUMNS[c], "sum(epoch({c}))").format(c=f'"{c}"') for c in columns)
    return f"SELECT {sums} FROM {table}"


def bench_formulas(cases: pa.Table, path: Path) -> list[dict]:
    con = connect("duckdb")
    mart = register(con, "cases_bench", cases)
    on_disk = con.read_parquet(str(path), table_name="cases_file")
    out = []
    for f in platform_formulas():
        formula = lambda f=f: f(mart, as_of=AS_OF).to_pandas()  # noqa: E731
        floor = lambda f=f: con.raw_sql(floor_sql("cases_bench", f.columns)).fetchall()  # noqa: E731
        from_file = lambda f=f: f(on_disk, as_of=AS_OF).to_pandas()  # noqa: E731
        file_floor = lambda f=f: con.raw_sql(floor_sql("cases_file", f.columns)).fetchall()  # noqa: E731
        values = formula()  # also the warm-up
        for fn in (floor, from_file, file_floor):
            fn()
        runs = alternating(
            {"formula": formula, "floor": floor, "file": from_file, "file_floor": file_floor},
            REPEAT,
        )
        med = {k: statistics.median(v) for k, v in runs.items()}
        row = {
            "formula": f.name,
            "indicator": f.indicator,
            "columns": list(f.columns),
            "values_out": len(values),
            "median_s": med["formula"],
            "floor_median_s": med["floor"],
            "times_floor": med["formula"] / med["floor"],
            "parquet_median_s": med["file"],
            "parquet_floor_median_s": med["file_floor"],
            "parquet_times_floor": med["file"] / med["file_floor"],
            "runs_s": runs,
        }
        row["target_met"] = row["times_floor"] <= TARGET
        out.append(row)
        print(
            f"{f.name}: {med['formula']:.3f} s, floor {med['floor']:.3f} s "
            f"({row['times_floor']:.2f}×); from Parquet {med['file']:.3f} s "
            f"({row['parquet_times_floor']:.2f}×)"
        )
    return out


def write(figures: dict) -> None:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "feedback.json").write_text(json.dumps(figures, indent=2), encoding="utf-8")
    v = figures["versions"]
    lines = [
        f"Measured {figures['measured_at']} with `python -m benchmarks feedback` on "
        f"{figures['cpu_cores']} cores (shared): {figures['rows']:,} synthetic cases "
        f"(generated in {figures['generate_s']:.1f} s into Parquet in a temporary folder, read "
        f"into Arrow as the platform mart in {figures['parquet_to_arrow_s']:.2f} s), DuckDB "
        f"{v['duckdb']}, Ibis {v['ibis-framework']}, PyArrow {v['pyarrow']}. Medians of "
        f"{REPEAT} runs in alternation, each to a pandas frame.",
        "",
        "The floor is DuckDB summing every column the formula reads (strings by length, times "
        "as seconds) over the same table: the cost of reading the data at all. Goal: ≤ 2× it.",
        "",
        "| formula → figure | platform mart (Arrow) | floor | × floor (≤ 2) | from Parquet | "
        "Parquet floor | × floor |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in figures["formulas"]:
        lines.append(
            f"| {r['formula']} → {r['indicator']} | {r['median_s']:.3f} s | "
            f"{r['floor_median_s']:.3f} s | {r['times_floor']:.2f}× | "
            f"{r['parquet_median_s']:.3f} s | {r['parquet_floor_median_s']:.3f} s | "
            f"{r['parquet_times_floor']:.2f}× |"
        )
    met = [r["formula"] for r in figures["formulas"] if r["target_met"]]
    missed = [r["formula"] for r in figures["formulas"] if not r["target_met"]]
    lines += [
        "",
        f"Goal met by {len(met)} of {len(figures['formulas'])} formulas"
        + (f"; missed by {', '.join(missed)}." if missed else "."),
        "",
        f"Whole suite: {figures['suite_s']:.0f} s.",
    ]
    (RESULTS / "feedback.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
