"""Computing from the database and keeping the result with what it was computed from.

A stored run records the methodology version (row and SHA-256), the moment the data were read
"as of", and the fingerprint of the exact revision set; since revisions are append-only, the run
can be recomputed later from the same rows and compared number for number.

Conflicts between sources: publishing a rating stops on them by default, listing every one, so
a published figure never rests on a value nobody has settled; `leave_out_conflicts` publishes
anyway with each disputed value left out (missing, then imputed or carried as the methodology
says) and listed. Replaying a run (for explanations, rank intervals, the forecast, what-if)
always leaves out what is disputed at the run's moment, so one region's dispute can never take
an analysis away from every other region; the replay lists what it left out (`left_out`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
import pandas as pd
from sqlalchemy import Engine, insert, select

from tsifra.engine import Result, compute
from tsifra.kernel.periods import sort_periods
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.ratings.compute import normalise_period
from tsifra.ratings.export import COLUMNS, results_table
from tsifra.store import (
    ResultRun,
    ResultScore,
    StoredMethodology,
    require_current,
    session_scope,
    utcnow,
)
from tsifra.store.audit import record
from tsifra.store.methodologies import (
    MethodologyVersion,
    methodology_version,
    persist,
    stored_methodology,
)
from tsifra.values.ingest import unit_table
from tsifra.values.revisions import KEY, EffectiveValues, effective_values


@dataclass(frozen=True)
class StoredRun:
    run_id: int | None  # None when computed with keep=False
    version: MethodologyVersion
    as_of: datetime
    period: str | None
    values: EffectiveValues
    result: Result
    scores: pd.DataFrame  # the stored rows: unit, period, node, score, rank
    # The disputed values the computation left out (`EffectiveValues.left_out`): empty when
    # sources agree or a person has chosen which holds.
    left_out: pd.DataFrame | None = None


def compute_from_store(
    engine: Engine,
    methodology: str,
    as_of: datetime | None = None,
    period: str | None = None,
    actor: str | None = None,
    keep: bool = True,
    leave_out_conflicts: bool = False,
) -> StoredRun:
    """Compute the index from stored values as of a moment (now by default) and store the result.

    With `period`, only that period's scores are stored, but earlier periods still feed
    imputation (a value carried forward from the last quarter is part of the methodology).
    Unresolved conflicts between sources stop the computation with every conflict listed,
    unless `leave_out_conflicts`: then each disputed value is treated as missing and listed in
    `left_out` (a replay of the run finds the same ones). With `keep=False` nothing is written
    and `run_id` is None (a look, not a publication).
    """
    require_current(engine)
    version = stored_methodology(engine, methodology)
    started = utcnow()  # kept as `computed_at`: nothing that arrives after it was read
    as_of = as_of or started
    period = normalise_period(period)
    values, result, scores = _compute(engine, version, as_of, period, leave_out_conflicts)
    left_out = values.left_out(result.periods)
    if not keep:
        return StoredRun(None, version, as_of, period, values, result, scores, left_out)
    with session_scope(engine) as session:
        run = ResultRun(
            methodology_id=persist(session.connection(), version, actor),
            methodology_sha256=version.sha256,
            as_of=as_of,
            computed_at=started,
            period=period,
            revision_count=len(values.revision_ids),
            revision_set_sha256=values.fingerprint,
            actor=actor,
            synthetic=values.synthetic,
        )
        session.add(run)
        session.flush()
        rows = scores.assign(run_id=run.id).replace({np.nan: None}).to_dict("records")
        if rows:
            session.execute(insert(ResultScore), rows)
        details = {"methodology": version.sha256, "as_of": as_of.isoformat(), "period": period}
        if len(left_out):
            details["left_out"] = ["/".join(k) for k in left_out[KEY].itertuples(index=False)]
        record(session, actor, "result.compute", f"run {run.id}", details)
        run_id = run.id
    return StoredRun(run_id, version, as_of, period, values, result, scores, left_out)


def _compute(
    engine: Engine,
    version: MethodologyVersion,
    as_of: datetime,
    period: str | None,
    leave_out: bool = False,
) -> tuple[EffectiveValues, Result, pd.DataFrame]:
    """The values in force at `as_of` through the engine. Disputed values are never in
    `values.frame`; unless `leave_out`, any dispute stops the computation, every one listed."""
    m = version.methodology
    series = set(m.indicator_codes) | {d.code for d in m.denominators}
    values = effective_values(engine, as_of, indicators=series)
    if len(values.conflicts) and not leave_out:
        raise ValidationFailed(values.conflict_problems())
    frame = values.frame
    stamp = as_of.isoformat(sep=" ", timespec="seconds")
    if frame.empty:
        raise ValidationFailed([Problem("no_stored_values", value=m.id, params={"as_of": stamp})])
    if period is not None:
        periods = sort_periods(list(frame["period"].unique()))
        if period not in periods:
            raise ValidationFailed([Problem("unknown_period", path="--period", value=period)])
        frame = frame[frame["period"].isin(periods[: periods.index(period) + 1])]
    result = compute(m, frame[["unit", "period", "indicator", "value"]], unit_table(engine))
    scores = results_table(result)
    if period is not None:
        scores = scores[scores["period"] == period]
    return values, result, scores.reset_index(drop=True)


@dataclass(frozen=True)
class Reproduction:
    run_id: int
    same_revisions: bool
    max_difference: float  # over every stored score; 0.0 means bit-for-bit
    same_ranks: bool

    @property
    def exact(self) -> bool:
        return self.same_revisions and self.same_ranks and self.max_difference == 0.0


def reproduce_run(engine: Engine, run_id: int) -> Reproduction:
    """Recompute a stored run from its methodology version and revision set, and compare."""
    require_current(engine)
    with session_scope(engine) as session:
        run = session.get(ResultRun, run_id)
        if run is None:
            raise ValidationFailed([Problem("unknown_run", value=run_id)])
        stored = stored_scores(engine, run_id)
        version = methodology_version(engine, run.methodology_id)
        moment, period, fingerprint = replay_moment(run), run.period, run.revision_set_sha256
    values, _, scores = _compute(engine, version, moment, period, leave_out=True)
    key = ["unit", "period", "node"]
    both = stored.merge(scores, on=key, how="outer", suffixes=("_stored", "_now"), indicator=True)
    matched = (both["_merge"] == "both").all()
    a, b = both["score_stored"].to_numpy(float), both["score_now"].to_numpy(float)
    same_nan = np.isnan(a) == np.isnan(b)
    diff = np.where(np.isnan(a) & np.isnan(b), 0.0, np.abs(a - b))
    if not (matched and same_nan.all()):
        max_diff = np.inf  # a score missing on one side is no small difference
    else:
        max_diff = float(diff.max()) if len(diff) else 0.0
    ranks = both["rank_stored"].fillna(-1).astype(int) == both["rank_now"].fillna(-1).astype(int)
    return Reproduction(run_id, values.fingerprint == fingerprint, max_diff, bool(ranks.all()))


def recompute_run(engine: Engine, run_id: int) -> StoredRun:
    """A stored run computed again in memory (nothing written): the full result object behind
    the stored scores, for explanations, with the same methodology version and revisions.

    Whatever is disputed at the run's moment is left out and listed (`left_out`), never a
    reason to fail: the analyses of every other unit depend on this replay."""
    require_current(engine)
    with session_scope(engine) as session:
        run = session.get(ResultRun, run_id)
        if run is None:
            raise ValidationFailed([Problem("unknown_run", value=run_id)])
        as_of, period, methodology_id = run.as_of, run.period, run.methodology_id
        moment = replay_moment(run)
    version = methodology_version(engine, methodology_id)
    values, result, scores = _compute(engine, version, moment, period, leave_out=True)
    left_out = values.left_out(result.periods)
    return StoredRun(None, version, as_of, period, values, result, scores, left_out)


def replay_moment(run: ResultRun) -> datetime:
    """The moment a run's data are read again as of: its `as_of`, but never after it was
    computed. A run computed "as of" a moment still to come read only what had arrived by then;
    without this bound a file sent after the rating (a correction, another source's dispute)
    would change what an old rating's replay reads, and a dispute in one region would reach the
    analyses of every region."""
    return min(run.as_of, run.computed_at)


def stored_scores(engine: Engine, run_id: int) -> pd.DataFrame:
    s = ResultScore.__table__.c
    with engine.connect() as connection:
        rows = connection.execute(
            select(s.unit, s.period, s.node, s.score, s.rank).where(s.run_id == run_id)
        ).all()
    frame = pd.DataFrame.from_records(rows, columns=COLUMNS)
    frame["score"] = frame["score"].astype(float)
    return frame


def latest_runs(engine: Engine, limit: int = 20) -> pd.DataFrame:
    r = ResultRun.__table__.c
    with engine.connect() as connection:
        rows = connection.execute(
            select(r.id, r.methodology_sha256, r.as_of, r.period, r.revision_count, r.computed_at)
            .order_by(r.id.desc())
            .limit(limit)
        ).all()
    return pd.DataFrame.from_records(
        rows, columns=["run", "methodology_sha256", "as_of", "period", "revisions", "computed_at"]
    )


@dataclass(frozen=True)
class RunInfo:
    """What a stored run was computed from: enough to reproduce it or to cite it. Moments are
    timezone-aware UTC (the database keeps them naive, in UTC)."""

    run_id: int
    methodology: str
    methodology_version: str
    methodology_sha256: str
    as_of: datetime
    computed_at: datetime
    period: str | None
    revision_count: int
    revision_set_sha256: str
    synthetic: bool
    periods: list[str]  # the periods whose scores the run stores


def run_info(engine: Engine, run_id: int) -> RunInfo:
    require_current(engine)
    with session_scope(engine) as session:
        run = session.get(ResultRun, run_id)
        if run is None:
            raise ValidationFailed([Problem("unknown_run", path="run_id", value=run_id)])
        stored = session.get(StoredMethodology, run.methodology_id)
        periods = session.scalars(
            select(ResultScore.period).where(ResultScore.run_id == run_id).distinct()
        ).all()
        return RunInfo(
            run_id=run.id,
            methodology=stored.code,
            methodology_version=stored.version,
            methodology_sha256=run.methodology_sha256,
            as_of=run.as_of.replace(tzinfo=UTC),
            computed_at=run.computed_at.replace(tzinfo=UTC),
            period=run.period,
            revision_count=run.revision_count,
            revision_set_sha256=run.revision_set_sha256,
            synthetic=bool(run.synthetic),
            periods=sort_periods(list(periods)),
        )
