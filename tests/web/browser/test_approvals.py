"""Approvals in the browser: an applicant draws a line on the sketch map across two owners'
zones and files the project; the two owners' operators answer from their queues, one refuses;
the applicant sends a revision, the refusing owner approves, and the project reads «согласовано».

The server is the browser tests' database (builders.RATED) with the test map's owners loaded
and an applicant and two owners' operators (tests/approval_page_rows.py). The pages with data
(the drawing, the project, the queue, the answer) are checked at 390 px with axe-core on the
way, since the every-page check sees them without any. Screenshots: tests/artifacts/approval-*.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn

from approval_page_rows import APPLICANT, LINE, PDF, POWER, WATER, add_owners_and_accounts
from builders import RATED, WEB_PASSWORD
from tsifra.store import make_engine
from tsifra.web import create_app
from tsifra.web.settings import Settings

SERIOUS = ("serious", "critical")
# Where a point of the sketch (longitude, latitude) is on the screen, as the map script reads it.
ON_SCREEN = """([lon, lat]) => {
  const svg = document.querySelector("svg.approval-map[data-draw]");
  const d = svg.dataset;
  const at = svg.createSVGPoint();
  at.x = (lon - d.minLon) / (d.maxLon - d.minLon) * d.width;
  at.y = (d.maxLat - lat) / (d.maxLat - d.minLat) * d.height;
  const shown = at.matrixTransform(svg.getScreenCTM());
  return [shown.x, shown.y];
}"""


@pytest.fixture(scope="module")
def approvals_server(tmp_path_factory, templates, browser) -> Iterator[str]:
    """A server of its own: the shared one holds no network owners."""
    url = templates.sqlite_copy(RATED, tmp_path_factory.mktemp("approvals") / "tsifra.db")
    engine = make_engine(url)
    add_owners_and_accounts(engine)
    engine.dispose()
    app = create_app(Settings(database_url=url, secret_key="approvals-browser-" * 3))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start in 15 s"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)
    app.state.engine.dispose()


def passes_axe_on_a_phone(page, what: str) -> None:
    """No serious axe-core violation and no sideways scroll at 390 px, then back to a desktop."""
    from axe_playwright_python.sync_playwright import Axe

    page.set_viewport_size({"width": 390, "height": 844})
    wide = page.evaluate("() => document.documentElement.scrollWidth")
    assert wide <= 390, f"{what} scrolls sideways at 390 px ({wide} px)"
    page.evaluate(Axe().axe_script)
    found = page.evaluate("async () => (await axe.run()).violations")
    assert [(v["id"], v["nodes"][0]["target"]) for v in found if v.get("impact") in SERIOUS] == []
    page.set_viewport_size({"width": 1280, "height": 900})


def log_in(page, login: str) -> None:
    page.goto("/login")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", WEB_PASSWORD)
    with page.expect_navigation():
        page.click("form.stack button[type=submit]")
    assert "/login" not in page.url, f"{login} could not sign in"


def log_out(page) -> None:
    with page.expect_navigation():
        page.locator("header form[action='/logout'] button").click()


def answer(page, login: str, decision: str, text: str = "", check: bool = False) -> None:
    """`login` (an owner's operator) answers the first request of its queue; with `check`,
    the queue and the request's page pass axe-core at 390 px first."""
    log_out(page)
    log_in(page, login)
    with page.expect_navigation():
        page.locator("header a.nav-approvals").click()
    rows = page.locator("#approval-queue tr[data-case]")
    assert rows.count() == 1
    if check:
        passes_axe_on_a_phone(page, "the owner's queue")
    with page.expect_navigation():
        rows.first.locator("td.approval-title a").click()
    assert page.locator("svg.approval-map .map-zone").count() >= 1  # an official sees zones
    if check:
        passes_axe_on_a_phone(page, "the answer form")
    page.locator(f"#answer-form input[name=decision][value={decision}]").check()
    if text:
        page.locator("#answer-text").fill(text)
    with page.expect_navigation():
        page.locator("#answer-form button[type=submit]").click()
    assert page.locator("#done").is_visible()
    assert page.locator("#answer-form").count() == 0  # answered: no second answer


def test_draw_file_refuse_revise_and_approve(browser, approvals_server, shot) -> None:
    desktop = {"width": 1280, "height": 900}
    context = browser.new_context(base_url=approvals_server, viewport=desktop, locale="ru-RU")
    page = context.new_page()
    page.set_default_timeout(20_000)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(f"{m.text} {m.location}"))
    log_in(page, APPLICANT)
    assert page.locator("header nav a.nav-approvals").inner_text() == "Мои проекты"
    with page.expect_navigation():
        page.locator("header nav a.nav-approvals").click()
    with page.expect_navigation():
        page.locator("#new-project").click()
    assert page.locator("h1").count() == 1
    page.locator("#title").fill("Прокладка кабеля связи по ул. Баумана")
    page.locator("#works").select_option("excavation")
    page.locator("#approval-form input[name=shape][value=line]").check()
    page.locator("svg.approval-map[data-draw]").scroll_into_view_if_needed()
    for lat, lon in LINE:
        x, y = page.evaluate(ON_SCREEN, [lon, lat])
        page.mouse.click(x, y)
    assert page.locator("svg.approval-map .map-drawn polyline").count() == 1
    typed = page.locator("#coordinates").input_value().splitlines()
    assert len(typed) == 2
    for (lat, lon), line in zip(LINE, typed, strict=True):  # the clicks, to a pixel's width
        got_lat, got_lon = (float(n) for n in line.split(","))
        assert abs(got_lat - lat) < 3e-4 and abs(got_lon - lon) < 3e-4
    assert '"LineString"' in page.locator("#geometry").input_value()
    page.locator("#documents").set_input_files(
        files=[{"name": "scheme.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    shot(page, "approval-drawn")
    passes_axe_on_a_phone(page, "the new project's page")
    with page.expect_navigation():
        page.locator("#file-project").click()
    assert page.locator("#done").is_visible(), page.locator("main").inner_text()
    project_url = page.url.split("?")[0]
    owners = page.locator("#project-owners tr[data-owner]")
    found = sorted(owners.nth(i).get_attribute("data-owner") for i in range(owners.count()))
    assert found == sorted([WATER, POWER])  # exactly the two zones the line crosses
    assert page.locator("#project-due").inner_text().startswith("Общий срок согласования")
    assert page.locator("svg.approval-map .map-zone").count() == 0  # not for an applicant
    shot(page, "approval-filed")
    passes_axe_on_a_phone(page, "the project's page")

    answer(page, "vodokanal", "refused", "Траншея ближе 5 м к водоводу", check=True)
    answer(page, "setevaya", "approved")

    log_out(page)
    log_in(page, APPLICANT)
    page.goto(project_url)
    assert page.locator("#project-status").get_attribute("data-status") == "refused"
    water = page.locator(f"#project-owners tr[data-owner={WATER}]")
    assert "Траншея ближе 5 м к водоводу" in water.inner_text()
    page.locator("#revision-documents").set_input_files(
        files=[{"name": "scheme-2.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.locator("#revision-form textarea[name=note]").fill("Трасса сдвинута на 6 м")
    with page.expect_navigation():
        page.locator("#revision-form button[type=submit]").click()
    assert water.get_attribute("data-decision") == "awaited"
    power = page.locator(f"#project-owners tr[data-owner={POWER}]")
    assert power.get_attribute("data-decision") == "approved"  # the revision did not go there
    shot(page, "approval-revised")

    answer(page, "vodokanal", "approved")
    log_out(page)
    log_in(page, APPLICANT)
    page.goto(project_url)
    status = page.locator("#project-status")
    assert status.get_attribute("data-status") == "approved"
    assert status.inner_text().startswith("согласовано")
    assert page.locator("#project-total").is_visible()
    shot(page, "approval-approved")
    assert errors == []
    context.close()
