"""POST /api/v1/approvals/owners: the owners a geometry touches, for signed-in accounts only,
with located problems, the region filter, the kept index and a rate limit per account."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from builders import WEB_PASSWORD, bearer
from tsifra.accounts import create_user
from tsifra.approvals.zones import load_zones
from tsifra.web import create_app
from tsifra.web.settings import Settings
from zone_maps import TEST_MAP, feature, square, write_map

URL = "/api/v1/approvals/owners"
EDGE = {"type": "Point", "coordinates": [49.140, 55.785]}


@pytest.fixture
def api(store: Engine) -> Iterator[TestClient]:
    load_zones(store, TEST_MAP, now=datetime(2026, 11, 30, 9))
    create_user(store, "builder", WEB_PASSWORD, "applicant", name="ООО «Стройка»")
    create_user(store, "second", WEB_PASSWORD, "applicant", name="ИП Иванов")
    url = store.url.render_as_string(hide_password=False)
    settings = Settings(database_url=url, secret_key="test-" * 10, rate_limit_owners="5/minute")
    app = create_app(settings)
    with TestClient(app) as client:
        yield client
    app.state.engine.dispose()


def owners(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [o["owner"] for o in response.json()["owners"]]


def test_the_owners_of_a_point_a_line_and_a_polygon(api: TestClient):
    auth = bearer(api, "builder")
    answer = api.post(URL, json=EDGE, headers=auth)
    assert answer.json() == {
        "owners": [
            {
                "owner": "ru-ta-telecom",
                "name": "Связь (тест)",
                "region": "RU-TA",
                "zones": [{"id": 4, "network": "telecom", "name": "Кабельная канализация связи"}],
            }
        ]
    }
    line = {"type": "LineString", "coordinates": [[49.105, 55.781], [49.130, 55.781]]}
    assert owners(api.post(URL, json=line, headers=auth)) == ["ru-ta-gaz", "ru-ta-vodokanal"]
    feature_of = {"type": "Feature", "properties": {}, "geometry": square(49.109, 55.786, 0.0001)}
    assert owners(api.post(URL, json=feature_of, headers=auth)) == [
        "ru-ta-setevaya",
        "ru-ta-vodokanal",
    ]
    nowhere = {"type": "Point", "coordinates": [49.122, 55.781]}
    assert owners(api.post(URL, json=nowhere, headers=auth)) == []


def test_only_a_signed_in_account(api: TestClient):
    refused = api.post(URL, json=EDGE)
    assert refused.status_code == 401
    assert refused.json()["code"] == "unauthorized"


def test_problems_are_located_in_the_body(api: TestClient):
    auth = bearer(api, "builder")
    ring = [[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]
    refused = api.post(URL, json={"type": "Polygon", "coordinates": [ring]}, headers=auth)
    assert refused.status_code == 422
    (problem,) = refused.json()["problems"]
    assert (problem["code"], problem["path"], problem["value"]) == (
        "geo_self_intersection", "body", "1, 1"
    )  # fmt: skip
    english = api.post(
        URL,
        json={"type": "Point", "coordinates": [55.7, 91]},
        headers={**auth, "Accept-Language": "en"},
    )
    assert english.status_code == 422
    (problem,) = english.json()["problems"]
    assert problem["path"] == "body.coordinates"
    assert problem["message"].startswith("Latitude 91 is outside")
    not_json = api.post(URL, content=b"{oops", headers={**auth, "Content-Type": "application/json"})
    assert not_json.status_code == 422


def test_the_region_filter_and_a_reload_seen_at_once(api: TestClient, store: Engine, tmp_path):
    auth = bearer(api, "builder")
    assert owners(api.post(URL, json=EDGE, headers=auth, params={"region": "RU-MOW"})) == []
    assert api.post(URL, json=EDGE, headers=auth, params={"region": "nope"}).status_code == 422
    moved = write_map(tmp_path / "t.geojson", [
        feature("ru-ta-telecom", square(49.3, 55.3, 0.01), owner_name="Связь (тест)"),
        feature("ru-ta-teplo", square(49.139, 55.784, 0.002), network="heat"),
    ])  # fmt: skip
    load_zones(store, moved, now=datetime(2026, 12, 1))
    assert owners(api.post(URL, json=EDGE, headers=auth)) == ["ru-ta-teplo"]


def test_each_account_has_a_rate_limit(api: TestClient):
    first, second = bearer(api, "builder"), bearer(api, "second")
    assert [api.post(URL, json=EDGE, headers=first).status_code for _ in range(5)] == [200] * 5
    refused = api.post(URL, json=EDGE, headers=first)
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) > 0
    assert api.post(URL, json=EDGE, headers=second).status_code == 200
