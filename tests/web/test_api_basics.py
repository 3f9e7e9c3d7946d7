"""The API's first endpoints: ratings, tokens, errors as JSON, operator limits in the audit log."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import text

from builders import bearer


def test_the_rating_of_the_latest_period(client: TestClient) -> None:
    body = client.get("/api/v1/ratings").json()
    assert body["period"] == "2025Q4" and body["periods"] == ["2025Q3", "2025Q4"]
    assert body["synthetic"] is True
    assert [r["rank"] for r in body["rows"][:3]] == [1, 2, 3]
    assert set(body["rows"][0]["sectors"]) == set(body["sectors"])
    central = client.get("/api/v1/ratings", params={"district": "central"}).json()["rows"]
    assert central and {r["federal_district"] for r in central} == {"central"}


def test_an_unknown_period_is_a_json_problem(client: TestClient) -> None:
    response = client.get("/api/v1/ratings", params={"period": "2031Q1"})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation_failed"
    assert [p["code"] for p in body["problems"]] == ["unknown_period"]


def test_a_wrong_password_gets_no_token(client: TestClient) -> None:
    response = client.post("/api/v1/auth/token", json={"login": "admin", "password": "nope"})
    assert response.status_code == 401 and response.json()["code"] == "unauthorized"
    assert client.get("/api/v1/me", headers={"Authorization": "Bearer forged"}).status_code == 401


def test_an_operator_writes_only_for_its_region_and_refusals_are_audited(
    client: TestClient,
) -> None:
    headers = bearer(client, "operator")
    own = b"unit,period,indicator,value\nRU-TA,2026Q1,health_emr,90\n"
    other = b"unit,period,indicator,value\nRU-MOW,2026Q1,health_emr,90\n"
    ok = client.post("/api/v1/values", headers=headers, files={"file": ("own.csv", own)})
    assert ok.status_code == 200 and ok.json()["source"] == "region:RU-TA"
    refused = client.post("/api/v1/values", headers=headers, files={"file": ("x.csv", other)})
    assert refused.status_code == 403
    task = {"title": "t", "region": "RU-MOW", "responsible": "r", "deadline": "2026-01-01"}
    assert client.post("/api/v1/tasks", headers=headers, json=task).status_code == 403
    engine = client.app.state.engine
    with engine.connect() as connection:
        refusals = connection.execute(
            text("SELECT actor, action FROM audit_log WHERE action LIKE 'refused.%' ORDER BY id")
        ).all()
    assert [tuple(r) for r in refusals] == [
        ("operator", "refused.values.ingest"),
        ("operator", "refused.task.create"),
    ]
