"""Submissions over HTTP to a real server, as a civic app sends them, for the load and fault
tests (tests/web/test_submission_load.py) and the benchmark (benchmarks/submissions.py).

The server is uvicorn in its own process group (so SIGKILL takes its workers too) on loopback,
on the database a caller names. Clients are threads, each filing its share through Open311's
`POST requests.json` (form-encoded, `api_key`, `jurisdiction_id`, `attribute[...]`), each
request with its own `Idempotency-Key`. A client retries a request that timed out, failed to
connect or got a 5xx with the same key, as a careful client does, until a deadline; only a 200
or 201 with a `service_request_id` is an acknowledgement. What the database holds is then
compared with what was acknowledged.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy import create_engine, select

from tsifra.store import Case

REGION = "RU-TA"
SERVICE = "roads.pits.yard"
# Marked personal data: a load run proves nothing about leaks, but its cases carry some.
CONTACT = {"last_name": "Нагрузкина-PII", "first_name": "Тест", "email": "load@marked.example"}


@dataclass
class Server:
    url: str  # the database
    home: Path
    port: int
    workers: int = 1
    process: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0) -> None:
        env = {
            **os.environ,
            "TSIFRA_DATABASE_URL": self.url,
            "TSIFRA_HOME": str(self.home),
            "TSIFRA_SECRET_KEY": "load-" * 10,
            # Generous limits: the clients share one address and one key by design here.
            "TSIFRA_RATE_LIMIT_SUBMISSIONS": "1000000/minute",
            "TSIFRA_RATE_LIMIT_SUBMISSIONS_KEY": "1000000/minute",
        }
        command = [
            sys.executable, "-m", "uvicorn", "--factory", "tsifra.web.app:create_app",
            "--host", "127.0.0.1", "--port", str(self.port),
            "--workers", str(self.workers), "--log-level", "warning", "--no-access-log",
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command, env=env, cwd=self.home, start_new_session=True, stdout=subprocess.DEVNULL
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped at start ({self.process.returncode})")
            try:
                if httpx.get(self.base + "/open311/v2/discovery.json", timeout=2).status_code:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("the server did not answer in time")

    def kill(self) -> None:
        """SIGKILL to the whole process group: no shutdown, no flush, nothing finished."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Outcome:
    """What the clients saw: acknowledged ids by idempotency key, latencies of acknowledged
    requests (seconds, from the first attempt), and counts of retried attempts."""

    acked: dict[str, int] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)
    retries: int = 0
    timeouts: int = 0
    refused: list[str] = field(default_factory=list)  # a 4xx: a bug in the test or the route
    lock: threading.Lock = field(default_factory=threading.Lock)


def form(api_key: str, n: int, prefix: str) -> dict[str, str]:
    return {
        "api_key": api_key,
        "jurisdiction_id": REGION,
        "service_code": SERVICE,
        "lat": f"{55.79 + (n % 100) / 10000:.5f}",
        "long": "49.12",
        "description": f"Яма во дворе, заявка {prefix}-{n}: колесо пробито",
        "attribute[publish]": "no",
        **CONTACT,
    }


def submit_many(
    base: str,
    api_key: str,
    *,
    threads: int,
    per_thread: int,
    prefix: str,
    timeout_every: int = 0,
    give_up_after: float = 120.0,
    outcome: Outcome | None = None,
) -> Outcome:
    """`threads` clients each file `per_thread` requests; every `timeout_every`-th request's
    first attempt has a timeout too short to be answered, so it is retried with the same key
    while the server may still be filing it."""
    outcome = outcome or Outcome()
    url = base + "/open311/v2/requests.json"

    def client(t: int) -> None:
        with httpx.Client(timeout=30.0) as http:
            for i in range(per_thread):
                n = t * per_thread + i
                key = f"{prefix}-{n}"
                short = timeout_every and n % timeout_every == 0
                _file(http, url, key, form(api_key, n, prefix), short, give_up_after, outcome)

    workers = [threading.Thread(target=client, args=(t,)) for t in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return outcome


def _file(http, url, key, data, short, give_up_after, outcome: Outcome) -> None:
    start = time.perf_counter()
    attempt = 0
    while time.perf_counter() - start < give_up_after:
        timeout = 0.002 if short and attempt == 0 else 30.0
        attempt += 1
        try:
            answer = http.post(url, data=data, headers={"Idempotency-Key": key}, timeout=timeout)
        except httpx.TimeoutException:
            with outcome.lock:
                outcome.timeouts += 1
                outcome.retries += 1
            continue
        except httpx.TransportError:  # refused or reset: the server is down or restarting
            with outcome.lock:
                outcome.retries += 1
            time.sleep(0.2)
            continue
        if answer.status_code in (200, 201):
            case_id = int(answer.json()[0]["service_request_id"])
            with outcome.lock:
                outcome.acked[key] = case_id
                outcome.latencies.append(time.perf_counter() - start)
            return
        if answer.status_code >= 500 or answer.status_code == 429:
            with outcome.lock:
                outcome.retries += 1
            time.sleep(0.2)
            continue
        with outcome.lock:
            outcome.refused.append(f"{answer.status_code} {answer.text[:300]}")
        return


def stored(url: str) -> dict[int, str | None]:
    """Every case in the database: id → idempotency key as stored."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(select(Case.id, Case.idempotency_key)).all()
        return {row.id: row.idempotency_key for row in rows}
    finally:
        engine.dispose()


def open311_key(url: str, name: str = "load-test") -> str:
    """An API key for a client of this database (`tsifra open311 key add`)."""
    from tsifra.cases.clients import add_client
    from tsifra.store import make_engine

    engine = make_engine(url)
    try:
        return add_client(engine, name, actor="test")
    finally:
        engine.dispose()
