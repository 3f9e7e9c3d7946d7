"""The registry's write API: a practice created (201 and its address), read with its measured
effect, changed, moved to a new stage, replicated and verified; who may write what, with
nothing written on a refusal; problems located by field; unknown practices are 404s."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from builders import bearer, log_in
from practice_pages_rows import CLAIM, CONTRACT, HOSPITALS, OLD, SCHOOLS

API = "/api/v1/practices"
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


def _create(client: TestClient, body: dict, login: str = "analyst") -> dict:
    made = client.post(API, json=body, headers=bearer(client, login))
    assert made.status_code == 201, made.text
    assert made.headers["location"] == f"{API}/{made.json()['id']}"
    return made.json()


def test_a_practice_created_read_with_its_measured_effect_and_replicated(
    client: TestClient,
) -> None:
    practice = _create(client, HOSPITALS)
    url = f"{API}/{practice['id']}"
    read = client.get(url)  # public: no account, and no official's login in it
    assert read.status_code == 200 and read.json()["stages"][0]["actor"] is None
    assert practice["stages"][0]["actor"] == "analyst"
    assert client.get(url, headers=bearer(client, "viewer")).json() == practice
    assert practice["capex"] == 12_500_000 and practice["software_registry"] == "4925"
    assert [s["stage"] for s in practice["stages"]] == ["pilot"]
    (link,) = practice["indicators"]
    (measured,) = link["measured"]
    assert (measured["region"], measured["before_period"], measured["after_period"]) == (
        "RU-TA",
        "2025Q3",
        "2025Q4",
    )
    assert measured["effect"] == measured["after"] - measured["before"]
    assert practice["replication_count"] == 0 and practice["stale"] is False

    operator = bearer(client, "operator")
    counted = client.post(f"{url}/replications", json=CONTRACT, headers=operator)
    assert counted.status_code == 201, counted.text
    claimed = client.post(f"{url}/replications", json=CLAIM, headers=operator).json()
    assert claimed["replication_count"] == 1  # the claim without a contract does not count
    assert [r["counted"] for r in claimed["replications"]] == [True, False]


def test_a_practice_changed_moved_to_a_stage_and_verified(client: TestClient) -> None:
    analyst = bearer(client, "analyst")
    practice = _create(client, OLD)
    url = f"{API}/{practice['id']}"
    assert practice["stale"] is True and practice["verified_at"] == "2024-01-15"
    changed = client.put(url, json={**OLD, "title": "Электронный больничный"}, headers=analyst)
    assert changed.status_code == 200 and changed.json()["title"] == "Электронный больничный"
    stage = {"stage": "scaled", "since": "2026-05-01", "note": "Все районы"}
    moved = client.post(f"{url}/stages", json=stage, headers=analyst)
    assert moved.status_code == 201, moved.text
    assert [(s["stage"], s["since"]) for s in moved.json()["stages"]] == [
        ("production", "2023-01-10"),
        ("scaled", "2026-05-01"),
    ]
    verified = client.post(f"{url}/verify", headers=analyst).json()
    assert verified["stale"] is False and verified["verified_at"] > "2026-01-01"


def test_who_may_write_and_nothing_written_when_refused(client: TestClient) -> None:
    schools = _create(client, SCHOOLS)  # RU-MOW: not the operator's region
    url = f"{API}/{schools['id']}"
    operator = bearer(client, "operator")
    refused = client.put(url, json={**SCHOOLS, "title": "Чужое"}, headers=operator)
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
    assert client.post(API, json=SCHOOLS, headers=operator).status_code == 403
    viewer = client.post(API, json=HOSPITALS, headers=bearer(client, "viewer"))
    assert viewer.status_code == 403
    assert client.post(API, json=HOSPITALS).status_code == 401
    stage = {"stage": "retired", "since": "2026-01-01"}
    assert client.post(f"{url}/stages", json=stage, headers=operator).status_code == 403
    assert client.post(f"{url}/verify", headers=operator).status_code == 403
    elsewhere = {**CONTRACT, "region": "RU-MOW"}
    assert client.post(f"{url}/replications", json=elsewhere, headers=operator).status_code == 403
    after = client.get(url, headers=bearer(client, "viewer")).json()
    assert after == schools  # nothing of the refused writes is there

    own = _create(client, HOSPITALS, login="operator")  # its own region: allowed
    assert own["regions"] == ["RU-TA"]


def test_problems_are_located_and_unknown_practices_are_404(client: TestClient) -> None:
    analyst = bearer(client, "analyst")
    bad = {**HOSPITALS, "sector": "space", "capex": -5, "regions": ["RU-TA", "XX-XX"]}
    answer = client.post(API, json=bad, headers=analyst)
    assert answer.status_code == 422 and answer.json()["code"] == "validation_failed"
    paths = {p["path"] for p in answer.json()["problems"]}
    assert {"sector", "capex", "regions[1]"} <= paths
    english = client.post(f"{API}?lang=en", json=bad, headers=analyst).json()
    assert all(p["message"] and not CYRILLIC.search(p["message"]) for p in english["problems"])

    missing = client.get(f"{API}/424242")
    assert missing.status_code == 404 and missing.json()["problems"][0]["code"] == (
        "practice_unknown"
    )
    assert client.put(f"{API}/424242", json=HOSPITALS, headers=analyst).status_code == 404
    too_big = client.post(API, json={**HOSPITALS, "title": "я" * 501}, headers=analyst)
    assert too_big.status_code == 422
    nul = client.post(API, json={**HOSPITALS, "technologies": ["a\x00b"]}, headers=analyst)
    assert nul.status_code == 422 and nul.json()["problems"][0]["path"] == "body.technologies"


def test_a_write_on_the_session_cookie_needs_the_csrf_token(client: TestClient) -> None:
    log_in(client, "analyst")
    refused = client.post(API, json=HOSPITALS)
    assert refused.status_code == 403
    token = client.get("/practices").text.split('name="csrf-token" content="')[1].split('"')[0]
    made = client.post(API, json=HOSPITALS, headers={"X-CSRF-Token": token})
    assert made.status_code == 201, made.text
