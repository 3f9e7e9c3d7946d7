"""The public pages and the API of flood warnings: the list by municipality, a warning with
the rule and the reading that caused it, the subscription form (double opt-in, one answer
whoever asks, rate-limited), and the confirm and unsubscribe links that act only on a POST."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from builders import csrf_of
from tsifra.proactive.runs import run_rule
from tsifra.store import OutboxMessage, Subscription, session_scope
from tsifra.web import create_app
from tsifra.web.ratelimits import SUBMISSION_PATHS
from tsifra.web.settings import Settings

RULE = Path(__file__).resolve().parents[2] / "examples" / "proactive" / "flood-warning.yaml"
YALUTOROVSK, TYUMEN = "71715000", "71701000"


@pytest.fixture
def backend() -> str:
    """SQLite: the pages read the same services the SQLite and PostgreSQL tests cover."""
    return "sqlite"


def _client(store: Engine, per_address: str = "120/minute") -> TestClient:
    settings = Settings(
        database_url=store.url.render_as_string(hide_password=False),
        secret_key="test-" * 10,
        rate_limit_submissions=per_address,
    )
    return TestClient(create_app(settings))


@pytest.fixture
def warned(store: Engine) -> Engine:
    run_rule(store, RULE, now=datetime(2026, 6, 1, 9, 0))
    return store


@pytest.fixture
def web(warned: Engine) -> Iterator[TestClient]:
    with _client(warned) as client:
        yield client


def test_the_list_by_municipality_and_one_warning(web: TestClient) -> None:
    page = web.get("/notices")
    assert page.status_code == 200 and page.text.count("<h1>") == 1
    assert "Предупреждения о паводках" in page.text and page.text.count('href="/notices/') >= 9
    only = web.get(f"/notices?oktmo={YALUTOROVSK}")
    assert only.text.count("level-danger") == 1 and "level-warning" not in only.text
    link = re.search(r'href="/notices/(\d+)"', only.text).group(1)
    one = web.get(f"/notices/{link}")
    assert one.status_code == 200
    assert "р. Тобол — г. Ялуторовск" in one.text and "flood-warning-tyu" in one.text
    assert "2026.1" in one.text and "20.04.2026 00:00 UTC" in one.text
    english = web.get(f"/notices/{link}?lang=en")
    assert "Tobol River at Yalutorovsk" in english.text and "dangerous level" in english.text
    assert web.get("/notices/999999").status_code == 404
    assert web.get("/notices?oktmo=1").status_code == 200


def test_the_api_lists_and_reads_public_warnings(web: TestClient) -> None:
    listed = web.get("/api/v1/notices", params={"oktmo": TYUMEN}).json()
    assert len(listed) == 3 and {n["level"] for n in listed} == {"warning", "danger"}
    first = listed[0]
    assert first["rule"] == "flood-warning-tyu" and first["gauge"] == "tura-tyumen"
    assert first["record"]["threshold_cm"] in (650.0, 750.0)
    one = web.get(f"/api/v1/notices/{first['id']}?lang=en").json()
    assert one["municipality"] == "Tyumen urban okrug" and one["id"] == first["id"]
    assert web.get("/api/v1/notices/999999").status_code == 404
    assert web.get("/api/v1/notices", params={"oktmo": "12"}).status_code == 422
    assert len(web.get("/api/v1/notices", params={"limit": 2}).json()) == 2


def test_subscribing_confirming_and_unsubscribing(web: TestClient, warned: Engine) -> None:
    form = {"region": "RU-TYU", "oktmo": TYUMEN, "email": "a@example.org"}
    sent = web.post("/notices/subscribe", data=form | {"csrf": csrf_of(web, "/notices/subscribe")})
    assert sent.status_code == 200 and 'id="sent"' in sent.text
    again = web.post("/notices/subscribe", data=form | {"csrf": csrf_of(web, "/notices/subscribe")})
    assert again.text.count('id="sent"') == 1  # the same answer: nothing said about the address
    with session_scope(warned) as session:
        mails = session.scalars(select(OutboxMessage.body)).all()
    assert len(mails) == 1
    token = re.search(r"/notices/confirm/(\S+)", mails[0]).group(1)
    opened = web.get(f"/notices/confirm/{token}")  # a mail scanner fetching the link
    assert opened.status_code == 200 and 'id="token-form"' in opened.text
    with session_scope(warned) as session:
        assert session.scalar(select(Subscription.confirmed_at)) is None
    csrf = csrf_of(web, f"/notices/confirm/{token}")
    done = web.post(f"/notices/confirm/{token}", data={"csrf": csrf})
    assert done.status_code == 200 and 'id="done"' in done.text
    assert "private" in done.headers["cache-control"]
    with session_scope(warned) as session:
        assert session.scalar(select(Subscription.confirmed_at)) is not None
    gone = web.post(f"/notices/unsubscribe/{token}", data={"csrf": csrf})
    assert 'id="done"' in gone.text
    bad = web.post("/notices/unsubscribe/1-" + "0" * 32, data={"csrf": csrf})
    assert bad.status_code == 404 and 'id="problems"' in bad.text
    assert web.post(f"/notices/confirm/{token}", data={}).status_code == 403  # no CSRF token


def test_a_wrong_form_is_located_and_the_api_answers_alike(web: TestClient) -> None:
    csrf = csrf_of(web, "/notices/subscribe")
    wrong = {"region": "RU-TYU", "oktmo": "12", "email": "nobody", "csrf": csrf}
    page = web.post("/notices/subscribe", data=wrong)
    assert page.status_code == 422 and "8 или 11 цифр" in page.text and 'value="12"' in page.text
    body = {"region": "RU-TYU", "oktmo": TYUMEN, "email": "b@example.org"}
    answer = web.post("/api/v1/notices/subscriptions", json=body)
    assert answer.status_code == 200 and answer.json()["status"] == "confirmation_sent"
    refused = web.post("/api/v1/notices/subscriptions", json=body | {"oktmo": "x"})
    assert refused.status_code == 422 and refused.json()["problems"][0]["path"] == "oktmo"


def test_subscribing_is_rate_limited_per_address(warned: Engine) -> None:
    body = {"region": "RU-TYU", "oktmo": TYUMEN, "email": "c@example.org"}
    with _client(warned, "2/minute") as client:
        codes = [
            client.post("/api/v1/notices/subscriptions", json=body).status_code for _ in range(3)
        ]
    assert codes == [200, 200, 429]
    assert SUBMISSION_PATHS.match("/notices/subscribe")  # the form counts alike
    assert not SUBMISSION_PATHS.match("/notices/confirm/abc")
