"""The agency rating as a person sees it, in Debian's Chromium: open the rating, filter by band
and see that the counts match the rows, open an agency and see its band, place interval and
explanation, download the XLSX; both pages at 390 px without sideways scrolling and without a
serious axe-core violation.

The browser database of the other browser tests (builders.RATED) holds no agency rating, so this
module serves its own: a SQLite copy of tests/agency_rows.py's RATED_AGENCIES, on a loopback
port for the module. Screenshots go to tests/artifacts/agencies-*.png.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from openpyxl import load_workbook

from agency_rows import EXPECTED, RATED_AGENCIES
from tsifra.web import create_app
from tsifra.web.settings import Settings

SERIOUS = {"serious", "critical"}


@pytest.fixture(scope="module")
def agency_server(tmp_path_factory: pytest.TempPathFactory, templates) -> Iterator[str]:
    url = templates.sqlite_copy(RATED_AGENCIES, tmp_path_factory.mktemp("agencies") / "a.db")
    app = create_app(Settings(database_url=url, secret_key="browser-" * 8))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
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
def agency_page(browser, agency_server: str):
    context = browser.new_context(
        base_url=agency_server, viewport={"width": 1280, "height": 900}, locale="ru-RU",
        accept_downloads=True,
    )  # fmt: skip
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert not errors, errors


def _counts(page) -> dict[str, int]:
    items = page.locator("#band-counts li")
    return {
        items.nth(k).get_attribute("data-band"): int(items.nth(k).locator(".count").inner_text())
        for k in range(items.count())
    }


def _serious(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    page.evaluate(Axe().axe_script)
    found = page.evaluate("async () => (await axe.run()).violations")
    return [v["id"] for v in found if v.get("impact") in SERIOUS]


def _fits_a_phone(page) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    wide = page.evaluate("() => document.documentElement.scrollWidth")
    assert wide <= 390, f"the page scrolls sideways at 390 px ({wide} px)"
    page.set_viewport_size({"width": 1280, "height": 900})


def test_filter_by_band_open_an_agency_and_download_the_workbook(
    agency_page, shot, tmp_path: Path
) -> None:
    page = agency_page
    page.goto("/agencies")
    assert page.locator("h1").count() == 1
    counts = _counts(page)
    assert counts == {"high": 2, "medium": 2, "low": 2}
    assert page.locator("#agency-rating tbody tr").count() == sum(counts.values())
    assert _serious(page) == []
    _fits_a_phone(page)
    shot(page, "agencies-rating")

    page.select_option("select[name=band]", "medium")
    with page.expect_navigation():
        page.click("#agency-filters button[type=submit]")
    rows = page.locator("#agency-rating tbody tr")
    assert rows.count() == counts["medium"] == _counts(page)["medium"]
    assert {rows.nth(k).get_attribute("data-band") for k in range(rows.count())} == {"medium"}
    shown = rows.nth(0).locator("td.band-cell").inner_text()
    assert shown == "средний"  # the band is written, not only coloured

    page.locator("#band-counts li[data-band=low] a").click()
    page.wait_for_url("**band=low**")
    assert page.locator("#agency-rating tbody tr").count() == counts["low"]

    page.goto("/agencies?band=medium")
    page.locator("#agency-rating a", has_text="Калужской области").click()
    page.wait_for_url("**/agencies/ru-klu-health**")
    assert "Калужской области" in page.locator("h1").inner_text()
    assert page.locator("#agency-band").inner_text() == "средний"
    assert page.locator("#agency-interval").inner_text().startswith("от 3 до 4")
    assert page.locator("#agency-rank").inner_text() == f"{EXPECTED['ru-klu-health'][1]} из 6"
    assert page.locator("#agency-explanation tbody tr").count() == 6
    sources = page.locator("#agency-sources").inner_text()
    assert "формулой «feedback_agency_on_time»" in sources
    assert _serious(page) == []
    _fits_a_phone(page)
    shot(page, "agencies-ru-klu-health")

    page.goto("/agencies")
    with page.expect_download() as download:
        page.locator("#agency-xlsx").click()
    path = tmp_path / "agencies.xlsx"
    download.value.save_as(path)
    sheet = load_workbook(path).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = rows[2]
    band = header.index("Группа")
    assert [r[band] for r in rows[3:]] == ["высокий", "высокий", "средний", "средний", "низкий",
                                          "низкий"]  # fmt: skip
