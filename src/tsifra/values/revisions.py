"""Reading stored values back: the latest claim of each source, values as of a moment, history.

A key (unit, period, indicator) may be claimed by several sources, each with its own chain of
revisions. The value of a key is agreed when every source's latest claim is the same number; when
they differ the key is a conflict, and it stays one until a person resolves it (a `Resolution`
naming the source that holds). Nothing here picks a winner silently.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine, func, select

from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.store import Batch, Resolution, ValueRevision, require_current, session_scope, utcnow
from tsifra.store.audit import record

KEY = ["unit", "period", "indicator"]
CLAIM_COLUMNS = ["id", *KEY, "source", "revision", "value", "batch_id"]


def same_value(a, b) -> np.ndarray:
    """Equal up to float noise: a value read back from CSV text is the same value."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    scale = np.maximum(1.0, np.maximum(np.abs(a), np.abs(b)))
    return np.abs(a - b) <= 1e-9 * scale


def latest_claims(
    connection: Connection,
    as_of: datetime | None = None,
    indicators: Iterable[str] | None = None,
    periods: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Each source's latest revision of each key, among batches received by `as_of`.

    Rows come back in insertion order (`id`), which is the order claims were made in.
    """
    v, b = ValueRevision.__table__.c, Batch.__table__.c
    query = select(v.id, v.unit, v.period, v.indicator, v.source, v.revision, v.value, v.batch_id)
    if as_of is not None:
        query = query.join_from(ValueRevision.__table__, Batch.__table__, v.batch_id == b.id).where(
            b.received_at <= as_of
        )
    if indicators is not None:
        query = query.where(v.indicator.in_(sorted(set(indicators))))
    if periods is not None:
        query = query.where(v.period.in_(sorted(set(periods))))
    # The driver's own cursor: a million claims as plain tuples, without per-row ORM work.
    compiled = query.compile(
        dialect=connection.dialect, compile_kwargs={"render_postcompile": True}
    )
    parameters = {k: _bound(v, connection) for k, v in compiled.construct_params().items()}
    positional = [parameters[name] for name in compiled.positiontup or []]
    cursor = connection.connection.driver_connection.cursor()
    try:
        cursor.execute(str(compiled), positional or parameters)
        rows = cursor.fetchall()
    finally:
        cursor.close()
    claims = pd.DataFrame.from_records(rows, columns=CLAIM_COLUMNS)
    if claims.empty:
        return claims
    claims = claims.sort_values(["revision", "id"], kind="stable")
    claims = claims.drop_duplicates([*KEY, "source"], keep="last")
    return claims.sort_values("id", kind="stable").reset_index(drop=True)


def _bound(value, connection: Connection):
    """A parameter as the column stores it: SQLite keeps timestamps as fixed-width text."""
    if isinstance(value, datetime):
        value = pd.Timestamp(value).to_pydatetime()
        if connection.dialect.name == "sqlite":
            return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    return value


@dataclass(frozen=True)
class EffectiveValues:
    """The values a computation uses, and exactly which stored rows they came from."""

    frame: pd.DataFrame  # unit, period, indicator, value, source
    # One row per disagreeing claim: unit, period, indicator, source, value, id, batch_id.
    conflicts: pd.DataFrame
    revision_ids: np.ndarray  # sorted ids of every claim behind `frame`
    resolution_ids: np.ndarray
    synthetic: bool = False  # some value came from demo data or a generated mart

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the revision set: two computations with the same fingerprint read the same
        rows."""
        digest = hashlib.sha256()
        digest.update(b"values:" + ",".join(map(str, self.revision_ids)).encode())
        digest.update(b";resolutions:" + ",".join(map(str, self.resolution_ids)).encode())
        return digest.hexdigest()

    def left_out(self, periods: Iterable[str] | None = None) -> pd.DataFrame:
        """The keys a computation leaves out because sources disagree on them and nobody has
        resolved which holds: unit, period, indicator, reason (`conflict`), claims (a list of
        (source, value) pairs in claim order). `frame` never holds these keys, so a computation
        over it treats them as missing, and the methodology imputes or carries them as it does
        any missing value. `periods` narrows to the periods a computation read."""
        conflicts = self.conflicts
        if periods is not None:
            conflicts = conflicts[conflicts["period"].isin(list(periods))]
        rows = [
            (
                *key,
                "conflict",
                list(zip(group["source"], group["value"].astype(float), strict=True)),
            )
            for key, group in conflicts.groupby(KEY, sort=True)
        ]
        return pd.DataFrame(rows, columns=[*KEY, "reason", "claims"])

    def conflict_problems(self) -> list[Problem]:
        problems = []
        for key, group in self.conflicts.groupby(KEY, sort=True):
            claims = zip(group["source"], group["value"], strict=True)
            detail = "; ".join(f"{s} = {v:g}" for s, v in claims)
            problems.append(
                Problem("value_conflict", value="/".join(key), params={"detail": detail})
            )
        return problems


def effective_values(
    engine: Engine, as_of: datetime | None = None, indicators: Iterable[str] | None = None
) -> EffectiveValues:
    """What the database says each key's value was at `as_of` (now by default)."""
    require_current(engine)
    as_of = as_of or utcnow()
    with engine.connect() as connection:
        claims = latest_claims(connection, as_of, indicators)
        resolutions = _resolutions(connection, as_of)
        synthetic_batches = set(
            connection.execute(select(Batch.id).where(Batch.synthetic)).scalars()
        )
    empty = np.array([], dtype=np.int64)
    if claims.empty:
        frame = pd.DataFrame(columns=[*KEY, "value", "source"])
        return EffectiveValues(frame, frame.copy(), empty, empty)
    spread = claims.groupby(KEY, sort=False)["value"].agg(["min", "max"])
    disputed = spread.index[~same_value(spread["min"], spread["max"])]
    keyed = claims.set_index(KEY)
    in_dispute = keyed.index.isin(disputed)
    agreed = keyed[~in_dispute]  # in claim order: the latest claim names the source
    agreed = agreed[~agreed.index.duplicated(keep="last")]
    choices = resolutions.rename(columns={"source": "source_chosen"})
    chosen = keyed[in_dispute].join(choices, how="inner")
    chosen = chosen[chosen["source"] == chosen["source_chosen"]]
    unresolved = keyed[in_dispute & ~keyed.index.isin(chosen.index)]
    used = keyed[~keyed.index.isin(unresolved.index)]
    frame = pd.concat([agreed, chosen])[["value", "source"]].reset_index()
    resolution_ids = resolutions.loc[resolutions.index.isin(chosen.index), "resolution_id"]
    return EffectiveValues(
        frame.sort_values(KEY).reset_index(drop=True),
        unresolved.reset_index()[[*KEY, "source", "value", "id", "batch_id"]],
        np.sort(used["id"].to_numpy()),
        np.sort(resolution_ids.to_numpy()),
        synthetic=bool(used["batch_id"].isin(synthetic_batches).any()),
    )


def _resolutions(connection: Connection, as_of: datetime) -> pd.DataFrame:
    r = Resolution.__table__.c
    rows = connection.execute(
        select(r.id, r.unit, r.period, r.indicator, r.source)
        .where(r.resolved_at <= as_of)
        .order_by(r.id)
    ).all()
    frame = pd.DataFrame.from_records(rows, columns=["resolution_id", *KEY, "source"])
    return frame.drop_duplicates(KEY, keep="last").set_index(KEY)


def history(engine: Engine, unit: str, period: str, indicator: str) -> pd.DataFrame:
    """Every revision of one key from every source, oldest first, with the batch that brought it."""
    require_current(engine)
    v, b = ValueRevision.__table__.c, Batch.__table__.c
    query = (
        select(
            b.received_at, v.source, v.revision, v.value, v.reason, v.batch_id, b.file_name,
            b.actor,
        )
        .join_from(ValueRevision.__table__, Batch.__table__, v.batch_id == b.id)
        .where(v.unit == unit, v.period == period, v.indicator == indicator)
        .order_by(b.received_at, v.id)
    )  # fmt: skip
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    columns = ["received_at", "source", "revision", "value", "reason", "batch_id", "file", "actor"]
    return pd.DataFrame.from_records(rows, columns=columns)


def current_values(
    engine: Engine,
    unit: str | None = None,
    indicator: str | None = None,
    period: str | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """Values in force now (agreed or resolved): unit, period, indicator, value, source."""
    frame = effective_values(engine, indicators=[indicator] if indicator else None).frame
    if unit is not None:
        frame = frame[frame["unit"] == unit]
    if period is not None:
        frame = frame[frame["period"] == period]
    frame = frame[[*KEY, "value", "source"]]
    return frame.head(limit) if limit is not None else frame


def open_conflicts(engine: Engine, as_of: datetime | None = None) -> pd.DataFrame:
    """Claims on keys that sources disagree on and no one has resolved: unit, period, indicator,
    source, value, id, batch_id; sorted by key, so each key's claims sit together.

    Only a key more than one source has claimed can be in dispute: the database finds those
    indicators first, so a store where each value has one source is answered at once, not by
    reading every value."""
    require_current(engine)
    v = ValueRevision.__table__.c
    shared = (
        select(v.indicator)
        .group_by(v.unit, v.period, v.indicator)
        .having(func.count(func.distinct(v.source)) > 1)
    )
    with engine.connect() as connection:
        indicators = set(connection.execute(shared).scalars())
    if not indicators:
        return pd.DataFrame(columns=[*KEY, "source", "value", "id", "batch_id"])
    conflicts = effective_values(engine, as_of, indicators=indicators).conflicts
    return conflicts.sort_values([*KEY, "source"]).reset_index(drop=True)


def resolve_conflict(
    engine: Engine,
    unit: str,
    period: str,
    indicator: str,
    source: str,
    reason: str,
    actor: str | None = None,
) -> int:
    """Record that `source` holds for this key from now on; returns the resolution's id.

    The source must have claimed the key; the reason is required because this is a judgement a
    person will be asked about.
    """
    require_current(engine)
    with engine.connect() as connection:
        claims = latest_claims(connection, indicators=[indicator], periods=[period])
    claims = claims[claims["unit"] == unit]
    problems = []
    if source not in set(claims["source"]):
        problems.append(Problem("unknown_source", path="--source", value=source))
    if not reason or not reason.strip():
        problems.append(Problem("missing", path="--reason"))
    if problems:
        raise ValidationFailed(problems)
    with session_scope(engine) as session:
        row = Resolution(
            unit=unit,
            period=period,
            indicator=indicator,
            source=source,
            reason=reason.strip(),
            actor=actor,
            resolved_at=utcnow(),
        )
        session.add(row)
        session.flush()
        details = {"source": source, "reason": reason.strip()}
        record(session, actor, "conflict.resolve", f"{unit}/{period}/{indicator}", details)
        return row.id
