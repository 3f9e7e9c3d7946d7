"""An analyst settles Kalmykia's dispute on the conflicts page: both claims side by side, a
source chosen, a reason given; the region's page said what was left out until then.

The server here has a database of its own (the web tests' two rated quarters, then a dispute
and a rating published with it left out), so the shared browser server's data stay as the other
browser tests expect them. Screenshots: tests/artifacts/conflicts-*.png.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pandas as pd
import pytest
import uvicorn

from builders import RATED, WEB_PASSWORD
from databases import Templates
from tsifra.ratings.stored import compute_from_store
from tsifra.store import make_engine
from tsifra.values.ingest import ingest_frame
from tsifra.values.revisions import effective_values
from tsifra.web import create_app
from tsifra.web.settings import Settings

KEY = ("RU-KL", "2025Q4", "gov_pos_on_time")


@pytest.fixture(scope="module")
def disputed_server(
    tmp_path_factory: pytest.TempPathFactory, templates: Templates
) -> Iterator[str]:
    url = templates.sqlite_copy(RATED, tmp_path_factory.mktemp("conflicts") / "tsifra.db")
    engine = make_engine(url)
    frame = effective_values(engine, indicators=[KEY[2]]).frame
    stored = frame.set_index(["unit", "period", "indicator"]).loc[KEY, "value"]
    sent = pd.DataFrame([dict(zip(("unit", "period", "indicator"), KEY, strict=True))])
    ingest_frame(
        engine, sent.assign(value=float(stored) + 9), "region:RU-KL", actor="operator",
        label="Калмыкия_IV_кв.xlsx",
    )  # fmt: skip
    compute_from_store(engine, "ru-digital-maturity", period="2025Q4", leave_out_conflicts=True)
    engine.dispose()
    app = create_app(Settings(database_url=url, secret_key="browser-" * 8))
    with socket_server(app) as base:
        yield base
    app.state.engine.dispose()


class socket_server:
    """uvicorn in a thread on a free loopback port, as the shared browser server is run."""

    def __init__(self, app) -> None:
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline:
                pytest.fail("the server did not start in 15 s")
            time.sleep(0.05)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture
def analyst_page(browser, disputed_server: str):
    context = browser.new_context(
        base_url=disputed_server, viewport={"width": 1280, "height": 900}, locale="ru-RU"
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto("/login")
    page.fill("input[name=login]", "analyst")
    page.fill("input[name=password]", WEB_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    yield page
    context.close()


def test_an_analyst_sees_what_was_left_out_and_resolves_the_conflict(analyst_page, shot) -> None:
    page = analyst_page
    page.goto("/regions/RU-KL")
    note = page.locator("#left-out")
    assert note.is_visible()
    assert "источники расходятся" in note.inner_text()
    assert page.locator("#forecast svg.fan-chart").is_visible()  # the analyses are all there
    note.scroll_into_view_if_needed()
    shot(page, "conflicts-region-RU-KL")
    page.locator("#left-out-resolve").click()
    page.wait_for_url("**/conflicts?unit=RU-KL")

    section = page.locator("section.conflict")
    assert section.count() == 1
    text = section.inner_text()
    assert "Республика Калмыкия" in text and "region:RU-KL" in text
    assert "Калмыкия_IV_кв.xlsx" in text and "operator" in text
    assert section.locator("td.claim-value").count() == 2  # both claims side by side
    shot(page, "conflicts-list")

    page.set_viewport_size({"width": 390, "height": 844})
    width = page.evaluate("document.documentElement.scrollWidth")
    shot(page, "conflicts-list-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert width <= 390, f"the conflicts page is {width} px wide at 390 px"

    section.get_by_label("верно: region:RU-KL").check()
    section.get_by_label("Причина выбора").fill("Минцифры региона прислало сверенные данные")
    section.locator("button[type=submit]").click()
    page.wait_for_url("**/conflicts?resolved=*")
    assert "разрешено" in page.locator("#resolved").inner_text()
    assert page.locator("#no-conflicts").is_visible()
    shot(page, "conflicts-resolved")
