"""An appeal's life in the browser, the citizen on a phone: she files an appeal, sees the open
case a neighbour filed nearby in other word forms, opens it, then files hers anyway; the roads
department's operator registers, takes and answers it; she rates the answer as not solving the
problem and reopens it; the operator sees it back in the queue.

A server of its own (this module's): the browser database plus a body with its operator and a
routing rule, and the neighbour's case. Screenshots: tests/artifacts/appeal-*.png.
"""

from __future__ import annotations

import socket
import threading
import time
from datetime import timedelta

import pytest
import uvicorn
from sqlalchemy import update

from builders import RATED, WEB_PASSWORD
from feedback_rows import MARKED, add_case
from tsifra.accounts import create_user
from tsifra.store import make_engine, session_scope, utcnow
from tsifra.store.models import Body, RoutingRule, User
from tsifra.web import create_app
from tsifra.web.settings import Settings

PHONE = {"width": 390, "height": 844}
REGION = "RU-TA"
BODY = "RU-TA-roads"
CATEGORY = "roads"  # the rule covers the whole branch
PROMISED = (utcnow().date() + timedelta(days=60)).isoformat()  # a fix date ahead
LAT, LON = 55.7963, 49.1088  # a yard in Kazan


@pytest.fixture(scope="module")
def appeal_server(tmp_path_factory, templates):
    url = templates.sqlite_copy(RATED, tmp_path_factory.mktemp("appeals") / "tsifra.db")
    engine = make_engine(url)
    with session_scope(engine) as session:
        session.add(Body(code=BODY, region=REGION, name_ru="Управление дорог Казани",
                         name_en="Kazan roads department", kind="municipal"))  # fmt: skip
        session.flush()
        session.add(RoutingRule(region=REGION, category=CATEGORY, body=BODY, priority=100))
    create_user(engine, "roads", WEB_PASSWORD, "operator", region=REGION)
    with session_scope(engine) as session:
        session.execute(update(User).where(User.login == "roads").values(body=BODY))
    neighbour = add_case(
        engine, region=REGION, category=leaf(), body=BODY, status="registered",
        text="Огромные ямы во дворах, машины бьют колёса", publish_text=True,
        latitude=LAT + 0.0008, longitude=LON, address="ул. Баумана, 10",
        submitted_at=utcnow() - timedelta(days=1),
    )  # fmt: skip
    engine.dispose()
    app = create_app(Settings(database_url=url, secret_key="appeals-" * 8))
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start in 15 s"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", neighbour
    server.should_exit = True
    thread.join(10)
    app.state.engine.dispose()


def leaf() -> str:
    """A pit in a yard: the deepest category under roads the tree holds."""
    from tsifra.cases.categories import children

    node = CATEGORY
    while kids := children(node):
        node = kids[0].code
    return node


