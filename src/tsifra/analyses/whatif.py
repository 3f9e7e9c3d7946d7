"""What-if for planners: a unit's alternative change sets replayed on a computed index.

`whatif` works on any `ComputedIndex` (files or a stored run) and ends in `engine.whatif.compare`.
A period after the index's last one (a year such as 2026 means its last quarter) starts from
every unit's forecast for that period (to 2030; the latest values carried forward after that),
so "X reaches 95 % by 2026" is weighed against where the others will be by then, not where they
are now. `published_whatif` is the edge the region page and the API use: the "before" of every
answer is the published rating, and a later year starts from the kept forecast of that rating.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy import Engine

from tsifra.analyses.changes import ChangePlan
from tsifra.engine.changes import Changes, read_changes, resolve_period
from tsifra.engine.forecast import Forecast
from tsifra.engine.forecast import forecast as engine_forecast
from tsifra.engine.whatif import TABLE_COLUMNS, WhatIf, compare
from tsifra.kernel.cache import Cache
from tsifra.kernel.periods import parse_period
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.methodology import DEFAULT_METHODOLOGY
from tsifra.ratings.computed import ComputedIndex, OverIndex, from_run, published_run
from tsifra.ratings.published import rated_period, rating_periods

__all__ = ["WhatIf", "WhatIfAnswer", "published_whatif", "whatif", "whatif_table"]


@dataclass(frozen=True)
class WhatIfAnswer(OverIndex):
    index: ComputedIndex
    outcomes: tuple[WhatIf, ...]  # one per scenario, in the plan's order


def whatif(
    index: ComputedIndex,
    unit: str,
    plan: ChangePlan | Mapping[str, Changes],
    period: str | None = None,
    *,
    lang: str,
    forecast: Callable[[], Forecast] | None = None,
) -> WhatIfAnswer:
    """Replay `unit`'s scenarios (a plan read by `analyses.changes`, or a mapping of scenario
    names to change sets) in `period` (the latest by default). A later period starts from the
    forecast `forecast()` gives (a kept one), else from a forecast of `index` computed here. Every
    problem — with the plan's shape, the unit, the period and each value — is reported at once
    as `ValidationFailed`, before anything is computed."""
    if not isinstance(plan, ChangePlan):
        plan = ChangePlan(dict(plan))
    label = resolve_period(index.periods, period)
    problems = [*plan.problems, *_problems(index, unit, plan, label, period)]
    if problems:  # found without replaying: nothing is computed, the forecast included
        raise ValidationFailed(problems)
    baseline = None
    if label is not None and _after(label, index.periods[-1]):
        if forecast is not None:
            f = forecast()
        else:  # the medians of the indicators are exact: no sample path is needed for them
            f = engine_forecast(index.result, units=index.units, samples=1)
        baseline = f.baseline(label, index.result.units)
    outcomes = compare(
        index.result,
        unit,
        plan.scenarios,
        label or period,
        units=index.units,
        baseline=baseline,
        lang=lang,
    )
    return WhatIfAnswer(index, outcomes)


def _problems(
    index: ComputedIndex, unit: str, plan: ChangePlan, label: str | None, period: str | None
) -> list[Problem]:
    """What the engine would find (the unit, the period, each value), found without replaying."""
    problems = []
    if label is None:
        problems.append(Problem("bad_period", path="period", value=period))
    elif label not in index.periods and not _after(label, index.periods[-1]):
        problems.append(Problem("unknown_period", path="period", value=label))
    if unit not in index.result.units:
        problems.insert(0, Problem("unit_not_in_data", path="unit", value=unit))
    unknown = np.full(len(index.methodology.indicator_codes), np.nan)
    when = label if label is not None else index.periods[-1]
    return problems + read_changes(index.methodology, plan.scenarios, unknown, when)[1]


def published_whatif(
    engine: Engine,
    unit: str,
    plan: ChangePlan | Mapping[str, Changes],
    methodology: str = DEFAULT_METHODOLOGY,
    period: str | None = None,
    *,
    lang: str,
    keep: bool = True,
    cache: Cache | None = None,
) -> WhatIfAnswer:
    """Replay `unit`'s scenarios on the published rating of `period` (the latest by default);
    a period after the latest rating starts from that rating's forecast. Any other period must
    have been rated. With `keep` (the web) the forecast is the rating's kept one, which the
    region pages show too; a one-off caller (the command line) passes `keep=False` and pays only
    for the baseline it needs."""
    from tsifra.analyses.forecast import published_forecast

    periods = tuple(rating_periods(engine, methodology))
    if not periods:
        raise ValidationFailed([Problem("no_ratings", value=methodology)])
    shown = rated_period(engine, methodology, cache=cache)  # the newest complete period
    label = shown if period is None else resolve_period(periods, period)
    if label is None:
        raise ValidationFailed([Problem("bad_period", path="period", value=period)])
    run_id, start = published_run(engine, methodology, label if label in periods else shown)
    index = from_run(engine, run_id, cache).until(start)
    kept = (lambda: published_forecast(engine, methodology, cache=cache).forecast) if keep else None
    return whatif(index, unit, plan, label, lang=lang, forecast=kept)


def whatif_table(outcomes: Iterable[WhatIf]) -> pd.DataFrame:
    """Every scenario's rows (index, sectors, changed indicators) in one table, for export."""
    frames = [w.table() for w in outcomes]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=TABLE_COLUMNS)


def _after(label: str, last: str) -> bool:
    a, b = parse_period(label), parse_period(last)
    return a is not None and b is not None and a.freq == b.freq and a > b
