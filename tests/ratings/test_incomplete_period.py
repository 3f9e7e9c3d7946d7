"""A partly reported new quarter: rated when asked for, marked incomplete, never the default rated
period, and never a fact in any history (the rating, the profile's trend, the forecast).

The issue's case: three values uploaded for 2026Q1 and a rating computed over every period made
2026Q1 part of every region's history, Moscow's included, with a «Факт» point its data never had.
"""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from builders import PARTIAL_QUARTER as NEW
from builders import RATED, partly_reported
from tsifra.analyses.forecast import published_forecast
from tsifra.dashboard.profile import region_profile
from tsifra.ratings.computed import from_published
from tsifra.ratings.published import rated_period, rating, unit_history
from tsifra.ratings.stored import compute_from_store
from tsifra.values.ingest import ingest_frame
from tsifra.values.submission import period_completeness

M = "ru-digital-maturity"


@pytest.fixture
def engine(database_copy) -> Engine:
    return partly_reported(database_copy(RATED))


def test_the_new_quarter_is_incomplete_and_the_old_ones_complete(engine):
    shares = period_completeness(engine, M)
    expected = len(rating(engine, M).table) * 24  # every rated region × every indicator
    assert shares[NEW].present == 3
    assert shares[NEW].expected == expected
    assert not shares[NEW].complete
    # The synthetic panel drops about 3 % of values: above the 90 % the methodology asks for.
    assert 0.9 <= shares["2025Q4"].share < 1.0
    assert shares["2025Q4"].complete and shares["2025Q3"].complete


def test_the_default_rated_period_stays_the_newest_complete_one(engine):
    assert rated_period(engine, M) == "2025Q4"
    view = rating(engine, M)
    assert view.period == "2025Q4"
    assert view.complete
    assert NEW in view.periods  # still rated, and shown when asked for by name
    asked = rating(engine, M, NEW)
    assert asked.period == NEW
    assert not asked.complete
    assert asked.completeness.present == 3


def test_no_history_shows_the_incomplete_quarter_as_a_fact(engine):
    moscow = unit_history(engine, M, "RU-MOW")
    assert list(moscow["period"]) == ["2025Q3", "2025Q4"]
    profile = region_profile(engine, "RU-MOW")
    assert profile.period == "2025Q4"
    assert list(profile.trend["period"]) == ["2025Q3", "2025Q4"]
    assert NEW not in set(profile.history.columns)  # Moscow reported nothing for it


def test_the_forecast_continues_from_the_rated_period_not_the_partial_one(engine):
    index = from_published(engine, M)
    assert index.periods[-1] == "2025Q4"
    run = published_forecast(engine, M, samples=20)
    assert run.forecast.history_periods[-1] == "2025Q4"
    assert run.forecast.periods[0] == NEW  # forecast, not fact
    fan = run.forecast.fan("RU-MOW")
    facts = fan[fan["stage"] == "history"]
    assert NEW not in set(facts["period"])
    assert NEW in set(fan[fan["stage"] == "forecast"]["period"])


def test_an_incomplete_period_becomes_the_default_once_complete(database_copy):
    """Completeness follows the data: when the rest of the quarter arrives, it is rated first."""
    engine = database_copy(RATED)
    panel = RATED.panel()
    latest = panel[panel["period"] == "2025Q4"].assign(period=NEW)
    ingest_frame(engine, latest.iloc[: int(len(latest) * 0.5)], "region", synthetic=True)
    compute_from_store(engine, M)
    assert rated_period(engine, M) == "2025Q4"
    ingest_frame(engine, latest, "region", synthetic=True)
    compute_from_store(engine, M)
    assert rated_period(engine, M) == NEW
    assert list(unit_history(engine, M, "RU-MOW")["period"])[-1] == NEW
