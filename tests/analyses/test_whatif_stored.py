"""What-if on the stored rating, as the region profile's form asks it: the "before" is what the
public rating shows."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from builders import RatedDatabase
from tsifra.analyses.whatif import published_whatif, whatif_table
from tsifra.kernel.problems import ValidationFailed
from tsifra.ratings.published import rating
from tsifra.ratings.stored import compute_from_store

M = "ru-digital-maturity"
UNIT = "RU-TA"


RATED_2024 = RatedDatabase(
    seed=3, start="2024Q1", end="2024Q4", rated=("2024Q3", "2024Q4"), accounts=()
)


@pytest.fixture
def rated(database_copy) -> Engine:
    """Four quarters of values, the last two of them rated."""
    return database_copy(RATED_2024)


def test_before_is_the_published_rating_and_the_target_raises_it(rated: Engine) -> None:
    published = rating(rated, M, "2024Q4").table.set_index("unit").loc[UNIT]
    answer = published_whatif(
        rated, UNIT, {"ЕПГУ": {"gov_pos_on_time": "target"}, "ничего": {}}, M, "2024q4", lang="ru"
    )
    assert answer.synthetic and answer.methodology == M
    gain, nothing = answer.outcomes
    assert gain.index_before == pytest.approx(published["score"], rel=1e-9)
    assert gain.rank_before == published["rank"]
    assert gain.index_after >= gain.index_before
    assert nothing.index_after == nothing.index_before
    assert set(whatif_table(answer.outcomes)["scenario"]) == {"ЕПГУ", "ничего"}


def test_an_earlier_rated_quarter_and_a_later_year(rated: Engine) -> None:
    earlier = published_whatif(rated, UNIT, {"x": {}}, M, "2024Q3", lang="ru").outcomes[0]
    assert (earlier.period, earlier.projected) == ("2024Q3", False)
    later = published_whatif(
        rated, UNIT, {"x": {"gov_pos_on_time": 99}}, M, "2026", lang="ru"
    ).outcomes[0]
    assert (later.period, later.projected) == ("2026Q4", True)


def test_a_future_year_starts_from_the_forecast_not_from_today(rated: Engine) -> None:
    """The "before" of 2026 is every region's forecast for 2026Q4: the index it gives is the
    forecast's own median index for the region (up to the median of a sum not being the sum of
    medians), and not today's values carried forward."""
    from tsifra.analyses.forecast import published_forecast
    from tsifra.engine.whatif import carried_forward, compare
    from tsifra.values.ingest import unit_table

    later = published_whatif(rated, UNIT, {"as is": {}}, M, "2026", lang="ru").outcomes[0]
    fan = published_forecast(rated, M).forecast.fan(UNIT).set_index("period")
    assert later.index_before == pytest.approx(fan.loc["2026Q4", "value"], abs=1.5)
    run = compute_from_store(rated, M, keep=False)
    still = carried_forward(run.result, "2026Q4")
    flat = compare(
        run.result, UNIT, {"as is": {}}, "2026", units=unit_table(rated), baseline=still, lang="ru"
    )
    assert later.index_before != pytest.approx(flat[0].index_before, abs=1e-6)


def test_problems(rated: Engine) -> None:
    with pytest.raises(ValidationFailed) as caught:
        published_whatif(rated, "RU-XX", {"x": {"nope": 1}}, M, lang="ru")
    assert [p.code for p in caught.value] == ["unit_not_in_data", "unknown_indicator"]
    with pytest.raises(ValidationFailed) as caught:
        published_whatif(rated, UNIT, {}, M, "2023Q1", lang="ru")
    assert [p.code for p in caught.value] == ["unknown_period"]
    with pytest.raises(ValidationFailed) as caught:
        published_whatif(rated, UNIT, {}, "no-such-methodology", lang="ru")
    assert [p.code for p in caught.value] == ["no_ratings"]
