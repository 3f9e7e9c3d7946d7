"""The region page's analyses as words and charts: how sure the rank is, where the index is heading.

The services compute (`analyses.intervals`, `analyses.forecast`, `analyses.targets`); this
module only shapes their answers for the templates, in the page's language, as `views` does for
the profile.

The first forecast of a rating forecasts every region at once and takes seconds; the services
keep it in the app's cache (`kernel.cache.Cache`: a second caller waits for the first's answer,
and after a new rating the previous forecast is shown, marked, while the new one is computed),
and `tsifra serve` starts it in the background (`warm`), so no visitor waits for it.
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
    target_summary,
)
from tsifra.charts.outlook import fan_chart, rank_interval
from tsifra.dashboard.profile import RegionProfile
from tsifra.kernel.cache import Cache
from tsifra.kernel.formatting import chance, number, significant, whole
from tsifra.kernel.formatting import period as period_name
from tsifra.kernel.language import word, word_key
from tsifra.kernel.periods import parse_period
from tsifra.kernel.problems import ValidationFailed
from tsifra.methodology import DEFAULT_METHODOLOGY
from tsifra.ratings.computed import from_run
from tsifra.values.conflicts import open_conflicts_of

METHOD_KEYS = {
    "arithmetic": word_key("method_arithmetic"),
    "geometric": word_key("method_geometric"),
    "harmonic": word_key("method_harmonic"),
}
VARIED_KEYS = {
    "aggregation": word_key("varied_aggregation"),
    "normalisation": word_key("varied_normalisation"),
    "imputation": word_key("varied_imputation"),
    "winsorisation": word_key("varied_winsorisation"),
}
# Sample paths of the forecast the pages show: the service's default, so that the what-if on a
# later year (whose baseline is that same kept forecast) costs nothing more. The page tests lower
# it: the pages only shape the answer, and the forecast's own tests check its accuracy.
FORECAST_SAMPLES = DEFAULT_SAMPLES


def warm(engine: Engine, cache: Cache, methodology: str = DEFAULT_METHODOLOGY) -> None:
    """Compute and keep in the app's `cache` the latest rating's rank intervals and every
    region's forecast, as the region pages will ask for them. Raises `ValidationFailed` when
    there is no rating yet."""
    published_intervals(engine, methodology, cache=cache)
    published_forecast(engine, methodology, samples=FORECAST_SAMPLES, cache=cache)


# --- how sure the rank is --------------------------------------------------------------------


def robustness(
    engine: Engine, profile: RegionProfile, lang: str, cache: Cache | None = None
) -> dict:
    """The rank's 90 % interval as an error bar, in words, and what was varied to get it."""
    try:
        stored = published_intervals(engine, profile.methodology, profile.period, cache=cache)
        row = stored.of(profile.unit)
    except ValidationFailed as failed:
        reason = "; ".join(p.message(lang) for p in failed.problems)
        return {"note": word("robust_unavailable", lang, reason=reason)}
    if not stored.declared:
        return {"note": word("robust_none", lang), "synthetic": stored.synthetic}
    top = stored.analysis.top
    rank, low, high = row["nominal_rank"], row["rank_p05"], row["rank_p95"]
    shown = {"rank": whole(rank, lang), "n": profile.units_ranked, "low": whole(low, lang)}
    shown["high"] = whole(high, lang)
    drawn = dict(
        nominal=None if pd.isna(rank) else float(rank),
        low=low,
        high=high,
        units=profile.units_ranked,
        median=row["median_rank"],
        top=top,
        title=word("chart_rank_title", lang, **shown),
        lang=lang,
    )
    same = shown["low"] == shown["high"]
    return {
        "svg": rank_interval(**drawn),
        "svg_narrow": rank_interval(**drawn, narrow=True),  # a phone's: the page shows one
        "line": word(
            word_key("robust_line_same") if same else word_key("robust_line"),
            lang,
            median=whole(row["median_rank"], lang),
            share=chance(row[f"top{top}_share"], lang),
            **shown,
        ),
        "varied": word(
            "robust_varied", lang, n=stored.analysis.n, items=varied(stored.analysis, lang)
        ),
        "synthetic": stored.synthetic,
        "recomputing": stored.recomputing,
    }


def varied(analysis: UncertaintyResult, lang: str) -> str:
    """What the samples varied, in a reader's words: «веса показателей ±25 %; способ свёртки
    (среднее арифметическое или среднее геометрическое); …», from the analysis's own inputs."""
    return "; ".join(_varied_one(inp, analysis, lang) for inp in analysis.inputs)


