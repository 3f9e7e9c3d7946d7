"""A real server on a free loopback port and Debian's Chromium driven by Playwright.

The database is a SQLite copy of the web tests' `rated` database (builders.RATED): two quarters
of synthetic values, a stored rating of each, one account per role. Where /usr/bin/chromium is
missing the tests skip; under CI=true that is a failure, since .ci/run installs it.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from builders import RATED
from databases import Templates
from tsifra.web import create_app
from tsifra.web.settings import Settings

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


def _missing(reason: str) -> None:
    """As in tests/conftest.py: skip on a user's machine, fail in CI, which installs Chromium."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; .ci/run must install it")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory, templates: Templates) -> Iterator[str]:
    """The base URL of `tsifra`'s app served by uvicorn in a thread, as `tsifra serve` does."""
    url = templates.sqlite_copy(RATED, tmp_path_factory.mktemp("browser") / "tsifra.db")
    app = create_app(Settings(database_url=url, secret_key="browser-" * 8))
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    uvicorn_server = uvicorn.Server(config)
    thread = threading.Thread(target=uvicorn_server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not uvicorn_server.started:
        if time.monotonic() > deadline:
            pytest.fail("the server did not start in 15 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uvicorn_server.should_exit = True
    thread.join(10)
    app.state.engine.dispose()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.is_file():
        _missing(f"Chromium not found at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def shot():
    """Save a full-page screenshot under tests/artifacts/ for a person to look at."""

    def save(page, name: str) -> None:
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    return save


@pytest.fixture
def page(browser, server: str):
    """A fresh browser context (no cookies) whose dialogs fail the test: none should ever open."""
    # A Russian reader's browser: the pages follow Accept-Language when no language is chosen.
    context = browser.new_context(
        base_url=server, viewport={"width": 1280, "height": 900}, locale="ru-RU"
    )
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.set_default_timeout(10_000)
    yield page
    context.close()
    assert not dialogs, f"a dialog opened: {dialogs}"
