"""The registry of practices as a raw mart: the index's AI indicators come from it, by formula.

Like the platform's cases (`tsifra.marts.platform`), the registry's tables are read from the
store with SQLAlchemy into one Arrow table that DuckDB registers without a copy and Spark turns
into a DataFrame; the formulas (`tsifra.marts.formulas.registry_figures`, mart `registry`) are
ordinary Ibis formulas and cannot tell where the rows came from.

The mart is long: one row per record of the registry, `record` saying which table it comes from
(`region`: practice_regions; `stage`: practice_stages; `effect`: practice_effects; `evidence`:
practice_evidence; `replication`: practice_replications), each row carrying its practice's
`sector` and `ai_kind`. One table keeps the formulas' contract (one mart in, one indicator out)
while the rules themselves (which stage is in force, which replication counts) stay in Ibis,
where both engines run them alike. `compute_registry` adds one `quarter` row per quarter the
figures describe, from the first stage date to the quarter of `as_of`.

Nothing personal is read: who recorded a row is not a column of the mart.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy import Engine, select

from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.marts.backends import ENGINES
from tsifra.marts.compute import FormulaRun
from tsifra.marts.formulas import FORMULAS, Formula
from tsifra.marts.formulas.registry import REGISTRY_MART
from tsifra.marts.platform import run_over_table
from tsifra.store.models import (
    Practice,
    PracticeEffect,
    PracticeEvidence,
    PracticeRegion,
    PracticeReplication,
    PracticeStage,
)

# The mart's columns, as the formulas see them; a formula declares the ones it reads.
COLUMNS: dict[str, pa.DataType] = {
    "practice": pa.int64(),
    "record": pa.string(),  # region | stage | effect | evidence | replication | quarter
    "sector": pa.string(),  # the practice's direction of the index (or `other`)
    "ai_kind": pa.string(),  # the practice's kind of AI; null: not AI
    "region": pa.string(),  # region, effect and replication rows
    "stage": pa.string(),  # stage rows: the stage; replication rows: the status
    "seq": pa.int64(),  # the row's id in its table: orders two stages of one day
    "day": pa.date32(),  # stage: since; evidence, replication: recorded; quarter: its last day
    "kind": pa.string(),  # evidence: its kind; replication: its evidence kind (contract | act)
    "number": pa.string(),  # replication: the contract's or act's number
    "dated": pa.date32(),  # replication: the contract's or act's date
    "url": pa.string(),  # evidence, replication: a link to the document
    "sha256": pa.string(),  # evidence, replication: a kept file
    "effect": pa.float64(),  # effect rows: after − before in the indicator's unit; null: none
}
SCHEMA = pa.schema(list(COLUMNS.items()))


def registry_formulas() -> list[Formula]:
    """The formulas over the registry, in the order they are registered."""
    return [f for f in FORMULAS.values() if f.mart == REGISTRY_MART]


@dataclass(frozen=True)
class RegistryMart:
    table: pa.Table  # `COLUMNS`, without quarter rows
    synthetic: bool  # any practice is synthetic (the demo's): its figures carry the mark


def read_registry(db: Engine) -> RegistryMart:
    """The registry's records as one Arrow table of `COLUMNS`, read in one transaction."""
    p = Practice
    own = (p.sector, p.ai_kind)
    queries = {
        "region": select(PracticeRegion.practice_id, *own, PracticeRegion.region).join(
            p, p.id == PracticeRegion.practice_id
        ),
        "stage": select(
            PracticeStage.practice_id, *own, PracticeStage.stage, PracticeStage.id,
            PracticeStage.since,
        ).join(p, p.id == PracticeStage.practice_id),
        "effect": select(
            PracticeEffect.practice_id, *own, PracticeEffect.region, PracticeEffect.effect
        ).join(p, p.id == PracticeEffect.practice_id),
        "evidence": select(
            PracticeEvidence.practice_id, *own, PracticeEvidence.id, PracticeEvidence.added_at,
            PracticeEvidence.kind, PracticeEvidence.url, PracticeEvidence.sha256,
        ).join(p, p.id == PracticeEvidence.practice_id),
        "replication": select(
            PracticeReplication.practice_id, *own, PracticeReplication.region,
            PracticeReplication.status, PracticeReplication.id, PracticeReplication.created_at,
            PracticeReplication.evidence_kind, PracticeReplication.evidence_number,
            PracticeReplication.evidence_date, PracticeReplication.evidence_url,
            PracticeReplication.evidence_sha256,
        ).join(p, p.id == PracticeReplication.practice_id),
    }  # fmt: skip
    fields = {
        "region": ("practice", "sector", "ai_kind", "region"),
        "stage": ("practice", "sector", "ai_kind", "stage", "seq", "day"),
        "effect": ("practice", "sector", "ai_kind", "region", "effect"),
        "evidence": ("practice", "sector", "ai_kind", "seq", "day", "kind", "url", "sha256"),
        "replication": (
            "practice", "sector", "ai_kind", "region", "stage", "seq", "day", "kind", "number",
            "dated", "url", "sha256",
        ),
    }  # fmt: skip
    frames = []
    with db.connect() as connection:
        for record, query in queries.items():
            rows = connection.execute(query).all()
            frame = pd.DataFrame.from_records(rows, columns=list(fields[record]))
            frame["record"] = record
            frames.append(frame)
        synthetic = bool(connection.execute(select(p.id).where(p.synthetic).limit(1)).first())
    return RegistryMart(_table(pd.concat(frames, ignore_index=True)), synthetic)


