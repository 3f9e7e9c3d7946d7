"""A region's profile — the governor's dashboard in data: index, rank and trend, sectors against
the average and the leader, every indicator against its target, the biggest gains, the tasks.

Everything comes from the stored rating of the period (the same run the public rating shows),
recomputed in memory only to explain it; nothing here writes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd
from sqlalchemy import Engine

from tsifra.accounts.users import Account, can_read_tasks
from tsifra.analyses.explain import explain
from tsifra.kernel.cache import Cache, kept
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.methodology import DEFAULT_METHODOLOGY
from tsifra.ratings.computed import from_run
from tsifra.ratings.published import rating, run_for, unit_history
from tsifra.store.versions import data_version, database_key
from tsifra.tasks.tasks import TaskView, list_tasks
from tsifra.values.revisions import current_values
from tsifra.values.submission import Completeness


@dataclass(frozen=True)
class RegionProfile:
    unit: str
    name_ru: str
    name_en: str | None
    federal_district: str | None
    methodology: str
    period: str
    run_id: int
    synthetic: bool
    score: float | None
    rank: int | None
    units_ranked: int
    trend: pd.DataFrame  # period, score, rank — every stored period
    sectors: pd.DataFrame  # sector, name, name_en, score, average, leader, leader_score
    indicators: pd.DataFrame  # indicator, name, name_en, parent, measure, value, imputed, …
    gains: pd.DataFrame  # the indicators adding most index points at target, best first
    history: pd.DataFrame  # indicator × period values in force (the indicator trends)
    tasks: list[TaskView] | None  # None: the reader may not see this region's tasks
    # How much of the period's expected data is in (None: nothing submitted for it); an
    # incomplete period is shown only when asked for, and the page says so.
    completeness: Completeness | None = None

    @property
    def complete(self) -> bool:
        return self.completeness is not None and self.completeness.complete


def region_profile(
    engine: Engine,
    unit: str,
    methodology: str = DEFAULT_METHODOLOGY,
    period: str | None = None,
    reader: Account | None = None,
    cache: Cache | None = None,
) -> RegionProfile:
    """The profile of `unit` for a period (the latest by default), as `reader` may see it.

    The figures are published, so anyone gets them, kept until the stored data change (see
    `kernel.cache`). The tasks are the region's own business: they are read fresh, and only
    for a reader who may see them (`can_read_tasks`); anyone else gets `tasks=None`.
    """
    key = (database_key(engine), "profile", data_version(engine), unit, methodology, period)
    shown = kept(cache, key, 0, lambda: _profile(engine, unit, methodology, period, cache)).value
    tasks = list_tasks(engine, unit) if can_read_tasks(reader, unit) else None
    return replace(shown, tasks=tasks)


def _profile(
    engine: Engine, unit: str, methodology: str, period: str | None, cache: Cache | None
) -> RegionProfile:
    view = rating(engine, methodology, period, cache=cache)
    table = view.table.set_index("unit")
    if unit not in table.index:
        raise ValidationFailed([Problem("unit_not_in_data", path="unit", value=unit)])
    row = table.loc[unit]
    index = from_run(engine, run_for(engine, methodology, view.period), cache)
    m = index.methodology
    e = explain(index, unit, view.period)
    sectors = pd.DataFrame(
        {
            "sector": view.sectors,
            "name": [m.name_of(s, "ru") for s in view.sectors],
            "name_en": [m.name_of(s, "en") for s in view.sectors],  # Russian where none
            "score": [row[s] for s in view.sectors],
            "average": [table[s].mean() for s in view.sectors],
            "leader": [table[s].idxmax() if table[s].notna().any() else None for s in view.sectors],
            "leader_score": [table[s].max() for s in view.sectors],
        }
    )
    indicators = e.indicators.rename(columns={"normalised": "achievement"})
    indicators["measure"] = [m.indicator(c).unit for c in indicators["indicator"]]
    filled = index.result.imputed_cells(view.period).loc[unit]
    indicators["imputed"] = [bool(filled.get(c, False)) for c in indicators["indicator"]]
    gains = indicators[indicators["gain_to_target"] > 0].nlargest(5, "gain_to_target")
    values = current_values(engine, unit=unit)
    history = values.pivot_table(
        index="indicator", columns="period", values="value", aggfunc="first"
    )
    rank = row["rank"]
    return RegionProfile(
        unit=unit,
        name_ru=row["name_ru"],
        name_en=row["name_en"],
        federal_district=row["federal_district"],
        methodology=methodology,
        period=view.period,
        run_id=view.run_id,
        synthetic=view.synthetic,
        score=None if pd.isna(row["score"]) else float(row["score"]),
        rank=None if pd.isna(rank) else int(rank),
        units_ranked=int(table["rank"].notna().sum()),
        trend=unit_history(engine, methodology, unit, cache),
        sectors=sectors,
        indicators=indicators.reset_index(drop=True),
        gains=gains.reset_index(drop=True),
        history=history,
        tasks=None,
        completeness=view.completeness,
    )
