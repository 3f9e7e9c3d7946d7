"""Accounts through the web: failed sign-ins throttled and locked (429 with Retry-After) on the
login page and the token route, saved session cookies refused after logout and a password
change, expired and revoked tokens refused."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, update

from builders import WEB_PASSWORD, bearer
from tsifra.accounts import revoke_tokens, set_password, unlock
from tsifra.accounts.throttle import Limits
from tsifra.accounts.tokens import list_tokens
from tsifra.store import ApiToken, session_scope, utcnow

COOKIE = "tsifra_session"


def csrf_of(client: TestClient, path: str = "/login") -> str:
    return re.search(r'name="csrf" value="([^"]+)"', client.get(path).text).group(1)


def log_in(client: TestClient, login: str) -> None:
    form = {"login": login, "password": WEB_PASSWORD, "csrf": csrf_of(client)}
    assert client.post("/login", data=form, follow_redirects=False).status_code == 303


def page_login(client: TestClient, password: str):
    form = {"login": "admin", "password": password, "csrf": csrf_of(client)}
    return client.post("/login", data=form, follow_redirects=False)


def api_login(client: TestClient, password: str, login: str = "admin"):
    return client.post("/api/v1/auth/token", json={"login": login, "password": password})


@pytest.fixture
def lock_soon(monkeypatch: pytest.MonkeyPatch) -> Limits:
    """Three wrong passwords lock a login, with no slowing before (to reach it without waits)."""
    limits = Limits(slow_after=100, lock_after=3)
    monkeypatch.setattr("tsifra.accounts.throttle.LIMITS", limits)
    return limits


def test_the_login_page_slows_down_after_five_failures(client: TestClient) -> None:
    assert [page_login(client, "wrong").status_code for _ in range(5)] == [401] * 5
    refused = page_login(client, WEB_PASSWORD)  # too soon, even with the right password
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) >= 1
    assert "Слишком много неудачных попыток входа" in refused.text


def test_the_token_route_slows_down_after_five_failures(client: TestClient) -> None:
    assert [api_login(client, "wrong").status_code for _ in range(5)] == [401] * 5
    refused = api_login(client, WEB_PASSWORD)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
    assert refused.json()["code"] == "too_many_requests"
    assert api_login(client, WEB_PASSWORD, login="viewer").status_code == 200  # others may


def test_a_locked_login_is_refused_until_an_admin_unlocks_it(
    client: TestClient, rated: Engine, lock_soon: Limits
) -> None:
    assert [page_login(client, "wrong").status_code for _ in range(3)] == [401] * 3
    locked = page_login(client, WEB_PASSWORD)
    assert locked.status_code == 429
    assert locked.headers["Retry-After"] == str(int(lock_soon.lock_for.total_seconds()))
    assert "повторите через 30 мин" in locked.text
    assert api_login(client, WEB_PASSWORD).status_code == 429  # the API too
    unlock(rated, "admin", actor="cli")
    assert page_login(client, WEB_PASSWORD).status_code == 303


def test_logout_ends_a_saved_session_cookie(client: TestClient) -> None:
    log_in(client, "admin")
    saved = client.cookies[COOKIE]
    assert client.get("/api/v1/me").json()["login"] == "admin"
    client.post("/logout", data={"csrf": csrf_of(client, "/")}, follow_redirects=False)
    client.cookies.clear()  # an attacker who copied the cookie before the logout replays it
    replayed = client.get("/api/v1/me", headers={"Cookie": f"{COOKIE}={saved}"})
    assert replayed.status_code == 401
    page = client.get("/", headers={"Cookie": f"{COOKIE}={saved}"})
    assert "Выйти" not in page.text


def test_a_new_password_ends_every_session(client: TestClient, rated: Engine) -> None:
    log_in(client, "admin")
    assert client.get("/api/v1/me").status_code == 200
    set_password(rated, "admin", "a-brand-new-passphrase", actor="cli")
    assert client.get("/api/v1/me").status_code == 401
    assert "Выйти" not in client.get("/").text


def test_expired_and_revoked_tokens_are_refused(client: TestClient, rated: Engine) -> None:
    headers = bearer(client, "analyst")
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    with session_scope(rated) as session:
        session.execute(update(ApiToken).values(expires_at=utcnow() - timedelta(seconds=1)))
    assert client.get("/api/v1/me", headers=headers).status_code == 401
    headers = bearer(client, "analyst")
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    assert revoke_tokens(rated, "analyst", actor="cli") == 2  # the expired one with it
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_a_client_revokes_its_own_token(client: TestClient) -> None:
    headers, other = bearer(client, "analyst"), bearer(client, "analyst")
    assert client.delete("/api/v1/auth/token", headers=headers).status_code == 204
    assert client.get("/api/v1/me", headers=headers).status_code == 401
    assert client.get("/api/v1/me", headers=other).status_code == 200


def test_a_token_has_a_label_and_a_lifetime(client: TestClient, rated: Engine) -> None:
    body = {"login": "analyst", "password": WEB_PASSWORD, "label": "etl", "days": 7}
    issued = client.post("/api/v1/auth/token", json=body).json()
    assert issued["expires_in"] == 7 * 86_400
    (token,) = list_tokens(rated, "analyst")
    assert token.label == "etl" and token.expires_at - token.created_at == timedelta(days=7)
    too_long = client.post("/api/v1/auth/token", json={**body, "days": 400})
    assert too_long.status_code == 422
