"""The bundled regional digital-maturity methodology loads and has the shape the index needs."""

from __future__ import annotations

import pytest

from tsifra.methodology import bundled_ids, load_methodology

SECTORS = ["health", "education", "gov", "transport", "city"]
YEARS = range(2021, 2031)


@pytest.fixture(scope="module")
def m():
    return load_methodology("ru-digital-maturity")


def test_is_bundled():
    assert "ru-digital-maturity" in bundled_ids()


def test_five_sectors_under_the_root(m):
    assert m.root == "index"
    assert m.children["index"] == SECTORS
    for code in SECTORS:
        assert m.node(code).name and m.node(code).name_en


@pytest.mark.parametrize("sector", SECTORS)
def test_each_sector_has_four_to_six_weighted_indicators(m, sector):
    kids = m.children[sector]
    assert 4 <= len(kids) <= 6
    assert all(k in m.indicator_codes for k in kids)
    assert all(k.startswith(("health_", "edu_", "gov_", "trans_", "city_")) for k in kids)
    assert len({m.weights[k] for k in kids}) > 1, "weights should not all be equal"


def test_every_indicator_has_targets_range_and_provenance(m):
    for ind in m.indicators:
        assert set(ind.targets) >= set(YEARS), ind.code
        assert ind.valid_range is not None, ind.code
        low, high = ind.valid_range
        assert all(low <= ind.targets[y] <= high for y in YEARS), ind.code
        assert ind.source and ind.description and ind.name_en, ind.code
        path = [ind.targets[y] for y in YEARS]
        if ind.direction == 1:
            assert path == sorted(path), ind.code
        else:
            assert path == sorted(path, reverse=True), ind.code


def test_shares_are_percentages_and_few_are_lower_is_better(m):
    lower = [i for i in m.indicators if i.direction == -1]
    assert 1 <= len(lower) <= 2
    for ind in m.indicators:
        if ind.direction == 1:
            assert ind.unit == "%" and ind.valid_range == (0, 100), ind.code


def test_examples_from_the_brief_are_present(m):
    for code in [
        "edu_digital_profile",
        "health_rmis_connected",
        "gov_mszu_online",
        "gov_pos_on_time",
        "trans_bus_glonass",
        "city_permits_online",
    ]:
        assert code in m.indicator_codes
    assert m.indicator("edu_digital_profile").targets[2030] == 100


def test_steps_normalise_by_target_achievement_capped(m):
    s = m.steps
    assert s.denominate is False
    assert s.impute.method == "locf"
    assert s.screen.min_availability == 0
    assert s.treat.method == "none"
    assert s.normalise.method == "target_achievement"
    assert s.normalise.clip is True and s.normalise.scale == 100
    assert s.aggregate.method == "arithmetic" and s.aggregate.min_share == 0.5
    assert (m.scale.min, m.scale.max, m.scale.unit) == (0, 100, "%")


def test_description_says_the_formula_is_modelled(m):
    assert "смоделирована" in m.description
    assert "отредактируйте" in m.description
