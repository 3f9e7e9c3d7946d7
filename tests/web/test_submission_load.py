"""Concurrent submissions over HTTP to a real server lose nothing and duplicate nothing, and a
server killed with SIGKILL mid-load loses no acknowledged case (SQLite in WAL mode, PostgreSQL).

Small and bounded, on loopback: four clients of fifty requests each (`tests/submission_load`).
No time is asserted: only what the database holds against what the clients were told."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from submission_load import Outcome, Server, free_port, open311_key, stored, submit_many

pytestmark = pytest.mark.slow
THREADS, PER_THREAD = 4, 50


@pytest.fixture
def server(database_copy: Callable[..., Engine], tmp_path: Path) -> Iterator[Server]:
    """A server on an empty migrated database of each kind, and a client key of it."""
    url = database_copy(None).url.render_as_string(hide_password=False)
    home = tmp_path / "home"
    home.mkdir()
    serving = Server(url, home, free_port())
    serving.api_key = open311_key(url)
    serving.start()
    yield serving
    serving.stop()


def _check(outcome: Outcome, url: str, sent: int) -> None:
    """Every request acknowledged once, every acknowledged case stored, nothing else stored."""
    assert outcome.refused == []
    assert len(outcome.acked) == sent
    cases = stored(url)
    ids = set(outcome.acked.values())
    assert len(ids) == sent  # distinct requests, distinct cases: no retry made a second one
    assert ids <= set(cases)  # every acknowledged case is there
    assert len(cases) == len(ids)  # and nothing unacknowledged
    for key, case_id in outcome.acked.items():
        assert cases[case_id].endswith(key), key  # the case of that very request


def test_concurrent_submissions_are_all_stored_once(server: Server) -> None:
    outcome = submit_many(
        server.base,
        server.api_key,
        threads=THREADS,
        per_thread=PER_THREAD,
        prefix="load",
        timeout_every=10,  # twenty requests retried after a client-side timeout
    )
    assert outcome.timeouts > 0  # the retry path was exercised
    _check(outcome, server.url, THREADS * PER_THREAD)
    # The same requests again (a client replaying its log): the same cases, nothing new.
    again = submit_many(
        server.base, server.api_key, threads=THREADS, per_thread=PER_THREAD, prefix="load"
    )
    assert again.acked == outcome.acked
    assert len(stored(server.url)) == THREADS * PER_THREAD


def test_a_killed_server_loses_no_acknowledged_case(server: Server) -> None:
    outcome = Outcome()
    load = threading.Thread(
        target=submit_many,
        kwargs=dict(
            base=server.base,
            api_key=server.api_key,
            threads=THREADS,
            per_thread=PER_THREAD,
            prefix="fault",
            outcome=outcome,
        ),
    )
    load.start()
    while len(outcome.acked) < THREADS * PER_THREAD // 4 and load.is_alive():
        time.sleep(0.01)
    server.kill()
    with outcome.lock:
        before_kill = dict(outcome.acked)
    assert 0 < len(before_kill) < THREADS * PER_THREAD  # killed in the middle
    # Every case acknowledged before the kill is in the database the server left.
    cases = stored(server.url)
    assert set(before_kill.values()) <= set(cases)
    # The clients keep retrying with their keys; the restarted server finishes the load.
    server.start()
    load.join()
    _check(outcome, server.url, THREADS * PER_THREAD)
    assert all(outcome.acked[key] == case_id for key, case_id in before_kill.items())
