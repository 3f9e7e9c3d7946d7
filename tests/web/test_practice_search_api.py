"""`GET /api/v1/practices`: the registry searched by anyone, facets repeated, labels in the
reader's language, and every bad parameter a located 422 in the house error shape."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from practice_search_registry import small_registry
from tsifra.web import create_app
from tsifra.web.settings import Settings


@pytest.fixture
def registry_client(store: Engine) -> Iterator[tuple[TestClient, dict[str, int]]]:
    ids = small_registry(store)
    url = store.url.render_as_string(hide_password=False)
    app = create_app(Settings(database_url=url, secret_key="test-" * 10))
    with TestClient(app) as client:
        yield client, ids
    app.state.engine.dispose()


def test_words_facets_and_labels(registry_client) -> None:
    client, ids = registry_client
    answer = client.get("/api/v1/practices", params={"q": "больница", "sector": ["health", "gov"]})
    assert answer.status_code == 200
    body = answer.json()
    assert body["total"] == 3 and body["page"] == 1 and body["per_page"] == 20
    assert {i["id"] for i in body["items"]} == {ids["beds"], ids["sick_leave"], ids["clinic"]}
    assert body["items"][-1]["id"] == ids["clinic"]  # relevance: matched in its description only
    beds = next(i for i in body["items"] if i["id"] == ids["beds"])
    assert beds["replication_count"] == 2 and beds["regions"] == ["RU-TA"]
    assert beds["stale"] is False and beds["verified_at"] == "2026-05-01"
    regions = {f["value"]: f for f in body["facets"]["region"]}
    assert regions["RU-MOW"]["label"] == "Москва" and regions["RU-MOW"]["count"] == 2
    sectors = {f["value"]: f["count"] for f in body["facets"]["sector"]}
    assert sectors["health"] == 3 and sectors["gov"] == 0  # no «больница» in gov
    english = client.get("/api/v1/practices", params={"region": "RU-MOW", "lang": "en"}).json()
    assert {f["value"]: f["label"] for f in english["facets"]["region"]}["RU-MOW"] == "Moscow"


def test_facets_repeat_and_combine(registry_client) -> None:
    client, _ = registry_client
    body = client.get(
        "/api/v1/practices?ai_kind=none&ai_kind=vision&sort=title&per_page=2&page=2"
    ).json()
    assert body["total"] == 4
    assert [i["title"] for i in body["items"]] == ["Осушение болота у трассы",
                                                   "Свободные места в больницах"]  # fmt: skip


@pytest.mark.parametrize(
    ("params", "path"),
    [
        ({"sort": "random"}, "sort"),
        ({"page": "0"}, "page"),
        ({"per_page": "101"}, "per_page"),
        ({"sector": ["health", "hospitals"]}, "sector"),
        ({"stage": "done"}, "stage"),
        ({"ai_kind": "robot"}, "ai_kind"),
        ({"q": "я" * 501}, "q"),
        ({"region": "R" * 200}, "region"),
        ({"indicator": "x\x00"}, "indicator"),
    ],
)
def test_bad_parameters_are_located_422s(registry_client, params, path) -> None:
    client, _ = registry_client
    answer = client.get("/api/v1/practices", params=params)
    assert answer.status_code == 422
    body = answer.json()
    assert body["code"] == "validation_failed"
    assert [p["path"] for p in body["problems"]] == [path]
    assert all(p["message"] and "Traceback" not in p["message"] for p in body["problems"])


@pytest.mark.parametrize("params", [{"page": "two"}, {"per_page": "1e3"}])
def test_malformed_numbers_are_422s(registry_client, params) -> None:
    client, _ = registry_client
    answer = client.get("/api/v1/practices", params=params)
    assert answer.status_code == 422
    assert answer.json()["code"] == "invalid_request"
    assert [p["path"] for p in answer.json()["problems"]] == [f"query.{next(iter(params))}"]


def test_hostile_words_answer_200(registry_client) -> None:
    client, _ = registry_client
    for q in ('"', "*", "NEAR(a b)", "a:b", "&|!", "больница' | 'x", "%00"):
        answer = client.get("/api/v1/practices", params={"q": q})
        assert answer.status_code == 200, q
    hits = client.get("/api/v1/practices", params={"q": "больница:*"}).json()
    assert hits["total"] == 3
