"""Rank intervals, the forecast and what-if through the API: the published analyses as JSON."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from builders import bearer


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


# --- analyses of a sent file -------------------------------------------------------------------


def sent(panel, name: str = "values.csv") -> dict:
    return {"file": (name, panel.to_csv(index=False).encode(), "text/csv")}


def test_a_sent_file_is_analysed_as_the_published_rating_is(
    client: TestClient, small_panel
) -> None:
    """The file holds exactly what the web fixtures rated: its analyses are the published ones,
    from the same services, and nothing is stored."""
    from tsifra.methodology import load_methodology
    from tsifra.store.versions import data_version

    viewer = bearer(client, "viewer")
    version = data_version(client.app.state.engine)
    explained = client.post(
        "/api/v1/analyses/explain", files=sent(small_panel), data={"unit": "RU-TA"}, headers=viewer
    )
    assert explained.status_code == 200, explained.text
    body = explained.json()
    assert body["run_id"] is None and body["period"] == "2025Q4"
    bundled = load_methodology("ru-digital-maturity")
    assert body["source"] == {
        "file": "values.csv",
        "methodology": "ru-digital-maturity",
        "methodology_version": bundled.version,
    }
    published = client.get("/api/v1/explanations/RU-TA").json()
    assert body["score"] == pytest.approx(published["score"]) and body["rank"] == published["rank"]
    assert [r["gain_to_target"] for r in body["indicators"]] == pytest.approx(
        [r["gain_to_target"] for r in published["indicators"]], nan_ok=True
    )

    changed = client.post(
        "/api/v1/analyses/whatif",
        files=sent(small_panel),
        data={"unit": "RU-TA", "set": ["gov_pos_on_time=target"], "scenario": ["B: gov_edo=99"]},
        headers=viewer,
    )
    assert changed.status_code == 200, changed.text
    first, second = changed.json()["outcomes"]
    assert (first["scenario"], second["scenario"]) == ("gov_pos_on_time=target", "B")
    assert first["index_before"] == pytest.approx(published["score"])
    assert first["index_after"] >= first["index_before"]

    intervals = client.post(
        "/api/v1/analyses/intervals",
        files=sent(small_panel, "две четверти.csv"),
        data={"samples": "20", "seed": "4"},
        headers=viewer,
    ).json()
    assert intervals["samples"] == 20 and intervals["source"]["file"] == "две четверти.csv"
    assert len(intervals["units"]) == 83

    ahead = client.post(
        "/api/v1/analyses/forecast",
        files=sent(small_panel),
        data={"unit": "RU-TA", "samples": "20"},
        headers=viewer,
    ).json()
    assert ahead["horizon"] == "2030Q4" and ahead["index"][-1]["period"] == "2030Q4"
    assert ahead["expected"] == []  # two quarters: no chance of a target is known
    assert data_version(client.app.state.engine) == version  # nothing was stored


def test_a_bad_file_is_a_located_problem_list_and_strangers_get_401(
    client: TestClient, small_panel, monkeypatch: pytest.MonkeyPatch
) -> None:
    viewer = bearer(client, "viewer")
    bad = small_panel.head(3).astype({"value": object})
    bad.loc[bad.index[1], "value"] = "н/д"
    bad.loc[bad.index[2], "indicator"] = "nope"
    answer = client.post(
        "/api/v1/analyses/explain",
        files=sent(bad, "C:\\data\\bad.csv"),
        data={"unit": "RU-TA"},
        headers=viewer,
        params={"lang": "en"},
    )
    assert answer.status_code == 422
    problems = answer.json()["problems"]
    assert [(p["code"], p["file"], p["row"], p["column"]) for p in problems] == [
        ("not_numeric", "bad.csv", 3, "value"),
        ("unknown_indicator", "bad.csv", 4, "indicator"),
    ]
    assert problems[0]["message"] == "value 'н/д' is not a number"

    with monkeypatch.context() as patched:
        patched.setattr("tsifra.values.uploads.MAX_UPLOAD", 100)
        big = client.post(
            "/api/v1/analyses/intervals",
            files=sent(small_panel),
            data={"samples": "5"},
            headers=viewer,
        )
    assert big.status_code == 422 and big.json()["problems"][0]["code"] == "too_large"

    changes = client.post(
        "/api/v1/analyses/whatif",
        files=sent(small_panel),
        data={"unit": "RU-TA", "set": ["gov_edo=", "nope=1", "gov_pos_on_time=много"]},
        headers=viewer,
    )
    assert changes.status_code == 422
    assert [(p["code"], p["path"]) for p in changes.json()["problems"]] == [
        ("empty_value", "gov_edo"),
        ("unknown_indicator", "nope"),
        ("not_numeric", "gov_pos_on_time"),
    ]

    for analysis in ("explain", "intervals", "forecast", "whatif"):
        anonymous = client.post(
            f"/api/v1/analyses/{analysis}", files=sent(small_panel), data={"unit": "RU-TA"}
        )
        assert anonymous.status_code == 401, analysis
