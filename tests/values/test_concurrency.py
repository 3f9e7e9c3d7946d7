"""Two uploads at once: the second sees the first, so nothing is stored twice and nothing fails."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import Engine

from builders import database_state, database_url_of

INGEST = """
import sys
from tsifra.values.ingest import ingest_file
from tsifra.store import make_engine

url, path = sys.argv[1:3]
report = ingest_file(make_engine(url), path, "region")
print(report.new, report.unchanged)
"""


@pytest.mark.slow
def test_the_same_file_sent_twice_at_once_is_stored_once(store: Engine, large_file) -> None:
    path, count = large_file
    url = database_url_of(store)
    children = [
        subprocess.Popen(
            [sys.executable, "-c", INGEST, url, path], stdout=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [child.communicate(timeout=300)[0].split() for child in children]
    assert [child.returncode for child in children] == [0, 0]
    assert sorted(outputs) == sorted([[str(count), "0"], ["0", str(count)]])
    state = database_state(store)
    assert (state["batches"], state["indicator_values"]) == (1, count)