def _varied_one(inp: UncertainInput, analysis: UncertaintyResult, lang: str) -> str:
    m = analysis.methodology
    if inp.name.startswith("weights_level_"):
        level = int(inp.name.removeprefix("weights_level_"))
        key = {
            1: word_key("varied_weights_indicators"),
            m.levels[m.root] - 1: word_key("varied_weights_sectors"),
        }.get(level, word_key("varied_weights_level"))
        noise = inp.noise * 100  # written by the catalogue: 12,5 in Russian
        return word(key, lang, level=level, noise=noise)
    if inp.name == "drop_indicator":
        return word("varied_drop_indicator", lang, n=len(inp.options) - 1)
    options = [inp.label(k) for k in range(len(inp.options))]
    words = [word(METHOD_KEYS[o], lang) if o in METHOD_KEYS else o for o in options]
    joined = f" {word('or', lang)} ".join(words)
    key = VARIED_KEYS.get(inp.name)
    return word(key, lang, options=joined) if key else f"{inp.name} ({joined})"


# --- what the computation left out ------------------------------------------------------------


def left_out(
    engine: Engine,
    profile: RegionProfile,
    names: Mapping[str, str],
    lang: str,
    cache: Cache | None = None,
) -> dict:
    """The region's values the rating's analyses did without (sources disagree, nobody has
    chosen), in words; and how many of its values are in open dispute now. `lines` name each
    source's claim and are for those who may settle disputes; `public` say only what and why."""
    index = from_run(engine, profile.run_id, cache)
    open_now = open_conflicts_of(engine, profile.unit, cache)
    still_open = set(zip(open_now["period"], open_now["indicator"], strict=True))
    lines, public = [], []
    for item in index.left_out_of(profile.unit):
        claims = "; ".join(f"{s} = {significant(v, lang)}" for s, v in item.claims)
        shown = {"indicator": names.get(item.indicator, item.indicator)}
        shown["period"] = period_name(item.period, lang)
        # Settled since the rating: the rating keeps its figures; the next one takes the value.
        after = (
            "" if (item.period, item.indicator) in still_open else word("left_out_settled", lang)
        )
        lines.append(word("left_out_line", lang, claims=claims, **shown) + after)
        public.append(
            word("left_out_line", lang, claims=word("left_out_claims", lang), **shown) + after
        )
    keys = len(still_open)
    return {"lines": lines, "public": public, "open": keys, "unit": profile.unit}


# --- where the index is heading --------------------------------------------------------------


def outlook(
    engine: Engine,
    profile: RegionProfile,
    names: Mapping[str, str],
    lang: str,
    cache: Cache | None = None,
) -> dict:
    """The index's fan chart to the horizon and the chance of reaching the targets, by year."""
    try:
        run = region_forecast(
            engine, profile.unit, profile.methodology, samples=FORECAST_SAMPLES, cache=cache
        )
    except ValidationFailed as failed:
        reason = "; ".join(p.message(lang) for p in failed.problems)
        return {"note": word("forecast_unavailable", lang, reason=reason)}
    f = run.forecast
    fan = f.fan(profile.unit)
    past, ahead = fan[fan["stage"] == "history"], fan[fan["stage"] == "forecast"]
    bands = ["value", "lower_80", "upper_80", "lower_95", "upper_95"]
    points = [
        (p, *(_float(v) for v in vs)) for p, *vs in ahead[["period", *bands]].itertuples(False)
    ]
    drawn = dict(
        history=[(p, _float(v)) for p, v in zip(past["period"], past["value"], strict=True)],
        forecast=points,
        title=word("fan_title", lang, first=f.history_periods[0], horizon=f.horizon),
        lang=lang,
    )
    end = points[-1] if points else (f.horizon, None, None, None, None, None)
    if end[2] is None or end[3] is None:
        note = word("forecast_short", lang, n=len(f.history_periods))
    else:
        note = word(
            "forecast_explained",
            lang,
            first=f.history_periods[0],
            last=f.history_periods[-1],
            horizon=f.horizon,
            samples=f.samples,
            median=number(end[1], lang, 1),
            low=number(end[2], lang, 1),
            high=number(end[3], lang, 1),
        )
    return {
        "title": word("forecast_section", lang, year=str(f.horizon)[:4]),
        "svg": fan_chart(**drawn),
        "svg_narrow": fan_chart(**drawn, narrow=True),  # a phone's: the page shows one
        "note": note,
        "synthetic": run.synthetic,
        "recomputing": run.recomputing,
        **_target_chances(target_summary(f, profile.unit), names, lang),
    }


def _target_chances(summary: TargetSummary, names: Mapping[str, str], lang: str) -> dict:
    """Per year: how many targets are expected to be met, how many are likely, how many at risk
    (`analyses.targets`); and per indicator, riskiest first, for whoever opens the detail."""
    if not summary.counted:  # no spread estimated: nothing to show but the note
        return {"years": [], "summary": [], "indicators": [], "count": 0, "unknown": 0}
    chances = summary.chances
    rows = [
        {
            "indicator": code,
            "name": names.get(code, code),
            "cells": [{"text": chance(p, lang), "class": _chance_class(p)} for p in values],
        }
        for code, values in zip(chances.index, chances.to_numpy(), strict=True)
    ]
    return {
        "years": [y.year for y in summary.years],
        "summary": [
            {"expected": number(y.expected, lang, 1), "likely": y.likely, "at_risk": y.at_risk}
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


def _float(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)
