"""The feedback formulas over the platform's own cases: values computed by hand, both engines.

The cases and the reason each is there are in platform_cases.py; `AS_OF` is 1 May 2025.
"""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pytest

from platform_cases import AS_OF, CASES, insert_cases
from tsifra.kernel.problems import ValidationFailed
from tsifra.marts.formulas import FORMULAS
from tsifra.marts.platform import compute_platform, platform_formulas, read_cases

EXPECTED = {
    # on time: cases 1, 2 (at the deadline), 3 (extended) of 1-5; 6 not due, 7 rejected
    "feedback_on_time": {("RU-TA", "2025Q1"): 60.0, ("RU-MOW", "2025Q2"): 100.0},
    # 2 s, 1 h, 2 h, 3 h, 6 h, 12 h → (2 + 3) / 2; RU-MOW: 0.5 h and 1 h
    "feedback_first_response": {("RU-TA", "2025Q1"): 2.5, ("RU-MOW", "2025Q2"): 0.75},
    # 10, 30, 38, 47 days → (30 + 38) / 2; RU-MOW: case 9 answered after AS_OF
    "feedback_time_to_answer": {("RU-TA", "2025Q1"): 34.0, ("RU-MOW", "2025Q2"): 1.5},
    # case 3 of the four answered
    "feedback_reopened": {("RU-TA", "2025Q1"): 25.0, ("RU-MOW", "2025Q2"): 0.0},
    # 5, 4, 1; nobody rated in RU-MOW: no value there
    "feedback_rating": {("RU-TA", "2025Q1"): 10 / 3},
    # case 4 of the seven filed; case 10 came after AS_OF
    "feedback_forwarded": {("RU-TA", "2025Q1"): 100 / 7, ("RU-MOW", "2025Q2"): 0.0},
}


@pytest.fixture
def cases(store):
    insert_cases(store)
    return read_cases(store, chunk=4)


def by_key(frame) -> dict[tuple[str, str], float]:
    return {(u, p): v for u, p, v in frame[["unit", "period", "value"]].itertuples(index=False)}


def test_every_figure_by_hand(cases):
    computed = compute_platform(cases, AS_OF)
    assert [r.formula for r in computed.runs] == list(EXPECTED)
    for name, expected in EXPECTED.items():
        run = computed.run(name)
        assert run.rows_read == len(CASES)
        assert set(run.values["indicator"]) == {FORMULAS[name].indicator}
        got = by_key(run.values)
        assert got.keys() == expected.keys(), name
        for key, value in expected.items():
            assert got[key] == pytest.approx(value, abs=1e-12), (name, key)


def test_the_on_time_share_is_the_index_indicator():
    (on_time,) = [f for f in platform_formulas() if f.indicator == "gov_pos_on_time"]
    assert on_time.source == "formula:feedback_on_time"
    assert "Denominator" in on_time.rule and "deadline" in on_time.rule


def test_an_earlier_moment_sees_less(cases):
    """On 1 March case 4 is not yet due, case 3 unanswered and not due, case 5 not filed."""
    early = compute_platform(cases, datetime(2025, 3, 1), formulas=["feedback_on_time"])
    assert by_key(early.values()) == {("RU-TA", "2025Q1"): 100.0}  # cases 1 and 2


def test_an_unknown_platform_formula_is_refused(cases):
    with pytest.raises(ValidationFailed) as caught:
        compute_platform(cases, AS_OF, formulas=["pos_answered_on_time"])
    assert caught.value.problems[0].value == "pos_answered_on_time"


def test_the_same_values_on_duckdb_and_spark(spark, cases):
    duck = compute_platform(cases, AS_OF, "duckdb").values()
    sp = compute_platform(cases, AS_OF, "spark").values()
    key = ["unit", "period", "indicator"]
    assert duck[key].equals(sp[key]) and len(duck) == 11
    np.testing.assert_array_equal(duck["value"].to_numpy(), sp["value"].to_numpy())
