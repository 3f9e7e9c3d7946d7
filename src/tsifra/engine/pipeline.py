"""The composite-index pipeline: denominate, impute, screen, treat, normalise, aggregate, rank.

`compute` is the engine's one entry point. It takes a methodology and in-memory tables, never
files or databases, and returns a `Result` that keeps every step's panel, as COINr keeps its
data sets, so any figure can be traced back through the steps and the pipeline can be replayed
with one choice changed.
"""

from __future__ import annotations

import pandas as pd

from tsifra.engine.aggregate import aggregate
from tsifra.engine.denominate import denominate
from tsifra.engine.impute import impute
from tsifra.engine.normalise import normalise
from tsifra.engine.panel import Panel
from tsifra.engine.rank import rank_desc
from tsifra.engine.result import Result
from tsifra.engine.screen import screen
from tsifra.engine.treat import treat
from tsifra.kernel.periods import sort_periods
from tsifra.methodology import Methodology


def compute(
    m: Methodology,
    values: pd.DataFrame,
    units: pd.DataFrame | None = None,
    periods: list[str] | None = None,
) -> Result:
    """Compute every node's score and rank for every unit and period.

    `values` is long form (`unit, period, indicator, value`); rows for the methodology's
    denominator series may be included. `units` is indexed by unit code and holds attributes
    (group columns, population). Inputs are assumed valid — the data layer validates files and
    reports problems before calling the engine. Unit order follows `units` when given.
    """
    codes = set(values["indicator"].astype(str).unique())
    unit_list = _unit_list(values, units)
    period_list = periods or sort_periods(list(values["period"].astype(str).unique()))
    raw = Panel.from_long(values, m.indicator_codes, unit_list, period_list)
    aux_codes = [d.code for d in m.denominators if d.code in codes]
    aux = Panel.from_long(values, aux_codes, unit_list, period_list) if aux_codes else None
    return run_steps(m, raw, aux, units)


def run_steps(m: Methodology, raw: Panel, aux: Panel | None, units: pd.DataFrame | None) -> Result:
    """The pipeline from a raw panel; what-if and uncertainty analysis replay from here."""
    denominated = denominate(raw, m, aux, units)
    imputed = impute(denominated, m, units)
    screened, screened_out = screen(imputed, m.steps.screen)
    treated, treatment = treat(screened, m)
    normalised = normalise(treated, m)
    aggregated = aggregate(normalised, m)
    ranks = aggregated.with_values(rank_desc(aggregated.values))
    return Result(
        methodology=m,
        raw=raw,
        denominated=denominated,
        imputed=imputed,
        screened=screened,
        treated=treated,
        normalised=normalised,
        aggregated=aggregated,
        ranks=ranks,
        screened_out=screened_out,
        treatment=treatment,
    )


def _unit_list(values: pd.DataFrame, units: pd.DataFrame | None) -> list[str]:
    present = set(values["unit"].astype(str).unique())
    if units is None:
        return sorted(present)
    listed = [str(u) for u in units.index if str(u) in present]
    return listed + sorted(present - set(listed))


def replay_from_imputed(m: Methodology, imputed: Panel) -> Panel:
    """Screen, treat, normalise and aggregate an imputed panel; the periods axis may be a batch
    of scenarios of one period (labels repeated), which is how explanations stay vectorised."""
    screened, _ = screen(imputed, m.steps.screen)
    treated, _ = treat(screened, m)
    return aggregate(normalise(treated, m), m)
