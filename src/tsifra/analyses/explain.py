"""Why a unit has its score: each indicator's contribution and its gain at target.

`explain` works on any `ComputedIndex` (files or a stored run); `explain_stored` is the edge the
dashboard and the API use, explaining the run the public rating of a period shows. The gain at
target is what-if's own answer (see `engine.explain`), with the unit list passed so that gaps
imputed from a group are imputed again.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import Engine

from tsifra.engine import explain as engine_explain
from tsifra.engine.explain import Explanation
from tsifra.kernel.cache import Cache
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.methodology import DEFAULT_METHODOLOGY
from tsifra.ratings.compute import normalise_period
from tsifra.ratings.computed import ComputedIndex, from_run, published_run
from tsifra.ratings.export import write_table

__all__ = ["Explanation", "explain", "explain_stored", "plain", "records", "write_explanation"]


def explain(
    index: ComputedIndex, unit: str, period: str | None = None, top: int = 3
) -> Explanation:
    """Explain `unit` in `period` (the latest by default; typed as users type it). A unit or
    period that is not in the index is a problem (paths `unit`, `period`), not a crash."""
    period = normalise_period(period)
    problems = []
    if unit not in index.result.units:
        problems.append(Problem("unit_not_in_data", path="unit", value=unit))
    if period is not None and period not in index.periods:
        problems.append(Problem("unknown_period", path="period", value=period))
    if problems:
        raise ValidationFailed(problems)
    return engine_explain(index.result, unit, period, top, units=index.units)


def explanation_table(e: Explanation) -> pd.DataFrame:
    """The export form: the indicator table with the unit and period on every row."""
    return e.indicators.assign(unit=e.unit, period=e.period)[
        ["unit", "period", *e.indicators.columns]
    ]


def write_explanation(e: Explanation, path: str | Path) -> Path:
    """The explanation's indicator table; the format follows the extension (.csv, .xlsx, .json)."""
    return write_table(explanation_table(e), path)


@dataclass(frozen=True)
class StoredExplanation:
    methodology: str
    run_id: int
    synthetic: bool
    explanation: Explanation


def explain_stored(
    engine: Engine,
    unit: str,
    methodology: str = DEFAULT_METHODOLOGY,
    period: str | None = None,
    cache: Cache | None = None,
) -> StoredExplanation:
    """Explain `unit` in the stored rating of `period` (the latest by default), from the same run
    the public rating shows."""
    run_id, period = published_run(engine, methodology, period, cache)
    index = from_run(engine, run_id, cache)
    return StoredExplanation(methodology, run_id, index.synthetic, explain(index, unit, period))


def records(frame: pd.DataFrame) -> list[dict]:
    """Rows as plain dicts with NaN and NA as None, ready for JSON (cheap enough per request)."""
    return [{k: plain(v) for k, v in row.items()} for row in frame.to_dict("records")]


def plain(value):
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return value.item() if isinstance(value, np.generic) else value
