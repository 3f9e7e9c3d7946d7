"""Each analysis written once: on the same values, the index loaded from files and the one
recomputed from a stored run give the same answer, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pandas as pd
import pytest

from tsifra.analyses.changes import plan_from_texts
from tsifra.analyses.explain import explain
from tsifra.analyses.forecast import forecast
from tsifra.analyses.intervals import rank_intervals
from tsifra.analyses.sensitivity import sensitivity
from tsifra.analyses.targets import target_summary
from tsifra.analyses.whatif import published_whatif, whatif, whatif_table

UNIT = "RU-TYU"


def test_the_two_loaders_compute_the_same_index(both):
    files, stored = both
    assert files.periods == stored.periods and files.periods[-1] == "2025Q4"
    assert files.result.units == stored.result.units
    pd.testing.assert_frame_equal(files.result.long(), stored.result.long())
    assert not files.provenance.stored and files.provenance.files[0].endswith("values.csv")
    assert stored.provenance.stored and stored.provenance.period == "2025Q4"
    assert stored.provenance.revision_count > 0 and len(stored.provenance.methodology_sha256) == 64


def test_explain(both):
    files, stored = (explain(index, UNIT, "2025q3") for index in both)
    assert files.period == stored.period == "2025Q3"
    assert (files.score, files.rank, files.strongest) == (
        stored.score,
        stored.rank,
        stored.strongest,
    )
    pd.testing.assert_frame_equal(files.indicators, stored.indicators)
    assert files.indicators["gain_to_target"].notna().any()


def test_rank_intervals(both):
    files, stored = (rank_intervals(index, 40, seed=5) for index in both)
    assert files.period == stored.period == "2025Q4" and files.declared and stored.declared
    pd.testing.assert_frame_equal(files.frame(), stored.frame())
    assert (files.frame()["rank_p95"] >= files.frame()["rank_p05"]).all()


def test_sensitivity(both):
    files, stored = (sensitivity(index, 8, seed=2, resamples=10) for index in both)
    pd.testing.assert_frame_equal(files.long(), stored.long())


def test_forecast_and_its_target_summary(both):
    files, stored = (forecast(index, samples=30, seed=1) for index in both)
    for name, frame in files.forecast.frames().items():
        pd.testing.assert_frame_equal(frame, stored.forecast.frames()[name], obj=name)
    a, b = (target_summary(run.forecast, UNIT) for run in (files, stored))
    assert (a.counted, a.unknown, a.years) == (b.counted, b.unknown, b.years)
    assert a.years and len(a.counted) > 0


@pytest.mark.parametrize("period", ["2025Q4", "2026"])  # a rated quarter; a year, projected
def test_whatif(both, store, period):
    """The published what-if (the region page's) starts a later year from the rating's kept
    forecast of 1,000 paths; the others from a forecast of their own: the same baseline, since
    the indicators' medians are exact whatever the number of paths."""
    plan = plan_from_texts(["gov_pos_on_time=target", "health_emr=99,5"], lang="ru")
    files, stored = (whatif(index, UNIT, plan, period, lang="ru") for index in both)
    published = published_whatif(store, UNIT, plan, "ru-digital-maturity", period, lang="ru")
    expected = whatif_table(files.outcomes)
    for answer in (stored, published):
        pd.testing.assert_frame_equal(whatif_table(answer.outcomes), expected)
    w = files.outcomes[0]
    assert w.projected == (period == "2026") and w.index_after >= w.index_before
