"""Rate limits on the answers that cost an anonymous caller's request seconds of CPU: the PDF
and XLSX files and what-if, per address, with 429 and Retry-After past the limit."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from builders import bearer
from tsifra.web import create_app
from tsifra.web.settings import Settings

WHATIF = {"scenarios": {"more": {"gov_pos_on_time": "target"}}}


@pytest.fixture
def strict(rated: Engine) -> Iterator[TestClient]:
    """The app with two of each per minute (the defaults are higher)."""
    url = rated.url.render_as_string(hide_password=False)
    settings = Settings(
        database_url=url,
        secret_key="test-" * 10,
        rate_limit_exports="2/minute",
        rate_limit_analyses="2/minute",
    )
    app = create_app(settings)
    with TestClient(app) as client:
        yield client
    app.state.engine.dispose()


def _refused_for(response, seconds: int = 60) -> None:
    assert response.status_code == 429, response.text
    wait = int(response.headers["retry-after"])
    assert 0 < wait <= seconds


def test_an_anonymous_caller_gets_429_with_retry_after_past_the_limit(strict: TestClient):
    client = strict
    files = ["/api/v1/ratings/export.xlsx", "/api/v1/regions/RU-TA/profile.xlsx"]
    assert [client.get(url).status_code for url in files] == [200, 200]
    refused = client.get("/api/v1/regions/RU-TA/profile.xlsx")  # one limit for every file
    _refused_for(refused)
    assert refused.json()["code"] == "too_many_requests"
    assert refused.headers["retry-after"] in refused.json()["message"]
    english = client.get("/api/v1/ratings/export.xlsx", headers={"Accept-Language": "en"})
    _refused_for(english)
    assert english.json()["message"].startswith("too many requests")
    _refused_for(client.get("/api/v1/regions/RU-TA/brief.pdf"))
    assert client.get("/api/v1/ratings").status_code == 200  # cheap answers are not limited

    # What-if has its own count, for the API and the page alike.
    url = "/api/v1/regions/RU-TA/whatif"
    assert [client.post(url, json=WHATIF).status_code for _ in range(2)] == [200, 200]
    _refused_for(client.post(url, json=WHATIF))
    page = client.get("/regions/RU-TA/whatif", headers={"Accept": "text/html"})
    _refused_for(page)
    assert "text/html" in page.headers["content-type"]
    assert "Слишком много запросов" in page.text


def test_a_signed_in_caller_is_not_limited(strict: TestClient) -> None:
    headers = bearer(strict, "viewer")
    answers = [strict.get("/api/v1/ratings/export.xlsx", headers=headers) for _ in range(4)]
    assert [a.status_code for a in answers] == [200] * 4


def test_the_limits_are_documented_in_the_api_schema(strict: TestClient) -> None:
    paths = strict.get("/openapi.json").json()["paths"]
    for path, method in [
        ("/api/v1/ratings/export.xlsx", "get"),
        ("/api/v1/regions/{code}/profile.xlsx", "get"),
        ("/api/v1/regions/{code}/brief.pdf", "get"),
        ("/api/v1/regions/{code}/whatif", "post"),
    ]:
        refusal = paths[path][method]["responses"]["429"]
        assert "Retry-After" in refusal["headers"], path


def test_limits_come_from_the_environment(monkeypatch, tmp_path) -> None:
    from tsifra.web.settings import load_settings

    monkeypatch.setenv("TSIFRA_HOME", str(tmp_path))
    monkeypatch.setenv("TSIFRA_RATE_LIMIT_EXPORTS", "5/hour")
    settings = load_settings()
    assert settings.rate_limit_exports == "5/hour"
    assert settings.rate_limit_analyses == Settings.rate_limit_analyses
