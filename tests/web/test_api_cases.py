"""The cases API as a citizen's app and an executor use it: submit (idempotent), similar cases,
follow, rate and reopen by the tracking token, steps and the audited contact; no personal data
in any public answer."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from builders import bearer
from feedback_rows import BODY, MARKED, add_bodies, add_case
from tsifra.store import session_scope, utcnow
from tsifra.store.models import AuditEntry, Case, CaseEvent

PROMISED = (utcnow().date() + timedelta(days=60)).isoformat()  # a fix date ahead
LAT, LON = 55.7963, 49.1088


def appeal(**more) -> dict:
    return {
        "kind": "appeal",
        "category": "roads.pits.yard",
        "region": "RU-TA",
        "text": "Яма во дворе дома 7, текст-PII-7",
        "latitude": LAT,
        "longitude": LON,
        "contact": {k: MARKED[k] for k in ("surname", "name", "email", "phone", "postal_address")},
        **more,
    }


@pytest.fixture
def api(client, rated):
    accounts = add_bodies(rated)
    return client, rated, accounts


def test_submit_is_idempotent_by_its_key(api):
    client, engine, _ = api
    first = client.post("/api/v1/cases", json=appeal(), headers={"Idempotency-Key": "k-1"})
    assert first.status_code == 201, first.text
    body = first.json()
    assert body["created"] and len(body["tracking_token"]) >= 16
    assert body["tracking_path"] == f"/appeals/track/{body['tracking_token']}"
    again = client.post("/api/v1/cases", json=appeal(), headers={"Idempotency-Key": "k-1"})
    assert again.status_code == 200
    assert again.json() == {**body, "created": False, "tracking_token": None, "tracking_path": None}
    with session_scope(engine) as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 1


def test_bad_input_names_the_field(api):
    client, _, _ = api
    response = client.post("/api/v1/cases", json=appeal(text="я" * 4001))
    assert response.status_code == 422
    assert any(p["path"] and "text" in p["path"] for p in response.json()["problems"])
    response = client.post("/api/v1/cases", json=appeal(latitude=91))
    assert response.status_code == 422


def test_public_view_and_tracking(api):
    client, _, _ = api
    made = client.post("/api/v1/cases", json=appeal()).json()
    public = client.get(f"/api/v1/cases/{made['id']}")
    assert public.status_code == 200
    seen = public.json()
    assert seen["status"] == "submitted" and seen["status_name"] == "Подано"
    assert seen["text"] is None and seen["public_text"] is None and seen["executor"] is None
    for value in [*MARKED.values(), "текст-PII-7"]:
        assert value not in public.text
    own = client.get(f"/api/v1/cases/track/{made['tracking_token']}")
    assert own.status_code == 200
    assert own.json()["text"].endswith("текст-PII-7")
    assert "no-store" in own.headers["cache-control"]
    assert client.get("/api/v1/cases/track/" + "x" * 40).status_code == 404
    assert client.get("/api/v1/cases/999999").status_code == 404


def test_similar_cases_while_typing(api):
    client, engine, _ = api
    near = add_case(engine, region="RU-TA", category="roads.pits.yard", text="Ямы во дворах",
                    latitude=LAT + 0.001, longitude=LON, publish_text=True)  # fmt: skip
    add_case(engine, region="RU-TA", category="roads.pits.yard", text="Ямы во дворах",
             latitude=LAT + 0.05, longitude=LON)  # fmt: skip
    params = {
        "region": "RU-TA",
        "category": "roads.pits.yard",
        "lat": LAT,
        "lon": LON,
        "text": "яма во дворе",
    }
    response = client.get("/api/v1/cases/similar", params=params)
    assert response.status_code == 200
    found = response.json()
    assert [s["id"] for s in found] == [near]
    assert found[0]["distance_m"] == pytest.approx(111.2, abs=1)
    assert found[0]["public_text"] == "Ямы во дворах"
    for value in MARKED.values():
        assert value not in response.text
    assert client.get("/api/v1/cases/similar", params={**params, "lat": 100}).status_code == 422


def test_an_executor_answers_and_the_citizen_rates_and_reopens(api):
    client, engine, _ = api
    made = client.post("/api/v1/cases", json=appeal()).json()
    case_id, token = made["id"], made["tracking_token"]
    region_operator = bearer(client, "operator")
    roads = bearer(client, "roads")
    with session_scope(engine) as session:
        holder = session.get(Case, case_id).body
    if holder is None:  # no rule routed it: the region's triage forwards it to the body
        step = client.post(f"/api/v1/cases/{case_id}/register", json={}, headers=region_operator)
        assert step.status_code == 200, step.text
        step = client.post(f"/api/v1/cases/{case_id}/forward", headers=region_operator,
                           json={"body": BODY, "reason": "дороги"})  # fmt: skip
        assert step.status_code == 200, step.text
    else:
        step = client.post(f"/api/v1/cases/{case_id}/register", json={}, headers=roads)
        assert step.status_code == 200, step.text
    assert client.post(f"/api/v1/cases/{case_id}/take", json={}, headers=roads).status_code == 200
    refused = client.post(f"/api/v1/cases/{case_id}/close", json={}, headers=roads)
    assert refused.status_code == 422  # closing a case in progress is not a step of the law
    answered = client.post(f"/api/v1/cases/{case_id}/answer", headers=roads,
                           json={"text": "Засыпали", "promised_on": PROMISED})  # fmt: skip
    assert answered.status_code == 200, answered.text
    assert answered.json()["status"] == "answered" and answered.json()["text"]
    rated = client.post(f"/api/v1/cases/track/{token}/rating", json={"rating": 2, "solved": False})
    assert rated.status_code == 200, rated.text
    assert rated.json()["rating"] == 2
    reopened = client.post(f"/api/v1/cases/track/{token}/reopen", json={"reason": "Снова яма"})
    assert reopened.status_code == 200, reopened.text
    assert reopened.json()["status"] == "in_progress" and reopened.json()["reopened_count"] == 1


def test_a_step_needs_an_account_and_the_right_body(api):
    client, engine, _ = api
    case_id = add_case(
        engine, region="RU-TA", category="roads.pits.yard", body=BODY, status="registered"
    )
    assert client.post(f"/api/v1/cases/{case_id}/take", json={}).status_code == 401
    other = client.post(f"/api/v1/cases/{case_id}/take", json={}, headers=bearer(client, "light"))
    assert other.status_code == 403
    viewer = client.post(f"/api/v1/cases/{case_id}/take", json={}, headers=bearer(client, "viewer"))
    assert viewer.status_code == 403
    bad = client.post(f"/api/v1/cases/{case_id}/fly", json={}, headers=bearer(client, "roads"))
    assert bad.status_code in (404, 422)


def test_the_contact_only_for_the_body_and_each_read_audited(api):
    client, engine, _ = api
    case_id = add_case(
        engine, region="RU-TA", category="roads.pits.yard", body=BODY, status="registered"
    )
    refused = client.get(f"/api/v1/cases/{case_id}/contact", headers=bearer(client, "light"))
    assert refused.status_code == 403
    assert MARKED["surname"] not in refused.text
    read = client.get(f"/api/v1/cases/{case_id}/contact", headers=bearer(client, "roads"))
    assert read.status_code == 200
    assert read.json()["surname"] == MARKED["surname"]
    with session_scope(engine) as session:
        events = session.scalars(select(CaseEvent.action).where(CaseEvent.case_id == case_id)).all()
        audited = session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action.like("%contact%"))
        )
    assert "contact_read" in events
    assert audited >= 1
