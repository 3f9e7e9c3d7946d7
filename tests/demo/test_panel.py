"""The demo panel: reproducible, complete, inside each indicator's range, and plainly synthetic."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tsifra.demo import DEMO_MARK, generate_panel
from tsifra.methodology import load_methodology

# A stand-in for `tsifra.reference.load_regions()`: same index and columns, fewer regions, so the
# test does not depend on the reference tables.
REGIONS = [
    ("RU-MOW", "Москва", "central", 13_100_000),
    ("RU-MOS", "Московская область", "central", 8_600_000),
    ("RU-KLU", "Калужская область", "central", 1_000_000),
    ("RU-TUL", "Тульская область", "central", 1_500_000),
    ("RU-KOS", "Костромская область", "central", 570_000),
    ("RU-SPE", "Санкт-Петербург", "northwestern", 5_600_000),
    ("RU-ARK", "Архангельская область", "northwestern", 980_000),
    ("RU-PSK", "Псковская область", "northwestern", 580_000),
    ("RU-KDA", "Краснодарский край", "southern", 5_800_000),
    ("RU-KL", "Республика Калмыкия", "southern", 260_000),
    ("RU-DA", "Республика Дагестан", "north_caucasian", 3_200_000),
    ("RU-IN", "Республика Ингушетия", "north_caucasian", 520_000),
    ("RU-TA", "Республика Татарстан", "volga", 4_000_000),
    ("RU-NIZ", "Нижегородская область", "volga", 3_100_000),
    ("RU-KGN", "Курганская область", "ural", 760_000),
    ("RU-TYU", "Тюменская область", "ural", 1_600_000),
    ("RU-CHE", "Челябинская область", "ural", 3_400_000),
    ("RU-NVS", "Новосибирская область", "siberian", 2_800_000),
    ("RU-TY", "Республика Тыва", "siberian", 340_000),
    ("RU-PRI", "Приморский край", "far_eastern", 1_800_000),
    ("RU-CHU", "Чукотский автономный округ", "far_eastern", 48_000),
    ("RU-YEV", "Еврейская автономная область", "far_eastern", 150_000),
]
N_PERIODS = 20


@pytest.fixture(scope="module")
def methodology():
    return load_methodology("ru-digital-maturity")


@pytest.fixture(scope="module")
def regions() -> pd.DataFrame:
    frame = pd.DataFrame(REGIONS, columns=["code", "name_ru", "federal_district", "population"])
    return frame.set_index("code")


@pytest.fixture(scope="module")
def panel(methodology, regions) -> pd.DataFrame:
    return generate_panel(methodology, regions)


def test_same_seed_same_frame_other_seed_other_frame(methodology, regions, panel):
    pd.testing.assert_frame_equal(panel, generate_panel(methodology, regions, seed=2024))
    other = generate_panel(methodology, regions, seed=7)
    assert not panel["value"].equals(other["value"])


def test_long_form_with_every_region_indicator_and_quarter(methodology, regions, panel):
    assert list(panel.columns) == ["unit", "period", "indicator", "value"]
    pairs = panel.groupby(["unit", "indicator"]).size()
    assert len(pairs) == len(regions) * len(methodology.indicators)
    periods = sorted(panel["period"].unique())
    assert len(periods) == N_PERIODS
    assert periods[0] == "2021Q1" and periods[-1] == "2025Q4"
    assert set(panel["indicator"]) == set(methodology.indicator_codes)
    assert np.allclose(panel["value"], panel["value"].round(1))


def test_values_stay_inside_each_valid_range(methodology, panel):
    for ind in methodology.indicators:
        values = panel.loc[panel["indicator"] == ind.code, "value"]
        low, high = ind.valid_range
        assert values.between(low, high).all(), ind.code


@pytest.mark.parametrize("share", [0.0, 0.03, 0.1])
def test_missing_share_is_near_the_requested_one(methodology, regions, share):
    frame = generate_panel(methodology, regions, missing_share=share)
    full = len(regions) * N_PERIODS * len(methodology.indicators)
    assert 1 - len(frame) / full == pytest.approx(share, abs=0.01)


def test_some_region_misses_a_whole_quarter(methodology, regions, panel):
    per_quarter = panel.groupby(["unit", "period"]).size()
    present = len(per_quarter)
    assert present < len(regions) * N_PERIODS


def test_values_move_toward_the_targets(methodology, panel):
    means = panel.groupby(["indicator", "period"])["value"].mean()
    for ind in methodology.indicators:
        first, last = means[(ind.code, "2021Q1")], means[(ind.code, "2025Q4")]
        if ind.direction == 1:
            assert last > first, ind.code
        else:
            assert last < first, ind.code


def test_moscow_achieves_more_than_the_median_region(methodology, panel):
    year = panel["period"].str[:4].astype(int)
    target = [
        methodology.indicator(code).target_for_year(y)
        for code, y in zip(panel["indicator"], year, strict=True)
    ]
    direction = panel["indicator"].map(lambda c: methodology.indicator(c).direction)
    ratio = np.where(direction == 1, panel["value"] / target, target / panel["value"])
    achievement = pd.Series(np.minimum(ratio, 1.0)).groupby(panel["unit"]).mean()
    assert achievement["RU-MOW"] > achievement.median()


def test_marked_synthetic(panel):
    assert panel.attrs["synthetic"] is True
    assert panel.attrs["note"].startswith(DEMO_MARK)
    assert DEMO_MARK == "Демонстрационные данные"
