"""Rate limits on submissions of cases: per client address on every submitting path, and per
Open311 API key, answered 429 with `Retry-After` in the shape each caller reads.

The limits are counted before the route runs, so these tests hold whatever the routes answer
(and hold already for paths whose routes are added later)."""

from __future__ import annotations

from collections.abc import Iterator
from xml.etree import ElementTree

import pytest
from fastapi import Request
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tsifra.web import create_app
from tsifra.web.ratelimits import SUBMISSION_PATHS
from tsifra.web.settings import Settings, load_settings


@pytest.fixture
def backend() -> str:
    """SQLite only: the counts are kept in memory, not in the database."""
    return "sqlite"


def _client(store: Engine, per_address: str, per_key: str) -> TestClient:
    settings = Settings(
        database_url=store.url.render_as_string(hide_password=False),
        secret_key="test-" * 10,
        rate_limit_submissions=per_address,
        rate_limit_submissions_key=per_key,
    )
    return TestClient(create_app(settings))


@pytest.fixture
def strict(store: Engine) -> Iterator[TestClient]:
    """Two submissions per minute and address, three per minute and key."""
    with _client(store, "2/minute", "3/minute") as client:
        yield client


@pytest.fixture
def keyed(store: Engine) -> Iterator[TestClient]:
    """Addresses hardly limited, two submissions per minute and key."""
    with _client(store, "1000/minute", "2/minute") as client:
        yield client


def _refused(response, seconds: int = 60) -> None:
    assert response.status_code == 429, response.text
    assert 0 < int(response.headers["retry-after"]) <= seconds


def test_the_submitting_paths_are_matched_and_nothing_else() -> None:
    for path in (
        "/appeals/new",
        "/api/v1/cases",
        "/open311/v2/requests",
        "/open311/v2/requests.json",
        "/open311/v2/requests.xml",
        "/open311/v2/requests/15/media.json",
        "/moderation/flag/15",
    ):
        assert SUBMISSION_PATHS.match(path), path
    for path in ("/api/v1/cases/15/answer", "/open311/v2/services.json", "/login", "/appeals"):
        assert not SUBMISSION_PATHS.match(path), path


def test_the_api_refuses_past_the_address_limit_with_its_error_object(strict: TestClient):
    for _ in range(2):
        assert strict.post("/api/v1/cases", json={}).status_code != 429
    refused = strict.post("/api/v1/cases", json={}, headers={"Accept-Language": "en"})
    _refused(refused)
    assert refused.json()["code"] == "too_many_requests"
    assert refused.json()["message"].startswith("too many requests")
    assert refused.headers["retry-after"] in refused.json()["message"]
    # Reading is not a submission: not counted, not refused.
    assert strict.get("/api/v1/ratings").status_code != 429


def test_open311_refuses_in_its_error_shape_in_json_and_xml(strict: TestClient) -> None:
    form = {"service_code": "roads.pits", "jurisdiction_id": "RU-TA", "description": "яма"}
    for _ in range(2):
        assert strict.post("/open311/v2/requests.json", data=form).status_code != 429
    refused = strict.post("/open311/v2/requests.json", data=form)
    _refused(refused)
    [error] = refused.json()
    assert error["code"] == 429
    assert "слишком много запросов" in error["description"]
    as_xml = strict.post("/open311/v2/requests.xml", data=form)
    _refused(as_xml)
    assert as_xml.headers["content-type"].startswith("application/xml")
    root = ElementTree.fromstring(as_xml.content)
    assert root.tag == "errors"
    assert root.findtext("error/code") == "429"
    assert "слишком много запросов" in root.findtext("error/description")


def test_the_citizens_form_is_refused_with_a_page(strict: TestClient) -> None:
    for _ in range(2):
        assert strict.post("/appeals/new", data={"text": "яма"}).status_code != 429
    refused = strict.post("/appeals/new", data={"text": "яма"})
    _refused(refused)
    assert "text/html" in refused.headers["content-type"]
    assert "Слишком много запросов" in refused.text
    assert "<h1>" in refused.text


def test_one_api_key_is_limited_wherever_it_comes_from_and_others_are_not(keyed: TestClient):
    url = "/open311/v2/requests.json"
    form = {"api_key": "key-one", "service_code": "roads.pits", "description": "яма"}
    assert [keyed.post(url, data=form).status_code != 429 for _ in range(2)] == [True, True]
    _refused(keyed.post(url, data=form))
    # The same key in the query string, or in a multipart form (media upload), is the same key.
    _refused(keyed.post(f"{url}?api_key=key-one", data={"description": "яма"}))
    media = {"media": ("pit.jpg", b"\xff\xd8\xff" + b"0" * 100, "image/jpeg")}
    _refused(keyed.post(url, data=form, files=media))
    # Another key has its own count, and the body read for the key still reaches the route.
    other = {**form, "api_key": "key-two"}
    answer = keyed.post(url, data=other)
    assert answer.status_code != 429
    assert keyed.post(url, data=other, files=media).status_code != 429


def test_the_limits_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TSIFRA_RATE_LIMIT_SUBMISSIONS", "7/second")
    monkeypatch.setenv("TSIFRA_RATE_LIMIT_SUBMISSIONS_KEY", "9/hour")
    settings = load_settings()
    assert settings.rate_limit_submissions == "7/second"
    assert settings.rate_limit_submissions_key == "9/hour"
    monkeypatch.delenv("TSIFRA_RATE_LIMIT_SUBMISSIONS")
    assert load_settings().rate_limit_submissions == Settings.rate_limit_submissions


def test_the_body_read_for_the_key_reaches_the_route_unchanged(store: Engine) -> None:
    """The middleware reads a form to find its key; the route still reads the whole form."""
    settings = Settings(
        database_url=store.url.render_as_string(hide_password=False),
        secret_key="test-" * 10,
    )
    app = create_app(settings)

    @app.post("/open311/v2/requests/{n}/echo.json")
    async def echo(request: Request) -> dict:
        form = await request.form()
        return {k: (v if isinstance(v, str) else len(await v.read())) for k, v in form.items()}

    app.router.routes.insert(0, app.router.routes.pop())  # before Open311's own routes
    with TestClient(app) as client:
        url = "/open311/v2/requests/1/echo.json"
        form = {"api_key": "key-one", "description": "яма " * 2000}
        assert client.post(url, data=form).json() == form
        media = {"media": ("pit.jpg", b"\xff\xd8\xff" + b"0" * 300_000, "image/jpeg")}
        answer = client.post(url, data=form, files=media).json()
        assert answer == {**form, "media": 300_003}
