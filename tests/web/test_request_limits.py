"""A request body over the limit is refused before it is read and before authentication."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from builders import bearer
from tsifra.web import create_app
from tsifra.web.settings import Settings, load_settings

MB = 2**20


@pytest.fixture
def small_limit(rated: Engine) -> Iterator[TestClient]:
    """The app with a body limit of 1 MB, so that going past it costs the test nothing."""
    url = rated.url.render_as_string(hide_password=False)
    app = create_app(Settings(database_url=url, secret_key="test-" * 10, max_body_mb=1))
    with TestClient(app) as client:
        yield client
    app.state.engine.dispose()


def test_a_declared_length_over_the_limit_is_refused_before_authentication(
    small_limit: TestClient,
) -> None:
    """Anonymous, so the route would answer 401; the size is refused first, naming the limit."""
    body = b"x" * (MB + 1)
    refused = small_limit.post("/api/v1/values", content=body)
    assert refused.status_code == 413
    assert refused.json()["code"] == "body_too_large"
    assert "1 МБ" in refused.json()["message"]  # Russian by default
    english = small_limit.post("/api/v1/values?lang=en", content=body)
    assert "larger than 1 MB" in english.json()["message"]
    by_header = small_limit.post(
        "/api/v1/values", content=body, headers={"Accept-Language": "en-GB,en;q=0.9"}
    )
    assert "larger than 1 MB" in by_header.json()["message"]
    page = small_limit.post("/upload", content=body)  # the upload page too, before its CSRF check
    assert page.status_code == 413


def test_a_body_without_a_length_is_counted_and_cut_off(small_limit: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(64):  # 4 MB in all, 64 kB at a time, with no Content-Length
            yield b"x" * (64 * 1024)

    refused = small_limit.post(
        "/api/v1/values",
        content=chunks(),
        headers={"Content-Type": "multipart/form-data; boundary=zzz"},
    )
    assert refused.status_code == 413
    assert refused.json()["code"] == "body_too_large"


def test_a_body_within_the_limit_goes_on_to_the_route(small_limit: TestClient) -> None:
    anonymous = small_limit.post("/api/v1/values", files={"file": ("v.csv", b"unit,period\n")})
    assert anonymous.status_code == 401
    headers = bearer(small_limit, "analyst")
    data = b"unit,period,indicator,value\nRU-TA,2025Q4,health_emr,91\n"
    sent = small_limit.post("/api/v1/values", headers=headers, files={"file": ("v.csv", data)})
    assert sent.status_code == 200, sent.text


def test_the_limit_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TSIFRA_SECRET_KEY", "k" * 40)
    assert load_settings().max_body_mb == 50
    monkeypatch.setenv("TSIFRA_MAX_BODY_MB", "5")
    assert load_settings().max_body_mb == 5
