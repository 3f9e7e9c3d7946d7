"""Agencies' citizen side: the platform's formulas grouped by the body that answered.

The promise tested: for every body and quarter, the agency figure equals what the REGION's
formula gives over only that body's cases: on DuckDB and Spark, read from SQLite and
PostgreSQL (the `store` fixture runs on both). The cases are those of platform_cases.py with
answering bodies (agency_cases.py).
"""

from __future__ import annotations

import numpy as np
import pyarrow.compute as pc
import pytest
from sqlalchemy import select

from agency_cases import (
    AGENCIES,
    ANSWERED_BY,
    HEALTH,
    ROADS,
    UTILITY,
    insert_agencies,
)
from platform_cases import AS_OF
from tsifra.marts.formulas import FORMULAS
from tsifra.marts.platform import compute_platform, platform_formulas, read_cases
from tsifra.marts.publish import ingest_platform
from tsifra.store.models import Batch, ValueRevision

# agency formula → the region formula it groups by body
PAIRS = {
    "agency_feedback_on_time": "feedback_on_time",
    "agency_feedback_rating": "feedback_rating",
    "agency_feedback_reopened": "feedback_reopened",
}
INDICATORS = ["agency_appeals_on_time", "agency_answer_rating", "agency_reopened_share"]


@pytest.fixture
def cases(store):
    insert_agencies(store)
    return read_cases(store, chunk=5)


def by_key(frame) -> dict[tuple[str, str], float]:
    return {(u, p): v for u, p, v in frame[["unit", "period", "value"]].itertuples(index=False)}


def region_formula_over_each_body(cases, engine: str) -> dict[str, dict]:
    """The region formulas run over one body's cases at a time, keyed by (body, quarter)."""
    expected: dict[str, dict] = {name: {} for name in PAIRS}
    for body in sorted({b for b in ANSWERED_BY.values() if b}):
        own = cases.filter(pc.equal(cases["body"], body))
        computed = compute_platform(own, AS_OF, engine, formulas=list(PAIRS.values()))
        for agency_name, region_name in PAIRS.items():
            for (region, period), value in by_key(computed.run(region_name).values).items():
                assert region == "RU-TA"
                expected[agency_name][(body, period)] = value
    return expected


def assert_agency_figures_are_the_region_formulas(cases, engine: str) -> None:
    agencies = compute_platform(cases, AS_OF, engine, unit_kind="agency")
    assert [r.formula for r in agencies.runs] == list(PAIRS)
    expected = region_formula_over_each_body(cases, engine)
    for name in PAIRS:
        got = by_key(agencies.run(name).values)
        assert got.keys() == expected[name].keys(), name
        for key, value in expected[name].items():
            assert got[key] == value, (name, key)  # exact: the same expression, not a copy


def test_agency_figures_are_the_region_formulas_over_each_body(cases):
    assert_agency_figures_are_the_region_formulas(cases, "duckdb")


def test_the_same_on_spark(spark, cases):
    assert_agency_figures_are_the_region_formulas(cases, "spark")
    duck = compute_platform(cases, AS_OF, "duckdb", unit_kind="agency").values()
    sp = compute_platform(cases, AS_OF, "spark", unit_kind="agency").values()
    key = ["unit", "period", "indicator"]
    assert duck[key].equals(sp[key])
    np.testing.assert_array_equal(duck["value"].to_numpy(), sp["value"].to_numpy())


def test_figures_by_hand(cases):
    """Roads answered 1 (on time, 5), 2 (at the deadline, 4), 5 (open, overdue); 11 in Q2.
    Health: 3 (extended, on time, reopened), 4 (late, rated 1); 12 in Q2 (late, 5)."""
    values = compute_platform(cases, AS_OF, unit_kind="agency").values()
    got = {(i, u, p): v for u, p, i, v in values[["unit", "period", "indicator", "value"]].values}
    on_time, rating, reopened = INDICATORS
    assert got[(on_time, ROADS, "2025Q1")] == pytest.approx(200 / 3)
    assert got[(on_time, HEALTH, "2025Q1")] == 50.0
    assert got[(on_time, HEALTH, "2025Q2")] == 0.0
    assert got[(rating, ROADS, "2025Q1")] == 4.5
    assert got[(reopened, HEALTH, "2025Q1")] == 50.0
    assert got[(reopened, ROADS, "2025Q2")] == 100.0
    # triage cases (no body) are in no agency's figure; the utility is a body like any other
    assert {u for _, u, _ in got} == {ROADS, HEALTH, UTILITY}


def test_region_formulas_are_unchanged_by_the_grouping(cases):
    """The region figures still count every case, whichever body answered or none."""
    assert [f.name for f in platform_formulas()] == [
        "feedback_on_time", "feedback_first_response", "feedback_time_to_answer",
        "feedback_reopened", "feedback_rating", "feedback_forwarded",
    ]  # fmt: skip
    assert [f.name for f in platform_formulas("agency")] == list(PAIRS)
    for name in PAIRS:
        f = FORMULAS[name]
        assert "body" in f.columns and "region" not in f.columns
        assert f.rule.startswith(f"The platform's formula `{PAIRS[name]}`")


def test_the_agency_methodology_stores_exactly_the_agency_indicators(store, cases):
    done = ingest_platform(store, as_of=AS_OF, methodology="ru-agency-digital", actor="test")
    assert done.stored == list(PAIRS) and done.shown_only == []
    assert done.not_units == [UTILITY]  # a body with cases that nobody rates: left out, named
    with store.connect() as connection:
        sources = connection.execute(select(Batch.source).order_by(Batch.id)).scalars().all()
        stored = connection.execute(
            select(ValueRevision.indicator, ValueRevision.unit, ValueRevision.period,
                   ValueRevision.value)
        ).all()  # fmt: skip
    assert sources == [f"formula:{n}" for n in PAIRS]
    assert {i for i, *_ in stored} == set(INDICATORS)
    assert {u for _, u, *_ in stored} == set(AGENCIES)
    computed = compute_platform(cases, AS_OF, unit_kind="agency").values()
    expected = {
        (i, u, p): v
        for u, p, i, v in computed[["unit", "period", "indicator", "value"]].values
        if u in AGENCIES
    }
    assert {(i, u, p): v for i, u, p, v in stored} == expected
    # the region methodology, from the same cases, still stores only gov_pos_on_time
    regions = ingest_platform(store, as_of=AS_OF, actor="test")
    assert regions.stored == ["feedback_on_time"] and regions.not_units == []
