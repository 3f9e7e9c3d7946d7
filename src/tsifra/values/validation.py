"""Validating indicator values against a methodology and a unit list, all problems at once.

A file is accepted whole or not at all: every row is checked and every problem is reported with
its row and column, so a regional operator fixes the file in one pass instead of one error per
upload. Long form (`unit, period, indicator, value`) and wide form (`unit, period` and one column
per indicator) are both accepted; wide form is melted with each value's own column remembered.

A wide file's other columns are unit attributes when they are a unit's name (`UNIT_NAME_COLUMNS`),
declared in the methodology's `attributes`, columns of the unit list, or when the file is its own
unit list (`units_in_file`: `--units` names the data file, as a COINr user's iData.csv is both):
they come back in `IndicatorValues.attributes`, one row per unit. Any other unknown column is an
unknown indicator, reported at the header's row. A problem of a row's unit or period is reported
once for the row, not once per indicator column.

Nothing is dropped without a word. In long form a row names one value, so a row whose value
cell is empty is a problem. In wide form a row holds one value per indicator and a region may
lack some: an empty cell there is the format's way of saying "no value" (COINr's iData does the
same), so it is skipped, and `IndicatorValues.empty_cells` counts the cells skipped so that the
report of an ingest says how many. A period is accepted only within `periods.accepted_years`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from tsifra.kernel.periods import Period, accepted_years, parse_period
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.methodology import Methodology
from tsifra.reference.lookup import RegionLookup
from tsifra.values.numbers import parse_numbers, percent_problems
from tsifra.values.reading import ALIASES, HEADER_ROW, ROW, UNIT_NAME_COLUMNS, typed_attributes
from tsifra.values.units import resolve_units

_SPACES = re.compile(r"[\s\u00a0\u202f]")
EMPTY_CELLS = "empty_cells"  # key in a melted frame's attrs

# Set on the store's unit table (`values.ingest.unit_table`): its `kind` says which units a
# methodology of that `unit_type` may rate. A user's unit file may have a `kind` column of its own.
STORE_UNITS = "store_units"


@dataclass(frozen=True)
class IndicatorValues:
    """Validated values in long form: unit, period, indicator, value (missing values dropped).

    `locations` says where each value stood in the file (row, column as the user named it), row
    for row with `frame`, so that later checks against stored values can name the cell too.
    """

    frame: pd.DataFrame
    file: str
    ignored_columns: tuple[str, ...] = ()
    locations: pd.DataFrame | None = None
    attributes: pd.DataFrame | None = None  # unit attributes the file carries, indexed by unit
    empty_cells: int = 0  # a wide file's empty cells of known indicators: no value, skipped


def validate_values(
    table: pd.DataFrame,
    m: Methodology,
    units: pd.DataFrame | None = None,
    file: str = "<data>",
    *,
    units_in_file: bool = False,
    regions: RegionLookup | None = None,
) -> IndicatorValues:
    """Check a table read by `read_table`; raise ValidationFailed listing every problem.

    `units_in_file`: the file is its own unit list, so every column that is not a value is a
    unit attribute (and no unit can be unknown). `regions`: the units are regions, written in
    any form the lookup knows; they are checked against it (and `units`, if given) and stored
    as codes (`values.units`). Total rows are refused whatever the units are.
    """
    header = table.attrs.get(HEADER_ROW, 1)
    names = _canonical_names(table.columns)
    table = table.rename(columns=names)
    missing = [c for c in ("unit", "period") if c not in table.columns]
    if missing:
        raise ValidationFailed([Problem("missing_column", file=file, value=c) for c in missing])
    if table.empty:
        raise ValidationFailed([Problem("no_data", file=file)])
    attributes = _attribute_columns(table, m, units, units_in_file)
    name_columns = [c for c in attributes if c.lower() in UNIT_NAME_COLUMNS]
    data_columns = [c for c in table.columns if c not in (ROW, "unit", "period", *attributes)]
    resolved = resolve_units(table, name_columns, data_columns, regions, units, file)
    table = resolved.table
    long, ignored, problems = _to_long(table, m, file, header, attributes)
    problems = [*resolved.problems, *problems]
    empty_cells = long.attrs.get(EMPTY_CELLS, 0) if long is not None else 0
    checked = units if regions is None else None  # the lookup checked the units already
    if long is not None:  # a wide file's unknown columns do not hide its other problems
        problems = sorted(
            [*problems, *_check_rows(long, m, checked, file)],
            key=lambda p: (p.row or 0, p.column or ""),
        )
    if problems:
        own = {canonical: column for column, canonical in names.items()}  # the user's headers
        raise ValidationFailed(replace(p, column=own.get(p.column, p.column)) for p in problems)
    present = long["value"].notna()
    clean = long.loc[present, ["unit", "period", "indicator", "value"]].reset_index(drop=True)
    own = {canonical: column for column, canonical in names.items()}
    locations = pd.DataFrame(
        {
            "row": long.loc[present, ROW].to_numpy(),
            "column": long.loc[present, "column"].replace(own).to_numpy(),
        }
    )
    found = _unit_attributes(table, attributes)
    return IndicatorValues(clean, file, tuple(ignored), locations, found, int(empty_cells))


def _attribute_columns(
    table: pd.DataFrame, m: Methodology, units: pd.DataFrame | None, units_in_file: bool
) -> list[str]:
    """The columns that describe units rather than hold values (see the module's docstring)."""
    values = set(m.indicator_codes) | {d.code for d in m.denominators}
    values |= {ROW, "unit", "period", "indicator", "value", "measure"}
    declared = {a.code for a in m.attributes}
    declared |= set(map(str, units.columns)) if units is not None else set()
    return [
        c
        for c in table.columns
        if c not in values and (units_in_file or c in declared or c.lower() in UNIT_NAME_COLUMNS)
    ]


def _unit_attributes(table: pd.DataFrame, columns: list[str]) -> pd.DataFrame | None:
    """One row per unit: its last non-empty cell in each attribute column (a panel file repeats
    a unit's attributes in every period's row)."""
    if not columns:
        return None
    rows = table.loc[table["unit"].notna(), ["unit", *columns]]
    found = rows.groupby("unit", sort=False).last()
    found.index = found.index.astype(str)
    found.index.name = "unit"
    return typed_attributes(found)


def _canonical_names(columns) -> dict[str, str]:
    out = {}
    for column in columns:
        for name, aliases in ALIASES.items():
            if column.lower() in aliases and name not in out.values():
                out[column] = name
    return out


def _to_long(
    table: pd.DataFrame, m: Methodology, file: str, header: int | None, attributes: list[str]
):
    known = set(m.indicator_codes) | {d.code for d in m.denominators}
    if {"indicator", "value"} <= set(table.columns):
        keep = [ROW, "unit", "period", "indicator", "value"]
        keep += ["measure"] if "measure" in table.columns else []
        long = table[keep].copy()
        long["column"] = "value"
        ignored = [c for c in table.columns if c not in long.columns and c not in attributes]
        return long, ignored, []
    if "indicator" in table.columns or "value" in table.columns:
        absent = "value" if "indicator" in table.columns else "indicator"
        return None, [], [Problem("missing_column", file=file, value=absent)]
    value_columns = [c for c in table.columns if c not in (ROW, "unit", "period", *attributes)]
    if not value_columns:  # neither long nor wide: say what a long file needs
        absent = [Problem("missing_column", file=file, value=c) for c in ("indicator", "value")]
        return None, [], absent
    problems = [
        Problem("unknown_indicator", file=file, row=header, column=c, value=c)
        for c in value_columns
        if c not in known
    ]
    if len(problems) == len(value_columns):
        return None, [], problems
    long = table.melt(  # unknown columns are reported above; their cells are not checked
        id_vars=[ROW, "unit", "period"],
        value_vars=[c for c in value_columns if c in known],
        var_name="indicator",
    )
    present = long["value"].notna()  # an empty cell is no value (the module's docstring)
    long = long[present].copy()
    long["column"] = long["indicator"]
    long = long.sort_values([ROW, "column"], kind="stable")
    long.attrs[EMPTY_CELLS] = int((~present).sum())
    return long, [], problems


def _check_rows(long: pd.DataFrame, m: Methodology, units, file: str) -> list[Problem]:
    known = set(m.indicator_codes) | {d.code for d in m.denominators}
    problems: list[Problem] = []

    # A wide file's row becomes one record per indicator: a bad unit or period is one cell.
    row_first = ~long[ROW].duplicated()

    def report(mask, code: str, column, values, **params) -> None:
        if isinstance(column, str) and column in ("unit", "period"):
            mask = mask & row_first
        rows = long.loc[mask, ROW].to_numpy()
        cols = column if isinstance(column, pd.Series) else pd.Series(column, index=long.index)
        for row, col, value in zip(rows, cols[mask], values[mask], strict=True):
            problems.append(
                Problem(
                    code,
                    file=file,
                    row=int(row),
                    column=col,
                    value=None if pd.isna(value) else value,
                    params=params,
                )
            )

    unit = long["unit"]
    report(unit.isna(), "empty_value", "unit", unit)
    if units is not None:
        listed = set(map(str, units.index))
        report(unit.notna() & ~unit.isin(listed), "unknown_unit", "unit", unit)
        if units.attrs.get(STORE_UNITS):  # the store's units: an agency's rating holds no region
            other = units.index[units["kind"].astype(str) != m.unit_type].map(str)
            wrong = unit.isin(set(other))
            report(wrong, "agency_unit_of_other_kind", "unit", unit, expected=m.unit_type)

    period = long["period"]
    # Parse each distinct label once: a million rows carry a few hundred periods.
    distinct = {s: parse_period(s) for s in period.dropna().unique()}
    valid = {s: p for s, p in distinct.items() if isinstance(p, Period)}
    label = period.map({s: p.label for s, p in valid.items()})
    report(period.isna(), "empty_value", "period", period)
    report(period.notna() & label.isna(), "bad_period", "period", period)
    problems += _period_range_problems(long, valid, file)
    freq = period.map({s: p.freq for s, p in valid.items()})
    freqs = sorted(set(freq.dropna()))
    if len(freqs) > 1:  # named at the first row whose frequency differs from the first period's
        known_freq = freq.dropna()
        other = known_freq.index[known_freq != known_freq.iloc[0]][0]
        problems.append(
            Problem(
                "mixed_frequency",
                file=file,
                row=int(long.at[other, ROW]),
                column="period",
                value=period.at[other],
                params={"detail": ", ".join(freqs)},
            )
        )
    long["period"] = label

    indicator = long["indicator"]
    report(indicator.notna() & ~indicator.isin(known), "unknown_indicator", "indicator", indicator)
    report(indicator.isna(), "empty_value", "indicator", indicator)

    raw = long["value"]
    report(raw.isna(), "empty_value", long["column"], raw)  # only a long file's rows get here
    number, percent = parse_numbers(raw)
    report(raw.notna() & number.isna(), "not_numeric", long["column"], raw)
    long["value"] = number
    problems += percent_problems(long, percent, raw, m, file)
    problems += _range_problems(long, m, file)
    if "measure" in long.columns:
        problems += _measure_problems(long, m, file)

    key = ["unit", "period", "indicator"]
    dup = long.duplicated(key, keep="first") & long[key].notna().all(axis=1)
    if dup.any():
        first = long.drop_duplicates(key).set_index(key)[ROW]
        for row, col, *k in long.loc[dup, [ROW, "column", *key]].itertuples(index=False):
            problems.append(
                Problem(
                    "duplicate_row",
                    file=file,
                    row=int(row),
                    column=col,
                    value="/".join(map(str, k)),
                    params={"first_row": int(first.loc[tuple(k)])},
                )
            )
    return sorted(problems, key=lambda p: (p.row or 0, p.column or ""))


def _period_range_problems(
    long: pd.DataFrame, valid: dict[str, Period], file: str
) -> list[Problem]:
    """Periods whose year no methodology can mean (0000, 1900, 9999): once per row, not per
    indicator, with the years accepted in the message."""
    earliest, latest = accepted_years()
    outside = {s for s, p in valid.items() if not earliest <= p.year <= latest}
    if not outside:
        return []
    first = ~long[ROW].duplicated()
    bad = long.loc[long["period"].isin(outside) & first, [ROW, "period"]]
    return [
        Problem(
            "period_out_of_range", file=file, row=int(r), column="period", value=v,
            params={"earliest": earliest, "latest": latest},
        )
        for r, v in bad.itertuples(index=False)
    ]  # fmt: skip


def _measure_problems(long: pd.DataFrame, m: Methodology, file: str) -> list[Problem]:
    """A unit of measure given in the file must be the one the methodology declares.

    Compared without case and spaces, so «%» and « % » or «Дней» and «дней» agree; a value in
    thousands where the methodology expects units is exactly the mistake this catches.
    """
    declared = {i.code: i.unit for i in m.indicators if i.unit}
    given = long["measure"]
    expected = long["indicator"].map(declared)
    squeeze = {"given": given, "expected": expected}
    norm = {
        k: v.astype("string").str.replace(_SPACES, "", regex=True).str.lower()
        for k, v in squeeze.items()
    }
    bad = given.notna() & expected.notna() & (norm["given"] != norm["expected"])
    return [
        Problem(
            "wrong_measure", file=file, row=int(r), column="measure", value=g,
            params={"expected": e},
        )
        for r, g, e in zip(long.loc[bad, ROW], given[bad], expected[bad], strict=True)
    ]  # fmt: skip


def _range_problems(long: pd.DataFrame, m: Methodology, file: str) -> list[Problem]:
    bounds = {i.code: i.valid_range for i in m.indicators if i.valid_range}
    if not bounds:
        return []
    low = long["indicator"].map({c: b[0] for c, b in bounds.items()}).astype(float)
    high = long["indicator"].map({c: b[1] for c, b in bounds.items()}).astype(float)
    low, high = low.fillna(-np.inf), high.fillna(np.inf)
    bad = (long["value"] < low) | (long["value"] > high)
    return [
        Problem(
            "out_of_range", file=file, row=int(r), column=c, value=v, params={"low": lo, "high": hi}
        )
        for r, c, v, lo, hi in zip(
            long.loc[bad, ROW],
            long.loc[bad, "column"],
            long.loc[bad, "value"],
            low[bad],
            high[bad],
            strict=True,
        )
    ]
