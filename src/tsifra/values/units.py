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

import numpy as np
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
    """Refuse total rows and turn region names into codes (the module's docstring).

    Each distinct text is judged once and rows are looked at only when some text needs it, so
    a million-row file of listed codes costs a few passes over its unit column.
    """
    carrying = _Carrying(table, data_columns)
    problems = _total_problems(table, name_columns, carrying, regions is not None, file)
    totals = {p.row for p in problems}
    if totals:
        table = table[~table[ROW].isin(totals)]
    if regions is None:
        return ResolvedUnits(table, problems, frozenset(totals))
    listed = set(map(str, units.index)) if units is not None else set()
    unit = table["unit"]
    matches = {t: regions.find(t) for t in unit.dropna().unique() if str(t) not in listed}
    if not matches:
        return ResolvedUnits(table, problems, frozenset(totals))
    # Texts are replaced through their distinct values: a Series.map over a million rows of
    # text costs seconds, a take from the factorised column milliseconds.
    position, distinct = pd.factorize(unit)
    replaced = [(matches[t].code or t) if t in matches else t for t in distinct]
    column = np.array([*replaced, None], dtype=object)[position]  # -1 (no unit) → None
    table = table.assign(unit=pd.array(column, dtype=unit.dtype))
    wrong = [
        k
        for k, text in enumerate(distinct)
        if text in matches
        and (matches[text].code is None or (units is not None and matches[text].code not in listed))
    ]
    reported = set(totals)
    bad = np.isin(position, wrong) & carrying.mask().reindex(unit.index).to_numpy(dtype=bool)
    for row, k in zip(table[ROW].to_numpy()[bad], position[bad], strict=True):
        match = matches[distinct[k]]
        if match.code is None:
            problems.append(_region_problem(match, regions, int(row), file))
        else:
            problems.append(
                Problem("unknown_unit", file=file, row=int(row), column="unit", value=match.text)
            )
        reported.add(int(row))
    return ResolvedUnits(table, problems, frozenset(reported))


class _Carrying:
    """Which rows carry a value, computed only if a row has to be judged."""

    def __init__(self, table: pd.DataFrame, data_columns: list[str]) -> None:
        self._table, self._columns, self._mask = table, data_columns, None

    def mask(self) -> pd.Series:
        if self._mask is None:
            table, columns = self._table, self._columns
            self._mask = table[columns].notna().any(axis=1) if columns else table["unit"].notna()
        return self._mask


def _total_problems(
    table: pd.DataFrame, name_columns: list[str], carrying: _Carrying, regions: bool, file: str
) -> list[Problem]:
    problems: list[Problem] = []
    for column in ["unit", *name_columns]:
        cells = table[column]
        totals = [text for text in cells.dropna().unique() if is_total(text, regions)]
        if not totals:
            continue
        marked = cells.isin(totals) & carrying.mask()
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
