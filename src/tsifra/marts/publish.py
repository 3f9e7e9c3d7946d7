"""From raw marts to stored indicator values: run the formulas, store each result as a batch.

Each formula's output is one batch with source `formula:<name>`, validated like any uploaded file
(known units, periods, ranges). All batches of one run are written in one transaction: a mart
with problems, or any rejected output, leaves the database as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from tsifra.kernel.problems import ValidationFailed
from tsifra.marts.compute import MartComputation, compute_marts
from tsifra.methodology import DEFAULT_METHODOLOGY
from tsifra.values.ingest import (
    IngestReport,
    ingest_values,
    ready_methodology,
    unit_table,
    validate_frame,
)


@dataclass(frozen=True)
class MartIngest:
    computation: MartComputation
    reports: list[IngestReport]  # one per formula, in the order they ran


def ingest_marts(
    db: Engine,
    mart_dir: str | Path,
    engine: str = "duckdb",
    formulas: Sequence[str] | None = None,
    methodology: str = DEFAULT_METHODOLOGY,
    reason: str | None = None,
    actor: str | None = None,
) -> MartIngest:
    """Compute every formula whose mart is in `mart_dir` on `engine` and store the results.

    Raises ValidationFailed listing every problem of the marts or of the computed values.
    """
    version = ready_methodology(db, methodology)
    computation = compute_marts(mart_dir, engine=engine, formulas=formulas)
    if computation.problems:
        raise ValidationFailed(computation.problems)
    units = unit_table(db)
    problems, checked = [], []
    for run in computation.runs:
        label = f"{Path(mart_dir) / run.mart} → {run.source}"
        if computation.synthetic:
            label += " (синтетические данные)"
        try:
            checked.append((run, validate_frame(run.values, version.methodology, units, label)))
        except ValidationFailed as exc:
            problems += exc.problems
    if problems:
        raise ValidationFailed(problems)
    reports = []
    with db.begin() as connection:
        for run, values in checked:
            reports.append(
                ingest_values(
                    connection,
                    values,
                    run.source,
                    version,
                    reason=reason,
                    actor=actor,
                    synthetic=computation.synthetic,
                )
            )
    return MartIngest(computation, reports)
