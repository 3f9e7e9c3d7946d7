"""Screen: leave out units whose data are too sparse to be rated in a period.

Availability is the share of a unit's indicators with a value in that period, measured after
imputation as in COINr's example pipeline (so a methodology that imputes little screens on nearly
raw data, and one that imputes by group keeps units whose groups are complete). A screened-out unit
keeps its place in the panel but all its values are set missing for that period, so it gets no
score and no rank there; the report says who was left out and why.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tsifra.engine.panel import Panel
from tsifra.methodology.schema import ScreenSpec


def screen(panel: Panel, spec: ScreenSpec) -> tuple[Panel, pd.DataFrame]:
    """Returns the screened panel and a report `period, unit, availability` of those left out."""
    availability = np.mean(~np.isnan(panel.values), axis=2)
    dropped = availability < spec.min_availability
    values = np.where(dropped[:, :, None], np.nan, panel.values)
    pi, ui = np.nonzero(dropped)
    report = pd.DataFrame(
        {
            "period": np.array(panel.periods, dtype=object)[pi],
            "unit": np.array(panel.units, dtype=object)[ui],
            "availability": availability[pi, ui],
        }
    )
    return panel.with_values(values), report