def _context(browser, base: str, viewport: dict):
    context = browser.new_context(base_url=base, viewport=viewport, locale="ru-RU")
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def _log_in(page, login: str) -> None:
    page.goto("/login")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", WEB_PASSWORD)
    page.click("form.stack button[type=submit]")
    page.wait_for_load_state()


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_file_follow_answer_rate_reopen(browser, appeal_server, shot) -> None:
    base, neighbour = appeal_server
    citizen_context, citizen = _context(browser, base, PHONE)
    citizen.goto(f"/appeals/new?region={REGION}")
    _no_sideways_scroll(citizen)
    citizen.select_option("#category", leaf())
    citizen.fill("#latitude", str(LAT))
    citizen.fill("#longitude", str(LON))
    citizen.fill("#text", "Яма во дворе у третьего подъезда, глубокая")
    suggestion = citizen.locator("#similar-live .similar-case", has_text=str(neighbour))
    suggestion.wait_for()  # appeals.js asked /api/v1/cases/similar after the typing stopped
    assert "м отсюда" in suggestion.inner_text()
    shot(citizen, "appeal-similar")
    suggestion.locator("a.follow").click()
    assert str(neighbour) in citizen.locator("h1").inner_text()
    assert "Огромные ямы во дворах" in citizen.locator("#case-text").inner_text()
    _no_sideways_scroll(citizen)
    citizen.go_back()

    citizen.select_option("#category", leaf())
    citizen.fill("#text", "Яма во дворе у третьего подъезда, глубокая")
    citizen.fill("#latitude", str(LAT))
    citizen.fill("#longitude", str(LON))
    citizen.locator("#similar-live .similar-case").first.wait_for()
    form = citizen.locator("#appeal-form")
    for field in ("surname", "name", "email", "phone"):
        form.locator(f"input[name={field}]").fill(MARKED[field])
    form.locator("textarea[name=postal_address]").fill(MARKED["postal_address"])
    shot(citizen, "appeal-form")
    citizen.click("#send")
    link = citizen.locator("#tracking-link")
    tracking = link.get_attribute("href")
    assert tracking and tracking.startswith("/appeals/track/")
    shot(citizen, "appeal-sent")
    citizen.goto(tracking)
    assert "Управление дорог Казани" in citizen.locator("#case-holder").inner_text()
    case_id = citizen.locator("h1").inner_text().rsplit("№", 1)[1].strip()

    _, executor = _context(browser, base, {"width": 1280, "height": 900})
    _log_in(executor, "roads")
    executor.goto("/casework")
    executor.locator("#case-queue a", has_text=case_id).first.click()
    executor.locator("#step-register button[type=submit]").click()
    executor.locator("#step-take button[type=submit]").click()
    answer = executor.locator("#step-answer")
    answer.locator("textarea[name=text]").fill("Яму засыпали щебнем, асфальт положим в мае.")
    answer.locator("input[name=promised_on]").fill(PROMISED)
    answer.locator("button[type=submit]").click()
    assert "Дан ответ" in executor.locator("#case-status").inner_text()
    shot(executor, "appeal-answered")

    citizen.goto(tracking)
    assert "Яму засыпали щебнем" in citizen.locator("#case-answer").inner_text()
    rate = citizen.locator("#rate-form")
    rate.locator("input[name=rating][value='2']").check()
    rate.locator("input[name=solved][value=no]").check()
    rate.locator("button[type=submit]").click()
    assert citizen.locator("#done").is_visible()
    reopen = citizen.locator("#reopen-form")
    reopen.locator("textarea[name=reason]").fill("Щебень размыло дождём, яма снова на месте")
    reopen.locator("button[type=submit]").click()
    assert "В работе" in citizen.locator("#case-status").inner_text()
    _no_sideways_scroll(citizen)
    shot(citizen, "appeal-reopened")
    citizen_context.close()

    executor.goto("/casework")
    assert executor.locator("#case-queue a", has_text=case_id).count() >= 1


def _axe_serious(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    page.evaluate(Axe().axe_script)
    found = page.evaluate("async () => (await axe.run()).violations")
    return [f"{v['id']}: {v['help']}" for v in found if v["impact"] in ("serious", "critical")]


def test_the_feedback_pages_on_a_phone_pass_axe(browser, appeal_server, shot) -> None:
    """Until these pages join pages.py: at 390 px no sideways scroll, one <h1>, no serious or
    critical axe-core violation, no console error, for the citizen's and the executor's pages."""
    base, neighbour = appeal_server
    for role, paths in (
        (None, ["/appeals/new?region=RU-TA", f"/appeals/case/{neighbour}",
                f"/appeals/region/{REGION}", "/appeals/new?lang=en"]),
        ("roads", ["/casework", f"/casework/{neighbour}", f"/casework/{neighbour}?contact=1"]),
    ):  # fmt: skip
        context, page = _context(browser, base, PHONE)
        errors: list[str] = []
        page.on("console", lambda m, e=errors: e.append(m.text) if m.type == "error" else None)
        if role:
            _log_in(page, role)
        for path in paths:
            answer = page.goto(path)
            assert answer is not None and answer.status == 200, path
            _no_sideways_scroll(page)
            assert page.locator("h1").count() == 1, path
            assert not _axe_serious(page), (path, _axe_serious(page))
            name = "".join(c if c.isalnum() else "-" for c in path.strip("/"))
            shot(page, f"appeal-page-{name}")
        assert not errors, errors
        context.close()
