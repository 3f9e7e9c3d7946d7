"""Shared fixtures: the reference data sets in examples/ and small builders of example inputs."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

import postgres
from tsifra.demo.marts import generate_marts
from tsifra.store import make_engine, upgrade

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
GENERATED_ROWS = 100_000  # per mart: enough for the engines to differ if they ever would


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    """The public reference data the examples carry (examples/desi2022, examples/asem), so a
    fresh clone runs every reference test."""
    return EXAMPLES


def _missing(reason: str) -> None:
    """A system component is missing: skip on a user's machine, fail in CI, which installs it."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; .ci/run must install it")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[postgres.Cluster]:
    """One throwaway PostgreSQL server for the whole test session."""
    bin_dir = postgres.find_bin()
    if bin_dir is None:
        _missing("PostgreSQL server binaries (initdb) not found")
    cluster = postgres.start(bin_dir)
    try:
        yield cluster
    finally:
        cluster.stop()


_database_numbers = itertools.count()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database of each kind: a fresh SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'tsifra.db'}"
    cluster = request.getfixturevalue("postgres_cluster")
    name = f"test_{os.getpid()}_{next(_database_numbers)}"
    admin = make_engine(cluster.url).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    return cluster.url_for(name)


@pytest.fixture
def store(database_url: str) -> Iterator[Engine]:
    """A migrated database of each kind, with the reference regions loaded."""
    engine = make_engine(database_url)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture(autouse=True)
def _russian_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see the default language unless they switch it themselves."""
    monkeypatch.delenv("TSIFRA_LANG", raising=False)


@pytest.fixture(autouse=True)
def _private_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A command run by a test never touches var/, a user's TSIFRA_DATABASE_URL or TSIFRA_HOME."""
    monkeypatch.setenv("TSIFRA_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("TSIFRA_HOME", str(tmp_path / "home"))


@pytest.fixture(autouse=True)
def _fewer_forecast_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    """The region page's forecast from 100 sample paths, not 1,000: each test's database is
    forecast anew (≈0.5 s instead of ≈5 s), and the pages only shape the forecast's answer,
    whose accuracy tests/engine checks."""
    monkeypatch.setattr("tsifra.web.pages.region_analyses.FORECAST_SAMPLES", 100)


@pytest.fixture(scope="session")
def generated_marts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the three bundled marts generated from the demo panel, 100,000 rows each."""
    folder = tmp_path_factory.mktemp("generated-marts")
    generate_marts(folder, GENERATED_ROWS, seed=2024)
    return folder
