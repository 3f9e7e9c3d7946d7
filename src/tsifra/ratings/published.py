"""Reading stored ratings: the table of all regions for a period, as the dashboard shows it.

The rating of a period is the newest stored run that holds that period's scores; its change is
measured against the newest run holding the period before. Nothing is computed here: what the
public sees is exactly what was stored, and carries that run's number.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, select

from tsifra.kernel.cache import Cache, kept
from tsifra.kernel.periods import sort_periods
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.ratings.compute import normalise_period
from tsifra.store import ResultRun, ResultScore, StoredMethodology, Unit, require_current
from tsifra.store.methodologies import stored_methodology
from tsifra.store.versions import data_version, database_key
from tsifra.values.submission import Completeness, period_completeness


@dataclass(frozen=True)
class RatingView:
    methodology: str
    period: str
    periods: list[str]  # every period with a stored rating, oldest first
    run_id: int
    synthetic: bool
    sectors: list[str]  # the root's children, in methodology order
    table: pd.DataFrame  # unit, name_ru, name_en, federal_district, score, rank, rank_change, …
    # How much of the period's expected data is in; an incomplete period is rated only when
    # asked for by name, and the pages say so with the share present.
    completeness: Completeness | None = None
    incomplete: tuple[str, ...] = ()  # the rated periods whose data are not complete

    @property
    def complete(self) -> bool:
        return self.completeness is not None and self.completeness.complete


def rating_periods(engine: Engine, methodology: str) -> list[str]:
    require_current(engine)
    with engine.connect() as connection:
        rows = connection.execute(
            select(ResultScore.period)
            .join(ResultRun, ResultRun.id == ResultScore.run_id)
            .join(StoredMethodology, StoredMethodology.id == ResultRun.methodology_id)
            .where(StoredMethodology.code == methodology)
            .distinct()
        ).scalars()
        return sort_periods(list(rows))


def rating(
    engine: Engine,
    methodology: str = "ru-digital-maturity",
    period: str | None = None,
    district: str | None = None,
    cache: Cache | None = None,
) -> RatingView:
    """All units' index, rank, change and sector scores for a period (the latest by default).

    `cache` keeps it until a new run is stored (the table is the same until then): the last run
    is part of the key, so a new rating is never served late. Callers must not modify the table.
    """
    key = (database_key(engine), "rating", data_version(engine)[0], methodology, period, district)
    return kept(cache, key, 0, lambda: _rating(engine, methodology, period, district, cache)).value


def rated_period(
    engine: Engine, methodology: str, period: str | None = None, cache: Cache | None = None
) -> str:
    """The rated period asked for, as users type it, or by default the newest complete one
    (`values.submission`: a quarter a few regions have reported is not what the rating shows
    first); the newest rated period when none is complete. A methodology without a rating, or a
    period without one, is a problem."""
    periods = rating_periods(engine, methodology)
    if not periods:
        raise ValidationFailed([Problem("no_ratings", value=methodology)])
    period = normalise_period(period)
    if period is None:
        complete = complete_periods(engine, methodology, periods, cache)
        return complete[-1] if complete else periods[-1]
    if period not in periods:
        raise ValidationFailed([Problem("unknown_period", path="period", value=period)])
    return period


def complete_periods(
    engine: Engine, methodology: str, periods: list[str], cache: Cache | None = None
) -> list[str]:
    """The periods of `periods` whose data are complete under the methodology's data cycle, in
    the same order: the only ones a history draws as facts."""
    shares = period_completeness(engine, methodology, cache)
    return [p for p in periods if p in shares and shares[p].complete]


def _rating(
    engine: Engine,
    methodology: str,
    period: str | None,
    district: str | None,
    cache: Cache | None = None,
) -> RatingView:
    period = rated_period(engine, methodology, period, cache)
    periods = rating_periods(engine, methodology)
    m = stored_methodology(engine, methodology).methodology
    sectors = list(m.children.get(m.root, []))
    run_id, synthetic, scores = _scores(engine, methodology, period)
    table = scores.pivot_table(index="unit", columns="node", values="score", aggfunc="first")
    ranks = scores[scores["node"] == m.root].set_index("unit")["rank"]
    out = pd.DataFrame({"score": table.get(m.root), "rank": ranks})
    position = periods.index(period)
    if position > 0:
        _, _, before = _scores(engine, methodology, periods[position - 1])
        prev = before[before["node"] == m.root].set_index("unit")
        out["score_change"] = out["score"] - prev["score"].reindex(out.index)
        out["rank_change"] = prev["rank"].reindex(out.index) - out["rank"]
    else:
        out["score_change"] = float("nan")
        out["rank_change"] = float("nan")
    for sector in sectors:
        out[sector] = table.get(sector)
    units = _units(engine)
    out = units.join(out, how="inner")
    if district:
        out = out[out["federal_district"] == district]
    out = out.reset_index().sort_values(["rank", "unit"], na_position="last")
    return RatingView(
        methodology,
        period,
        periods,
        run_id,
        synthetic,
        sectors,
        out.reset_index(drop=True),
        period_completeness(engine, methodology, cache).get(period),
        tuple(p for p in periods if p not in complete_periods(engine, methodology, periods, cache)),
    )


def _scores(engine: Engine, methodology: str, period: str) -> tuple[int, bool, pd.DataFrame]:
    with engine.connect() as connection:
        run = connection.execute(
            select(ResultRun.id, ResultRun.synthetic)
            .join(ResultScore, ResultScore.run_id == ResultRun.id)
            .join(StoredMethodology, StoredMethodology.id == ResultRun.methodology_id)
            .where(StoredMethodology.code == methodology, ResultScore.period == period)
            .order_by(ResultRun.id.desc())
            .limit(1)
        ).one()
        rows = connection.execute(
            select(ResultScore.unit, ResultScore.node, ResultScore.score, ResultScore.rank).where(
                ResultScore.run_id == run.id, ResultScore.period == period
            )
        ).all()
    frame = pd.DataFrame.from_records(rows, columns=["unit", "node", "score", "rank"])
    frame["score"] = frame["score"].astype(float)
    return run.id, bool(run.synthetic), frame


def _units(engine: Engine) -> pd.DataFrame:
    with engine.connect() as connection:
        rows = connection.execute(
            select(Unit.code, Unit.name_ru, Unit.name_en, Unit.federal_district)
        ).all()
    frame = pd.DataFrame.from_records(
        rows, columns=["unit", "name_ru", "name_en", "federal_district"]
    )
    return frame.set_index("unit")


__all__ = ["RatingView", "complete_periods", "rated_period", "rating", "rating_periods"]


def unit_history(
    engine: Engine, methodology: str, unit: str, cache: Cache | None = None
) -> pd.DataFrame:
    """A unit's index and rank in every stored period whose data are complete (each from that
    period's newest run). An incomplete period is left out: most of its values were carried
    forward by imputation, and a history must show only what was reported."""
    m = stored_methodology(engine, methodology).methodology
    with engine.connect() as connection:
        rows = connection.execute(
            select(ResultScore.period, ResultScore.run_id, ResultScore.score, ResultScore.rank)
            .join(ResultRun, ResultRun.id == ResultScore.run_id)
            .join(StoredMethodology, StoredMethodology.id == ResultRun.methodology_id)
            .where(
                StoredMethodology.code == methodology,
                ResultScore.unit == unit,
                ResultScore.node == m.root,
            )
        ).all()
    frame = pd.DataFrame.from_records(rows, columns=["period", "run_id", "score", "rank"])
    frame = frame.sort_values("run_id").drop_duplicates("period", keep="last")
    complete = complete_periods(engine, methodology, sort_periods(list(frame["period"])), cache)
    order = {p: i for i, p in enumerate(complete)}
    frame = frame[frame["period"].isin(order)]
    frame = frame.assign(order=frame["period"].map(order)).sort_values("order")
    return frame.drop(columns=["order"]).reset_index(drop=True)


def run_for(engine: Engine, methodology: str, period: str) -> int:
    """The newest stored run holding `period`'s scores (the one the rating shows)."""
    return _scores(engine, methodology, period)[0]
