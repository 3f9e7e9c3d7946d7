"""Computing the index from files: load, validate everything, then run the pure engine.

Nothing reaches the engine before the methodology, the unit list and every data row have passed
validation; problems come back together as one `ValidationFailed`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from tsifra.engine import Result, compute
from tsifra.kernel.periods import parse_period
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.methodology import Methodology, load_methodology
from tsifra.values import (
    IndicatorValues,
    read_table,
    read_units,
    same_file,
    validate_values,
    with_attributes,
)
from tsifra.values.units import regions_of


@dataclass(frozen=True)
class IndexRun:
    methodology: Methodology
    values: IndicatorValues
    units: pd.DataFrame | None
    result: Result


def compute_index(
    methodology: str | Path | Methodology,
    data: str | Path | pd.DataFrame,
    units: str | Path | pd.DataFrame | None = None,
    period: str | None = None,
    sheet: str | None = None,
) -> IndexRun:
    """Validate the inputs and compute every node's score and rank for every period.

    When the methodology's units are regions, every unit is checked against the reference list
    of federal subjects (and the unit list, if given) and written as its ISO code, whatever
    form the file gave it in (`values.units`): a total row or a name that is no region is a
    located problem, never a unit of the rating.

    `methodology` is a path, a bundled id or a loaded model; `data` a file path or a table of
    text cells as `read_table` returns; `period`, if given, must occur in the data (the result
    then holds only that period).
    """
    m = methodology if isinstance(methodology, Methodology) else load_methodology(methodology)
    period = normalise_period(period)
    own = same_file(units, data)  # the data file is its own unit list, as COINr's iData.csv
    unit_table = None if own else read_units(units) if isinstance(units, str | Path) else units
    file = str(data) if isinstance(data, str | Path) else "<data>"
    table = read_table(data, sheet=sheet) if isinstance(data, str | Path) else data
    values = validate_values(
        table, m, unit_table, file=file, units_in_file=own, regions=regions_of(m)
    )
    unit_table = with_attributes(unit_table, values.attributes)
    problems = _context_problems(m, values, unit_table, period)
    if problems:
        raise ValidationFailed(problems)
    frame = values.frame
    if period is not None:
        frame = frame[frame["period"] == period]
    return IndexRun(m, values, unit_table, compute(m, frame, unit_table))


def normalise_period(period: str | None) -> str | None:
    """Users type 2024q1 or «2024 К1»; results are labelled 2024Q1."""
    if period is None:
        return None
    parsed = parse_period(period)
    return parsed.label if parsed else period


def _context_problems(
    m: Methodology, values: IndicatorValues, units: pd.DataFrame | None, period: str | None
) -> list[Problem]:
    """What the rows alone cannot show: denominators, groups and the period asked for."""
    problems = []
    series = set(values.frame["indicator"].unique())
    attributes = set(units.columns) if units is not None else set()
    if m.steps.denominate:
        for i, ind in enumerate(m.indicators):
            if ind.denominator and ind.denominator not in series | attributes:
                problems.append(
                    Problem(
                        "missing_denominator",
                        path=f"indicators[{i}].denominator",
                        value=ind.denominator,
                    )
                )
    groups = {m.steps_for(c).impute.group for c in m.indicator_codes} - {None}
    problems += [Problem("missing_group", value=g) for g in sorted(groups - attributes)]
    if period is not None and period not in set(values.frame["period"]):
        problems.append(Problem("unknown_period", file=values.file, value=period))
    return problems
