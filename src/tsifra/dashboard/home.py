"""A region's home screen in data: where the region is, what has slipped, what to do next.

One call answers the questions a governor's office opens the dashboard with, in the order the
page shows them: the index and place with their change on the quarter and on the year; each
direction against its target (`dashboard.status`); the overdue and due-soon поручения; the three
changes worth the most index points, each a what-if ready to run; the state of this quarter's
data; then the trend with the periods where new yearly targets apply, and every indicator grouped
by direction with its status.

Everything but the tasks and today's data state is published and the same for every reader, so
it is kept until the stored data change (`kernel.cache`); the tasks are read fresh, and only for
a reader who may see them. Nothing here writes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import urlencode

import pandas as pd
from sqlalchemy import Engine

from tsifra.accounts.users import Account, can_read_tasks
from tsifra.dashboard.cycle import QuarterData, quarter_data
from tsifra.dashboard.profile import RegionProfile, region_profile
from tsifra.dashboard.status import level, worst
from tsifra.dashboard.work import region_tasks
from tsifra.kernel.cache import Cache, kept
from tsifra.kernel.periods import parse_period
from tsifra.methodology import DEFAULT_METHODOLOGY
from tsifra.store.methodologies import stored_methodology
from tsifra.store.versions import data_version, database_key
from tsifra.tasks.tasks import TaskView

ACTIONS = 3  # the changes worth the most index points shown at the top
SHOWN_TASKS = 4  # open tasks listed on the home screen (the count says how many there are)


@dataclass(frozen=True)
class Change:
    """The index and the place against an earlier period; None where it was not rated."""

    against: str | None
    score: float | None  # index points, + is better
    rank: int | None  # places, + is better (moved up)


@dataclass(frozen=True)
class Direction:
    code: str
    name: str
    name_en: str
    score: float | None
    target: float | None  # the score with every indicator at its target
    level: str  # dashboard.status: green, amber, red, none
    indicators: tuple[dict, ...]  # the direction's indicator rows (see `_indicator_rows`)


@dataclass(frozen=True)
class Action:
    """Bring one indicator to its target: what it is worth and the what-if that shows it."""

    indicator: str
    name: str
    name_en: str
    value: float | None
    target: float | None
    gain: float  # index points
    whatif: str  # the what-if page's address, pre-filled with this change


@dataclass(frozen=True)
class HomeTasks:
    overdue: tuple[TaskView, ...]
    due_soon: tuple[TaskView, ...]
    next: tuple[TaskView, ...]  # the open tasks to show first: overdue, then by deadline
    open: int  # neither accepted nor cancelled
    total: int


@dataclass(frozen=True)
class RegionHome:
    profile: RegionProfile
    on_quarter: Change
    on_year: Change
    directions: tuple[Direction, ...]
    actions: tuple[Action, ...]
    new_targets: tuple[str, ...]  # trend periods from which a new year's targets apply (each Q1)
    trend: pd.DataFrame  # period, score, rank up to the shown period
    # the quarter being collected; None, like tasks, for a reader who may not see this region's
    # submission (it is the region's working state, not a published figure)
    data: QuarterData | None
    tasks: HomeTasks | None  # None: the reader may not see this region's tasks
    version: tuple = ()  # the stored data's version it was built from (`store.versions`)

    @property
    def level(self) -> str:
        """The worst direction's level: the region's status in one word."""
        return worst([d.level for d in self.directions])


def region_home(
    engine: Engine,
    unit: str,
    methodology: str = DEFAULT_METHODOLOGY,
    period: str | None = None,
    reader: Account | None = None,
    today: date | None = None,
    cache: Cache | None = None,
) -> RegionHome:
    """The home screen of `unit` for a period (the latest by default), as `reader` may see it.

    A unit without a rating is a problem (`ValidationFailed`, path `unit`), as for the profile.
    """
    today = today or date.today()
    version = data_version(engine)
    key = (database_key(engine), "home", version, unit, methodology, period)
    shown = kept(cache, key, 0, lambda: _home(engine, unit, methodology, period, cache)).value
    allowed = can_read_tasks(reader, unit)
    data = quarter_data(engine, [unit], methodology, today, cache)[unit] if allowed else None
    tasks = _tasks(engine, reader, unit, today) if allowed else None
    return replace(shown, data=data, tasks=tasks, version=version)


def _tasks(engine: Engine, reader: Account | None, unit: str, today: date) -> HomeTasks:
    summary, open_tasks = region_tasks(engine, reader, unit, today)
    return HomeTasks(
        overdue=tuple(summary.overdue),
        due_soon=tuple(summary.due_soon),
        next=tuple(open_tasks[:SHOWN_TASKS]),
        open=summary.counts.open,
        total=summary.counts.total,
    )


def _home(
    engine: Engine, unit: str, methodology: str, period: str | None, cache: Cache | None
) -> RegionHome:
    profile = region_profile(engine, unit, methodology, period, cache=cache)
    m = stored_methodology(engine, methodology).methodology
    trend = _trend_until(profile.trend, profile.period)
    full = m.scale.max if m.steps.normalise.method == "target_achievement" else None
    rows = _indicator_rows(profile, {c: m.indicator(c).direction for c in m.indicator_codes})
    directions = tuple(
        Direction(
            code=s["sector"],
            name=s["name"],
            name_en=s["name_en"],
            score=_number(s["score"]),
            target=full,
            level=level(_number(s["score"]), full),
            indicators=tuple(r for r in rows if r["parent"] == s["sector"]),
        )
        for s in profile.sectors.to_dict("records")
    )
    return RegionHome(
        profile=replace(profile, tasks=None),
        on_quarter=_change(trend, _earlier(profile.period, 1)),
        on_year=_change(trend, _earlier(profile.period, _per_year(profile.period))),
        directions=directions,
        actions=_actions(profile),
        new_targets=tuple(p for p in trend["period"] if _new_targets_from(p)),
        trend=trend,
        data=QuarterData(None, None, (), (), (), ()),
        tasks=None,
    )


def _trend_until(trend: pd.DataFrame, period: str) -> pd.DataFrame:
    periods = list(trend["period"])
    end = periods.index(period) + 1 if period in periods else len(periods)
    return trend.iloc[:end].reset_index(drop=True)


def _per_year(period: str) -> int:
    p = parse_period(period)
    return {"Q": 4, "M": 12}.get(p.freq, 1) if p else 1


def _earlier(period: str, steps: int) -> str | None:
    """The period `steps` before `period` in its own frequency (a year back: 4 quarters)."""
    p = parse_period(period)
    if p is None:
        return None
    per = {"Q": 4, "M": 12}.get(p.freq, 1)
    k = p.year * per + max(p.sub - 1, 0) - steps
    year, sub = divmod(k, per)
    return type(p)(year, sub + 1 if p.freq != "Y" else 0, p.freq).label


def _new_targets_from(period: str) -> bool:
    """Whether a new year's targets apply from this period: each year's first quarter (or
    month). The index falls there by design, since the bar has moved, not the region."""
    p = parse_period(period)
    return p is not None and p.freq in ("Q", "M") and p.sub == 1


def _change(trend: pd.DataFrame, against: str | None) -> Change:
    rows = trend.set_index("period")
    if against is None or against not in rows.index or len(rows) == 0:
        return Change(against, None, None)
    now, then = rows.iloc[-1], rows.loc[against]
    score = None
    if pd.notna(now["score"]) and pd.notna(then["score"]):
        score = float(now["score"]) - float(then["score"])
    rank = None
    if pd.notna(now["rank"]) and pd.notna(then["rank"]):
        rank = int(then["rank"]) - int(now["rank"])
    return Change(against, score, rank)


def _actions(profile: RegionProfile) -> tuple[Action, ...]:
    """The indicators whose target is worth the most index points (`explain`'s gain at target,
    what-if's own figure), each linked to the what-if page with that change filled in."""
    return tuple(
        Action(
            indicator=r["indicator"],
            name=r["name"],
            name_en=r["name_en"],
            value=_number(r["value"]),
            target=_number(r["target"]),
            gain=float(r["gain_to_target"]),
            whatif=f"/regions/{profile.unit}/whatif?"
            + urlencode({"indicator1": r["indicator"], "target1": "on", "period": profile.period}),
        )
        for r in profile.gains.head(ACTIONS).to_dict("records")
    )


def _indicator_rows(profile: RegionProfile, directions: dict[str, int]) -> list[dict]:
    """Every indicator with its status against its target; `imputed` where the engine filled
    the value (it was not reported for the period), as the profile and its workbook say."""
    rows = []
    for r in profile.indicators.to_dict("records"):
        value, target = _number(r["value"]), _number(r["target"])
        rows.append(
            {
                "indicator": r["indicator"],
                "name": r["name"],
                "name_en": r["name_en"],
                "parent": r["parent"],
                "measure": r["measure"],
                "value": value,
                "target": target,
                "achievement": _number(r["achievement"]),
                "gain": _number(r["gain_to_target"]),
                "level": level(value, target, directions.get(r["indicator"], 1)),
                "imputed": bool(r.get("imputed", False)),
            }
        )
    return rows


def _number(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)
