"""Every read endpoint of the API on a rated database: profiles, explanations, indicators, runs,
the catalogue, and errors in both languages."""

from __future__ import annotations

import math
import re

from fastapi.testclient import TestClient

from builders import bearer


def test_a_region_profile_is_the_dashboard_in_data(client: TestClient) -> None:
    body = client.get("/api/v1/regions/RU-TA").json()
    assert body["unit"] == "RU-TA" and body["period"] == "2025Q4" and body["synthetic"] is True
    assert 1 <= body["rank"] <= body["units_ranked"]
    assert [p["period"] for p in body["trend"]] == ["2025Q3", "2025Q4"]
    assert {s["sector"] for s in body["sectors"]} == set(
        client.get("/api/v1/ratings").json()["sectors"]
    )
    assert body["indicators"] and all(i["measure"] is not None for i in body["indicators"])
    gains = [g["gain_to_target"] for g in body["gains"]]
    assert gains == sorted(gains, reverse=True) and all(g > 0 for g in gains)
    assert set(body["history"]) and all(
        set(v) <= {"2025Q3", "2025Q4"} for v in body["history"].values()
    )
    earlier = client.get("/api/v1/regions/RU-TA", params={"period": "2025q3"}).json()
    assert earlier["period"] == "2025Q3"


def test_an_explanation_adds_up_to_the_score(client: TestClient) -> None:
    body = client.get("/api/v1/explanations/RU-TA", params={"period": "2025Q4"}).json()
    assert body["unit"] == "RU-TA" and body["period"] == "2025Q4"
    total = sum(i["contribution"] or 0 for i in body["indicators"])
    if body["exact"]:
        assert math.isclose(total, body["score"], rel_tol=1e-9)
    assert body["strongest"] and body["weakest"]
    names = {i["indicator"]: (i["name"], i["name_en"]) for i in body["indicators"]}
    assert names["gov_edo"] == (
        "Доля межведомственного документооборота органов власти субъекта в электронном виде",
        "Share of the region's inter-agency document flow handled electronically",
    )
    profile = client.get("/api/v1/regions/RU-TA").json()
    assert profile["run_id"] == body["run_id"] and math.isclose(profile["score"], body["score"])


def test_an_indicator_across_regions_names_each_values_batch(client: TestClient) -> None:
    code = client.get("/api/v1/values", params={"limit": 1}).json()[0]["indicator"]
    body = client.get(f"/api/v1/indicators/{code}").json()
    assert body["definition"]["code"] == code and body["period"] == "2025Q4"
    assert body["values"] and all(v["batch_id"] and v["revision"] == 1 for v in body["values"])
    assert client.get("/api/v1/indicators/no_such_thing").status_code == 404


def test_a_run_says_what_it_was_computed_from(client: TestClient) -> None:
    run_id = client.get("/api/v1/ratings").json()["run_id"]
    body = client.get(f"/api/v1/runs/{run_id}").json()
    assert body["run_id"] == run_id and body["periods"] == ["2025Q4"]
    assert len(body["methodology_sha256"]) == 64 and len(body["revision_set_sha256"]) == 64
    assert body["synthetic"] is True and body["methodology"] == "ru-digital-maturity"
    missing = client.get("/api/v1/runs/99999")
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"
    assert missing.json()["problems"][0]["code"] == "unknown_run"


def test_the_catalogue_values_tasks_and_health(client: TestClient) -> None:
    units = client.get("/api/v1/units").json()
    assert "RU-TA" in {u["code"] for u in units}
    assert [m["code"] for m in client.get("/api/v1/methodologies").json()] == [
        "ru-digital-maturity"
    ]
    values = client.get("/api/v1/values", params={"unit": "RU-TA", "period": "2025Q4"}).json()
    assert values and {v["unit"] for v in values} == {"RU-TA"}
    assert client.get("/api/v1/tasks").status_code == 401
    assert client.get("/api/v1/tasks", headers=bearer(client, "viewer")).json() == []
    assert client.get("/api/v1/health").json() == {"status": "ok"}
    me = client.get("/api/v1/me", headers=bearer(client, "operator")).json()
    assert me == {"login": "operator", "name": "operator", "role": "operator", "region": "RU-TA"}


def test_errors_speak_russian_by_default_and_english_on_request(client: TestClient) -> None:
    ru = client.get("/api/v1/regions/XX-NONE").json()
    en = client.get("/api/v1/regions/XX-NONE", headers={"Accept-Language": "en-GB,en;q=0.9"}).json()
    by_query = client.get("/api/v1/regions/XX-NONE", params={"lang": "en"}).json()
    assert ru["code"] == en["code"] == by_query["code"] == "not_found"
    assert ru["message"] == "не найдено" and en["message"] == by_query["message"] == "not found"
    assert "нет в данных" in ru["problems"][0]["message"]
    assert "not in the data" in en["problems"][0]["message"]
    bad = client.get("/api/v1/values", params={"limit": 0, "lang": "en"})
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_request"
    assert bad.json()["message"] == "the input did not pass validation"
    assert client.get("/api/v1/me").json()["message"] == "нужен вход в систему"


def test_every_operation_documents_its_errors(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if status.startswith(("4", "5")):
                    schema = response["content"]["application/json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/ErrorOut"}, (
                        method,
                        path,
                        status,
                    )
            assert {"200", "201", "204"} & set(operation["responses"]), (method, path)
    assert "/api/v1/health" not in spec["paths"]


def test_the_api_reference_page_loads_nothing_from_outside(client: TestClient) -> None:
    """Swagger UI comes from a pip package and is served here: the machines have no internet."""
    page = client.get("/api/docs").text
    assert "https://" not in page and "http://" not in page
    sources = re.findall(r'(?:src|href)="([^"]+)"', page) + re.findall(r"url: '([^']+)'", page)
    assert sources and all(s.startswith("/") and not s.startswith("//") for s in sources), sources
    for asset in sources:
        assert client.get(asset).status_code == 200, asset
