"""Ingest: a file of indicator values becomes one batch, accepted whole or rejected whole.

Once-only input: a value sent again is recognised and not stored twice; a different value for a
key the same source sent before is a correction, stored as a new revision with the reason (which
is then required); a value that differs from another source's claim is stored and reported as a
conflict, to be resolved by a person. The comparison and every write happen in one transaction,
so a process killed mid-batch leaves the database as it was.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine, insert, select, text

from tsifra.kernel.problems import Forbidden, Problem, ValidationFailed
from tsifra.methodology import DEFAULT_METHODOLOGY, Methodology
from tsifra.store import Batch, Unit, require_current, utcnow
from tsifra.store.audit import record
from tsifra.store.methodologies import MethodologyVersion, persist, stored_methodology
from tsifra.values.reading import read_table
from tsifra.values.revisions import KEY, latest_claims, same_value
from tsifra.values.sources import check_file_source
from tsifra.values.units import regions_of
from tsifra.values.validation import STORE_UNITS, IndicatorValues, validate_values

CHUNK = 100_000  # rows per executemany/COPY slice: bounds memory on million-row batches
INSERT_COLUMNS = (
    "unit",
    "period",
    "indicator",
    "value",
    "source",
    "revision",
    "batch_id",
    "reason",
)


@dataclass(frozen=True)
class IngestReport:
    """What a batch did. `batch_id` is None when nothing was new: the database was not touched."""

    source: str
    file: str
    methodology: str
    batch_id: int | None
    new: int
    unchanged: int
    corrected: int
    conflicts: pd.DataFrame = field(repr=False)  # unit, period, indicator, value, source_other…
    empty_cells: int = 0  # a wide file's empty cells, skipped as "no value" (`values.validation`)

    @property
    def written(self) -> int:
        return self.new + self.corrected


def ingest_file(
    engine: Engine,
    path: str | Path,
    source: str,
    *,
    methodology: str = DEFAULT_METHODOLOGY,
    reason: str | None = None,
    sheet: str | None = None,
    actor: str | None = None,
    only_units: Collection[str] | None = None,
) -> IngestReport:
    """Validate a file (CSV, XLSX, Parquet, JSON; long or wide) and store it as one batch.

    Raises `ValidationFailed` with every problem (row, column, value, rule) if any value is
    wrong; then nothing is written. With `only_units` (a regional operator's own region), a file
    that holds any other unit is refused whole (`Forbidden`, recorded by the caller).
    """
    _check_source(source)
    check_file_source(source)
    version = ready_methodology(engine, methodology)
    table = read_table(path, sheet=sheet)
    m = version.methodology
    values = validate_values(table, m, unit_table(engine), file=str(path), regions=regions_of(m))
    if only_units is not None and not set(values.frame["unit"]).issubset(only_units):
        raise Forbidden(sorted(set(values.frame["unit"]) - set(only_units)))
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return ingest_values(
        engine, values, source, version, reason=reason, actor=actor, file_sha256=digest
    )


def ingest_frame(
    engine: Engine,
    frame: pd.DataFrame,
    source: str,
    *,
    methodology: str = DEFAULT_METHODOLOGY,
    reason: str | None = None,
    actor: str | None = None,
    received_at: datetime | None = None,
    label: str | None = None,
    synthetic: bool = False,
) -> IngestReport:
    """Store values computed by Tsifra itself (formulas, the demo) under the same rules as a file.

    The long frame `unit, period, indicator, value` goes through the same validation as a file
    would. `received_at` backdates the batch; only the demo uses it, to replay a history.
    """
    _check_source(source)
    version = ready_methodology(engine, methodology)
    label = label or f"<{source}>"
    values = validate_frame(frame, version.methodology, unit_table(engine), label)
    return ingest_values(
        engine,
        values,
        source,
        version,
        reason=reason,
        actor=actor,
        received_at=received_at,
        synthetic=synthetic,
    )


def ingest_values(
    bind: Engine | Connection,
    values: IndicatorValues,
    source: str,
    version: MethodologyVersion,
    *,
    reason: str | None = None,
    actor: str | None = None,
    received_at: datetime | None = None,
    file_sha256: str | None = None,
    synthetic: bool = False,
) -> IngestReport:
    """Compare validated values with what the database holds and write the batch, all or nothing.

    Given an engine, the batch is its own transaction; given a connection, it joins the caller's
    (several batches that must land together, such as every formula of one mart run).
    """
    reason = reason.strip() if reason and reason.strip() else None
    incoming = values.frame.reset_index(drop=True)
    with _transaction(bind) as connection:
        _one_batch_at_a_time(connection)
        existing = latest_claims(
            connection,
            indicators=incoming["indicator"].unique(),
            periods=incoming["period"].unique(),
        )
        kind, revision, others = _classify(incoming, existing, source)
        corrected = kind == "corrected"
        if corrected.any() and reason is None:
            raise ValidationFailed(_unexplained(values, incoming, existing, source, corrected))
        write = kind != "unchanged"
        report = dict(
            source=source,
            file=values.file,
            methodology=f"{version.methodology.id}@{version.methodology.version}",
            new=int((kind == "new").sum()),
            unchanged=int((kind == "unchanged").sum()),
            corrected=int(corrected.sum()),
            conflicts=_conflicts(incoming, others, write),
            empty_cells=values.empty_cells,
        )
        if not write.any():
            return IngestReport(batch_id=None, **report)
        batch_id = connection.execute(
            insert(Batch)
            .values(
                source=source,
                file_name=values.file,
                file_sha256=file_sha256,
                received_at=received_at or utcnow(),
                actor=actor,
                reason=reason,
                methodology_id=persist(connection, version, actor),
                new_count=report["new"],
                unchanged_count=report["unchanged"],
                corrected_count=report["corrected"],
                conflict_count=len(report["conflicts"]),
                synthetic=synthetic,
            )
            .returning(Batch.id)
        ).scalar_one()
        rows = incoming[write].assign(
            source=source,
            revision=revision[write].astype(int),
            batch_id=int(batch_id),
            reason=np.where(corrected[write], reason, None),
        )
        rows["value"] = rows["value"].astype(float)
        _bulk_insert(connection, rows)
        details = {k: report[k] for k in ("source", "file", "new", "unchanged", "corrected")}
        details["conflicts"] = len(report["conflicts"])
        record(connection, actor, "batch.ingest", f"batch {batch_id}", details)
    return IngestReport(batch_id=batch_id, **report)


BATCH_LOCK = 73_011  # the PostgreSQL advisory lock key that serialises batches


def _one_batch_at_a_time(connection: Connection) -> None:
    """Take the write lock before reading what is stored, so two uploads cannot both decide that
    a value is new (or both number a correction 2). Batches are minutes apart; waiting is cheap.
    """
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": BATCH_LOCK})
    else:  # SQLite: any write statement takes the database's RESERVED lock until commit
        connection.exec_driver_sql("UPDATE batches SET source = source WHERE 0")


@contextmanager
def _transaction(bind: Engine | Connection) -> Iterator[Connection]:
    if isinstance(bind, Connection):
        yield bind
        return
    with bind.begin() as connection:
        yield connection


def validate_frame(
    frame: pd.DataFrame, m: Methodology, units: pd.DataFrame, label: str
) -> IndicatorValues:
    """Numbers computed by Tsifra pass the same checks as a user's file; row 1 is the first.

    A value a formula or the synthetic panel could not compute (NaN, a gap in a region's data)
    is no value, as an empty cell of a wide file is: left out here, before the checks that
    refuse a long file's empty value."""
    table = frame[["unit", "period", "indicator", "value"]].copy()
    table["__row__"] = np.arange(len(table)) + 1
    table = table[table["value"].notna()]
    table["value"] = table["value"].map(lambda v: repr(float(v)))
    row = table.pop("__row__")
    table = table.astype("string").replace("", pd.NA)
    table["__row__"] = row
    return validate_values(table, m, units, file=label)


def unit_table(engine: Engine) -> pd.DataFrame:
    """The units the database knows, indexed by code, with the attributes methodologies group by."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(Unit.code, Unit.kind, Unit.federal_district, Unit.population)
        ).all()
    frame = pd.DataFrame.from_records(
        rows, columns=["unit", "kind", "federal_district", "population"]
    )
    frame = frame.set_index("unit")
    frame.attrs[STORE_UNITS] = True  # kinds to check a file's units against (`validation`)
    return frame


def _check_source(source: str) -> None:
    if not isinstance(source, str) or not source.strip() or len(source) > 128:
        raise ValidationFailed([Problem("bad_source", path="--source", value=source)])


def ready_methodology(engine: Engine, methodology: str) -> MethodologyVersion:
    """The methodology to validate against, once the database schema is known to be current."""
    require_current(engine)
    return stored_methodology(engine, methodology)


def _classify(
    incoming: pd.DataFrame, existing: pd.DataFrame, source: str
) -> tuple[np.ndarray, np.ndarray, pd.DataFrame]:
    """Per incoming value: new, unchanged or corrected; its revision number; other sources' claims.

    A value that equals every other source's claim is unchanged even if this source never sent
    it: the key already holds that number, and storing it again would only add noise.
    """
    n = len(incoming)
    kind = np.full(n, "new", dtype=object)
    revision = np.ones(n, dtype=np.int64)
    if existing.empty:
        return kind, revision, pd.DataFrame(columns=[*KEY, "low", "high", "sources"])
    mine = existing[existing["source"] == source][[*KEY, "value", "revision"]]
    own = incoming[KEY].merge(mine, on=KEY, how="left")
    other = existing[existing["source"] != source]
    others = (
        other.groupby(KEY, sort=False)
        .agg(low=("value", "min"), high=("value", "max"), sources=("source", _joined))
        .reset_index()
    )
    theirs = incoming[KEY].merge(others, on=KEY, how="left")
    value = incoming["value"].to_numpy()
    has_own = own["value"].notna().to_numpy()
    same_own = has_own & same_value(value, own["value"].to_numpy())
    agrees = (
        theirs["low"].notna().to_numpy()
        & same_value(value, theirs["low"].to_numpy())
        & same_value(value, theirs["high"].to_numpy())
    )
    kind[has_own & ~same_own] = "corrected"
    kind[same_own | (~has_own & agrees)] = "unchanged"
    revision[has_own] = own["revision"].to_numpy()[has_own].astype(np.int64) + 1
    return kind, revision, theirs


def _joined(sources: pd.Series) -> str:
    return ", ".join(sorted(set(sources)))


def _conflicts(incoming: pd.DataFrame, others: pd.DataFrame, write: np.ndarray) -> pd.DataFrame:
    """Written values that another source's latest claim contradicts."""
    columns = [*KEY, "value", "other_sources", "other_low", "other_high"]
    if others.empty or "low" not in others:
        return pd.DataFrame(columns=columns)
    known = others["low"].notna().to_numpy()
    value = incoming["value"].to_numpy()
    agree = same_value(value, others["low"].to_numpy()) & same_value(
        value, others["high"].to_numpy()
    )
    mask = write & known & ~agree
    out = incoming.loc[mask, [*KEY, "value"]].copy()
    out["other_sources"] = others.loc[mask, "sources"].to_numpy()
    out["other_low"] = others.loc[mask, "low"].to_numpy()
    out["other_high"] = others.loc[mask, "high"].to_numpy()
    return out.reset_index(drop=True)


def _unexplained(
    values: IndicatorValues,
    incoming: pd.DataFrame,
    existing: pd.DataFrame,
    source: str,
    corrected: np.ndarray,
) -> list[Problem]:
    mine = existing[existing["source"] == source].set_index(KEY)["value"]
    where = values.locations
    problems = []
    for i in np.flatnonzero(corrected):
        key = tuple(incoming.loc[i, KEY])
        problems.append(
            Problem(
                "correction_needs_reason",
                file=values.file,
                row=int(where.at[i, "row"]) if where is not None else None,
                column=str(where.at[i, "column"]) if where is not None else None,
                value=float(incoming.at[i, "value"]),
                params={"old": float(mine.loc[key]), "source": source},
            )
        )
    return problems


def _bulk_insert(connection: Connection, rows: pd.DataFrame) -> None:
    """Insert many revisions fast: COPY on PostgreSQL, chunked executemany on SQLite.

    Rows go in the order of the unique index (indicator, period, unit), so the index grows at
    its end instead of splitting pages all over; chunks keep memory flat for a million rows.
    """
    rows = rows.sort_values(["indicator", "period", "unit"], kind="stable")
    columns = ", ".join(INSERT_COLUMNS)
    raw = connection.connection.driver_connection
    if connection.dialect.name == "postgresql":
        with (
            raw.cursor() as cursor,
            cursor.copy(f"COPY indicator_values ({columns}) FROM STDIN") as copy,
        ):
            for start in range(0, len(rows), CHUNK):
                for record_ in _records(rows.iloc[start : start + CHUNK]):
                    copy.write_row(record_)
        return
    placeholders = ", ".join("?" for _ in INSERT_COLUMNS)
    statement = f"INSERT INTO indicator_values ({columns}) VALUES ({placeholders})"
    cursor = raw.cursor()
    try:
        for start in range(0, len(rows), CHUNK):
            cursor.executemany(statement, _records(rows.iloc[start : start + CHUNK]))
    finally:
        cursor.close()


def _records(rows: pd.DataFrame):
    """Plain Python tuples in INSERT_COLUMNS order (drivers do not take numpy scalars)."""
    data = [rows[c].tolist() for c in INSERT_COLUMNS]
    return zip(*data, strict=True)
