"""A database with a published rating, for the analysis commands' `--from-db`."""

from __future__ import annotations

from pathlib import Path

import pytest

from builders import rate_two_quarters, two_quarters_panel
from tsifra.store import make_engine, upgrade


@pytest.fixture(scope="session")
def rated_database(tmp_path_factory: pytest.TempPathFactory) -> str:
    """An SQLite database with every region's synthetic values for 2025Q3–2025Q4 and a rating
    of each quarter (runs 1 and 2). The analysis commands only read it, so tests share it."""
    path: Path = tmp_path_factory.mktemp("rated") / "tsifra.db"
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    upgrade(engine)
    rate_two_quarters(engine, two_quarters_panel())
    engine.dispose()
    return url


@pytest.fixture
def from_db(rated_database: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The rated database as the commands' TSIFRA_DATABASE_URL; returns its URL."""
    monkeypatch.setenv("TSIFRA_DATABASE_URL", rated_database)
    return rated_database
