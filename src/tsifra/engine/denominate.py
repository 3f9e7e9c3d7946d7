"""Denominate: turn totals into comparable ratios (per capita, per GDP, per area).

A denominator is either a series in the data (declared under `denominators:` in the methodology,
may change by period) or a unit attribute from the unit list (population). Indicators without a
denominator pass through unchanged.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tsifra.engine.panel import Panel
from tsifra.methodology import Methodology


def denominate(raw: Panel, m: Methodology, aux: Panel | None, units: pd.DataFrame | None) -> Panel:
    """Divide each indicator by its denominator; a zero or missing denominator gives NaN."""
    values = raw.values.copy()
    if not m.steps.denominate:
        return raw.with_values(values)
    for j, code in enumerate(raw.codes):
        name = m.indicator(code).denominator
        if name is None:
            continue
        denom = denominator_values(name, raw, aux, units)
        with np.errstate(divide="ignore", invalid="ignore"):
            values[:, :, j] = np.where(denom != 0, values[:, :, j] / denom, np.nan)
    return raw.with_values(values)


def denominator_values(
    name: str, raw: Panel, aux: Panel | None, units: pd.DataFrame | None
) -> np.ndarray:
    """The denominator as a (periods, units) array; the caller has checked that it exists."""
    if aux is not None and name in aux.codes:
        return aux.values[:, :, aux.codes.index(name)]
    if units is not None and name in units.columns:
        column = pd.to_numeric(units[name].reindex(list(raw.units)), errors="coerce")
        return np.broadcast_to(column.to_numpy(float), raw.values.shape[:2])
    raise KeyError(f"denominator {name!r} is neither a data series nor a unit attribute")
