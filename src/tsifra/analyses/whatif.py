"""What-if for planners: a unit's alternative change sets replayed on a computed rating.

From files (the command line) the inputs are validated and the index computed first; from the
database (the region profile's what-if form) the stored run the public rating shows is replayed,
so the "before" of every answer is the published figure. Both end in `engine.whatif.compare`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine

from tsifra.analyses.explain import cached_run
from tsifra.engine.changes import Changes, resolve_period
from tsifra.engine.forecast import forecast
from tsifra.engine.panel import Panel
from tsifra.engine.whatif import TABLE_COLUMNS, WhatIf, compare
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.methodology import DEFAULT_METHODOLOGY, Methodology
from tsifra.ratings.compute import IndexRun, compute_index
from tsifra.ratings.published import rating_periods, run_for
from tsifra.values.ingest import unit_table


def whatif_from_files(
    methodology: str | Path | Methodology,
    data: str | Path | pd.DataFrame,
    unit: str,
    scenarios: Mapping[str, Changes],
    period: str | None = None,
    units: str | Path | pd.DataFrame | None = None,
    lang: str = "ru",
) -> tuple[IndexRun, tuple[WhatIf, ...]]:
    """Validate and compute the index, then replay `unit`'s scenarios in `period` (the latest by
    default; a later one starts from every unit's forecast for it, as on the dashboard). Every
    problem is reported at once as `ValidationFailed`."""
    run = compute_index(methodology, data, units)
    label = resolve_period(run.result.periods, period)
    baseline = None
    if label is not None and label not in run.result.periods:
        baseline = forecast(run.result, units=run.units).baseline(label, run.result.units)
    outcomes = compare(
        run.result, unit, scenarios, period, units=run.units, baseline=baseline, lang=lang
    )
    return run, outcomes


@dataclass(frozen=True)
class StoredWhatIf:
    methodology: str
    run_id: int
    synthetic: bool  # demo data: whoever shows this must mark it
    outcomes: tuple[WhatIf, ...]


def whatif_stored(
    engine: Engine,
    unit: str,
    scenarios: Mapping[str, Changes],
    methodology: str = DEFAULT_METHODOLOGY,
    period: str | None = None,
    lang: str = "ru",
) -> StoredWhatIf:
    """Replay `unit`'s scenarios on the stored rating of `period` (the latest by default).

    A period after the latest rating (a year such as 2026 means its last quarter) starts from
    every region's forecast for that period (to 2030; the latest values carried forward after
    that), so "X reaches 95 % by 2026" is weighed against where the others will be by then, not
    where they are now. Any other period must have been rated.
    """
    periods = tuple(rating_periods(engine, methodology))
    if not periods:
        raise ValidationFailed([Problem("no_ratings", value=methodology)])
    label = resolve_period(periods, period)
    if label is None:
        raise ValidationFailed([Problem("bad_period", path="period", value=period)])
    rated = label if label in periods else periods[-1]
    run_id = run_for(engine, methodology, rated)
    run = cached_run(engine, run_id)
    baseline = None
    if label not in periods and label not in run.result.periods:
        baseline = _forecast_baseline(engine, methodology, label, run.result.units)
    outcomes = compare(
        run.result, unit, scenarios, label, units=unit_table(engine), baseline=baseline, lang=lang
    )
    return StoredWhatIf(methodology, run_id, run.values.synthetic, outcomes)


def _forecast_baseline(engine: Engine, methodology: str, period: str, units) -> Panel | None:
    """The forecast of every region for a future period (kept per data version), or None past
    the forecast's horizon, where the latest values carried forward stand in."""
    from tsifra.analyses.forecast import kept_forecast

    return kept_forecast(engine, methodology).forecast.baseline(period, units)


def whatif_table(outcomes: Iterable[WhatIf]) -> pd.DataFrame:
    """Every scenario's rows (index, sectors, changed indicators) in one table, for export."""
    frames = [w.table() for w in outcomes]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=TABLE_COLUMNS)


def parse_changes(texts: Sequence[str], path: str = "--set") -> dict[str, str]:
    """`CODE=VALUE` pairs as typed on the command line or in a form; values stay text for the
    engine to read (numbers with a decimal comma, or "target")."""
    changes: dict[str, str] = {}
    problems = []
    for text in texts:
        code, sep, value = text.partition("=")
        code = code.strip()
        if not sep or not code or not value.strip():
            problems.append(Problem("bad_change", path=path, value=text))
        elif code in changes:
            problems.append(Problem("duplicate_code", path=path, value=code))
        else:
            changes[code] = value.strip()
    if problems:
        raise ValidationFailed(problems)
    return changes


def parse_scenarios(texts: Sequence[str], path: str = "--scenario") -> dict[str, dict[str, str]]:
    """Named alternatives `NAME: CODE=VALUE; CODE=target` (semicolons, since a decimal comma
    may sit inside a value)."""
    scenarios: dict[str, dict[str, str]] = {}
    problems = []
    for text in texts:
        name, sep, body = text.partition(":")
        name = name.strip()
        pairs = [p for p in body.split(";") if p.strip()]
        if not sep or not name or not pairs:
            problems.append(Problem("bad_scenario", path=path, value=text))
            continue
        if name in scenarios:
            problems.append(Problem("duplicate_scenario", path=path, value=name))
            continue
        try:
            scenarios[name] = parse_changes(pairs, path=f"{path} {name}")
        except ValidationFailed as exc:
            problems += exc.problems
    if problems:
        raise ValidationFailed(problems)
    return scenarios
