"""The agency rating's methodology (`ru-agency-digital`): its shape, its bands, and the index of a
tiny panel computed by hand and by the engine, from files and from the store.

The hand-computed example (`data/agency_panel.csv`, one quarter, 2026Q2). Normalisation is by
goalposts, n = (x − min) / (max − min) × 100, clipped to [0, 100]: the three federal parts and the
on-time share have goalposts 0–100 (n = x), the answer rating 1–5 (n = (x − 1) / 4 × 100), the
reopened share 0–20 and lower is better (n = (1 − x / 20) × 100). Parts weigh programme 0.4,
finance 0.2, chief 0.2, citizens 0.2; inside citizens on time 0.5, rating 0.3, reopened 0.2.

fed-mintsifry: programme 90, finance 80, chief 75, no citizen side (a federal body that answers
    no one on the platform): the part is missing, its weight is left out, present weight
    0.8 ≥ min_share 0.5. index = (0.4·90 + 0.2·80 + 0.2·75) / 0.8 = (36 + 16 + 15) / 0.8
    = 67 / 0.8 = 83.75 → high (≥ 70).
klu-health: programme 60, finance 70, chief 50; citizens: on time 80 → 80, rating 4.2 →
    3.2 / 4 × 100 = 80, reopened 5 → (1 − 0.25) × 100 = 75; citizens = 0.5·80 + 0.3·80 + 0.2·75
    = 40 + 24 + 15 = 79. index = 0.4·60 + 0.2·70 + 0.2·50 + 0.2·79 = 24 + 14 + 10 + 15.8 = 63.8
    → medium (40 ≤ 63.8 < 70).
klu-roads: programme 30, finance 50, chief 40; citizens: on time 60 → 60, rating 3 → 2 / 4 × 100
    = 50, reopened 25 → (1 − 1.25) × 100 = −25, clipped to 0; citizens = 30 + 15 + 0 = 45.
    index = 12 + 10 + 8 + 9 = 39 → low (< 40).
che-roads: programme 70, finance 40, chief 60; citizens: on time 95 → 95, rating 4.6 → 3.6 / 4
    × 100 = 90, reopened 2 → (1 − 0.1) × 100 = 90; citizens = 47.5 + 27 + 18 = 92.5.
    index = 28 + 8 + 12 + 18.5 = 66.5 → medium.
Ranks of the index: fed-mintsifry 1 (83.75), che-roads 2 (66.5), klu-health 3 (63.8),
klu-roads 4 (39). Ranks of citizens: che-roads 1, klu-health 2, klu-roads 3 (fed-mintsifry none).
"""

from __future__ import annotations

import math
import textwrap
from pathlib import Path

import pytest

from tsifra.kernel.problems import ValidationFailed
from tsifra.methodology import bundled_ids, load_methodology, parse_methodology
from tsifra.methodology.bands import band_of, band_ranges
from tsifra.ratings.compute import compute_index
from tsifra.ratings.export import results_table

PANEL = Path(__file__).parent / "data" / "agency_panel.csv"
INDICATORS = {
    "programme": ["agency_programme_attainment"],
    "finance": ["agency_finance_discipline"],
    "chief": ["agency_cdto_rating"],
    "citizens": ["agency_appeals_on_time", "agency_answer_rating", "agency_reopened_share"],
}
# by hand, in the module's docstring: unit → (index, rank, band, citizens)
EXPECTED = {
    "fed-mintsifry": (83.75, 1, "high", None),
    "che-roads": (66.5, 2, "medium", 92.5),
    "klu-health": (63.8, 3, "medium", 79.0),
    "klu-roads": (39.0, 4, "low", 45.0),
}
TINY = """
id: t
title: T
version: "1"
indicators:
  - {code: a, name: A, parent: root}
nodes:
  - {code: root, name: Root}
"""


@pytest.fixture(scope="module")
def m():
    return load_methodology("ru-agency-digital")


def tiny(bands: str):
    return parse_methodology(TINY + textwrap.dedent(bands), file="m.yaml")


def problems_of(bands: str):
    with pytest.raises(ValidationFailed) as caught:
        tiny(bands)
    return caught.value.problems


# --- the file -------------------------------------------------------------------------------


def test_is_bundled_for_agencies(m):
    assert "ru-agency-digital" in bundled_ids()
    assert m.unit_type == "agency"
    assert "смоделирована, а не процитирована" in m.description


def test_four_parts_with_the_fixed_indicator_codes(m):
    assert m.children["index"] == list(INDICATORS)
    for part, codes in INDICATORS.items():
        assert m.children[part] == codes
        assert m.node(part).name and m.node(part).name_en


def test_every_indicator_has_goalposts_targets_range_and_source(m):
    for ind in m.indicators:
        assert ind.goalposts is not None and ind.valid_range is not None, ind.code
        assert set(ind.targets) >= set(range(2024, 2031)), ind.code
        assert ind.source and ind.name_en and ind.description, ind.code
    assert m.indicator("agency_reopened_share").direction == -1
    assert m.indicator("agency_answer_rating").goalposts.max == 5
    assert m.indicator("agency_answer_rating").targets[2030] == 5
    citizens = INDICATORS["citizens"]
    assert all("Платформа обратной связи" in m.indicator(c).source for c in citizens)
    assert all(m.indicator(c).source.startswith("formula:") for c in citizens)
    assert "мониторинг ведомственных программ" in m.indicator(INDICATORS["programme"][0]).source


def test_the_agencies_report_the_federal_parts_the_platform_computes_the_rest(m):
    assert m.submitted_indicators == [
        "agency_programme_attainment",
        "agency_finance_discipline",
        "agency_cdto_rating",
    ]


