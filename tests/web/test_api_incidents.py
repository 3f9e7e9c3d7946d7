"""The incidents webhook: a monitoring system posts JSON with an operator's bearer token, gets
201 and the case (routed, due 24 hours after the post was found), and 200 with the same case on
a retry; problems are located 422s; links and suggestions for the incident's workers only."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from builders import WEB_PASSWORD, bearer
from case_rows import body_operator, set_body
from tsifra.cases.bodies import load_bodies
from tsifra.cases.cases import CaseDraft, submit_case
from tsifra.cases.routing import load_rules
from tsifra.store import utcnow

AUTHOR = "@marker_author_PII"


@pytest.fixture
def webhook(client: TestClient, tmp_path: Path) -> dict:
    engine = client.app.state.engine
    bodies = tmp_path / "bodies.csv"
    bodies.write_text("code,region,name_ru,kind\nta-roads,RU-TA,Минтранс,regional\n", "utf-8")
    load_bodies(engine, bodies)
    rules = tmp_path / "rules.csv"
    rules.write_text("region,category,body\nRU-TA,roads,ta-roads\n", encoding="utf-8")
    load_rules(engine, rules)
    body_operator(engine, "roads-op", "RU-TA", "ta-roads", WEB_PASSWORD)
    set_body(engine, "operator", None)
    found = (utcnow() - timedelta(hours=2)).replace(microsecond=0)
    post = {
        "url": "https://vk.com/wall-5_55",
        "network": "vk",
        "author": AUTHOR,
        "text": "Яма во дворе дома 3 на улице Пушкина",
        "found_at": found.isoformat() + "+00:00",
        "region": "RU-TA",
        "category": "roads.pits.yard",
    }
    return {"engine": engine, "post": post, "found": found}


def test_a_post_becomes_a_routed_case_once(client: TestClient, webhook: dict) -> None:
    headers = bearer(client, "operator")
    made = client.post("/api/v1/incidents", json=webhook["post"], headers=headers)
    assert made.status_code == 201, made.text
    case = made.json()
    assert (case["created"], case["body"]) == (True, "ta-roads")
    due = datetime.fromisoformat(case["due_at"])
    assert due == webhook["found"] + timedelta(hours=24)
    assert AUTHOR not in made.text
    retried = client.post("/api/v1/incidents", json=webhook["post"], headers=headers)
    assert retried.status_code == 200 and retried.json()["id"] == case["id"]
    assert not retried.json()["created"]


def test_who_may_post(client: TestClient, webhook: dict) -> None:
    assert client.post("/api/v1/incidents", json=webhook["post"]).status_code == 401
    for login in ("viewer", "analyst"):
        headers = bearer(client, login)
        answer = client.post("/api/v1/incidents", json=webhook["post"], headers=headers)
        assert answer.status_code == 403, login
    other = {**webhook["post"], "region": "RU-KLU"}
    refused = client.post("/api/v1/incidents", json=other, headers=bearer(client, "operator"))
    assert refused.status_code == 403
    admin = client.post("/api/v1/incidents", json=other, headers=bearer(client, "admin"))
    assert admin.status_code == 201, admin.text


def test_problems_name_their_fields(client: TestClient, webhook: dict) -> None:
    wrong = {**webhook["post"], "url": "javascript:alert(1)", "network": "myspace"}
    answer = client.post("/api/v1/incidents", json=wrong, headers=bearer(client, "operator"))
    assert answer.status_code == 422
    assert {p["path"] for p in answer.json()["problems"]} == {"url", "network"}
    missing = {k: v for k, v in webhook["post"].items() if k != "text"}
    no_text = client.post("/api/v1/incidents", json=missing, headers=bearer(client, "operator"))
    assert no_text.status_code == 422


def test_suggest_and_link(client: TestClient, webhook: dict) -> None:
    draft = CaseDraft(
        kind="appeal",
        category="roads.pits.yard",
        region="RU-TA",
        text="Во дворе дома 3 по улице Пушкина большая яма",
    )
    appeal = submit_case(webhook["engine"], draft).case_id
    made = client.post("/api/v1/incidents", json=webhook["post"], headers=bearer(client, "admin"))
    incident = made.json()["id"]
    worker = bearer(client, "roads-op")
    found = client.get(f"/api/v1/incidents/{incident}/suggestions", headers=worker)
    assert found.status_code == 200, found.text
    assert [s["case_id"] for s in found.json()] == [appeal]
    outsider = bearer(client, "operator")  # of the region, but not of the body that holds it
    refused = client.get(f"/api/v1/incidents/{incident}/suggestions", headers=outsider)
    assert refused.status_code == 403
    url = f"/api/v1/incidents/{incident}/link"
    assert client.post(url, json={"appeal_id": appeal}, headers=outsider).status_code == 403
    assert client.post(url, json={"appeal_id": appeal}, headers=worker).status_code == 204
    assert client.post(url, json={"appeal_id": 10**9}, headers=worker).status_code == 422


def test_odd_moments_and_characters_are_problems_not_errors(
    client: TestClient, webhook: dict
) -> None:
    headers = bearer(client, "operator")
    for odd in (
        {"found_at": "0001-01-01T00:00:00+05:00"},
        {"url": "https://vk.com/\x00wall"},
        {"found_at": "9999-12-31T23:59:59-05:00"},
    ):
        answer = client.post("/api/v1/incidents", json=webhook["post"] | odd, headers=headers)
        assert answer.status_code == 422, (odd, answer.text)
