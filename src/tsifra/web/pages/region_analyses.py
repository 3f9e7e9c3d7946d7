"""The region page's analyses as words and charts: how sure the rank is, where the index is heading.

The services compute (`analyses.intervals`, `analyses.forecast`, `analyses.targets`); this
module only shapes their answers for the templates, in the page's language, as `views` does for
the profile.

The first forecast of a rating forecasts every region at once and takes seconds; the services
keep it (`kernel.cache.Kept`, where a second caller waits for the first's answer), and
`tsifra serve` starts it in the background (`warm`), so normally no visitor waits.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd
from sqlalchemy import Engine

from tsifra.analyses.forecast import (
    DEFAULT_HORIZON,
    DEFAULT_SAMPLES,
    published_forecast,
    region_forecast,
)
from tsifra.analyses.intervals import UncertainInput, UncertaintyResult, published_intervals
from tsifra.analyses.targets import (
    AT_RISK,
    LIKELY,
    TargetSummary,
    chance_text,
    target_summary,
)
from tsifra.charts.outlook import fan_chart, rank_interval
from tsifra.dashboard.profile import RegionProfile
from tsifra.kernel.language import LABELS, label
from tsifra.kernel.periods import parse_period
from tsifra.kernel.problems import ValidationFailed
from tsifra.methodology import DEFAULT_METHODOLOGY
from tsifra.web.pages.views import number

# Sample paths of the forecast the pages show: the service's default, so that the what-if on a
# later year (whose baseline is that same kept forecast) costs nothing more. The page tests lower
# it: the pages only shape the answer, and the forecast's own tests check its accuracy.
FORECAST_SAMPLES = DEFAULT_SAMPLES


def warm(engine: Engine, methodology: str = DEFAULT_METHODOLOGY) -> None:
    """Compute and keep the latest rating's rank intervals and every region's forecast, as the
    region pages will ask for them. Raises `ValidationFailed` when there is no rating yet."""
    published_intervals(engine, methodology)
    published_forecast(engine, methodology, samples=FORECAST_SAMPLES)


# --- how sure the rank is --------------------------------------------------------------------


def robustness(engine: Engine, profile: RegionProfile, lang: str) -> dict:
    """The rank's 90 % interval as an error bar, in words, and what was varied to get it."""
    try:
        stored = published_intervals(engine, profile.methodology, profile.period)
        row = stored.of(profile.unit)
    except ValidationFailed as failed:
        reason = "; ".join(p.message(lang) for p in failed.problems)
        return {"note": label("robust_unavailable", lang, reason=reason)}
    if not stored.declared:
        return {"note": label("robust_none", lang), "synthetic": stored.synthetic}
    top = stored.analysis.top
    rank, low, high = row["nominal_rank"], row["rank_p05"], row["rank_p95"]
    shown = {"rank": _whole(rank), "n": profile.units_ranked, "low": _whole(low)}
    shown["high"] = _whole(high)
    svg = rank_interval(
        None if pd.isna(rank) else float(rank),
        low,
        high,
        profile.units_ranked,
        median=row["median_rank"],
        top=top,
        labels=(
            label("chart_rank", lang),
            label("chart_rank_interval", lang),
            label("chart_top", lang),  # the chart puts in `top`
        ),
        title=label("chart_rank_title", lang, **shown),
    )
    return {
        "svg": svg,
        "line": label(
            "robust_line_same" if shown["low"] == shown["high"] else "robust_line",
            lang,
            median=_whole(row["median_rank"]),
            share=chance_text(row[f"top{top}_share"]),
            **shown,
        ),
        "varied": label(
            "robust_varied", lang, n=stored.analysis.n, items=varied(stored.analysis, lang)
        ),
        "synthetic": stored.synthetic,
    }


def varied(analysis: UncertaintyResult, lang: str) -> str:
    """What the samples varied, in a reader's words: «веса показателей ±25 %; способ свёртки
    (среднее арифметическое или среднее геометрическое); …», from the analysis's own inputs."""
    return "; ".join(_varied_one(inp, analysis, lang) for inp in analysis.inputs)


def _varied_one(inp: UncertainInput, analysis: UncertaintyResult, lang: str) -> str:
    m = analysis.methodology
    if inp.name.startswith("weights_level_"):
        level = int(inp.name.removeprefix("weights_level_"))
        key = {1: "varied_weights_indicators", m.levels[m.root] - 1: "varied_weights_sectors"}
        noise = f"{inp.noise * 100:g}"
        return label(key.get(level, "varied_weights_level"), lang, level=level, noise=noise)
    if inp.name == "drop_indicator":
        return label("varied_drop_indicator", lang, n=len(inp.options) - 1)
    options = [inp.label(k) for k in range(len(inp.options))]
    words = [label(f"method_{o}", lang) if f"method_{o}" in LABELS else o for o in options]
    joined = f" {label('or', lang)} ".join(words)
    key = f"varied_{inp.name}"
    return label(key, lang, options=joined) if key in LABELS else f"{inp.name} ({joined})"