def test_uncertainty_is_declared_so_rank_intervals_work(m):
    from tsifra.engine.uncertainty import uncertain_inputs

    names = [i.name for i in uncertain_inputs(m)]
    assert names == ["weights_level_1", "weights_level_2", "aggregation", "drop_indicator"]


# --- bands ----------------------------------------------------------------------------------


def test_three_bands_like_the_federal_rating(m):
    assert [(b.code, b.min) for b in m.bands] == [("high", 70), ("medium", 40), ("low", 0)]
    assert [r.name for r in band_ranges(m, "ru")] == [
        "Высокий уровень",
        "Средний уровень",
        "Низкий уровень",
    ]
    assert [(r.name, r.low, r.high) for r in band_ranges(m, "en")] == [
        ("High", 70, 100),
        ("Medium", 40, 70),
        ("Low", 0, 40),
    ]


@pytest.mark.parametrize(
    ("score", "band"),
    [(100, "high"), (70, "high"), (69.99, "medium"), (40, "medium"), (39.99, "low"), (0, "low")],
)
def test_a_score_falls_in_the_band_whose_lower_bound_it_reaches(m, score, band):
    assert band_of(m, score).code == band


def test_no_band_for_a_missing_score_or_without_bands(m):
    assert band_of(m, None) is None
    assert band_of(m, math.nan) is None
    assert band_of(load_methodology("ru-digital-maturity"), 50) is None
    above_zero = tiny("bands:\n  - {code: top, name: Верх, min: 50}\n")
    assert band_of(above_zero, 49) is None
    assert band_of(above_zero, 50).name_in("en") == "Верх"  # no English name: the Russian one


def test_the_regional_methodology_loads_unchanged_without_bands():
    m = load_methodology("ru-digital-maturity")
    assert m.bands == []
    assert m.unit_type == "region" and len(m.indicators) == 24


def test_band_problems_are_located():
    found = problems_of(
        """
        bands:
          - {code: high, name: В, min: 70}
          - {code: high, name: С, min: 70}
          - {code: low, name: Н, min: -5}
        """
    )
    where = sorted((p.path, p.code) for p in found)
    assert where == [
        ("bands[1].code", "agency_band_code_twice"),
        ("bands[1].min", "agency_band_min_order"),
        ("bands[2].min", "agency_band_min_outside"),
    ]
    assert all(p.file == "m.yaml" for p in found)
    outside = next(p for p in found if p.code == "agency_band_min_outside")
    assert outside.message("ru") == "нижняя граница группы −5 вне шкалы рейтинга (0 – 100)"


def test_a_band_needs_a_code_a_name_and_a_bound():
    found = problems_of("bands:\n  - {code: 'a b', name: X}\n")
    assert {(p.path, p.code) for p in found} == {
        ("bands[0].code", "string_pattern_mismatch"),
        ("bands[0].min", "missing"),
    }


# --- the hand-computed example ---------------------------------------------------------------


def scores_of(table):
    index = table[table["node"] == "index"].set_index("unit")
    citizens = table[table["node"] == "citizens"].set_index("unit")["score"]
    return index, citizens


def check_against_hand(m, table):
    index, citizens = scores_of(table)
    assert set(index.index) == set(EXPECTED)
    for unit, (score, rank, band, citizen) in EXPECTED.items():
        assert index.loc[unit, "score"] == pytest.approx(score, abs=1e-9), unit
        assert index.loc[unit, "rank"] == rank, unit
        assert band_of(m, index.loc[unit, "score"]).code == band, unit
        if citizen is None:
            assert unit not in citizens.index or math.isnan(citizens[unit]), unit
        else:
            assert citizens[unit] == pytest.approx(citizen, abs=1e-9), unit


def test_the_hand_computed_example_from_files(m):
    run = compute_index("ru-agency-digital", PANEL)
    table = results_table(run.result)
    assert set(table["period"]) == {"2026Q2"}
    check_against_hand(m, table)


def test_the_hand_computed_example_from_the_store(m, store):
    """The same panel ingested as a file into a database with the bundled agencies, rated by
    `compute_from_store`: the stored run holds the hand-computed scores and ranks."""
    from tsifra.ratings.stored import compute_from_store, stored_scores
    from tsifra.store.methodologies import store_methodology
    from tsifra.values.agencies import load_agencies
    from tsifra.values.ingest import ingest_file

    load_agencies(store)
    store_methodology(store, "ru-agency-digital")
    report = ingest_file(store, PANEL, "file:agency_panel.csv", methodology="ru-agency-digital")
    assert report.new == 21
    run = compute_from_store(store, "ru-agency-digital", period="2026Q2")
    check_against_hand(m, run.scores)
    check_against_hand(m, stored_scores(store, run.run_id))


def test_rank_intervals_work_on_the_hand_computed_example():
    """The declared choices (weights ±25 %, arithmetic or geometric, one citizen indicator left
    out) never move the clear leader or the clear last; every interval holds its nominal rank."""
    from tsifra.analyses.intervals import rank_intervals
    from tsifra.ratings.computed import from_files

    intervals = rank_intervals(from_files("ru-agency-digital", PANEL), samples=200, seed=1)
    assert intervals.declared
    table = intervals.table.set_index("unit")
    assert (table.loc["fed-mintsifry", "rank_p05"], table.loc["fed-mintsifry", "rank_p95"]) == (
        1,
        1,
    )
    assert (table.loc["klu-roads", "rank_p05"], table.loc["klu-roads", "rank_p95"]) == (4, 4)
    assert (
        (table["rank_p05"] <= table["nominal_rank"]) & (table["nominal_rank"] <= table["rank_p95"])
    ).all()
