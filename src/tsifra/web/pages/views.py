"""Frames from the services turned into plain rows for the templates.

Templates get lists of dicts with numbers already rounded and names in the page's language, so
they hold no logic beyond loops and escaping.
"""

from __future__ import annotations

import math
from functools import cache

import pandas as pd
from sqlalchemy import Engine

from tsifra.charts.dashboard import trend_line
from tsifra.reference import load_federal_districts, load_tile_grid
from tsifra.store.methodologies import stored_methodology


def number(value: object, digits: int = 1) -> str:
    """A figure as the table shows it: fixed digits, a dash when missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or pd.isna(value):
        return "—"
    return f"{float(value):.{digits}f}"


def signed(value: object, digits: int = 1) -> str:
    shown = number(value, digits)
    return shown if shown == "—" or shown.startswith("-") else "+" + shown


def name_in(row: dict, lang: str) -> str:
    return (row.get("name_en") if lang == "en" else None) or row.get("name_ru") or row["unit"]


def names_of(table: pd.DataFrame, lang: str) -> dict[str, str]:
    return {r["unit"]: name_in(r, lang) for r in table.to_dict("records")}


def rows_of(table: pd.DataFrame, sectors: list[str], lang: str) -> list[dict]:
    """The rating table's rows: raw values for sorting (`sort_*`) beside the shown text."""
    rows = []
    for r in table.to_dict("records"):
        rows.append(
            {
                "unit": r["unit"],
                "name": name_in(r, lang),
                "district": r["federal_district"],
                "rank": "—" if pd.isna(r["rank"]) else int(r["rank"]),
                "score": number(r["score"], 2),
                "score_change": signed(r["score_change"], 2),
                "rank_change": signed(r["rank_change"], 0),
                "sectors": [number(r[s]) for s in sectors],
            }
        )
    return rows


def sector_names(engine: Engine, methodology: str, sectors: list[str]) -> dict[str, str]:
    m = stored_methodology(engine, methodology).methodology
    return {s: m.name_of(s) for s in sectors}


@cache
def tile_grid() -> dict[str, tuple[int, int]]:
    """The reference tile grid as (col, row) by region code, read once per process."""
    return {code: (int(r.col), int(r.row)) for code, r in load_tile_grid().iterrows()}


@cache
def _districts() -> pd.DataFrame:
    return load_federal_districts()


def district_options(lang: str) -> list[tuple[str, str]]:
    column = "name_en" if lang == "en" else "name_ru"
    return [(code, row[column]) for code, row in _districts().iterrows()]


def indicator_rows(indicators: pd.DataFrame, history: pd.DataFrame) -> list[dict]:
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
                "measure": r["measure"] or "",
                "value": number(r["value"], 2),
                "target": number(r["target"], 2),
                "achievement": number(r["achievement"]),
                "gain": number(r["gain_to_target"], 2),
                "trend_svg": trend_line(points, width=110, height=28),
            }
        )
    return rows


def trends_by_unit(history: pd.DataFrame) -> dict[str, str]:
    """A trend line per unit from a unit × period frame of values."""
    periods = list(history.columns)
    return {
        unit: trend_line(
            [(p, None if pd.isna(v) else float(v)) for p, v in zip(periods, row, strict=True)],
            width=110,
            height=28,
        )
        for unit, row in zip(history.index, history.to_numpy(), strict=True)
    }
