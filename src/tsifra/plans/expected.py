"""The index and place a region can expect in the target year with its plan: what-if's answer.

The plan's chosen values are one change set, replayed by `analyses.whatif.published_whatif` on
the published rating's forecast for the target year (its last quarter), so the figure on the
plan's page is exactly what the what-if form gives for the same values. Where two chosen
practices aim at one indicator, the better of their expected values (by the indicator's
direction) stands: one indicator has one value.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import Engine

from tsifra.analyses.whatif import published_whatif
from tsifra.kernel.cache import Cache

SCENARIO = "plan"


@dataclass(frozen=True)
class Expected:
    period: str  # the period replayed: the target year's last quarter
    projected: bool  # from the forecast (the target year lies after the latest rating)
    index_before: float | None  # without the plan (the forecast itself)
    index_after: float | None  # with the plan
    rank_before: int | None
    rank_after: int | None
    units_ranked: int
    changes: dict[str, float]


def plan_changes(
    items: Iterable[tuple[str, float]], directions: Mapping[str, int]
) -> dict[str, float]:
    """One value per indicator from the chosen items (indicator, expected value): the best."""
    out: dict[str, float] = {}
    for indicator, value in items:
        sign = directions.get(indicator, 1)
        if indicator not in out or sign * (value - out[indicator]) > 0:
            out[indicator] = float(value)
    return out


def expected_index(
    engine: Engine,
    region: str,
    target_year: int,
    changes: Mapping[str, float],
    *,
    methodology: str,
    lang: str,
    cache: Cache | None = None,
) -> Expected:
    """What-if of `changes` for `region` in `target_year` on the published rating."""
    answer = published_whatif(
        engine,
        region,
        {SCENARIO: dict(changes)},
        methodology,
        str(target_year),
        lang=lang,
        cache=cache,
    )
    w = answer.outcomes[0]
    return Expected(
        period=w.period,
        projected=w.projected,
        index_before=w.index_before,
        index_after=w.index_after,
        rank_before=w.rank_before,
        rank_after=w.rank_after,
        units_ranked=w.units_ranked,
        changes=dict(changes),
    )
