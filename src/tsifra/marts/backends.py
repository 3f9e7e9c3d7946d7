"""The engines formulas run on: DuckDB in-process by default, Spark (local mode) for scale-out.

A formula is one Ibis expression; this module is the only place that knows an engine exists. It
connects, and registers a mart's files as a table typed by the mart's schema, so that a formula
sees the same column types on both engines: Parquet columns as stored, CSV text parsed with the
spellings `tsifra.marts.checks` accepted (it never reaches here unchecked).

Spark runs in local mode with the session time zone pinned to UTC, so a naive UTC timestamp falls
in the same quarter as on DuckDB. Its JVM takes seconds to start, so one session serves the whole
process (`spark_session`); each registration gets a fresh view name and is dropped after use.
"""

from __future__ import annotations

import functools
import os
import shutil
import uuid
from importlib import resources
from typing import TYPE_CHECKING, Literal

import ibis

from tsifra.marts.checks import FALSE_TEXT, TRUE_TEXT
from tsifra.marts.layout import MartFiles
from tsifra.marts.tableschema import TableSchema

if TYPE_CHECKING:
    from ibis.backends import BaseBackend
    from pyspark.sql import SparkSession

Engine = Literal["duckdb", "spark"]
ENGINES: tuple[Engine, ...] = ("duckdb", "spark")
SPARK_MASTER = "local[2]"
IBIS_TYPES = {
    "string": "string",
    "integer": "int64",
    "number": "float64",
    "boolean": "boolean",
    "date": "date",
    "datetime": "timestamp",
}


def java_missing() -> str | None:
    """Why Spark cannot start here (no Java), or None; callers skip or fail with this reason."""
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "Spark needs Java: no `java` on PATH and JAVA_HOME is not set"
    return None


@functools.cache
def spark_session(master: str = SPARK_MASTER) -> SparkSession:
    """The process's Spark session: local mode, UTC, no web UI, warnings and progress bars off."""
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    logging = resources.files("tsifra.marts").joinpath("spark-log4j2.properties")
    session = (
        SparkSession.builder.master(master)
        .appName("tsifra-marts")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        # Formula outputs are region × quarter: a few thousand groups, not 200 partitions' worth.
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile=file:{logging}")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session


def connect(engine: Engine = "duckdb") -> BaseBackend:
    """A fresh DuckDB connection, or an Ibis connection over the shared Spark session."""
    if engine == "duckdb":
        con = ibis.duckdb.connect()
        con.raw_sql("SET enable_progress_bar = false")  # callers draw their own
        return con
    if engine == "spark":
        return ibis.pyspark.connect(spark_session())
    raise ValueError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")


def read_mart(con: BaseBackend, files: MartFiles, schema: TableSchema) -> ibis.Table:
    """The mart as an Ibis table with the schema's fields typed (Parquet: as stored, checked)."""
    name = f"mart_{files.mart}_{uuid.uuid4().hex[:8]}"
    paths = [str(p) for p in files.paths]
    spark = con.name == "pyspark"
    if files.format == "parquet":
        if spark:  # the exact files found, not whatever else lies in a folder
            con._session.read.parquet(*paths).createOrReplaceTempView(name)
            table = con.table(name)
        else:
            table = con.read_parquet(paths, table_name=name)
        return table  # not a projection: see Formula._check_columns for why
    if spark:
        table = con.read_csv(paths, table_name=name, header=True, inferSchema=False)
    else:
        table = con.read_csv(paths, table_name=name, all_varchar=True, header=True)
    return table.select(**{f.name: _parsed(table[f.name], f.type) for f in schema.fields})


def release(con: BaseBackend, table: ibis.Table) -> None:
    """Drop a registered mart's view (Spark keeps temp views for the session's lifetime)."""
    if con.name == "pyspark":
        for name in _source_names(table):
            con._session.catalog.dropTempView(name)


def _parsed(column: ibis.Value, kind: str) -> ibis.Value:
    text = column.strip()
    if kind == "string":
        return column
    if kind == "boolean":
        lower = text.lower()
        return ibis.cases(
            (lower.isin(TRUE_TEXT), True), (lower.isin(FALSE_TEXT), False), else_=None
        ).cast("boolean")
    return text.cast(IBIS_TYPES[kind])


def _source_names(table: ibis.Table) -> list[str]:
    from ibis.expr.operations import DatabaseTable

    return [op.name for op in table.op().find(DatabaseTable)]
