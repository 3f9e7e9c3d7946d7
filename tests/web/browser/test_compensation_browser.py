"""The paying body's compensation page in a browser, on a phone: a case a rule opened from the
register, approved and paid through the page's forms; at 390 px nothing scrolls sideways and
axe-core finds no serious violation at each stage."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from sqlalchemy import select

from builders import RATED, WEB_PASSWORD
from compensation_rows import MONDAY, PAYER, REGION, add_bodies, rule, start_run, write_register
from mail_server import free_port
from tsifra.accounts.users import create_user, set_user_body
from tsifra.proactive import compensation
from tsifra.store import Case, make_engine, session_scope
from tsifra.web import create_app
from tsifra.web.settings import Settings

SERIOUS = {"serious", "critical"}


@pytest.fixture(scope="module")
def opened(tmp_path_factory: pytest.TempPathFactory, templates) -> tuple[str, int]:
    folder = tmp_path_factory.mktemp("compensation")
    url = templates.sqlite_copy(RATED, folder / "c.db")
    engine = make_engine(url)
    add_bodies(engine)
    create_user(engine, "payer-op", WEB_PASSWORD, "operator", region=REGION)
    set_user_body(engine, "payer-op", PAYER)
    the_rule = rule()
    compensation.run(
        engine,
        the_rule,
        write_register(folder / "r.csv"),
        run_id=start_run(engine, the_rule),
        now=MONDAY,
        actor="test",
    )
    with session_scope(engine) as session:
        case_id = session.scalar(select(Case.id).where(Case.kind == "compensation"))
    engine.dispose()
    return url, case_id


@pytest.fixture(scope="module")
def server(opened: tuple[str, int]) -> Iterator[str]:
    app = create_app(Settings(database_url=opened[0], secret_key="browser-" * 8))
    port = free_port()
    runner = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=runner.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not runner.started:
        if time.monotonic() > deadline:
            pytest.fail("the server did not start in 15 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    runner.should_exit = True
    thread.join(10)
    app.state.engine.dispose()


def _serious(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    page.evaluate(Axe().axe_script)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']}: {v['help']}" for v in result["violations"] if v["impact"] in SERIOUS]


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert _serious(page) == []
    assert page.locator("h1").count() == 1


def test_the_body_approves_and_pays_on_a_phone(browser, server: str, opened, shot) -> None:
    case_id = opened[1]
    context = browser.new_context(
        base_url=server, viewport={"width": 390, "height": 844}, locale="ru-RU"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/login")
    page.fill("input[name=login]", "payer-op")
    page.fill("input[name=password]", WEB_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    page.goto(f"/compensation/{case_id}")
    assert "Ждёт решения органа" in page.inner_text("#comp-stage")
    assert "tyu-flood-compensation" in page.inner_text("#comp-cause")
    _fits(page)
    page.click("#show-contact")
    assert "Маркерова-PII-1" in page.inner_text("#case-contact")
    page.click("#approve-form button[type=submit]")
    assert "Одобрено, ждёт выплаты" in page.inner_text("#comp-stage")
    _fits(page)
    page.fill("input[name=document_number]", "ПП-4512")
    page.fill("input[name=document_date]", "2026-06-03")
    page.set_input_files(
        "input[name=document]",
        files=[
            {"name": "order.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%order\n"}
        ],
    )
    page.click("#pay-form button[type=submit]")
    assert page.inner_text("#comp-stage").startswith("Выплачено")
    assert "ПП-4512" in page.inner_text("#comp-paid")
    _fits(page)
    shot(page, "phone-compensation-paid")
    context.close()
