"""One indicator across regions: its definition, and the value in force for each region with the
source, batch and revision it came from — so a reader can trace any figure back to its file.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, select

from tsifra.kernel.cache import Cache
from tsifra.kernel.periods import sort_periods
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.methodology import DEFAULT_METHODOLOGY
from tsifra.methodology.schema import Indicator
from tsifra.store import Batch, Unit
from tsifra.store.methodologies import stored_methodology
from tsifra.values.revisions import effective_values, latest_claims
from tsifra.values.submission import period_completeness


@dataclass(frozen=True)
class IndicatorView:
    indicator: Indicator
    methodology: str
    period: str | None  # the latest period with values, or the one asked for
    periods: list[str]
    target: float | None  # the target of the period's year
    synthetic: bool
    table: pd.DataFrame  # unit, name_ru, name_en, value, source, revision, batch_id, file_name
    history: pd.DataFrame  # unit × period: the values in force over time (the trends)


def indicator_across_regions(
    engine: Engine,
    code: str,
    methodology: str = DEFAULT_METHODOLOGY,
    period: str | None = None,
    cache: Cache | None = None,
) -> IndicatorView:
    """The values in force of `code` in every region for `period` (by default the newest period
    whose data are complete, as the rating's: a quarter three regions have reported is not
    what the page opens on).

    A value sources disagree on and no one has resolved is left out, as it is from the rating.
    """
    m = stored_methodology(engine, methodology).methodology
    if code not in m.indicator_codes:
        raise ValidationFailed([Problem("unknown_indicator", path="indicator", value=code)])
    values = effective_values(engine, indicators=[code])
    periods = sort_periods(list(values.frame["period"].unique()))
    shares = period_completeness(engine, methodology, cache)
    complete = [p for p in periods if p in shares and shares[p].complete]
    period = period or (complete or periods or [None])[-1]
    frame = values.frame[values.frame["period"] == period]
    with engine.connect() as connection:
        claims = latest_claims(connection, indicators=[code], periods=[period] if period else [])
        batches = connection.execute(select(Batch.id, Batch.file_name, Batch.synthetic)).all()
        units = connection.execute(select(Unit.code, Unit.name_ru, Unit.name_en)).all()
    batch = pd.DataFrame.from_records(batches, columns=["batch_id", "file_name", "synthetic"])
    names = pd.DataFrame.from_records(units, columns=["unit", "name_ru", "name_en"])
    if claims.empty:
        claims = pd.DataFrame(columns=["unit", "period", "source", "revision", "batch_id"])
    table = (
        frame.merge(
            claims[["unit", "period", "source", "revision", "batch_id"]],
            on=["unit", "period", "source"],
            how="left",
        )
        .merge(batch, on="batch_id", how="left")
        .merge(names, on="unit", how="left")
        .sort_values("value", ascending=m.indicator(code).direction < 0)
        .reset_index(drop=True)
    )
    indicator = m.indicator(code)
    year = int(period[:4]) if period and period[:4].isdigit() else None
    target = (indicator.targets or {}).get(year) if year is not None else None
    synthetic = bool(table["synthetic"].fillna(False).astype(bool).any()) if len(table) else False
    history = (
        values.frame.pivot_table(index="unit", columns="period", values="value", aggfunc="first")
        if len(values.frame)
        else pd.DataFrame()
    ).reindex(columns=periods)
    return IndicatorView(indicator, methodology, period, periods, target, synthetic, table, history)
