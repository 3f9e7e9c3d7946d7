"""Report fixtures: a database of each kind with two rated quarters and tasks for one region."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from builders import REPORTED, two_quarters_panel
from tsifra.web import create_app
from tsifra.web.settings import Settings

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


@pytest.fixture(scope="session")
def report_panel() -> pd.DataFrame:
    return two_quarters_panel()


@pytest.fixture
def reported(database_copy: Callable[..., Engine]) -> Engine:
    """Two stored quarters of synthetic values (`report_panel`), an admin and three tasks for
    RU-TA, one of them overdue (builders.REPORTED)."""
    return database_copy(REPORTED)


@pytest.fixture
def report_client(reported: Engine) -> Iterator[TestClient]:
    url = reported.url.render_as_string(hide_password=False)
    app = create_app(Settings(database_url=url, secret_key="test-" * 10))
    with TestClient(app) as client:
        yield client
    app.state.engine.dispose()


def _missing(reason: str) -> None:
    """As in tests/conftest.py: skip on a user's machine, fail in CI, which installs it."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; .ci/run must install it")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def poppler() -> dict[str, str]:
    """pdftotext, pdftoppm and pdfinfo (Debian: poppler-utils)."""
    tools = {name: shutil.which(name) for name in ("pdftotext", "pdftoppm", "pdfinfo")}
    missing = [name for name, path in tools.items() if path is None]
    if missing:
        _missing(f"poppler tools not found: {', '.join(missing)} (Debian: poppler-utils)")
    return tools


@pytest.fixture(scope="session")
def weasyprint() -> ModuleType:
    """WeasyPrint with the system libraries it opens on import (Pango, HarfBuzz, fontconfig)."""
    try:
        import weasyprint
    except OSError as error:
        _missing(
            f"WeasyPrint cannot load Pango ({error}); Debian: libpango-1.0-0 libpangoft2-1.0-0"
        )
    return weasyprint


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
