"""Flood warnings as a resident sees them, in Debian's Chromium: the list of warnings filtered to
one's municipality, one warning with the reading and the rule that caused it, then subscribing
and confirming from the mailed link; every page at 390 px without sideways scrolling and
without a serious axe-core violation.

The browser database of the other browser tests holds no warnings, so this module serves its
own: an empty migrated SQLite copy over which the example rule (examples/proactive) has run.
Screenshots go to tests/artifacts/notices-*.png.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
import uvicorn
from sqlalchemy import select

from mail_server import free_port
from tsifra.proactive.runs import run_rule
from tsifra.store import OutboxMessage, Subscription, make_engine, session_scope
from tsifra.web import create_app
from tsifra.web.settings import Settings

RULE = Path(__file__).resolve().parents[3] / "examples" / "proactive" / "flood-warning.yaml"
SERIOUS = {"serious", "critical"}


@pytest.fixture(scope="module")
def warned_url(tmp_path_factory: pytest.TempPathFactory, templates) -> str:
    url = templates.sqlite_copy(None, tmp_path_factory.mktemp("notices") / "n.db")
    engine = make_engine(url)
    run_rule(engine, RULE, now=datetime(2026, 6, 1, 9, 0))
    engine.dispose()
    return url


@pytest.fixture(scope="module")
def notice_server(warned_url: str) -> Iterator[str]:
    app = create_app(Settings(database_url=warned_url, secret_key="browser-" * 8))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline:
            pytest.fail("the server did not start in 15 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)
    app.state.engine.dispose()


@pytest.fixture
def resident(browser, notice_server: str):
    context = browser.new_context(
        base_url=notice_server, viewport={"width": 1280, "height": 900}, locale="ru-RU"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert not errors, errors


def _checked(page, shot, name: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    assert page.locator("h1").count() == 1
    page.evaluate(Axe().axe_script)
    found = page.evaluate("async () => (await axe.run()).violations")
    assert [v["id"] for v in found if v.get("impact") in SERIOUS] == []
    page.set_viewport_size({"width": 390, "height": 844})
    wide = page.evaluate("() => document.documentElement.scrollWidth")
    assert wide <= 390, f"{name} scrolls sideways at 390 px ({wide} px)"
    shot(page, f"notices-{name}")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_resident_finds_the_warning_and_subscribes(resident, shot, warned_url: str) -> None:
    page = resident
    page.goto("/notices")
    assert page.locator("#notices tbody tr").count() == 9
    _checked(page, shot, "list")

    page.select_option("#oktmo", "71701000")
    with page.expect_navigation():
        page.click("#notice-filters button[type=submit]")
    rows = page.locator("#notices tbody tr")
    assert rows.count() == 3  # Tura at Tyumen: two warnings and one danger
    assert page.locator("#notices tbody tr.level-danger").count() == 1
    page.locator("#notices tr.level-danger a").click()
    page.wait_for_url(re.compile(r".*/notices/\d+$"))
    assert "опасное явление" in page.locator("h1").inner_text()
    assert "flood-warning-tyu" in page.locator("#notice-rule").inner_text()
    assert "р. Тура — г. Тюмень" in page.locator("#notice-text").inner_text()
    _checked(page, shot, "one")

    page.get_by_role("link", name="Подписаться на предупреждения").click()
    page.wait_for_url("**/notices/subscribe**")
    assert page.locator("#oktmo").input_value() == "71701000"
    page.fill("#email", "resident@example.org")
    page.click("#subscribe-form button[type=submit]")
    page.locator("#sent").wait_for()
    _checked(page, shot, "subscribe")

    engine = make_engine(warned_url)
    with session_scope(engine) as session:
        mailed = select(OutboxMessage.body).where(OutboxMessage.key.like("subscription:%"))
        body = session.scalar(mailed)
    link = re.search(r"/notices/confirm/\S+", body).group(0)
    page.goto(link)
    page.click("#token-form button[type=submit]")
    page.locator("#done").wait_for()
    _checked(page, shot, "confirmed")
    with session_scope(engine) as session:
        assert session.scalar(select(Subscription.confirmed_at)) is not None
    engine.dispose()
