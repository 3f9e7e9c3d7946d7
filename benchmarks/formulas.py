"""The formulas benchmark: every shipped formula on generated marts of 10 million records each.

For each formula on DuckDB (all cores), its median time from the Parquet file to a pandas frame,
next to (a) pandas doing the same by hand from the same file (the baseline; its values must
match), and (b) the floor: DuckDB only summing every column the formula reads, which is the cost
of reading the data at all. Targets: within 3× of the floor, at least 4× faster than pandas.
Also: Spark in local mode on the same files, DuckDB from 1 to 10 to 50 million records, and the
schema check of each mart. The machines are shared, so a formula, its floor and its pandas
baseline are timed in alternation, and medians are reported.

Generated marts go to var/bench-marts/<rows>/ (ignored by git) and are reused between runs.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import time
import warnings
from collections.abc import Callable
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from benchmarks.pandas_formulas import BASELINES
from benchmarks.timing import RESULTS, timed
from tsifra.demo.marts import GENERATOR_VERSION, MARTS, generate_marts
from tsifra.marts.backends import connect, java_missing, read_mart, release
from tsifra.marts.checks import check_mart
from tsifra.marts.formulas import Formula
from tsifra.marts.formulas.registry import file_formulas
from tsifra.marts.layout import MartFiles, find_marts
from tsifra.marts.tableschema import TableSchema, load_table_schema

DATA = Path(__file__).resolve().parents[1] / "var" / "bench-marts"
ROWS = 10_000_000
GROWTH = (1_000_000, 10_000_000, 50_000_000)
SEED = 2024
REPEAT = 11
FLOOR_TARGET, PANDAS_TARGET = 3.0, 4.0


def run() -> None:
    warnings.filterwarnings("ignore", category=DeprecationWarning)  # Ibis 12 on DuckDB 2
    warnings.filterwarnings("ignore", message=".*(infer_string|copy keyword)")
    started = time.perf_counter()
    marts = marts_of(ROWS)
    formulas = [bench_formula(f, marts[f.mart]) for f in file_formulas()]
    spark = bench_spark(marts)
    for row in formulas:
        row.update(spark["formulas"].get(row["formula"], {}))
    figures = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "cpu_cores": os.cpu_count(),
        "versions": {p: version(p) for p in ("duckdb", "ibis-framework", "pyspark", "pandas")},
        "rows_per_mart": ROWS,
        "formulas": formulas,
        "spark_start_s": spark["start_s"],
        "spark_skipped": spark["skipped"],
        "growth": bench_growth(),
        "checks": bench_checks(marts),
        "suite_s": None,
    }
    figures["suite_s"] = time.perf_counter() - started
    write(figures)


def marts_of(rows: int) -> dict[str, tuple[MartFiles, TableSchema]]:
    """The three marts of `rows` records each, generated once and reused while they match."""
    folder = DATA / str(rows)
    stale = [m for m in MARTS if not _matches(folder / f"{m}.parquet", rows)]
    if stale:
        print(f"generating {len(stale)} mart(s) of {rows:,} records in {folder}")
        generate_marts(folder, rows, seed=SEED, marts=stale)
    found, problems = find_marts(folder, MARTS)
    assert not problems, problems
    return {m: (files, load_table_schema(m)) for m, files in found.items()}


def _matches(path: Path, rows: int) -> bool:
    if not path.is_file():
        return False
    meta = pq.read_metadata(path)
    kv = meta.metadata or {}
    made_by = kv.get(b"tsifra.generator", b"").decode()
    return (
        meta.num_rows == rows
        and kv.get(b"tsifra.seed", b"").decode() == str(SEED)
        and made_by == GENERATOR_VERSION
    )


def bench_formula(f: Formula, mart: tuple[MartFiles, TableSchema]) -> dict:
    files, schema = mart
    con = connect("duckdb")
    types = {field.name: field.type for field in schema.fields}
    floor_sql = floor_query(files.paths[0], f.columns, types)
    duck = lambda: _execute(con, f, files, schema)  # noqa: E731
    floor = lambda: con.raw_sql(floor_sql).fetchall()  # noqa: E731
    path = files.paths[0]
    baseline = lambda: BASELINES[f.name](path)  # noqa: E731
    values, by_hand = duck(), baseline()  # also the warm-up of each
    runs = alternating({"duckdb": duck, "floor": floor, "pandas": baseline}, REPEAT)
    pandas_runs = runs["pandas"]
    d, fl, pd_ = (statistics.median(runs["duckdb"]), statistics.median(runs["floor"]),
                  statistics.median(pandas_runs))  # fmt: skip
    row = {
        "formula": f.name,
        "mart": f.mart,
        "indicator": f.indicator,
        "columns": list(f.columns),
        "rows": ROWS,
        "values_out": len(values),
        "duckdb_median_s": d,
        "duckdb_runs_s": runs["duckdb"],
        "floor_median_s": fl,
        "floor_runs_s": runs["floor"],
        "floor_sql": floor_sql,
        "pandas_median_s": pd_,
        "pandas_runs_s": pandas_runs,
        "times_floor": d / fl,
        "speedup_vs_pandas": pd_ / d,
        # pandas's runs are bimodal (memory handed back to the OS and faulted in again): the
        # ratio to its fastest run says what the median alone can hide
        "speedup_vs_pandas_fastest": min(pandas_runs) / d,
        "max_abs_difference_pandas": max_difference(values, by_hand),
    }
    row["targets_met"] = (
        row["times_floor"] <= FLOOR_TARGET and row["speedup_vs_pandas"] >= PANDAS_TARGET
    )
    print(
        f"{f.name}: DuckDB {d:.3f} s, floor {fl:.3f} s ({d / fl:.2f}×), "
        f"pandas {pd_:.2f} s ({pd_ / d:.1f}× slower)"
    )
    return row


def floor_query(path: Path, columns: tuple[str, ...], types: dict[str, str]) -> str:
    """Sum every column the formula reads: strings by length, flags as 0/1, times as µs."""
    terms = {
        "string": "sum(length({c}))",
        "boolean": "sum({c}::INTEGER)",
        "datetime": "sum(epoch_us({c}))",
    }
    sums = ", ".join(terms[types[c]].format(c=f'"{c}"') for c in columns)
    return f"SELECT {sums} FROM read_parquet('{path}')"


def bench_spark(marts: dict) -> dict:
    reason = java_missing()
    if reason is not None:
        print(f"Spark skipped: {reason}")
        return {"start_s": None, "skipped": reason, "formulas": {}}
    start = time.perf_counter()
    con = connect("spark")
    start_s = time.perf_counter() - start
    out = {}
    for f in file_formulas():
        files, schema = marts[f.mart]
        reference = _execute(connect("duckdb"), f, files, schema)
        values = _execute(con, f, files, schema)  # the first run also warms the JVM up
        runs = timed(lambda f=f, m=files, s=schema: _execute(con, f, m, s), 3)
        out[f.name] = {
            "spark_median_s": statistics.median(runs),
            "spark_runs_s": runs,
            "max_abs_difference_spark": max_difference(reference, values),
        }
        print(f"{f.name}: Spark local mode {statistics.median(runs):.2f} s")
    return {"start_s": start_s, "skipped": None, "formulas": out}


def bench_growth() -> dict:
    out: dict[str, dict[str, float]] = {f.name: {} for f in file_formulas()}
    for rows in GROWTH:
        marts = marts_of(rows)
        con = connect("duckdb")
        for f in file_formulas():
            files, schema = marts[f.mart]
            once = lambda c=con, f=f, m=files, s=schema: _execute(c, f, m, s)  # noqa: E731
            once()
            out[f.name][str(rows)] = statistics.median(timed(once, 3))
        print(f"growth: {rows:,} records done")
    return out


def bench_checks(marts: dict) -> dict:
    out = {}
    for mart, (files, schema) in marts.items():
        runs = timed(lambda files=files, schema=schema: check_mart(files, schema), 3)
        out[mart] = {"median_s": statistics.median(runs), "runs_s": runs}
    return out


def _execute(con, f: Formula, files: MartFiles, schema: TableSchema) -> pd.DataFrame:
    table = read_mart(con, files, schema)
    try:
        frame = f(table).to_pandas()
    finally:
        release(con, table)
    return frame.sort_values(["unit", "period"]).reset_index(drop=True)


def alternating(fns: dict[str, Callable[[], object]], repeat: int) -> dict[str, list[float]]:
    """Each function `repeat` times, in turn, so that load on a shared machine hits all alike."""
    runs: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            runs[name] += timed(fn, 1)
    return runs


def max_difference(a: pd.DataFrame, b: pd.DataFrame) -> float:
    both = a.merge(b, on=["unit", "period"], how="outer", suffixes=("_a", "_b"))
    if both[["value_a", "value_b"]].isna().any().any():
        return float("inf")  # not the same rows
    return float((both["value_a"] - both["value_b"]).abs().max())


def write(figures: dict) -> None:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "formulas.json").write_text(json.dumps(figures, indent=2), encoding="utf-8")
    lines = [
        f"Measured {figures['measured_at']} with `python -m benchmarks formulas` on "
        f"{figures['cpu_cores']} cores: {ROWS:,} records per mart (synthetic, "
        "`generate_marts`), Parquet, DuckDB "
        f"{figures['versions']['duckdb']}, Ibis {figures['versions']['ibis-framework']}, "
        f"PySpark {figures['versions']['pyspark']}, pandas {figures['versions']['pandas']}. "
        f"Medians of {REPEAT} runs of DuckDB, floor and pandas (in alternation) and of 3 Spark "
        "runs, each from the file to a pandas frame.",
        "",
        "| formula (mart → indicator) | DuckDB | floor | × floor (≤ 3) | pandas | "
        "pandas ÷ DuckDB (≥ 4) | fastest pandas ÷ DuckDB | Spark local[2] | "
        "max abs diff: pandas, Spark |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in figures["formulas"]:
        spark = f"{r['spark_median_s']:.2f} s" if "spark_median_s" in r else "—"
        spark_diff = r.get("max_abs_difference_spark")
        diffs = f"{r['max_abs_difference_pandas']:.0e}, " + (
            f"{spark_diff:.0e}" if spark_diff is not None else "—"
        )
        lines.append(
            f"| {r['formula']} ({r['mart']} → {r['indicator']}) | {r['duckdb_median_s']:.3f} s "
            f"| {r['floor_median_s']:.3f} s | {r['times_floor']:.2f}× | "
            f"{r['pandas_median_s']:.2f} s | {r['speedup_vs_pandas']:.1f}× | "
            f"{r['speedup_vs_pandas_fastest']:.1f}× | {spark} | {diffs} |"
        )
    met = [r["formula"] for r in figures["formulas"] if r["targets_met"]]
    missed = [r["formula"] for r in figures["formulas"] if not r["targets_met"]]
    lines += [
        "",
        f"Both targets met by {len(met)} of {len(figures['formulas'])} formulas"
        + (f"; missed by {', '.join(missed)}." if missed else "."),
        "",
        f"Spark session start: {figures['spark_start_s'] or 0:.1f} s (once per process).",
        "",
        "Growth on DuckDB (median of 3):",
        "",
        "| formula | " + " | ".join(f"{n:,} records" for n in GROWTH) + " | 50M ÷ 1M |",
        "|---|" + "---|" * (len(GROWTH) + 1),
    ]
    for name, by_rows in figures["growth"].items():
        cells = " | ".join(f"{by_rows[str(n)]:.3f} s" for n in GROWTH)
        ratio = by_rows[str(GROWTH[-1])] / by_rows[str(GROWTH[0])]
        lines.append(f"| {name} | {cells} | {ratio:.0f}× |")
    lines += [
        "",
        f"Schema check of each {ROWS:,}-record mart (DuckDB, median of 3): "
        + ", ".join(f"{m} {c['median_s']:.2f} s" for m, c in figures["checks"].items())
        + ".",
    ]
    (RESULTS / "formulas.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
