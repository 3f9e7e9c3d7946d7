"""A civic app against a real server: uvicorn on a loopback port, httpx sending the form as
such apps do (`api_key` and `jurisdiction_id` in the body, `attribute[...]` fields), and a retry
after a timeout: the first POST goes out on a raw socket that is closed before the answer is
read, the same POST again gets the same `service_request_id`."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from urllib.parse import urlencode

import httpx
import pytest
import uvicorn
from open311_check import validate, xml_of
from sqlalchemy import func, select

from databases import Templates
from tsifra.cases.clients import add_client
from tsifra.store import Body, Case, make_engine, session_scope
from tsifra.web import create_app
from tsifra.web.settings import Settings

WAIT = 15  # seconds: how long the server may take to start, or to store the abandoned POST


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, templates: Templates) -> Iterator[dict]:
    url = templates.sqlite_copy(None, tmp_path_factory.mktemp("open311-client") / "tsifra.db")
    engine = make_engine(url)
    with session_scope(engine) as session:  # two regions served: the client must name one
        for code, region in (("klu-roads", "RU-KLU"), ("che-roads", "RU-CHE")):
            session.add(Body(code=code, region=region, name_ru=f"Дороги {region}", kind="regional"))
    key = add_client(engine, "civic-app")
    app = create_app(Settings(database_url=url, secret_key="test-" * 10))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + WAIT
    while not server.started:
        if time.monotonic() > deadline:
            pytest.fail(f"the server did not start in {WAIT} s")
        time.sleep(0.05)
    yield {"base": f"http://127.0.0.1:{port}", "port": port, "key": key, "engine": engine}
    server.should_exit = True
    thread.join(10)
    engine.dispose()
    app.state.engine.dispose()


def _fields(key: str, text: str) -> dict[str, str]:
    return {
        "api_key": key,
        "jurisdiction_id": "RU-KLU",
        "service_code": "yards.lighting.yard",
        "lat": "54.51",
        "long": "36.26",
        "description": text,
        "email": "pii-7@example.org",
        "last_name": "Маркерова-PII-7",
        "attribute[publish]": "yes",
        "attribute[show_name]": "no",
        "attribute[kind]": "message",
    }


def _count(engine) -> int:
    with session_scope(engine) as session:
        return session.scalar(select(func.count()).select_from(Case))


def test_a_client_files_reads_and_retries_after_a_timeout(served: dict) -> None:
    base, key, engine = served["base"], served["key"], served["engine"]
    with httpx.Client(base_url=base, timeout=10) as http:
        first = http.post("/open311/v2/requests.json", data=_fields(key, "Темно во дворе"))
        assert first.status_code == 200, first.text
        assert first.request.headers["content-type"] == "application/x-www-form-urlencoded"
        request_id = first.json()[0]["service_request_id"]
        read = http.get(f"/open311/v2/requests/{request_id}.json")
        validate(read.json(), "requests.json")
        assert read.json()[0]["description"] == "Темно во дворе"
        assert "Маркерова" not in read.text and "pii-7" not in read.text
        xml = xml_of(http.get(f"/open311/v2/requests/{request_id}.xml"))
        assert xml.findtext("request/service_code") == "yards.lighting.yard"

        # The retry after a timeout: the request is sent whole, the answer never read.
        before = _count(engine)
        body = urlencode(_fields(key, "Не горит фонарь у дома 7")).encode()
        head = (
            f"POST /open311/v2/requests.json HTTP/1.1\r\nHost: 127.0.0.1:{served['port']}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        ).encode()
        with socket.create_connection(("127.0.0.1", served["port"]), timeout=10) as raw:
            raw.sendall(head + body)
            deadline = time.monotonic() + WAIT  # the client waits, then gives up unanswered
            while _count(engine) == before and time.monotonic() < deadline:
                time.sleep(0.05)
        assert _count(engine) == before + 1, "the POST was not stored"
        retry = http.post(
            "/open311/v2/requests.json", data=_fields(key, "Не горит фонарь у дома 7")
        )
        assert retry.status_code == 200, retry.text
        assert _count(engine) == before + 1
        with session_scope(engine) as session:
            stored = session.scalar(select(Case.id).order_by(Case.id.desc()).limit(1))
        assert retry.json()[0]["service_request_id"] == str(stored)
        assert "tracking_url" not in retry.json()[0]  # shown once, to the first answer
