"""Safe by default in a browser: the headers on every answer (each OpenAPI operation, each page,
static files, errors), CSRF on API writes that ride on the session cookie, and no cache keeping
an answer made for one person."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi import APIRouter
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import Engine

from builders import WEB_PASSWORD, bearer
from tsifra.web import create_app, pages
from tsifra.web.settings import Settings

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# A value for each path parameter that names something the `rated` database holds.
PARAMETERS = {
    "code": "RU-TA", "unit": "RU-TA", "run_id": "1", "task_id": "1", "conflict_id": "1",
    "file_id": "1", "kind": "xlsx",
    "token": "no-such-tracking-token-0123456789",
    "step": "comment",
    "body": "ta-roads",
    "region": "RU-TA",
    "case_id": "1",
    "flag_id": "1",
    "practice_id": "1",
    "plan_id": "1", "item_id": "1",
    "notice_id": "1", "action": "confirm",
    "project_id": "1", "document_id": "1",
}  # fmt: skip
INDICATOR = "health_emr"
TASK = {"title": "План", "region": "RU-TA", "responsible": "Минцифры", "deadline": "2026-06-30"}
PRACTICE = {"title": "Чат-бот записи к врачу", "sector": "health", "regions": ["RU-TA"]}


def log_in(client: TestClient, login: str) -> None:
    form = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text)
    assert form, "no CSRF field on /login"
    answer = client.post(
        "/login",
        data={"login": login, "password": WEB_PASSWORD, "csrf": form.group(1)},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text


def _assert_safe(response: Response, where: str, https: bool = False) -> None:
    headers = response.headers
    assert headers.get("content-security-policy") == CSP, where
    assert headers.get("x-content-type-options") == "nosniff", where
    assert headers.get("x-frame-options") == "DENY", where
    assert headers.get("referrer-policy") == "same-origin", where
    hsts = headers.get("strict-transport-security")
    assert (hsts == "max-age=31536000; includeSubDomains") if https else hsts is None, where


def _filled(path: str) -> str:
    if path.startswith(("/indicators/", "/api/v1/indicators/")):
        return path.replace("{code}", INDICATOR)
    return re.sub(r"\{(\w+)\}", lambda m: PARAMETERS[m.group(1)], path)


def _page_routes(router: APIRouter) -> Iterator[APIRoute]:
    """Every page route, through the routers the pages package includes."""
    for route in router.routes:
        if isinstance(route, APIRoute):
            yield route
        elif hasattr(route, "original_router"):  # FastAPI keeps an included router as such
            yield from _page_routes(route.original_router)


@pytest.fixture
def task_client(client: TestClient, monkeypatch) -> TestClient:
    """`client` with a task in RU-TA, so that every path parameter names something real."""
    made = client.post("/api/v1/tasks", json=TASK, headers=bearer(client, "admin"))
    assert made.status_code == 201, made.text
    monkeypatch.setitem(PARAMETERS, "task_id", str(made.json()["id"]))
    practice = client.post("/api/v1/practices", json=PRACTICE, headers=bearer(client, "admin"))
    assert practice.status_code == 201, practice.text
    monkeypatch.setitem(PARAMETERS, "practice_id", str(practice.json()["id"]))
    return client


def test_every_operation_and_page_answers_with_the_headers(task_client: TestClient) -> None:
    client = task_client
    schema = client.get("/openapi.json")
    _assert_safe(schema, "/openapi.json")
    asked = 0
    for path, operations in schema.json()["paths"].items():
        url = _filled(path)
        for method in operations:  # anonymous: reads answer, writes are refused; both safe
            response = client.request(method.upper(), url)
            assert response.status_code != 500, (method, url, response.text)
            _assert_safe(response, f"{method} {url}")
            asked += 1
    admin = bearer(client, "admin")
    for path, operations in schema.json()["paths"].items():
        if "get" in operations:
            response = client.get(_filled(path), headers=admin)
            assert response.status_code != 500, (path, response.text)
            _assert_safe(response, f"GET {path} as admin")
            asked += 1
    assert asked > 30

    pages_seen = set()
    log_in(client, "admin")
    for route in _page_routes(pages.router):
        if "GET" in route.methods:
            response = client.get(_filled(route.path))
            assert response.status_code < 500, (route.path, response.text)
            _assert_safe(response, route.path)
            pages_seen.add(route.path)
    assert {"/", "/regions/{code}", "/tasks", "/upload", "/api/docs", "/conflicts"} <= pages_seen
    assert {"/regions/{code}/submission", "/submissions"} <= pages_seen
    for static in ("/static/tsifra.css", "/static/sort.js", "/static/swagger/swagger-ui.css"):
        _assert_safe(client.get(static), static)
    _assert_safe(client.get("/no-such-page", headers={"Accept": "text/html"}), "a 404 page")
    _assert_safe(client.get("/api/v1/no-such-thing"), "a 404 in the API")


def test_a_server_error_carries_the_headers_and_https_adds_hsts(rated: Engine) -> None:
    url = rated.url.render_as_string(hide_password=False)
    app = create_app(Settings(database_url=url, secret_key="test-" * 10, https_only=True))

    @app.get("/broken")
    def broken() -> None:
        raise RuntimeError("a bug")

    with TestClient(app, raise_server_exceptions=False, base_url="https://testserver") as client:
        failed = client.get("/broken")
        assert failed.status_code == 500 and failed.json()["code"] == "internal_error"
        _assert_safe(failed, "a 500", https=True)
        _assert_safe(client.get("/"), "a page over HTTPS", https=True)
    app.state.engine.dispose()


def test_pages_carry_no_inline_script_or_style(client: TestClient) -> None:
    """What the CSP would block must not be needed: no inline <script>, `on…=` handler or
    `style=` in a page as anonymous readers and signed-in users see it."""
    paths = ["/", "/regions/RU-TA", "/regions/RU-TA/whatif", "/api/docs", "/login"]
    log_in(client, "admin")
    paths += ["/tasks", "/upload", "/regions/RU-TA/submission", "/submissions"]
    paths += ["/practices", "/practices/new", "/practices/import"]
    for path in paths:
        html = client.get(path).text
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        assert not re.search(r"\son[a-z]+\s*=", html), path
        assert not re.search(r"\sstyle\s*=|<style", html), path


def _meta_token(client: TestClient, path: str = "/") -> str | None:
    found = re.search(r'<meta name="csrf-token" content="([^"]+)">', client.get(path).text)
    return found.group(1) if found else None


def test_an_api_write_on_the_session_cookie_needs_the_csrf_token(client: TestClient) -> None:
    assert _meta_token(client) is None  # an anonymous page carries no token
    log_in(client, "admin")
    token = _meta_token(client)
    assert token and _meta_token(client, "/api/docs") == token

    refused = client.post("/api/v1/tasks", json=TASK)
    assert refused.status_code == 403
    assert refused.json()["code"] == "csrf_failed"
    assert "X-CSRF-Token" in refused.json()["message"]
    forged = client.post("/api/v1/tasks", json=TASK, headers={"X-CSRF-Token": "forged"})
    assert forged.status_code == 403
    odd = client.post("/api/v1/tasks", json=TASK, headers={"X-CSRF-Token": "токен".encode()})
    assert odd.status_code == 403
    task = client.post("/api/v1/tasks", json=TASK, headers={"X-CSRF-Token": token})
    assert task.status_code == 201, task.text
    change = {"status": "in_progress", "comment": "начали"}
    url = f"/api/v1/tasks/{task.json()['id']}"
    assert client.patch(url, json=change).status_code == 403
    assert client.patch(url, json=change, headers={"X-CSRF-Token": token}).status_code == 200
    assert client.get("/api/v1/tasks").status_code == 200  # reads need no token


def test_a_bearer_write_needs_no_csrf_token_and_anonymous_writes_stay_401(
    client: TestClient,
) -> None:
    headers = bearer(client, "admin")
    assert client.post("/api/v1/tasks", json=TASK, headers=headers).status_code == 201
    client.cookies.clear()
    assert client.post("/api/v1/tasks", json=TASK).status_code == 401
    log_in(client, "viewer")  # the cookie of one user, the token of another: the token decides
    assert client.post("/api/v1/tasks", json=TASK, headers=headers).status_code == 201


def test_an_answer_made_for_one_person_is_not_cached(client: TestClient) -> None:
    public = client.get("/regions/RU-TA")
    assert "no-store" not in public.headers.get("cache-control", "")
    assert "no-store" not in client.get("/api/v1/ratings").headers.get("cache-control", "")

    token = bearer(client, "admin")
    for url in ("/api/v1/me", "/api/v1/ratings", "/api/v1/regions/RU-TA/profile.xlsx"):
        answer = client.get(url, headers=token)
        assert answer.status_code == 200
        assert answer.headers["cache-control"] == "private, no-store", url

    form = client.get("/login")  # the form's token is this visitor's
    assert form.headers["cache-control"] == "private, no-store"
    log_in(client, "admin")
    pages = ("/", "/regions/RU-TA", "/tasks", "/api/v1/regions/RU-TA/profile.xlsx")
    cycle = ("/regions/RU-TA/submission", "/regions/RU-TA/submission/template.xlsx", "/submissions")
    for url in pages + cycle:
        answer = client.get(url)
        assert answer.status_code == 200
        assert answer.headers["cache-control"] == "private, no-store", url
    static = client.get("/static/tsifra.css")  # the same for everyone, whoever asks
    assert "no-store" not in static.headers.get("cache-control", "")
