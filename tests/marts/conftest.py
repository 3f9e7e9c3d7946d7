"""Fixtures for raw marts: Spark, one session per test run.

Spark needs Java. Where it is missing the Spark tests skip with the reason on a user's machine
and fail under CI=true, where .ci/run installs it (as for PostgreSQL in ../conftest.py).
"""

from __future__ import annotations

import os

import pytest

from tsifra.marts.backends import java_missing, spark_session


@pytest.fixture(scope="session")
def spark():
    """The process's Spark session, started once: its JVM takes seconds to start."""
    reason = java_missing()
    if reason is not None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason}; .ci/run must install Java")
        pytest.skip(reason)
    return spark_session()