# --- where the index is heading --------------------------------------------------------------


def outlook(engine: Engine, profile: RegionProfile, names: Mapping[str, str], lang: str) -> dict:
    """The index's fan chart to the horizon and the chance of reaching the targets, by year."""
    try:
        run = region_forecast(engine, profile.unit, profile.methodology, samples=FORECAST_SAMPLES)
    except ValidationFailed as failed:
        reason = "; ".join(p.message(lang) for p in failed.problems)
        return {"note": label("forecast_unavailable", lang, reason=reason)}
    f = run.forecast
    fan = f.fan(profile.unit)
    past, ahead = fan[fan["stage"] == "history"], fan[fan["stage"] == "forecast"]
    bands = ["value", "lower_80", "upper_80", "lower_95", "upper_95"]
    points = [
        (p, *(_float(v) for v in vs)) for p, *vs in ahead[["period", *bands]].itertuples(False)
    ]
    svg = fan_chart(
        [(p, _float(v)) for p, v in zip(past["period"], past["value"], strict=True)],
        points,
        labels=tuple(
            label(k, lang) for k in ("fan_history", "fan_median", "fan_80", "fan_95", "fan_target")
        ),
        title=label("fan_title", lang, first=f.history_periods[0], horizon=f.horizon),
    )
    end = points[-1] if points else (f.horizon, None, None, None, None, None)
    if end[2] is None or end[3] is None:
        note = label("forecast_short", lang, n=len(f.history_periods))
    else:
        note = label(
            "forecast_explained",
            lang,
            first=f.history_periods[0],
            last=f.history_periods[-1],
            horizon=f.horizon,
            samples=f.samples,
            median=number(end[1]),
            low=number(end[2]),
            high=number(end[3]),
        )
    return {
        "title": label("forecast_section", lang, year=str(f.horizon)[:4]),
        "svg": svg,
        "note": note,
        "synthetic": run.synthetic,
        **_target_chances(target_summary(f, profile.unit), names),
    }


def _target_chances(summary: TargetSummary, names: Mapping[str, str]) -> dict:
    """Per year: how many targets are expected to be met, how many are likely, how many at risk
    (`analyses.targets`); and per indicator, riskiest first, for whoever opens the detail."""
    if not summary.counted:  # no spread estimated: nothing to show but the note
        return {"years": [], "summary": [], "indicators": [], "count": 0, "unknown": 0}
    chances = summary.chances
    rows = [
        {
            "indicator": code,
            "name": names.get(code, code),
            "cells": [{"text": chance_text(p), "class": _chance_class(p)} for p in values],
        }
        for code, values in zip(chances.index, chances.to_numpy(), strict=True)
    ]
    return {
        "years": [y.year for y in summary.years],
        "summary": [
            {"expected": number(y.expected), "likely": y.likely, "at_risk": y.at_risk}
            for y in summary.years
        ],
        "indicators": rows,
        "count": len(summary.counted),
        "unknown": len(summary.unknown),
    }


def _chance_class(p: float) -> str:
    if p is None or math.isnan(p):
        return "unknown"
    return "likely" if p >= LIKELY else "maybe" if p >= AT_RISK else "unlikely"


# --- names and numbers -------------------------------------------------------------------------


def indicator_names(profile: RegionProfile, lang: str) -> dict[str, str]:
    return {r["indicator"]: name_of(r, lang) for r in profile.indicators.to_dict("records")}


def sector_names(profile: RegionProfile, lang: str) -> dict[str, str]:
    return {r["sector"]: name_of(r, lang) for r in profile.sectors.to_dict("records")}


def name_of(row: Mapping, lang: str) -> str:
    english = row.get("name_en") if lang == "en" else None
    return english if isinstance(english, str) and english else row["name"]


def years_after(period: str) -> list[int]:
    """The years whose end lies after `period`, up to the forecast's horizon."""
    p = parse_period(period)
    if p is None:
        return []
    ends_year = p.freq == "Y" or p.sub == {"Q": 4, "M": 12}.get(p.freq)
    return list(range(p.year + (1 if ends_year else 0), int(DEFAULT_HORIZON) + 1))


def _whole(value: object) -> str:
    return "—" if value is None or pd.isna(value) else f"{float(value):.0f}"


def _float(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)
