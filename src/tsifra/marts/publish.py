"""From raw marts to stored indicator values: run the formulas, store each result as a batch.

The feedback platform's own cases are a mart too (`ingest_platform`), and so are the registry of
practices (`ingest_registry`) and the infrastructure approvals (`ingest_approvals`): read from the
store rather than from a folder, stored the same way.

Each formula's output is one batch with source `formula:<name>`, validated like any uploaded file
(known units, periods, ranges). All batches of one run are written in one transaction: a mart
with problems, or any rejected output, leaves the database as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine

from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.marts.approvals import (
    ApprovalsComputation,
    approvals_formulas,
    compute_approvals,
    read_approvals,
)
from tsifra.marts.compute import FormulaRun, MartComputation, compute_marts
from tsifra.marts.formulas.registry import APPROVALS_MART, PLATFORM_MART, REGISTRY_MART
from tsifra.marts.platform import (
    PlatformComputation,
    compute_platform,
    platform_formulas,
    read_cases,
)
from tsifra.marts.registry import (
    RegistryComputation,
    compute_registry,
    read_registry,
    registry_formulas,
)
from tsifra.methodology import DEFAULT_METHODOLOGY
from tsifra.store import utcnow
from tsifra.store.methodologies import MethodologyVersion
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


@dataclass(frozen=True)
class PlatformIngest:
    computation: PlatformComputation
    reports: list[IngestReport]  # one per stored formula
    stored: list[str]  # formulas whose indicator the methodology has: stored as batches
    shown_only: list[str]  # the others: dashboard figures, not indicators of the methodology
    # bodies with figures that are not units of the (agency) methodology: left out, named
    not_units: list[str] = field(default_factory=list)


def ingest_platform(
    db: Engine,
    engine: str = "duckdb",
    as_of: datetime | None = None,
    methodology: str = DEFAULT_METHODOLOGY,
    reason: str | None = None,
    actor: str | None = None,
    synthetic: bool = False,
) -> PlatformIngest:
    """Compute the platform formulas over the store's own cases and store those of the index.

    The formulas whose indicator the methodology has (`feedback_on_time` → `gov_pos_on_time`)
    become one batch each with source `formula:<name>`, like formulas over files; the others
    are computed (and returned) but not stored: they are the dashboard's figures. Quarters are
    as the platform stood at `as_of` (now, by default); a re-run later revises the latest ones.
    The methodology's unit type chooses the grouping: regions, or for an agency methodology
    (`ru-agency-digital`) the bodies that answered, whose codes are the agencies' unit codes; a
    body that is not a unit of the methodology (a utility, a body nobody rates) is left out and
    named in `not_units`.
    Raises ValidationFailed when the platform holds no case yet, or a value is rejected.
    """
    version = ready_methodology(db, methodology)
    unit_kind = version.methodology.unit_type
    as_of = (as_of or utcnow()).replace(microsecond=0)
    cases = read_cases(db, until=as_of)
    if cases.num_rows == 0:
        raise ValidationFailed([Problem("figures_no_cases", params={"when": as_of})])
    indicators = set(version.methodology.indicator_codes)
    own = platform_formulas(unit_kind)
    stored = [f.name for f in own if f.indicator in indicators]
    shown_only = [f.name for f in own if f.indicator not in indicators]
    computation = compute_platform(cases, as_of, engine=engine, unit_kind=unit_kind)
    runs = [computation.run(name) for name in stored]
    reports, not_units = _store_runs(
        db, version, runs, PLATFORM_MART, synthetic=synthetic, reason=reason, actor=actor
    )
    return PlatformIngest(computation, reports, stored, shown_only, not_units)


@dataclass(frozen=True)
class RegistryIngest:
    computation: RegistryComputation
    reports: list[IngestReport]  # one per stored formula
    stored: list[str]  # formulas whose indicator the methodology has: stored as batches
    not_in_methodology: list[str]  # computed, but the methodology has no such indicator
    synthetic: bool  # the registry holds synthetic (demo) practices


def ingest_registry(
    db: Engine,
    engine: str = "duckdb",
    as_of: date | None = None,
    methodology: str = DEFAULT_METHODOLOGY,
    reason: str | None = None,
    actor: str | None = None,
) -> RegistryIngest:
    """Compute the registry's figures per region and quarter and store those of the methodology.

    A methodology that includes a registry indicator (`reg_ai_directions` in
    examples/methodology-with-ai.yaml) gets it once-only, as one batch per formula with source
    `formula:<name>`; the others are computed and returned but not stored. Quarters run from the
    registry's first stage date to the quarter of `as_of` (today, by default), each figure as at
    its quarter's last day. A re-run revises past quarters only where an effect was recomputed,
    which needs a `reason` like any correction.
    Raises ValidationFailed when the registry has no practice with a stage yet, or a value is
    rejected.
    """
    version = ready_methodology(db, methodology)
    as_of = as_of or utcnow().date()
    mart = read_registry(db)
    if "stage" not in set(mart.table["record"].to_pylist()):
        raise ValidationFailed([Problem("rfig_no_practices", params={"when": as_of})])
    indicators = set(version.methodology.indicator_codes)
    own = registry_formulas() if version.methodology.unit_type == "region" else []
    stored = [f.name for f in own if f.indicator in indicators]
    computation = compute_registry(mart.table, as_of, engine=engine)
    not_in = [r.formula for r in computation.runs if r.formula not in stored]
    runs = [computation.run(name) for name in stored]
    reports, _ = _store_runs(
        db, version, runs, REGISTRY_MART, synthetic=mart.synthetic, reason=reason, actor=actor
    )
    return RegistryIngest(computation, reports, stored, not_in, mart.synthetic)


@dataclass(frozen=True)
class ApprovalsIngest:
    computation: ApprovalsComputation
    reports: list[IngestReport]  # one per stored formula
    stored: list[str]  # formulas whose indicator the methodology has: stored as batches
    not_in_methodology: list[str]  # computed, but the methodology has no such indicator


def ingest_approvals(
    db: Engine,
    engine: str = "duckdb",
    as_of: datetime | None = None,
    methodology: str = DEFAULT_METHODOLOGY,
    reason: str | None = None,
    actor: str | None = None,
    synthetic: bool = False,
) -> ApprovalsIngest:
    """Compute the approvals' figure per region and quarter of the finish and store it where
    the methodology has it.

    A methodology with `appr_median_days` (examples/methodology-with-approvals.yaml) gets it
    once-only, one batch with source `formula:appr_median_days`; the bundled one has no such
    indicator, so the figure is computed and returned (the dashboard shows it) but not stored.
    Quarters are as the approvals stood at `as_of` (now, by default); a re-run later adds the
    projects finished since to their quarters, which a stored value takes as a correction.
    Raises ValidationFailed when no project has been filed by `as_of`, or a value is rejected.
    """
    version = ready_methodology(db, methodology)
    as_of = (as_of or utcnow()).replace(microsecond=0)
    mart = read_approvals(db, until=as_of)
    if mart.num_rows == 0:
        raise ValidationFailed([Problem("afig_no_projects", params={"when": as_of})])
    indicators = set(version.methodology.indicator_codes)
    own = approvals_formulas() if version.methodology.unit_type == "region" else []
    stored = [f.name for f in own if f.indicator in indicators]
    computation = compute_approvals(mart, as_of, engine=engine)
    not_in = [r.formula for r in computation.runs if r.formula not in stored]
    runs = [computation.run(name) for name in stored]
    reports, _ = _store_runs(
        db, version, runs, APPROVALS_MART, synthetic=synthetic, reason=reason, actor=actor
    )
    return ApprovalsIngest(computation, reports, stored, not_in)


def _store_runs(
    db: Engine,
    version: MethodologyVersion,
    runs: Sequence[FormulaRun],
    mart: str,
    *,
    synthetic: bool,
    reason: str | None,
    actor: str | None,
) -> tuple[list[IngestReport], list[str]]:
    """Validate every run like a file and store each as its batch, all in one transaction.

    For a methodology whose units are not regions (agencies), rows of units that are not of its
    kind are left out and returned: every region is a unit, not every body is a rated agency.
    """
    unit_kind = version.methodology.unit_type
    units = unit_table(db)
    problems, checked, not_units = [], [], set()
    for run in runs:
        label = f"{mart} → {run.source}"
        if synthetic:
            label += " (синтетические данные)"
        frame = run.values
        if unit_kind != "region":
            ours = frame["unit"].isin(units.index[units["kind"] == unit_kind])
            not_units |= set(frame.loc[~ours, "unit"])
            frame = frame[ours]
        try:
            checked.append((run, validate_frame(frame, version.methodology, units, label)))
        except ValidationFailed as exc:
            problems += exc.problems
    if problems:
        raise ValidationFailed(problems)
    reports = []
    with db.begin() as connection:
        for run, values in checked:
            reports.append(
                ingest_values(
                    connection, values, run.source, version,
                    reason=reason, actor=actor, synthetic=synthetic,
                )
            )  # fmt: skip
    return reports, sorted(not_units)
