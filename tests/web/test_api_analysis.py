"""Rank intervals, the forecast and what-if through the API: the published analyses as JSON."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


def test_rank_intervals_of_every_region_and_of_one(client: TestClient) -> None:
    body = client.get("/api/v1/ratings/uncertainty").json()
    assert body["declared"] is True and body["samples"] == 1000 and body["synthetic"] is True
    assert [i["name"] for i in body["inputs"]][:2] == ["weights_level_1", "weights_level_2"]
    assert body["inputs"][0]["noise"] == 0.25 and body["inputs"][0]["weights"] > 0
    rows = {r["unit"]: r for r in body["units"]}
    for row in rows.values():
        if row["nominal_rank"] is not None:
            assert row["rank_p05"] <= row["median_rank"] <= row["rank_p95"]
            assert 0.0 <= row["top10_share"] <= 1.0
    one = client.get("/api/v1/regions/RU-TA/uncertainty", params={"period": "2025Q4"}).json()
    assert one["units"] == [rows["RU-TA"]]
    assert client.get("/api/v1/regions/RU-XX/uncertainty").status_code == 404
    assert client.get("/api/v1/ratings/uncertainty", params={"period": "2031Q1"}).status_code in (
        404,
        422,
    )


def test_the_forecast_of_a_region_to_2030(client: TestClient) -> None:
    body = client.get("/api/v1/regions/RU-TA/forecast").json()
    assert body["horizon"] == "2030Q4" and body["synthetic"] is True
    stages = [r["stage"] for r in body["index"]]
    assert stages[:2] == ["history", "history"] and stages[-1] == "forecast"
    ahead = [r for r in body["index"] if r["stage"] == "forecast"]
    assert ahead[-1]["period"] == "2030Q4"
    for r in ahead:
        if r["lower_80"] is not None:
            assert r["lower_95"] <= r["lower_80"] <= r["value"] <= r["upper_80"] <= r["upper_95"]
    assert set(body["sectors"]) == {"health", "education", "gov", "transport", "city"}
    assert {t["year"] for t in body["targets"]} == {2026, 2027, 2028, 2029, 2030}
    # Two quarters of history give no estimate of spread: a probability is unknown, not certain.
    probabilities = [t["probability"] for t in body["targets"]]
    assert all(p is None or 0.0 <= p <= 1.0 for p in probabilities)
    assert client.get("/api/v1/regions/RU-XX/forecast").status_code == 404


def test_what_if_raising_an_indicator_to_its_target(client: TestClient) -> None:
    scenarios = {"ЕПГУ": {"gov_pos_on_time": "target"}, "как есть": {}}
    body = client.post("/api/v1/regions/RU-TA/whatif", json={"scenarios": scenarios}).json()
    raised, unchanged = body["outcomes"]
    assert raised["scenario"] == "ЕПГУ" and raised["period"] == "2025Q4"
    assert raised["index_after"] >= raised["index_before"]
    assert unchanged["index_after"] == pytest.approx(unchanged["index_before"])
    published = client.get("/api/v1/ratings").json()["rows"]
    tatarstan = next(r for r in published if r["unit"] == "RU-TA")
    assert raised["index_before"] == pytest.approx(tatarstan["score"])
    assert {r["kind"] for r in raised["rows"]} == {"index", "sector", "indicator"}
    later = client.post(
        "/api/v1/regions/RU-TA/whatif",
        json={"period": "2026", "scenarios": {"x": {"gov_pos_on_time": 99}}},
    ).json()["outcomes"][0]
    assert (later["period"], later["projected"]) == ("2026Q4", True)


def test_what_if_problems_are_listed_together(client: TestClient) -> None:
    bad = client.post(
        "/api/v1/regions/RU-TA/whatif",
        json={"scenarios": {"x": {"nope": 1, "gov_pos_on_time": "много"}}},
        params={"lang": "en"},
    )
    assert bad.status_code == 422
    assert {p["code"] for p in bad.json()["problems"]} >= {"unknown_indicator"}
    assert len(bad.json()["problems"]) == 2
    empty = client.post("/api/v1/regions/RU-TA/whatif", json={"scenarios": {}})
    assert empty.status_code == 422 and empty.json()["code"] == "invalid_request"
