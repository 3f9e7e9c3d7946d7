"""Which unit each row of a file names: total rows refused, regions found by any of their names.

Statistical tables end (or begin) with a total: «Итого», «Всего», «Российская Федерация», a
federal district, «в среднем». Taken as a unit, it would be rated beside the regions, so a row
whose unit, or whose unit's name, is a total is a problem naming the row — also when the period
was filled down onto it — and its values are not read further. Only rows that carry a value
are looked at: an empty «Итого» line under a template changes nothing.

For a methodology whose units are regions (`unit_type: region`), every unit cell goes through
the one normalising lookup (`reference.lookup`): a code of the unit list is taken as it is, any
other text is an ISO code, an OKATO code or a name of a subject, and becomes its ISO code, so
«Чувашия» and «Чувашская Республика — Чувашия» are one unit. A text that names no subject or
two is a problem of its row, in words, with the nearest official name where one is close; a
subject the unit list does not hold is `unknown_unit`, as before.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from tsifra.kernel.problems import Problem
from tsifra.methodology import Methodology
from tsifra.reference.lookup import RegionLookup, fold, region_lookup
from tsifra.values.reading import ROW

# Folded beginnings of a total in any table, and the totals of a table of Russia's regions.
TOTAL_STARTS = ("итог", "всего", "в среднем", "среднее", "в целом", "total", "average")
COUNTRY_TOTALS = {"российская федерация", "рф", "россия", "russian federation", "russia"}
DISTRICT_TOTALS = {"цфо", "сзфо", "юфо", "скфо", "пфо", "уфо", "сфо", "дфо"}


@dataclass(frozen=True)
class ResolvedUnits:
    """The table with its unit cells as codes and total rows left out, the problems found, and
    the rows whose unit problem is already reported (so no later check reports it again)."""

    table: pd.DataFrame
    problems: list[Problem]
    reported_rows: frozenset[int]


def regions_of(m: Methodology) -> RegionLookup | None:
    """The region lookup when the methodology's units are regions, else None."""
    return region_lookup() if m.unit_type == "region" else None


def is_total(text: object, regions: bool) -> bool:
    """Whether a unit cell (or a unit's name) is a total rather than a unit."""
    if not isinstance(text, str) or not text.strip():
        return False
    folded = fold(text)
    if folded.startswith(TOTAL_STARTS):
        return True
    if not regions:
        return False
    return folded in COUNTRY_TOTALS | DISTRICT_TOTALS or "федеральный округ" in folded


def resolve_units(
    table: pd.DataFrame,
    name_columns: list[str],
    data_columns: list[str],
    regions: RegionLookup | None,
    units: pd.DataFrame | None,
    file: str,
) -> ResolvedUnits:
    """Refuse total rows and turn region names into codes (the module's docstring)."""
    carrying = table[data_columns].notna().any(axis=1) if data_columns else table["unit"].notna()
    problems = _total_problems(table, name_columns, carrying, regions is not None, file)
    totals = {p.row for p in problems}
    table = table[~table[ROW].isin(totals)]
    if regions is None:
        return ResolvedUnits(table, problems, frozenset(totals))
    listed = set(map(str, units.index)) if units is not None else set()
    unit = table["unit"]
    looked_up = unit.notna() & ~unit.isin(listed) & carrying.reindex(unit.index)
    matches = {text: regions.find(text) for text in unit[looked_up].unique()}
    codes = {text: match.code for text, match in matches.items() if match.code}
    original = unit[looked_up]
    table = table.copy()
    table.loc[looked_up, "unit"] = original.map(lambda text: codes.get(text, text))
    reported = set(totals)
    for row, text in zip(table.loc[looked_up, ROW], original, strict=True):
        match = matches[text]
        if match.code is None:
            problems.append(_region_problem(match, regions, int(row), file))
        elif units is not None and match.code not in listed:
            problems.append(
                Problem("unknown_unit", file=file, row=int(row), column="unit", value=text)
            )
        else:
            continue
        reported.add(int(row))
    return ResolvedUnits(table, problems, frozenset(reported))


def _total_problems(
    table: pd.DataFrame, name_columns: list[str], carrying: pd.Series, regions: bool, file: str
) -> list[Problem]:
    problems = []
    for column in ["unit", *name_columns]:
        cells = table[column]
        distinct = {text: is_total(text, regions) for text in cells.dropna().unique()}
        marked = cells.map(distinct).fillna(False).astype(bool) & carrying
        seen = {p.row for p in problems}
        for row, text in table.loc[marked, [ROW, column]].itertuples(index=False):
            if int(row) not in seen:
                problems.append(
                    Problem("total_row", file=file, row=int(row), column=column, value=text)
                )
    return sorted(problems, key=lambda p: p.row or 0)


def _region_problem(match, regions: RegionLookup, row: int, file: str) -> Problem:
    if match.ambiguous:
        names = "; ".join(f"{regions.name(c)} ({c})" for c in match.candidates)
        return Problem(
            "ambiguous_region", file=file, row=row, column="unit", value=match.text,
            params={"candidates": names},
        )  # fmt: skip
    near = regions.suggestion(match.text)
    if near:
        return Problem(
            "unknown_region_near", file=file, row=row, column="unit", value=match.text,
            params={"near": near},
        )  # fmt: skip
    return Problem("unknown_region", file=file, row=row, column="unit", value=match.text)
