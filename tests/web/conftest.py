"""Web fixtures: the app on a migrated database of each kind, with ratings and one user per role."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from builders import WEB_PASSWORD as PASSWORD
from builders import rate_two_quarters, two_quarters_panel
from tsifra.accounts import create_user
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
    return two_quarters_panel()


@pytest.fixture
def rated(store: Engine, small_panel: pd.DataFrame) -> Engine:
    """Two quarters of values, a stored rating of each, and one account per role."""
    rate_two_quarters(store, small_panel)
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
