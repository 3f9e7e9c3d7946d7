"""Fixtures for raw marts: Spark (one session per test run) and generated marts.

Spark needs Java. Where it is missing the Spark tests skip with the reason on a user's machine
and fail under CI=true, where .ci/run installs it (as for PostgreSQL in ../conftest.py).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tsifra.marts.backends import java_missing, spark_session
from tsifra.marts.generate import generate_marts

GENERATED_ROWS = 100_000  # per mart: enough for the engines to differ if they ever would


@pytest.fixture(scope="session")
def spark():
    """The process's Spark session, started once: its JVM takes seconds to start."""
    reason = java_missing()
    if reason is not None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason}; .ci/run must install Java")
        pytest.skip(reason)
    return spark_session()


@pytest.fixture(scope="session")
def generated_marts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the three bundled marts generated from the demo panel, 100,000 rows each."""
    folder = tmp_path_factory.mktemp("generated-marts")
    generate_marts(folder, GENERATED_ROWS, seed=2024)
    return folder
