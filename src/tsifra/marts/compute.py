"""Computing indicators from a folder of raw marts: the service behind `tsifra marts compute`.

It finds the bundled marts present in the folder (`tsifra.marts.layout` states the convention),
checks each against its Table Schema, and runs every formula whose mart passed, on DuckDB or
Spark. A mart with problems is reported with every problem and its formulas are skipped; the
other marts still compute, since one agency's broken export must not hold back the others'.

Nothing here touches the database: the caller stores each run as one batch with source
`formula:<name>` (`FormulaRun.source`), which keeps re-runs of a formula as revisions of the
same source.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.marts.backends import ENGINES, Engine, connect, read_mart, release
from tsifra.marts.checks import MartCheck, check_mart
from tsifra.marts.formulas import FORMULAS, OUTPUT_COLUMNS, Formula
from tsifra.marts.formulas.registry import STORE_MARTS, file_formulas
from tsifra.marts.layout import MartFiles, find_marts
from tsifra.marts.tableschema import TableSchema, bundled_marts, load_table_schema


@dataclass(frozen=True)
class FormulaRun:
    """One formula's output: long-form values of its indicator, and what it cost."""

    formula: str
    mart: str
    indicator: str
    values: pd.DataFrame  # unit, period, indicator, value; sorted by unit and period
    rows_read: int  # records in the mart
    seconds: float  # reading the files and computing, on the chosen engine

    @property
    def source(self) -> str:
        return f"formula:{self.formula}"


@dataclass(frozen=True)
class MartComputation:
    """What `compute_marts` found, checked and computed; `problems` is empty when all went well."""

    mart_dir: Path
    engine: Engine
    marts: dict[str, MartFiles]
    checks: dict[str, MartCheck]
    runs: list[FormulaRun]
    skipped: list[str]  # formulas whose mart is absent or has problems
    problems: list[Problem] = field(default_factory=list)

    @property
    def synthetic(self) -> bool:
        """True when any mart read was generated: its results must carry the demo mark."""
        return any(c.synthetic for c in self.checks.values())

    def values(self) -> pd.DataFrame:
        """Every run's values in one long frame."""
        frames = [r.values for r in self.runs]
        if not frames:
            return pd.DataFrame(columns=list(OUTPUT_COLUMNS))
        return pd.concat(frames, ignore_index=True)


def compute_marts(
    mart_dir: str | Path,
    engine: Engine = "duckdb",
    formulas: Sequence[str] | None = None,
    limit: int = 10,
) -> MartComputation:
    """Check the marts in `mart_dir` and run the formulas (all, or those named) on `engine`.

    Raises ValidationFailed only when the folder is missing or a formula name is unknown; problems
    of the marts themselves are returned in `MartComputation.problems`, up to `limit` rows per
    rule. Results are unrounded: each value is one division of exact counts or sums, identical
    on DuckDB and Spark.
    """
    if engine not in ENGINES:  # before minutes of checking, not after
        raise ValueError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")
    root = Path(mart_dir)
    if not root.is_dir():
        raise ValidationFailed([Problem("file_not_found", file=str(root))])
    chosen = _chosen(formulas)
    wanted = sorted({f.mart for f in chosen})
    found, problems = find_marts(root, wanted)
    if not found and not problems:
        expected = ", ".join(f"{m}.parquet" for m in wanted)
        problems.append(Problem("no_marts", file=str(root), params={"expected": expected}))

    schemas: dict[str, TableSchema] = {m: load_table_schema(m) for m in found}
    checks = {
        m: check_mart(files, schemas[m], engine=engine, limit=limit) for m, files in found.items()
    }
    for check in checks.values():
        problems += check.problems

    runnable = [f for f in chosen if f.mart in checks and checks[f.mart].ok]
    skipped = [f.name for f in chosen if f not in runnable]
    runs: list[FormulaRun] = []
    if runnable:
        con = connect(engine)
        for f in runnable:
            runs.append(_run(con, f, found[f.mart], schemas[f.mart], checks[f.mart].rows))
    return MartComputation(root, engine, found, checks, runs, skipped, problems)


def _chosen(names: Sequence[str] | None) -> list[Formula]:
    if names is None:
        return [f for f in FORMULAS.values() if f.mart in bundled_marts()]
    unknown = [n for n in names if n not in FORMULAS or FORMULAS[n].mart in STORE_MARTS]
    if unknown:
        raise ValidationFailed(
            Problem(
                "literal_error",
                value=n,
                params={"expected": ", ".join(f.name for f in file_formulas())},
            )
            for n in unknown
        )
    return [FORMULAS[n] for n in names]


def _run(con, f: Formula, files: MartFiles, schema: TableSchema, rows: int) -> FormulaRun:
    start = time.perf_counter()
    with warnings.catch_warnings():  # Ibis 12's own deprecations (DuckDB 2, pandas 3): not ours
        for noise in ("fetch_arrow_table", "future.infer_string", "copy keyword is deprecated"):
            warnings.filterwarnings("ignore", message=f".*{noise}")
        mart = read_mart(con, files, schema)
        try:
            frame = f(mart).to_pandas()
        finally:
            release(con, mart)
    seconds = time.perf_counter() - start
    frame = frame.sort_values(["unit", "period"], kind="stable").reset_index(drop=True)
    frame = frame.astype({"unit": str, "period": str, "indicator": str, "value": float})
    return FormulaRun(f.name, f.mart, f.indicator, frame, rows, seconds)
