"""Infrastructure approvals as a raw mart: the time from filing to the last answer, by formula.

Like the platform's cases (`tsifra.marts.platform`), the rows are read from the store with
SQLAlchemy into one Arrow table that DuckDB registers without a copy and Spark turns into a
DataFrame; the formula (`tsifra.marts.formulas.approval_times`, mart `approvals`) is an ordinary
Ibis formula and cannot tell where the rows came from.

The mart is the events of the owners' approval cases (`case_events`), one row each, carrying
its project's region, kind of works, filing moment and number of owners. Events rather than
`approval_requests.decided_at`: a request row holds only the owner's current decision, while
the events say what stood at any moment, so the figures of a past quarter are reproducible
(`as_of`) and the time is the one `approvals.timing` reads, from the same events. Withdrawn
projects are left out: the applicant ended them, nobody answered them to the end.

Times are naive UTC truncated to whole seconds, so durations are the same integers on every
engine. Nothing personal is read: no applicant, no text, no reasons of a refusal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import pandas as pd
import pyarrow as pa
from sqlalchemy import Engine, func, select

from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.marts.backends import ENGINES
from tsifra.marts.compute import FormulaRun
from tsifra.marts.formulas import FORMULAS, Formula
from tsifra.marts.formulas.registry import APPROVALS_MART
from tsifra.marts.platform import SECONDS, run_over_table
from tsifra.store.models import ApprovalProject, ApprovalRequest, CaseEvent

# The mart's columns, as the formulas see them; a formula declares the ones it reads.
COLUMNS: dict[str, pa.DataType] = {
    "project": pa.int64(),
    "region": pa.string(),
    "works": pa.string(),  # the project's kind of works (`approvals.vocabulary.WORKS`)
    "owners": pa.int64(),  # how many owners the project was sent to
    "filed_at": SECONDS,
    "owner": pa.string(),  # the owner's body code
    "seq": pa.int64(),  # the event's id: orders two events of one second
    "action": pa.string(),  # sent | answered | lapsed | revised | ...
    "decision": pa.string(),  # answered, lapsed: approved | conditions | refused | silence
    "round": pa.int64(),  # the round the event belongs to
    "at": SECONDS,
}
SCHEMA = pa.schema(list(COLUMNS.items()))
WITHDRAWN = "withdrawn"


def approvals_formulas() -> list[Formula]:
    """The formulas over the approvals, in the order they are registered."""
    return [f for f in FORMULAS.values() if f.mart == APPROVALS_MART]


def read_approvals(
    db: Engine, *, region: str | None = None, until: datetime | None = None
) -> pa.Table:
    """The events of approval cases (of one region's projects, up to `until`) as one Arrow
    table of `COLUMNS`, read in one transaction (a consistent snapshot)."""
    owners = (
        select(ApprovalRequest.project_id, func.count().label("owners"))
        .group_by(ApprovalRequest.project_id)
        .subquery()
    )
    p, r, e = ApprovalProject, ApprovalRequest, CaseEvent
    query = (
        select(
            p.id, p.region, p.works, owners.c.owners, p.filed_at, r.owner, e.id, e.action,
            e.details, e.at,
        )
        .join(r, r.project_id == p.id)
        .join(owners, owners.c.project_id == p.id)
        .join(e, e.case_id == r.case_id)
        .where(p.status != WITHDRAWN)
        .order_by(e.id)
    )  # fmt: skip
    if region is not None:
        query = query.where(p.region == region)
    if until is not None:
        query = query.where(e.at <= until, p.filed_at <= until)
    with db.connect() as connection:
        rows = connection.execute(query).all()
    return _table(rows)


def _table(rows: Sequence) -> pa.Table:
    columns: dict[str, list] = {name: [] for name in COLUMNS}
    for project, region, works, owners, filed, owner, seq, action, details, at in rows:
        details = details if isinstance(details, dict) else {}
        decision = details.get("decision")
        turn = details.get("round")
        for name, value in (
            ("project", project), ("region", region), ("works", works), ("owners", owners),
            ("filed_at", filed), ("owner", owner), ("seq", seq), ("action", action),
            ("decision", decision if isinstance(decision, str) else None),
            ("round", turn if isinstance(turn, int) else None), ("at", at),
        ):  # fmt: skip
            columns[name].append(value)
    arrays = [_array(columns[name], kind) for name, kind in COLUMNS.items()]
    return pa.Table.from_arrays(arrays, schema=SCHEMA)


def _array(values: list, kind: pa.DataType) -> pa.Array:
    if kind == SECONDS:  # truncated, not rounded: a moment never moves into the next second
        return pa.array(values, type=pa.timestamp("us")).cast(SECONDS, safe=False)
    return pa.array(values, type=kind)


@dataclass(frozen=True)
class ApprovalsComputation:
    """The approvals' formulas' values as of a moment, on one engine, grouped by `by`."""

    engine: str
    as_of: datetime
    by: str
    runs: list[FormulaRun]

    def values(self) -> pd.DataFrame:
        return pd.concat([r.values for r in self.runs], ignore_index=True)

    def run(self, name: str) -> FormulaRun:
        return next(r for r in self.runs if r.formula == name)


GROUPS = ("region", "owner", "works")


def compute_approvals(
    mart: pa.Table,
    as_of: datetime,
    engine: str = "duckdb",
    formulas: Sequence[str] | None = None,
    by: str = "region",
) -> ApprovalsComputation:
    """Run the approvals' formulas (all, or those named) over `mart` as it stood at `as_of`,
    by region (the index's units), by owner or by kind of works (the dashboard's breakdowns:
    the same formula, grouped otherwise)."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")
    if by not in GROUPS:
        raise ValueError(f"unknown grouping {by!r}; expected one of {', '.join(GROUPS)}")
    own = {f.name: f for f in approvals_formulas()}
    unknown = [n for n in formulas or () if n not in own]
    if unknown:
        raise ValidationFailed(
            Problem("literal_error", value=n, params={"expected": ", ".join(own)}) for n in unknown
        )
    chosen = [own[n] for n in formulas] if formulas is not None else list(own.values())
    as_of = as_of.replace(microsecond=0)
    runs = run_over_table(mart, chosen, engine, as_of=as_of, by=by)
    return ApprovalsComputation(engine, as_of, by, runs)
