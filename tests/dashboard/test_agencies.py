"""The agency rating in data (`dashboard.agencies`): the stored rating of agencies with their
level, region, band and rank interval, the filters and counts, and one agency's profile with
the explanation and the source of every figure — on the hand-computed example of
tests/agency_rows.py, on SQLite and PostgreSQL."""

from __future__ import annotations

import pandas as pd
import pytest

from agency_rows import (
    AGENCIES,
    AGENCY_METHODOLOGY,
    BAND_CUTS,
    EXPECTED,
    FORMULAS,
    MONITORING,
    RATED_AGENCIES,
)
from tsifra.dashboard.agencies import agency_profile, agency_rating, formula_of
from tsifra.kernel.problems import ValidationFailed


@pytest.fixture
def agencies(database_copy):
    return database_copy(RATED_AGENCIES)


def _band(score: float) -> str:
    return next(code for code, low in BAND_CUTS if score >= low)


def test_the_rating_holds_every_agency_with_its_hand_computed_score_and_place(agencies) -> None:
    view = agency_rating(agencies, AGENCY_METHODOLOGY)
    assert view.period == "2025Q4" and view.periods == ["2025Q3", "2025Q4"]
    assert view.sectors == ["programme", "finance", "chief", "citizens"]
    table = view.table.set_index("unit")
    assert list(view.table["unit"]) == sorted(EXPECTED, key=lambda u: EXPECTED[u][1])
    for unit, (score, rank, _) in EXPECTED.items():
        assert table.loc[unit, "score"] == pytest.approx(score, abs=1e-4), unit
        assert table.loc[unit, "rank"] == rank, unit
    parents = {code: parent for code, _, _, parent in AGENCIES}
    for unit, row in table.iterrows():
        assert row["level"] == ("federal" if parents[unit] is None else "regional")
        assert (None if pd.isna(row["parent"]) else row["parent"]) == parents[unit]
    assert table.loc["ru-ta-roads", "parent_name_ru"] == "Республика Татарстан"
    assert table.loc["ru-klu-health", "citizens"] == pytest.approx(56.6667, abs=1e-4)
    assert view.synthetic


def test_bands_follow_the_methodologys_thresholds_and_counts_match_rows(agencies) -> None:
    view = agency_rating(agencies, AGENCY_METHODOLOGY)
    assert [b.code for b in view.bands] == [code for code, _ in BAND_CUTS]
    table = view.table.set_index("unit")
    for unit, (score, _, band) in EXPECTED.items():
        assert table.loc[unit, "band"] == band == _band(score), unit
    assert view.counts == {"high": 2, "medium": 2, "low": 2}
    for code, n in view.counts.items():
        only = agency_rating(agencies, AGENCY_METHODOLOGY, band=code)
        assert len(only.table) == n and set(only.table["band"]) == {code}
        assert only.counts == view.counts  # the band filter does not change its own counts


def test_level_and_region_filters_keep_the_places_of_the_whole_rating(agencies) -> None:
    federal = agency_rating(agencies, AGENCY_METHODOLOGY, level="federal")
    assert list(federal.table["unit"]) == ["minzdrav", "mintrans"]
    assert list(federal.table["rank"]) == [1, 3]
    assert federal.counts == {"high": 1, "medium": 1, "low": 0}
    tatarstan = agency_rating(agencies, AGENCY_METHODOLOGY, parent="RU-TA")
    assert list(tatarstan.table["unit"]) == ["ru-ta-roads", "ru-ta-housing"]
    assert list(tatarstan.table["rank"]) == [2, 5]
    assert [code for code, _, _ in tatarstan.parents] == ["RU-KLU", "RU-TA"]
    both = agency_rating(agencies, AGENCY_METHODOLOGY, level="regional", parent="RU-KLU")
    assert list(both.table["unit"]) == ["ru-klu-health", "ru-klu-roads"]


def test_unknown_filters_are_problems_naming_the_field(agencies) -> None:
    with pytest.raises(ValidationFailed) as caught:
        agency_rating(agencies, AGENCY_METHODOLOGY, level="municipal", parent="RU-MOW", band="x")
    found = {(p.code, p.path, p.value) for p in caught.value.problems}
    assert found == {
        ("agpage_unknown_level", "level", "municipal"),
        ("agpage_unknown_parent", "parent", "RU-MOW"),  # a region, but none of its agencies
        ("agpage_unknown_band", "band", "x"),
    }
    with pytest.raises(ValidationFailed) as caught:
        agency_rating(agencies, AGENCY_METHODOLOGY, period="2024Q1")
    assert [p.code for p in caught.value.problems] == ["unknown_period"]


