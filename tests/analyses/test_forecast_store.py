"""The forecast of the published rating, as the region's dashboard page asks for it."""

from __future__ import annotations

import pytest

from tsifra.analyses.forecast import region_forecast
from tsifra.demo.panel import generate_panel
from tsifra.kernel.cache import Cache
from tsifra.kernel.problems import ValidationFailed
from tsifra.methodology import load_methodology
from tsifra.ratings.stored import compute_from_store
from tsifra.reference import load_regions
from tsifra.values.ingest import ingest_frame

M = "ru-digital-maturity"


def test_region_forecast_of_the_published_rating_is_kept_until_a_new_rating(store):
    m = load_methodology(M)
    panel = generate_panel(m, load_regions(), seed=5, start="2024Q3", end="2025Q4")
    ingest_frame(store, panel, "demo", synthetic=True)
    with pytest.raises(ValidationFailed) as caught:
        region_forecast(store, "RU-TA", samples=20)
    assert [p.code for p in caught.value] == ["no_ratings"]
    first = compute_from_store(store, M, period="2025Q4")

    cache = Cache(8)  # the app's: after a new rating, the previous forecast until the new one
    run = region_forecast(store, "RU-TA", samples=20, cache=cache)
    assert run.synthetic and run.index.run_id == first.run_id
    fan = run.forecast.fan("RU-TA")
    assert fan["period"].iloc[0] == "2024Q3" and fan["period"].iloc[-1] == "2030Q4"
    assert fan.query("stage == 'forecast'")["lower_80"].notna().all()
    chances = run.forecast.probabilities("RU-TA")
    assert set(chances["year"]) == {2026, 2027, 2028, 2029, 2030}
    assert set(run.forecast.series["unit"]) == {"RU-TA"}  # the page gets its region only
    # Another region of the same rating comes from the kept forecast of all regions.
    assert region_forecast(store, "RU-MOW", samples=20, cache=cache).result is run.result

    # New values change nothing until they are rated: the page shows the published rating's.
    ingest_frame(store, panel.assign(value=panel["value"] * 0.9), "demo", reason="fix")
    assert region_forecast(store, "RU-TA", samples=20, cache=cache).result is run.result
    second = compute_from_store(store, M, period="2025Q4")
    # A new rating: the previous forecast at once, marked, while the new one is computed.
    stale = region_forecast(store, "RU-TA", samples=20, cache=cache)
    assert stale.result is run.result and stale.recomputing
    assert cache.wait(120)
    again = region_forecast(store, "RU-TA", samples=20, cache=cache)
    assert again.index.run_id == second.run_id and again.result is not run.result
    assert not again.recomputing
    cache.close()

    with pytest.raises(ValidationFailed) as caught:
        region_forecast(store, "RU-XX", samples=20, cache=cache)
    assert caught.value.problems[0].code == "unit_not_in_data"
