"""A region's plan in the browser: the region's operator opens a new plan, chooses two
practices, two experts score one (the page shows the mean and spread), the operator accepts,
and the поручения appear on the region's tasks page linked back to the plan.

The server is the browser tests' database (builders.RATED) with two practices of other
regions whose effects on RU-TA's two largest gaps are measured from stored values.
Screenshots: tests/artifacts/plan-*.png.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from datetime import date

import pytest
import uvicorn

from builders import RATED, WEB_PASSWORD
from plan_rows import add_practice
from tsifra.plans.candidates import candidates
from tsifra.store import make_engine
from tsifra.web import create_app
from tsifra.web.settings import Settings

YEAR = date.today().year + 1


@pytest.fixture(scope="module")
def plan_server(tmp_path_factory, templates, browser) -> Iterator[tuple[str, list]]:
    """A server of its own (the shared one holds no practices), and RU-TA's two gaps."""
    url = templates.sqlite_copy(RATED, tmp_path_factory.mktemp("plan") / "tsifra.db")
    engine = make_engine(url)
    gaps = candidates(engine, "RU-TA", YEAR, lang="ru").indicators[:2]
    for title, region, gap in zip(
        ("Онлайн-запись к врачу", "Оплата ЖКУ онлайн"), ("RU-MOW", "RU-SPE"), gaps, strict=True
    ):
        add_practice(engine, title, region, {gap.indicator: 2.0 * gap.direction}, capex=1e6)
    engine.dispose()
    app = create_app(Settings(database_url=url, secret_key="plan-browser-" * 4))
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
    yield f"http://127.0.0.1:{port}", [g.indicator for g in gaps]
    server.should_exit = True
    thread.join(10)
    app.state.engine.dispose()


SERIOUS = ("serious", "critical")


def passes_axe_on_a_phone(page) -> None:
    """The plan page with its candidates and forms (the every-page check sees it without any):
    no serious axe-core violation, and no sideways scroll at 390 px."""
    from axe_playwright_python.sync_playwright import Axe

    page.set_viewport_size({"width": 390, "height": 844})
    wide = page.evaluate("() => document.documentElement.scrollWidth")
    assert wide <= 390, f"the plan page scrolls sideways at 390 px ({wide} px)"
    page.evaluate(Axe().axe_script)
    found = page.evaluate("async () => (await axe.run()).violations")
    assert [v["id"] for v in found if v.get("impact") in SERIOUS] == []
    page.set_viewport_size({"width": 1280, "height": 900})


def log_in(page, login: str) -> None:
    page.goto("/login")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", WEB_PASSWORD)
    page.click("form.stack button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("header .who").inner_text().startswith(login)


def log_out(page) -> None:
    page.locator("header form[action='/logout'] button").click()
    page.wait_for_load_state()


def test_choose_score_accept_and_find_the_tasks(browser, plan_server, shot) -> None:
    base, (first, second) = plan_server
    context = browser.new_context(base_url=base, viewport={"width": 1280, "height": 900},
                                  locale="ru-RU")  # fmt: skip
    page = context.new_page()
    page.set_default_timeout(20_000)
    log_in(page, "operator")
    page.goto("/regions/RU-TA")
    page.locator("#region-plans-link").click()
    page.locator("#new-plan button[type=submit]").click()
    assert page.locator("h1").count() == 1
    gaps = page.locator("section.plan-gap")
    assert gaps.nth(0).get_attribute("data-indicator") == first  # most points at stake first
    for indicator in (first, second):
        card = page.locator(f"#gap-{indicator} article.plan-candidate").first
        card.locator("form.choose button[type=submit]").click()
        page.wait_for_load_state()
    assert page.locator("#plan-items tr[data-item]").count() == 2
    shot(page, "plan-chosen")

    plan_url = page.url.split("#")[0]
    for login, score in (("operator", "2"), ("analyst", "5")):
        if login != "operator":
            log_out(page)
            log_in(page, login)
            page.goto(plan_url)
        card = page.locator(f"#gap-{first} article.plan-candidate").first
        card.locator("form.score select[name=score]").select_option(score)
        card.locator("form.score input[name=comment]").fill(f"оценка {login}")
        card.locator("form.score button[type=submit]").click()
        page.wait_for_load_state()
    scores = page.locator(f"#gap-{first} article.plan-candidate .scores").first.inner_text()
    assert "среднее 3,50, разброс 2–5, σ 1,50, экспертов: 2" in scores
    shot(page, "plan-scored")
    passes_axe_on_a_phone(page)

    log_out(page)
    log_in(page, "operator")
    page.goto(plan_url)
    expected = page.locator("#expected-index").inner_text()
    page.locator("#accept-plan button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#plan-accepted").is_visible()
    assert page.locator("#expected-kept td").first.inner_text() == expected
    shot(page, "plan-accepted")

    page.goto("/tasks?region=RU-TA")
    rows = page.locator("tr[data-task]")
    assert rows.count() == 2
    plan_path = plan_url.removeprefix(base)
    for n in range(2):
        assert rows.nth(n).locator("a.task-plan-link").get_attribute("href") == plan_path
    shot(page, "plan-tasks")
    rows.first.locator("td.task-title a").first.click()
    page.locator("#task-plan").click()
    assert page.url.split("#")[0] == plan_url
    context.close()
