"""The demo's agency rating: the demo's bodies and a federal sample as agencies, synthetic values
of the federal parts for the cases' four quarters, a stored synthetic rating of each quarter."""

from __future__ import annotations

import time
from datetime import date

import pytest
from sqlalchemy import select

from tsifra.demo.agencies import FEDERAL_SAMPLE, load_demo_agencies, quarters
from tsifra.demo.cases import load_demo_cases
from tsifra.demo.panel import generate_panel
from tsifra.demo.store import foreign_data
from tsifra.methodology import load_methodology
from tsifra.methodology.bands import band_of
from tsifra.reference import load_regions
from tsifra.store import Batch, ResultRun, session_scope
from tsifra.values.agencies import list_agencies

TODAY = date(2026, 11, 15)
PERIODS = ["2026Q1", "2026Q2", "2026Q3", "2026Q4"]


@pytest.fixture(scope="module")
def panel():
    return generate_panel(load_methodology("ru-digital-maturity"), load_regions(), seed=2024)


def test_the_quarters_are_the_four_up_to_today():
    assert quarters(TODAY) == PERIODS
    assert quarters(date(2027, 1, 1)) == ["2026Q2", "2026Q3", "2026Q4", "2027Q1"]


@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_demo_rates_its_bodies_and_a_federal_sample(store, panel):
    load_demo_cases(store, panel, TODAY)
    started = time.perf_counter()
    runs = load_demo_agencies(store, TODAY)
    print(f"load_demo_agencies: {time.perf_counter() - started:.2f} s")  # measured, not asserted

    agencies = list_agencies(store)
    federal = [a.code for a in agencies if a.region is None]
    regional = {a.code: a for a in agencies if a.region is not None}
    assert sorted(federal) == sorted(FEDERAL_SAMPLE)
    assert len(regional) == 83 * 2
    # an agency answering citizens has its body's code, under its region
    assert regional["ru-ta-roads"].region == "RU-TA"
    assert regional["ru-ta-housing"].name_ru.endswith("Республика Татарстан")

    assert [r.period for r in runs] == PERIODS
    m = load_methodology("ru-agency-digital")
    for run in runs:
        index = run.scores[run.scores["node"] == "index"]
        assert len(index) == len(agencies)
        assert index["score"].between(0, 100).all()
        assert index["rank"].min() == 1 and index["rank"].max() <= len(agencies)  # ties share
        bands = {band_of(m, s).code for s in index["score"]}
        assert bands == {"high", "medium", "low"}, run.period
    # the citizen side, computed from the demo's cases by body: the bodies have it, the
    # federal sample (answering no demo case) has none
    last = runs[-1].scores
    citizens = last[last["node"] == "citizens"].set_index("unit")["score"].dropna()
    assert set(citizens.index) == set(regional)

    with session_scope(store) as session:
        stored = session.scalars(
            select(ResultRun).where(ResultRun.id.in_([r.run_id for r in runs]))
        )
        assert all(run.synthetic for run in stored)
        batches = list(session.scalars(select(Batch)))  # the cases bring none: all are ours
        assert sorted(b.source for b in batches) == [
            "demo:synthetic",
            "formula:agency_feedback_on_time",
            "formula:agency_feedback_rating",
            "formula:agency_feedback_reopened",
        ]
        assert all(b.synthetic for b in batches)
    assert foreign_data(store) == {"batches": 0, "accounts": 0, "runs": 0}
