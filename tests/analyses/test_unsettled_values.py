"""What is not settled in one region never takes an analysis away from another: a region that
sent nothing for the last quarter, one that never sent an indicator, and one whose value two
sources dispute. Each analysis of the stored rating (forecast, rank intervals, what-if) still
answers for every region, the gaps filled as the methodology says."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import Engine

from builders import RatedDatabase
from tsifra.analyses.forecast import published_forecast
from tsifra.analyses.intervals import published_intervals
from tsifra.analyses.whatif import published_whatif
from tsifra.ratings.computed import from_published
from tsifra.ratings.stored import compute_from_store
from tsifra.values.ingest import ingest_frame
from tsifra.values.revisions import effective_values

M = "ru-digital-maturity"
SILENT = "RU-KL"  # sent nothing for 2025Q4
PARTIAL = "RU-CHU"  # never sent gov_pos_on_time
DISPUTED = ("RU-AL", "2025Q4", "health_emr")
EVERYONE = ("RU-TA", "RU-MOW", SILENT, PARTIAL, DISPUTED[0])


@dataclass(frozen=True)
class WithGaps(RatedDatabase):
    """Four quarters, the last two rated, with two regions' gaps."""

    def panel(self) -> pd.DataFrame:
        panel = super().panel()
        silent = (panel["unit"] == SILENT) & (panel["period"] == "2025Q4")
        partial = (panel["unit"] == PARTIAL) & (panel["indicator"] == "gov_pos_on_time")
        return panel[~silent & ~partial].reset_index(drop=True)


GAPS = WithGaps(start="2025Q1", accounts=())


@pytest.fixture
def gaps(database_copy) -> Engine:
    """The gaps, then a dispute on a third region's value, and 2025Q4 published with it left
    out."""
    engine = database_copy(GAPS)
    stored = effective_values(engine, indicators=[DISPUTED[2]]).frame
    value = stored.set_index(["unit", "period", "indicator"]).loc[DISPUTED, "value"]
    sent = pd.DataFrame([dict(zip(("unit", "period", "indicator"), DISPUTED, strict=True))])
    ingest_frame(engine, sent.assign(value=float(value) - 11), "region:RU-AL")
    compute_from_store(engine, M, period="2025Q4", leave_out_conflicts=True)
    return engine


def test_every_region_keeps_its_forecast_interval_and_whatif(gaps: Engine) -> None:
    forecast = published_forecast(gaps, M, samples=20)
    intervals = published_intervals(gaps, M, samples=40)
    for unit in EVERYONE:
        fan = forecast.forecast.fan(unit)
        assert fan[fan["stage"] == "forecast"]["value"].notna().all(), unit
        row = intervals.of(unit)
        assert row["rank_p05"] <= row["nominal_rank"] <= row["rank_p95"], unit
        (outcome,) = published_whatif(
            gaps, unit, {"цель": {"gov_pos_on_time": "target"}}, M, lang="ru", keep=False
        ).outcomes
        assert outcome.index_after >= outcome.index_before, unit
    # Only the disputed value is listed as left out, and only for its region.
    assert [(i.unit, i.indicator) for i in forecast.left_out_of()] == [(DISPUTED[0], DISPUTED[2])]
    assert intervals.left_out_of("RU-TA") == []


def test_the_gaps_are_filled_as_the_methodology_says(gaps: Engine) -> None:
    """The bundled methodology carries the last quarter's value forward (`locf`): the silent
    region's 2025Q4 is its 2025Q3, the disputed value is the region's own 2025Q3, and an
    indicator never sent stays missing (the index is aggregated over what there is)."""
    result = from_published(gaps, M).result
    raw_q3, imputed = result.table("raw", "2025Q3"), result.table("imputed", "2025Q4")
    assert np.isnan(result.table("raw", "2025Q4").loc[SILENT]).all()
    pd.testing.assert_series_equal(imputed.loc[SILENT], raw_q3.loc[SILENT], check_names=False)
    unit, _, indicator = DISPUTED
    assert imputed.loc[unit, indicator] == pytest.approx(raw_q3.loc[unit, indicator])
    assert np.isnan(imputed.loc[PARTIAL, "gov_pos_on_time"])
    scores = result.scores().loc["2025Q4"]
    assert scores[[SILENT, PARTIAL, unit]].notna().all()
