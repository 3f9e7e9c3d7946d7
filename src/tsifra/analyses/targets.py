"""How many of a unit's targets the forecast expects it to reach, year by year, and how a chance
is shown: one definition for the command line, the region page and the API.

The expected number of targets reached in a year is the sum of the chances of reaching each one
(linearity of expectation: it holds however the indicators move together). A sum, not a mean:
planners count targets («ожидается 17 из 23»), and a mean (a share) hides how many targets were
counted, which differs between units as soon as some chance cannot be estimated. Only indicators
whose chance is known in every year are counted, so a year's figures compare with the next; the
others are listed apart (`unknown`), never counted as reached or missed.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from tsifra.engine.forecast import Forecast

LIKELY = 0.8  # a target "likely" reached
AT_RISK = 0.5  # a target "at risk": less likely reached than not


@dataclass(frozen=True)
class TargetYear:
    year: int
    expected: float  # the sum of the chances of the counted targets
    likely: int  # counted targets with a chance of at least LIKELY
    at_risk: int  # counted targets with a chance below AT_RISK


@dataclass(frozen=True)
class TargetSummary:
    unit: str
    counted: tuple[str, ...]  # indicators with a known chance in every year, riskiest first
    unknown: tuple[str, ...]  # indicators with a target whose chance cannot be estimated
    years: tuple[TargetYear, ...]
    chances: pd.DataFrame  # indicator × year: counted (riskiest first), then unknown

    def of(self, year: int) -> TargetYear | None:
        return next((y for y in self.years if y.year == year), None)


def target_summary(f: Forecast, unit: str) -> TargetSummary:
    """The unit's targets by year: expected, likely and at risk, over the indicators counted.

    Riskiest first means the lowest chance in the last year; ties keep the methodology's order.
    """
    table = f.targets[(f.targets["unit"] == unit) & (f.targets["kind"] == "indicator")]
    order = list(dict.fromkeys(table["code"]))
    chances = table.pivot_table(index="code", columns="year", values="probability", dropna=False)
    chances = chances.reindex(order)
    chances.columns = [int(y) for y in chances.columns]
    known = chances.notna().all(axis=1)
    counted = chances[known]
    if len(counted.columns):
        counted = counted.sort_values(counted.columns[-1], kind="stable")
    years = tuple(
        TargetYear(
            year=int(year),
            expected=float(counted[year].sum()),
            likely=int((counted[year] >= LIKELY).sum()),
            at_risk=int((counted[year] < AT_RISK).sum()),
        )
        for year in counted.columns
    )
    if not len(counted):
        years = ()
    return TargetSummary(
        unit=unit,
        counted=tuple(counted.index),
        unknown=tuple(chances.index[~known]),
        years=years,
        chances=pd.concat([counted, chances[~known]]),
    )