def test_rank_intervals_come_from_the_methodologys_uncertainty(agencies) -> None:
    """mintrans (57,08) and ru-klu-health (56,67) are made up differently: varying the weights
    of the parts swaps them, so both are «3–4»; everyone else keeps a place of their own."""
    table = agency_rating(agencies, AGENCY_METHODOLOGY).table.set_index("unit")
    assert (table.loc["mintrans", "rank_low"], table.loc["mintrans", "rank_high"]) == (3, 4)
    assert (table.loc["ru-klu-health", "rank_low"], table.loc["ru-klu-health", "rank_high"]) == (
        3,
        4,
    )
    for unit in ("minzdrav", "ru-ta-roads", "ru-ta-housing", "ru-klu-roads"):
        assert (
            table.loc[unit, "rank_low"] == table.loc[unit, "rank_high"] == table.loc[unit, "rank"]
        )


def test_an_agencys_profile_explains_its_score_with_the_source_of_each_figure(agencies) -> None:
    p = agency_profile(agencies, "ru-klu-health", AGENCY_METHODOLOGY)
    assert (p.level, p.parent, p.parent_name_ru) == ("regional", "RU-KLU", "Калужская область")
    assert p.score == pytest.approx(56.6667, abs=1e-4)
    assert (p.rank, p.units_ranked) == (4, 6)
    assert (p.interval.low, p.interval.high) == (3, 4)
    assert p.band.code == "medium"
    assert list(p.history["period"]) == ["2025Q3", "2025Q4"]
    assert list(p.history["rank"]) == [4, 4]
    indicators = p.indicators.set_index("indicator")
    assert p.exact and indicators["contribution"].sum() == pytest.approx(p.score)
    # (3 − 1) / 4 × 100 = 50 points, a third of the citizens' quarter of the index
    assert indicators.loc["agency_answer_rating", "normalised"] == pytest.approx(50.0)
    assert indicators.loc["agency_answer_rating", "contribution"] == pytest.approx(50 / 12)
    for code, formula in FORMULAS.items():
        assert indicators.loc[code, "value_source"] == f"formula:{formula}"
        assert indicators.loc[code, "formula"] == formula
        assert "Платформа обратной связи" in indicators.loc[code, "source"]
    assert indicators.loc["agency_cdto_rating", "value_source"] == MONITORING
    assert pd.isna(indicators.loc["agency_cdto_rating", "formula"])
    assert not indicators["imputed"].any()


def test_a_federal_body_has_no_region_and_an_unknown_code_is_a_problem(agencies) -> None:
    p = agency_profile(agencies, "minzdrav", AGENCY_METHODOLOGY, period="2025Q3")
    assert (p.level, p.parent, p.period) == ("federal", None, "2025Q3")
    assert p.band.code == _band(p.score)
    with pytest.raises(ValidationFailed) as caught:
        agency_profile(agencies, "RU-TA", AGENCY_METHODOLOGY)  # a region, not a rated agency
    assert [(p.code, p.path) for p in caught.value.problems] == [("unit_not_in_data", "agency")]


def test_a_corrected_value_moves_the_agency_once_the_rating_is_computed_again(agencies) -> None:
    """The page shows the stored rating, not a live recomputation: a correction is seen after
    the next run, as for regions."""
    from tsifra.ratings.stored import compute_from_store
    from tsifra.values.ingest import ingest_frame

    fix = pd.DataFrame(
        [("ru-klu-roads", "2025Q4", "agency_cdto_rating", 95.0)],
        columns=["unit", "period", "indicator", "value"],
    )
    ingest_frame(
        agencies,
        fix,
        MONITORING,
        methodology=AGENCY_METHODOLOGY,
        reason="corrected",
        synthetic=True,
    )
    before = agency_rating(agencies, AGENCY_METHODOLOGY).table.set_index("unit")
    assert before.loc["ru-klu-roads", "rank"] == 6
    compute_from_store(agencies, AGENCY_METHODOLOGY, period="2025Q4")
    after = agency_profile(agencies, "ru-klu-roads", AGENCY_METHODOLOGY)
    assert after.score == pytest.approx(19.1667 + 80 / 4, abs=1e-4)  # chief 15 → 95
    assert after.rank == 5


def test_formula_of_reads_only_formula_sources() -> None:
    assert formula_of("formula:feedback_on_time") == "feedback_on_time"
    assert formula_of("region:RU-TA") is None and formula_of(None) is None
