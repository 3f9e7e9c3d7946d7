"""The forecast from stored values, as the region's dashboard page asks for it."""

from __future__ import annotations

import pytest

from tsifra.analyses.forecast import region_forecast
from tsifra.demo.panel import generate_panel
from tsifra.kernel.problems import ValidationFailed
from tsifra.methodology import load_methodology
from tsifra.reference import load_regions
from tsifra.values.ingest import ingest_frame


def test_region_forecast_from_the_store_is_kept_until_the_data_change(store):
    m = load_methodology("ru-digital-maturity")
    panel = generate_panel(m, load_regions(), seed=5, start="2024Q3", end="2025Q4")
    ingest_frame(store, panel, "demo", synthetic=True)

    run = region_forecast(store, "RU-TA", samples=20)
    assert run.synthetic
    fan = run.forecast.fan("RU-TA")
    assert fan["period"].iloc[0] == "2024Q3" and fan["period"].iloc[-1] == "2030Q4"
    assert fan.query("stage == 'forecast'")["lower_80"].notna().all()
    chances = run.forecast.probabilities("RU-TA")
    assert set(chances["year"]) == {2026, 2027, 2028, 2029, 2030}
    assert set(run.forecast.series["unit"]) == {"RU-TA"}  # the page gets its region only
    # Another region of the same data version comes from the kept forecast of all regions.
    assert region_forecast(store, "RU-MOW", samples=20).result is run.result

    ingest_frame(store, panel.assign(value=panel["value"] * 0.9), "demo", reason="fix")
    assert region_forecast(store, "RU-TA", samples=20).result is not run.result

    with pytest.raises(ValidationFailed) as caught:
        region_forecast(store, "RU-XX", samples=20)
    assert caught.value.problems[0].code == "unit_not_in_data"
