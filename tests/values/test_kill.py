"""A process killed with SIGKILL in the middle of a batch leaves no trace of that batch."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import Engine

from builders import database_state, database_url_of
from tsifra.values.ingest import ingest_file

# Runs in a child process: writes half of the batch's rows, says so, then waits to be killed.
HALF_THEN_WAIT = """
import pathlib, sys, time
from tsifra.values import ingest
from tsifra.store import make_engine

url, path, ready = sys.argv[1:4]
write = ingest._bulk_insert

def half_then_wait(connection, rows):
    write(connection, rows.iloc[: len(rows) // 2])
    pathlib.Path(ready).write_text("half of the rows are written")
    time.sleep(600)

ingest._bulk_insert = half_then_wait
ingest.ingest_file(make_engine(url), path, "region")
"""

PLAIN = """
import sys
from tsifra.values.ingest import ingest_file
from tsifra.store import make_engine

url, path = sys.argv[1:3]
ingest_file(make_engine(url), path, "region")
"""


@pytest.mark.slow
def test_killed_mid_write_leaves_no_partial_batch(store: Engine, large_file, tmp_path) -> None:
    path, count = large_file
    before = database_state(store)
    ready = tmp_path / "ready"
    child = subprocess.Popen(
        [sys.executable, "-c", HALF_THEN_WAIT, database_url_of(store), path, ready]
    )
    try:
        deadline = time.monotonic() + 120
        while not ready.exists():
            assert child.poll() is None, "the ingest process ended before writing"
            assert time.monotonic() < deadline, "the ingest process never reached the write"
            time.sleep(0.05)
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
    store.dispose()  # a fresh connection sees what a restarted service would see
    assert database_state(store) == before
    report = ingest_file(store, path, "region")
    assert report.new == count


def test_killed_at_any_moment_the_batch_is_all_or_nothing(
    store: Engine, large_file, tmp_path
) -> None:
    path, count = large_file
    child = subprocess.Popen([sys.executable, "-c", PLAIN, database_url_of(store), path])
    time.sleep(2.0)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    store.dispose()
    state = database_state(store)
    assert (state["batches"], state["indicator_values"]) in {(0, 0), (1, count)}
