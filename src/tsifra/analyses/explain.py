"""Why a unit has its score: each indicator's contribution and its gain at target, for a stored
rating.

The explanation needs the full result object behind a stored run, which is recomputed in memory.
A stored run never changes (its methodology version and revision set are fixed), so the
recomputation is kept per run id: the dashboard pays for it once, not on every page view.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy import Engine

from tsifra.engine import explain
from tsifra.engine.explain import Explanation
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.methodology import DEFAULT_METHODOLOGY
from tsifra.ratings.compute import normalise_period
from tsifra.ratings.published import rating_periods, run_for
from tsifra.ratings.stored import StoredRun, recompute_run

_KEPT_RUNS = 8  # a result of the demo panel is a few MB; eight cover every period shown
_runs: OrderedDict[tuple[str, int], StoredRun] = OrderedDict()
_lock = threading.Lock()


def cached_run(engine: Engine, run_id: int) -> StoredRun:
    """`recompute_run`, kept per (database, run id). Callers must not modify the frames."""
    key = (engine.url.render_as_string(hide_password=True), run_id)
    with _lock:
        if key in _runs:
            _runs.move_to_end(key)
            return _runs[key]
    run = recompute_run(engine, run_id)
    with _lock:
        _runs[key] = run
        while len(_runs) > _KEPT_RUNS:
            _runs.popitem(last=False)
    return run


def forget_runs() -> None:
    """Drop every kept recomputation (tests that rebuild a database under the same URL)."""
    with _lock:
        _runs.clear()


@dataclass(frozen=True)
class StoredExplanation:
    methodology: str
    run_id: int
    synthetic: bool
    explanation: Explanation


def stored_period(engine: Engine, methodology: str, period: str | None) -> str:
    """The period asked for (normalised), or the latest rated one; an unknown one is a problem."""
    periods = rating_periods(engine, methodology)
    if not periods:
        raise ValidationFailed([Problem("no_ratings", value=methodology)])
    period = normalise_period(period) or periods[-1]
    if period not in periods:
        raise ValidationFailed([Problem("unknown_period", path="period", value=period)])
    return period


def explain_stored(
    engine: Engine, unit: str, methodology: str = DEFAULT_METHODOLOGY, period: str | None = None
) -> StoredExplanation:
    """Explain `unit` in the stored rating of `period` (the latest by default), from the same run
    the public rating shows."""
    period = stored_period(engine, methodology, period)
    run_id = run_for(engine, methodology, period)
    run = cached_run(engine, run_id)
    if unit not in run.result.units:
        raise ValidationFailed([Problem("unit_not_in_data", path="unit", value=unit)])
    return StoredExplanation(
        methodology, run_id, run.values.synthetic, explain(run.result, unit, period)
    )


def records(frame: pd.DataFrame) -> list[dict]:
    """Rows as plain dicts with NaN and NA as None, ready for JSON (cheap enough per request)."""
    return [{k: plain(v) for k, v in row.items()} for row in frame.to_dict("records")]


def plain(value):
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return value.item() if isinstance(value, np.generic) else value