def _table(frame: pd.DataFrame) -> pa.Table:
    arrays = []
    for name, kind in COLUMNS.items():
        values = frame[name].tolist() if name in frame else [None] * len(frame)
        if kind == pa.date32():  # a moment recorded (added, created) counts by its day
            values = [v.date() if isinstance(v, datetime) else v for v in values]
        values = [None if _missing(v) else v for v in values]
        arrays.append(pa.array(values, type=kind))
    return pa.Table.from_arrays(arrays, schema=SCHEMA)


def _missing(value: object) -> bool:
    """None, NaN, NaT or an empty text: a field nobody filled in is no evidence (as
    `practices.vocabulary.counts` reads it)."""
    if isinstance(value, str):
        return value == ""
    return value is None or (isinstance(value, float) and value != value) or value is pd.NaT


def quarter_days(first: date, as_of: date) -> list[date]:
    """The day each quarter's figures describe: its last day, from the quarter of `first` to
    that of `as_of`, the last one cut at `as_of` (a figure cannot see past its moment)."""
    days = []
    year, month = first.year, _last_month(first)
    while (year, month) <= (as_of.year, _last_month(as_of)):
        end = date(year, month, calendar.monthrange(year, month)[1])
        days.append(min(end, as_of))
        year, month = (year + 1, 3) if month == 12 else (year, month + 3)
    return days


def _last_month(day: date) -> int:
    """The last month of the day's quarter."""
    return 3 * ((day.month - 1) // 3) + 3


def with_quarters(table: pa.Table, as_of: date) -> pa.Table:
    """The mart with one `quarter` row per quarter from the first stage date to `as_of`'s."""
    stages = table.filter(pc.equal(table["record"], "stage"))
    first = pc.min(stages["day"]).as_py() if stages.num_rows else None
    days = quarter_days(first, as_of) if first is not None and first <= as_of else []
    quarters = pa.table(
        {
            name: pa.array(
                days if name == "day" else ["quarter"] * len(days) if name == "record" else
                [None] * len(days), type=kind,
            )
            for name, kind in COLUMNS.items()
        },
        schema=SCHEMA,
    )  # fmt: skip
    return pa.concat_tables([table.filter(pc.not_equal(table["record"], "quarter")), quarters])


@dataclass(frozen=True)
class RegistryComputation:
    """The registry formulas' values as of a day, on one engine."""

    engine: str
    as_of: date
    runs: list[FormulaRun]

    def values(self) -> pd.DataFrame:
        return pd.concat([r.values for r in self.runs], ignore_index=True)

    def run(self, name: str) -> FormulaRun:
        return next(r for r in self.runs if r.formula == name)


def compute_registry(
    mart: pa.Table, as_of: date, engine: str = "duckdb", formulas: Sequence[str] | None = None
) -> RegistryComputation:
    """Run the registry formulas (all, or those named) over the registry as it stands, per
    region and quarter up to the quarter of `as_of` (each figure as at its quarter's last day)."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")
    own = {f.name: f for f in registry_formulas()}
    unknown = [n for n in formulas or () if n not in own]
    if unknown:
        raise ValidationFailed(
            Problem("literal_error", value=n, params={"expected": ", ".join(own)}) for n in unknown
        )
    chosen = [own[n] for n in formulas] if formulas is not None else list(own.values())
    table = with_quarters(mart, as_of)
    return RegistryComputation(engine, as_of, run_over_table(table, chosen, engine))
