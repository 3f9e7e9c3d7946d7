"""Web fixtures: the app on a migrated database of each kind, with ratings and one user per role."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from builders import WEB_PASSWORD as PASSWORD
from tsifra.accounts import create_user
from tsifra.demo.panel import generate_panel
from tsifra.marts.ingest import ingest_frame
from tsifra.methodology import load_methodology
from tsifra.ratings.stored import compute_from_store
from tsifra.reference import load_regions
from tsifra.web import create_app
from tsifra.web.settings import Settings

ACCOUNTS = {
    "admin": ("admin", None),
    "analyst": ("analyst", None),
    "operator": ("operator", "RU-TA"),
    "viewer": ("viewer", None),
}


@pytest.fixture(scope="session")
def small_panel() -> pd.DataFrame:
    m = load_methodology("ru-digital-maturity")
    return generate_panel(m, load_regions(), seed=11, start="2025Q3", end="2025Q4")


@pytest.fixture
def rated(store: Engine, small_panel: pd.DataFrame) -> Engine:
    """Two quarters of values, a stored rating of each, and one account per role."""
    ingest_frame(store, small_panel, "region", synthetic=True)
    for period in ("2025Q3", "2025Q4"):
        compute_from_store(store, "ru-digital-maturity", period=period)
    for login, (role, region) in ACCOUNTS.items():
        create_user(store, login, PASSWORD, role, region=region)
    return store


@pytest.fixture
def client(rated: Engine) -> Iterator[TestClient]:
    url = rated.url.render_as_string(hide_password=False)
    app = create_app(Settings(database_url=url, secret_key="test-" * 10))
    with TestClient(app) as test_client:
        yield test_client
    app.state.engine.dispose()
