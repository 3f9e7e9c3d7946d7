"""The candidates of a plan: the region's gaps by index points at stake, and the practices that
moved each elsewhere, ranked by effect per cost and counted replications."""

from __future__ import annotations

from datetime import date

import pytest

from builders import RATED
from plan_rows import TODAY, add_practice
from tsifra.analyses.explain import explain_stored
from tsifra.kernel.cache import Cache
from tsifra.kernel.problems import ValidationFailed
from tsifra.plans.candidates import candidates, cost_years

EVIDENCE = {
    "evidence_kind": "contract",
    "evidence_number": "12-К",
    "evidence_date": date(2026, 2, 1),
}


@pytest.fixture
def rated(database_copy):
    return database_copy(RATED)


@pytest.fixture
def cache():
    kept = Cache(background=False)
    yield kept
    kept.close()


def test_gaps_are_ranked_by_the_explanations_gain_to_target(rated, cache):
    found = candidates(rated, "RU-TA", 2027, lang="ru", today=TODAY, cache=cache)
    table = explain_stored(rated, "RU-TA").explanation.indicators
    gains = table.dropna(subset=["gain_to_target"])
    gains = gains[gains["gain_to_target"] > 0].sort_values("gain_to_target", ascending=False)
    assert [c.indicator for c in found.indicators] == list(gains["indicator"])
    assert found.indicators[0].points == pytest.approx(gains["gain_to_target"].iloc[0])
    points = [c.points for c in found.indicators]
    assert points == sorted(points, reverse=True)
    assert found.period == RATED.rated[-1]


def test_only_practices_that_moved_the_indicator_elsewhere_are_candidates(rated, cache):
    top = candidates(rated, "RU-TA", 2027, lang="ru", today=TODAY, cache=cache).indicators[0]
    code = top.indicator
    elsewhere = add_practice(rated, "Запись к врачу онлайн", "RU-MOW", {code: 6.0}, capex=1e6)
    add_practice(rated, "Своя практика", "RU-TA", {code: 9.0}, capex=1e6)  # the region's own
    add_practice(rated, "Ухудшила", "RU-SPE", {code: -3.0 * top.direction}, capex=1e6)
    found = candidates(rated, "RU-TA", 2027, lang="ru", today=TODAY, cache=cache).of(code)
    assert [p.practice_id for p in found.practices] == [elsewhere]
    assert found.practices[0].regions == ("RU-MOW",)
    assert found.practices[0].effect == pytest.approx(6.0 * top.direction)


def test_practices_are_ranked_by_effect_per_cost_then_counted_replications(rated, cache):
    code = (
        candidates(rated, "RU-TA", 2027, lang="ru", today=TODAY, cache=cache)
        .indicators[0]
        .indicator
    )
    sign = (
        candidates(rated, "RU-TA", 2027, lang="ru", today=TODAY, cache=cache)
        .indicators[0]
        .direction
    )
    cheap = add_practice(rated, "Дешёвая", "RU-MOW", {code: 2.0 * sign}, capex=1e6)  # 2 per mln
    dear = add_practice(rated, "Дорогая", "RU-SPE", {code: 4.0 * sign}, capex=3e6, opex=1e6)
    unknown = add_practice(rated, "Без затрат", "RU-KL", {code: 9.0 * sign})
    proven = add_practice(
        rated, "Тиражированная", "RU-NIZ", {code: 2.0 * sign}, capex=1e6,
        replications=(EVIDENCE, {"evidence_kind": "act", "evidence_url": "https://x.ru/a"}),
    )  # fmt: skip
    claimed = add_practice(
        rated, "Без подтверждения", "RU-SAM", {code: 1.5 * sign}, capex=1e6,
        replications=({"evidence_kind": "contract"}, {"evidence_number": "5"}, {}),
    )  # fmt: skip
    found = candidates(rated, "RU-TA", 2027, lang="ru", today=TODAY, cache=cache).of(code)
    by_id = {p.practice_id: p for p in found.practices}
    assert by_id[dear].cost == 3e6 + 1e6 * cost_years(2027, TODAY)
    assert by_id[dear].per_million == pytest.approx(4.0 / 4.0)
    assert by_id[cheap].per_million == pytest.approx(2.0)
    assert by_id[proven].replications == 2
    assert by_id[claimed].replications == 0  # no evidence, not counted
    assert by_id[unknown].per_million is None
    assert [p.practice_id for p in found.practices] == [proven, cheap, claimed, dear, unknown]


def test_stale_practices_are_marked(rated, cache):
    code = (
        candidates(rated, "RU-TA", 2027, lang="ru", today=TODAY, cache=cache)
        .indicators[0]
        .indicator
    )
    sign = (
        candidates(rated, "RU-TA", 2027, lang="ru", today=TODAY, cache=cache)
        .indicators[0]
        .direction
    )
    old = add_practice(rated, "Старая", "RU-MOW", {code: sign}, verified_at=date(2025, 11, 29))
    fresh = add_practice(rated, "Свежая", "RU-SPE", {code: sign}, verified_at=date(2025, 11, 30))
    found = candidates(rated, "RU-TA", 2027, lang="ru", today=TODAY, cache=cache).of(code)
    stale = {p.practice_id: p.stale for p in found.practices}
    assert stale == {old: True, fresh: False}


def test_an_unknown_region_is_a_located_problem(rated, cache):
    with pytest.raises(ValidationFailed) as failed:
        candidates(rated, "RU-XX", 2027, lang="ru", today=TODAY, cache=cache)
    assert [(p.code, p.path) for p in failed.value.problems] == [("unit_not_in_data", "region")]


def test_costs_count_at_least_a_year_of_running():
    assert cost_years(2026, TODAY) == 1
    assert cost_years(2029, TODAY) == 3


def test_a_corrected_value_moves_the_candidate_at_once(rated, cache):
    """The candidates are kept in the cache per stored data: a corrected value is a new batch,
    the effects are measured again and the next answer ranks by the new figure."""
    import pandas as pd

    from tsifra.values.ingest import ingest_frame

    top = candidates(rated, "RU-TA", 2027, lang="ru", today=TODAY, cache=cache).indicators[0]
    practice = add_practice(rated, "Запись онлайн", "RU-MOW", {top.indicator: 2.0 * top.direction})
    first = candidates(rated, "RU-TA", 2027, lang="ru", today=TODAY, cache=cache)
    assert first.practice(top.indicator, practice).raw_effect == pytest.approx(2.0 * top.direction)
    corrected = pd.DataFrame(
        [("RU-MOW", "2026Q2", top.indicator, 50.0 + 5.0 * top.direction)],
        columns=["unit", "period", "indicator", "value"],
    )
    ingest_frame(rated, corrected, "region:RU-MOW", reason="исправление", synthetic=True)
    again = candidates(rated, "RU-TA", 2027, lang="ru", today=TODAY, cache=cache)
    assert again.practice(top.indicator, practice).raw_effect == pytest.approx(5.0 * top.direction)
