"""Frames from the services turned into plain rows for the templates.

Templates get lists of dicts with numbers already written (`kernel.formatting`) and names in
the page's language, so they hold no logic beyond loops and escaping. A sortable table keeps the
raw number beside the written one (`data-value`), since 1 234,5 does not sort as a number.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pandas as pd
from sqlalchemy import Engine

from tsifra.charts.dashboard import trend_line
from tsifra.kernel.formatting import number, real, signed
from tsifra.kernel.language import measure
from tsifra.reference import load_tile_grid
from tsifra.reports.names import district_names
from tsifra.store.methodologies import stored_methodology


@dataclass(frozen=True)
class Figure:
    """A table cell's number: `text` as the reader reads it, `raw` ("" when missing) for the
    column's sort (`data-value`). Shown in a template, it is its text."""

    text: str
    raw: str

    def __str__(self) -> str:
        return self.text


def figure(text: str, value: object) -> Figure:
    x = real(value)
    return Figure(text, "" if x is None else repr(x))


def name_in(row: dict, lang: str) -> str:
    return (row.get("name_en") if lang == "en" else None) or row.get("name_ru") or row["unit"]


def names_of(table: pd.DataFrame, lang: str) -> dict[str, str]:
    return {r["unit"]: name_in(r, lang) for r in table.to_dict("records")}


def rows_of(table: pd.DataFrame, sectors: list[str], lang: str) -> list[dict]:
    """The rating table's rows, each figure a `Figure` so the table sorts by its raw value."""
    rows = []
    for r in table.to_dict("records"):
        rows.append(
            {
                "unit": r["unit"],
                "name": name_in(r, lang),
                "district": r["federal_district"],
                "rank": "—" if pd.isna(r["rank"]) else int(r["rank"]),
                "score": figure(number(r["score"], lang), r["score"]),
                "score_change": figure(signed(r["score_change"], lang), r["score_change"]),
                "rank_change": figure(signed(r["rank_change"], lang, 0), r["rank_change"]),
                "sectors": [figure(number(r[s], lang, 1), r[s]) for s in sectors],
            }
        )
    return rows


def sector_names(engine: Engine, methodology: str, sectors: list[str], lang: str) -> dict[str, str]:
    m = stored_methodology(engine, methodology).methodology
    return {s: m.name_of(s, lang) for s in sectors}


@cache
def tile_grid() -> dict[str, tuple[int, int]]:
    """The reference tile grid as (col, row) by region code, read once per process."""
    return {code: (int(r.col), int(r.row)) for code, r in load_tile_grid().iterrows()}


def district_options(lang: str) -> list[tuple[str, str]]:
    return list(district_names(lang).items())


def indicator_rows(indicators: pd.DataFrame, history: pd.DataFrame, lang: str) -> list[dict]:
    """The profile's indicators, each with a trend line of its values over the periods."""
    periods = list(history.columns)
    rows = []
    for r in indicators.to_dict("records"):
        line = history.loc[r["indicator"]] if r["indicator"] in history.index else None
        points = [
            (p, None if line is None or pd.isna(line.get(p)) else float(line[p])) for p in periods
        ]
        rows.append(
            {
                "indicator": r["indicator"],
                "name": r["name"],
                "measure": measure(r["measure"], lang),
                "value": figure(number(r["value"], lang), r["value"]),
                "target": figure(number(r["target"], lang), r["target"]),
                "achievement": figure(number(r["achievement"], lang, 1), r["achievement"]),
                "gain": figure(number(r["gain_to_target"], lang), r["gain_to_target"]),
                "trend_svg": trend_line(points, width=110, height=28, lang=lang),
                "imputed": bool(r.get("imputed", False)),
            }
        )
    return rows


def trends_by_unit(history: pd.DataFrame, lang: str) -> dict[str, str]:
    """A trend line per unit from a unit × period frame of values."""
    periods = list(history.columns)
    return {
        unit: trend_line(
            [(p, None if pd.isna(v) else float(v)) for p, v in zip(periods, row, strict=True)],
            width=110,
            height=28,
            lang=lang,
        )
        for unit, row in zip(history.index, history.to_numpy(), strict=True)
    }
