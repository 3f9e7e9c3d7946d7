"""Web fixtures: the app on a database of each kind with two rated quarters and one account per
role, a copy of builders.RATED made once per session."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from builders import RATED, two_quarters_panel
from tsifra.web import create_app
from tsifra.web.settings import Settings


@pytest.fixture(scope="session")
def small_panel() -> pd.DataFrame:
    return two_quarters_panel()


@pytest.fixture
def rated(database_copy: Callable[..., Engine]) -> Engine:
    """Two quarters of values (`small_panel`), a stored rating of each, one account per role."""
    return database_copy(RATED)


@pytest.fixture
def client(rated: Engine) -> Iterator[TestClient]:
    url = rated.url.render_as_string(hide_password=False)
    app = create_app(Settings(database_url=url, secret_key="test-" * 10))
    with TestClient(app) as test_client:
        yield test_client
    app.state.engine.dispose()
