"""The region's what-if form: what was asked, the choices it offers, and the answer as rows.

A GET form (`/regions/{code}/whatif?indicator1=…&value1=…&target1=on&period=2026`): it writes
nothing, so an answer can be bookmarked, and it needs no CSRF token. `analyses.changes` reads
the change set (the same rules as the command line and the API) and `analyses.whatif` computes;
this module shapes the form and the answer for `region_whatif.html`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Engine

from tsifra.analyses.changes import plan_from_rows
from tsifra.analyses.whatif import WhatIfAnswer, published_whatif
from tsifra.dashboard.profile import RegionProfile
from tsifra.kernel.cache import Cache
from tsifra.kernel.formatting import number, period, signed
from tsifra.kernel.language import word
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.web.pages.region_analyses import (
    name_of,
    sector_names,
    years_after,
)

ROWS = 3  # indicators one what-if may change: a planner compares a few projects at a time


@dataclass(frozen=True)
class WhatIfAsked:
    """The form as submitted: up to `ROWS` (indicator, value, to target) rows and when."""

    rows: tuple[tuple[str, str, bool], ...]
    period: str

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> WhatIfAsked:
        rows = tuple(
            (
                query.get(f"indicator{k}", "").strip()[:64],
                query.get(f"value{k}", "").strip()[:64],
                query.get(f"target{k}", "") != "",
            )
            for k in range(1, ROWS + 1)
        )
        return cls(rows, query.get("period", "").strip()[:16])

    @property
    def empty(self) -> bool:
        return not any(code for code, _, _ in self.rows)

    def plan(self) -> dict[str, dict[str, str]]:
        """The change set as one scenario, read by `analyses.changes` (a row without a value,
        an indicator given twice are problems there, located by the indicator's code)."""
        return plan_from_rows(self.rows)


def form(profile: RegionProfile, asked: WhatIfAsked, lang: str) -> dict:
    """The form's choices (indicators by sector, with today's value and target; the periods) and
    what was asked, to fill it in again."""
    groups = []
    indicators = profile.indicators
    for sector, sector_name in sector_names(profile, lang).items():
        mine = indicators[indicators["parent"] == sector]
        options = [
            (
                r["indicator"],
                word(
                    "whatif_option",
                    lang,
                    name=name_of(r, lang),
                    value=number(r["value"], lang),
                    target=number(r["target"], lang),
                ),
            )
            for r in mine.to_dict("records")
        ]
        if options:
            groups.append((sector_name, options))
    latest = profile.trend["period"].iloc[-1] if len(profile.trend) else profile.period
    periods = [(latest, word("whatif_period_now", lang, period=latest))]
    if profile.period != latest:
        periods.insert(0, (profile.period, period(profile.period, lang)))
    periods += [(str(y), word("whatif_period_year", lang, year=y)) for y in years_after(latest)]
    if asked.period and asked.period not in {value for value, _ in periods}:
        periods.insert(0, (asked.period, asked.period))  # as asked (an earlier rating, a typo)
    rows = [{"indicator": c, "value": v, "target": t} for c, v, t in asked.rows]
    return {
        "groups": groups,
        "periods": periods,
        "period": asked.period or profile.period,
        "rows": rows,
        "action": f"/regions/{profile.unit}/whatif",
    }


def answer(
    engine: Engine,
    profile: RegionProfile,
    asked: WhatIfAsked,
    lang: str,
    cache: Cache | None = None,
) -> tuple[dict | None, list[Problem]]:
    """The recomputed index, rank and sectors before → after, or the problems with the form."""
    try:
        stored = published_whatif(
            engine,
            profile.unit,
            asked.plan(),
            profile.methodology,
            asked.period or None,
            lang=lang,
            cache=cache,
        )
    except ValidationFailed as failed:
        return None, failed.problems
    return _outcome_rows(stored, lang), []


def _outcome_rows(stored: WhatIfAnswer, lang: str) -> dict:
    w = stored.outcomes[0]
    nodes = [w.index, *w.sectors]
    return {
        "period": w.period,
        "projected": w.projected,
        "rank": word(
            "whatif_rank_line",
            lang,
            before=w.rank_before or "—",
            after=w.rank_after or "—",
            n=w.units_ranked,
        ),
        "rank_gain": w.rank_change or 0,
        "nodes": [
            {
                "code": n.node,
                "name": n.name,
                "index": n is w.index,
                "before": number(n.before, lang),
                "after": number(n.after, lang),
                "change": signed(n.change, lang),
                "up": (n.change or 0) > 1e-9,
                "rank": f"{n.rank_before or '—'} → {n.rank_after or '—'}",
            }
            for n in nodes
        ],
        "indicators": [
            {
                "name": i.name,
                "before": number(i.before, lang) + ("*" if i.imputed else ""),
                "after": number(i.after, lang),
                "target": number(i.target, lang),
            }
            for i in w.indicators
        ],
        "imputed": any(i.imputed for i in w.indicators),
        "synthetic": stored.synthetic,
    }


VALUE_PROBLEMS = frozenset({"not_numeric", "out_of_range", "empty_value"})


def invalid_fields(problems: list[Problem]) -> dict[str, set[str]]:
    """Which rows' value field and which rows' indicator to mark, by indicator code: a problem's
    path is the code its row changes."""
    marked: dict[str, set[str]] = {"value": set(), "indicator": set()}
    for problem in problems:
        marked["value" if problem.code in VALUE_PROBLEMS else "indicator"].add(problem.path)
    return marked
