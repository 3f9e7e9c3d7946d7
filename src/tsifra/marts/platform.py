"""The feedback platform's own case table as a raw mart: the appeals mart is the platform itself.

Formulas over it are ordinary formulas (`tsifra.marts.formulas`, mart `cases`) written once in
Ibis; what differs is only where the records come from. DuckDB cannot attach SQLite or PostgreSQL
here (its extensions download at run time), so the columns the formulas need are read from the
store with SQLAlchemy in chunks into one Arrow table, which DuckDB registers without a copy and
Spark turns into a DataFrame. The formulas cannot tell it from a Parquet mart, and a Parquet file
of the same columns (the benchmark's 10 million cases) is read the same way.

Times are naive UTC, truncated to whole seconds, so that a duration is the same integer number of
seconds on every engine (Spark's `unix_timestamp` drops fractions, DuckDB's `epoch` keeps them).
Nothing personal is read: the applicant's contact lives in another table and the text is not a
column of the mart.
"""

from __future__ import annotations

import time
import uuid
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import ibis
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import Engine, select

from tsifra.cases.regimes import FEEDBACK_KINDS
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.marts.backends import ENGINES, connect
from tsifra.marts.compute import FormulaRun
from tsifra.marts.formulas import FORMULAS, Formula
from tsifra.marts.formulas.registry import PLATFORM_MART
from tsifra.store.models import Case

SECONDS = pa.timestamp("s")
# The mart's columns, as the formulas see them; a formula declares the ones it reads.
COLUMNS: dict[str, pa.DataType] = {
    "id": pa.int64(),
    "kind": pa.string(),
    "region": pa.string(),
    "category": pa.string(),
    "body": pa.string(),
    "status": pa.string(),
    "submitted_at": SECONDS,
    "registered_at": SECONDS,
    "due_at": SECONDS,
    "first_response_at": SECONDS,
    "answered_at": SECONDS,
    "forwarded_count": pa.int64(),
    "reopened_count": pa.int64(),
    "rating": pa.int64(),
}
SCHEMA = pa.schema(list(COLUMNS.items()))
CHUNK = 50_000


def platform_formulas(unit_kind: str = "region") -> list[Formula]:
    """The formulas that read the platform's cases and yield units of `unit_kind` (regions, or
    agencies: the bodies that answer), in the order they are registered."""
    return [f for f in FORMULAS.values() if f.mart == PLATFORM_MART and f.unit_kind == unit_kind]


def read_cases(
    db: Engine, *, region: str | None = None, until: datetime | None = None, chunk: int = CHUNK
) -> pa.Table:
    """The cases (of one region, submitted up to `until`) as an Arrow table of `COLUMNS`.

    Streamed in chunks of `chunk` rows so that a large platform is never a list of Python
    objects at once; the result is one table, read in one transaction (a consistent snapshot).
    """
    query = (
        select(*(getattr(Case, name) for name in COLUMNS))
        .where(Case.kind.in_(FEEDBACK_KINDS))  # approvals and compensation count apart
        .order_by(Case.id)
    )
    if region is not None:
        query = query.where(Case.region == region)
    if until is not None:
        query = query.where(Case.submitted_at <= until)
    batches: list[pa.RecordBatch] = []
    with db.connect() as connection:
        result = connection.execution_options(stream_results=True, yield_per=chunk).execute(query)
        for rows in result.partitions(chunk):
            columns = list(zip(*rows, strict=True))
            arrays = [_array(v, kind) for v, kind in zip(columns, COLUMNS.values(), strict=True)]
            batches.append(pa.RecordBatch.from_arrays(arrays, schema=SCHEMA))
    return pa.Table.from_batches(batches, schema=SCHEMA)


def _array(values: Sequence, kind: pa.DataType) -> pa.Array:
    if kind == SECONDS:  # truncated, not rounded: a moment never moves into the next second
        return pa.array(values, type=pa.timestamp("us")).cast(SECONDS, safe=False)
    return pa.array(values, type=kind)


def read_cases_parquet(path: str | Path) -> pa.Table:
    """A Parquet file of the mart's columns (a copy of the platform, or generated cases)."""
    return pq.read_table(path, columns=list(COLUMNS)).cast(SCHEMA, safe=False)


@dataclass(frozen=True)
class PlatformComputation:
    """The platform formulas' values as of a moment, on one engine."""

    engine: str
    as_of: datetime
    runs: list[FormulaRun]

    def values(self) -> pd.DataFrame:
        return pd.concat([r.values for r in self.runs], ignore_index=True)

    def run(self, name: str) -> FormulaRun:
        return next(r for r in self.runs if r.formula == name)


def compute_platform(
    cases: pa.Table,
    as_of: datetime,
    engine: str = "duckdb",
    formulas: Sequence[str] | None = None,
    unit_kind: str = "region",
) -> PlatformComputation:
    """Run the platform formulas (all of `unit_kind`, or those named) over `cases` as they stood
    at `as_of`: by region by default, by answering body for `unit_kind="agency"`.

    `as_of` is the moment the figures describe: a case is answered if its answer came by then,
    overdue if its deadline passed by then. Passing it (rather than reading the clock) makes a
    quarter's figures reproducible and the same on every engine.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")
    chosen = _chosen(formulas, unit_kind)
    return PlatformComputation(engine, as_of, run_over_table(cases, chosen, engine, as_of=as_of))


def run_over_table(
    table: pa.Table, chosen: Sequence[Formula], engine: str, **params: object
) -> list[FormulaRun]:
    """Run formulas over one Arrow table registered on `engine` (the platform's cases, the
    registry): each formula gets `params` (the moment it describes) and its sorted long form."""
    con = connect(engine)
    name = f"mart_{uuid.uuid4().hex[:8]}"
    runs = []
    with warnings.catch_warnings():  # Ibis 12's own deprecations (DuckDB 2, pandas 3): not ours
        for noise in ("fetch_arrow_table", "future.infer_string", "copy keyword is deprecated"):
            warnings.filterwarnings("ignore", message=f".*{noise}")
        mart = register(con, name, table)
        try:
            for f in chosen:
                begun = time.perf_counter()
                frame = f(mart, **params).to_pandas()
                frame = frame.sort_values(["unit", "period"], kind="stable").reset_index(drop=True)
                frame = frame.astype({"unit": str, "period": str, "indicator": str, "value": float})
                seconds = time.perf_counter() - begun
                runs.append(FormulaRun(f.name, f.mart, f.indicator, frame, table.num_rows, seconds))
        finally:
            unregister(con, name)
    return runs


def register(con, name: str, cases: pa.Table) -> ibis.Table:
    """The Arrow table as an Ibis table on the connection's engine (DuckDB: no copy)."""
    if con.name == "pyspark":
        con._session.createDataFrame(cases).createOrReplaceTempView(name)
    else:
        con.con.register(name, cases)
    return con.table(name)


def unregister(con, name: str) -> None:
    if con.name == "pyspark":
        con._session.catalog.dropTempView(name)
    else:
        con.con.unregister(name)


def _chosen(names: Sequence[str] | None, unit_kind: str) -> list[Formula]:
    if names is None:
        return platform_formulas(unit_kind)
    own = [f for f in FORMULAS.values() if f.mart == PLATFORM_MART]
    known = {f.name: f for f in own}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ValidationFailed(
            Problem("literal_error", value=n, params={"expected": ", ".join(known)})
            for n in unknown
        )
    return [known[n] for n in names]
