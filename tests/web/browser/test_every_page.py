"""Every page on a phone and for everyone: at 390×844 and at 1440×900, no page scrolls sideways,
axe-core finds no serious or critical violation, and the browser's console shows no error (a
missing favicon or a script the content policy blocks would be one); charts' text, as drawn
after an SVG is scaled to the screen, is at least SMALLEST_TEXT px high; and the page has one
<h1>.

The pages and who opens them are in pages.py. One browser, one signed-in page per role, kept for
the module. axe-core comes with the axe-playwright-python package (its bundled axe.min.js): it
is evaluated into the page by Playwright, so nothing is fetched and the page's own content
policy stays as it is served. Screenshots of each page at 390 px go to
tests/artifacts/phone-*.png for a person to look at.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest
from pages import PAGES, Page

from builders import WEB_PASSWORD
from practice_pages_rows import CLAIM, CONTRACT, HOSPITALS

VIEWPORTS = {"phone": (390, 844), "desktop": (1440, 900)}
SERIOUS = {"serious", "critical"}
SMALLEST_TEXT = 10.5  # px: a chart's text as drawn, after the SVG is scaled to the screen
# The drawn height of every shown text of every SVG: its font size times the SVG's scale.
CHART_TEXT = """() => Array.from(document.querySelectorAll("svg text"))
  .filter(t => t.getClientRects().length > 0 && t.textContent.trim())
  .map(t => [t.textContent.trim(), t.closest("svg").getAttribute("class") || "svg",
             parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a])"""


@pytest.fixture(scope="module")
def axe_script() -> str:
    from axe_playwright_python.sync_playwright import Axe

    return Axe().axe_script


@pytest.fixture(scope="module")
def page_of(browser, server: str) -> Iterator[Callable]:
    """The page of a role (signed in once through the login form), or of an anonymous visitor;
    each records the console's errors in `page.errors`."""
    contexts: dict[str | None, object] = {}

    def open_as(role: str | None):
        if role not in contexts:
            context = browser.new_context(base_url=server, locale="ru-RU")
            page = context.new_page()
            # Generous: the first region page computes every region's forecast (seconds), and a
            # sign-in may land on one.
            page.set_default_timeout(30_000)
            page.errors = []
            page.on("console", lambda m, p=page: _console(p, m))
            page.on("pageerror", lambda e, p=page: p.errors.append(str(e)))
            if role is not None:
                page.goto("/login")
                page.fill("input[name=login]", role)
                page.fill("input[name=password]", WEB_PASSWORD)
                with page.expect_navigation():
                    page.click("main form button[type=submit]")
                assert "/login" not in page.url, f"{role} could not sign in"
            contexts[role] = page
        return contexts[role]

    yield open_as
    for page in contexts.values():
        page.context.close()


def _console(page, message) -> None:
    """Keep an error of the console, except the one Chromium logs for the document itself when
    it is an error page (a 404 page is meant to answer 404)."""
    url = message.location.get("url", "")
    if message.type == "error" and url != page.url:
        page.errors.append(f"{message.text} {url}".strip())


def _icon_problems(page) -> list[str]:
    """The page links an icon and the icon is served: browsers ask for one on every site, and a
    missing one is a 404 in the console (Chromium asks only once per session, hence this)."""
    icons = page.eval_on_selector_all("link[rel~=icon]", "links => links.map(l => l.href)")
    if not icons:
        return ["no <link rel=icon>"]
    answers = {href: page.request.get(href).status for href in icons}
    return [
        f"the icon {href} answers {status}" for href, status in answers.items() if status != 200
    ]


def _small_text(page) -> list[str]:
    """Charts whose text is drawn smaller than SMALLEST_TEXT, with an example each."""
    small: dict[str, tuple[str, float]] = {}
    for text, chart, size in page.evaluate(CHART_TEXT):
        if size < SMALLEST_TEXT and chart not in small:
            small[chart] = (text, size)
    return [
        f"the text of svg.{chart} is {size:.1f} px high (e.g. «{text}»)"
        for chart, (text, size) in small.items()
    ]


def _serious(page, axe_script: str) -> list[str]:
    """axe-core's serious and critical violations on the page, one line each with the elements."""
    page.evaluate(axe_script)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in result["violations"]
        if v["impact"] in SERIOUS
    ]


@pytest.fixture(scope="module")
def a_task(page_of) -> int:
    """A reported task of RU-TA with a comment, created by the admin through the API with its
    session and CSRF token, so a task's own page shows its history, report and actions."""
    admin = page_of("admin")
    admin.goto("/tasks")
    csrf = admin.get_attribute("meta[name=csrf-token]", "content")
    headers = {"X-CSRF-Token": csrf}
    created = admin.request.post(
        "/api/v1/tasks",
        headers=headers,
        data={
            "title": "Подключить школы к защищённой сети передачи данных",
            "region": "RU-TA",
            "responsible": "Минцифры РТ",
            "deadline": "2099-12-01",
            "indicator": "gov_edo",
            "source": "mintsifry",
            "document_number": "П-117",
            "document_date": "2026-10-01",
        },
    )
    assert created.status == 201, created.text()
    return created.json()["id"]


@pytest.fixture(scope="module")
def a_plan(page_of) -> int:
    """A draft plan of RU-TA for next year, made by its operator through the API."""
    operator = page_of("operator")
    operator.goto("/tasks")
    csrf = operator.get_attribute("meta[name=csrf-token]", "content")
    made = operator.request.post(
        "/api/v1/plans",
        headers={"X-CSRF-Token": csrf},
        data={"region": "RU-TA", "target_year": date.today().year + 1},
    )
    assert made.status == 201, made.text()
    return made.json()["id"]


@pytest.fixture(scope="module")
def an_appeal(page_of) -> dict[str, str]:
    """A citizen's appeal in RU-TA filed anonymously through the API, with a contact and a point,
    so its public page, tracking page and the executor's page have something to show."""
    citizen = page_of(None)
    citizen.goto("/appeals/new")
    filed = citizen.request.post(
        "/api/v1/cases",
        data={
            "kind": "appeal",
            "category": "roads.pits.yard",
            "region": "RU-TA",
            "text": "Во дворе дома яма на проезде, машины объезжают по газону.",
            "address": "Казань, ул. Баумана, 1",
            "latitude": 55.79,
            "longitude": 49.11,
            "contact": {"surname": "Иванова", "email": "citizen@example.org"},
            "publish_text": True,
        },
    )
    assert filed.status == 201, filed.text()
    answer = filed.json()
    return {"{case}": str(answer["id"]), "{token}": answer["tracking_token"]}


@pytest.fixture(scope="module")
def a_practice(page_of) -> int:
    """A practice of RU-TA, created by the admin through the API with its session and CSRF
    token, with a measured effect, evidence and two replications (one counted), so its card
    shows every part."""
    admin = page_of("admin")
    admin.goto("/practices")
    headers = {"X-CSRF-Token": admin.get_attribute("meta[name=csrf-token]", "content")}
    created = admin.request.post("/api/v1/practices", headers=headers, data=HOSPITALS)
    assert created.status == 201, created.text()
    practice = created.json()["id"]
    for replication in (CONTRACT, CLAIM):
        added = admin.request.post(
            f"/api/v1/practices/{practice}/replications", headers=headers, data=replication
        )
        assert added.status == 201, added.text()
    return practice


@pytest.mark.parametrize("entry", PAGES, ids=[p.name for p in PAGES])
def test_every_page_fits_a_phone_and_passes_axe(
    page_of, axe_script: str, shot, entry: Page, request
) -> None:
    if "{task}" in entry.path:
        entry = Page(
            entry.path.replace("{task}", str(request.getfixturevalue("a_task"))),
            entry.role,
            entry.status,
            entry.ready,
        )
    if "{practice}" in entry.path:
        path = entry.path.replace("{practice}", str(request.getfixturevalue("a_practice")))
        entry = Page(path, entry.role, entry.status, entry.ready)
    if "{plan}" in entry.path:
        plan = str(request.getfixturevalue("a_plan"))
        entry = Page(entry.path.replace("{plan}", plan), entry.role, entry.status, entry.ready)
    if "{case}" in entry.path or "{token}" in entry.path:
        path = entry.path
        for placeholder, value in request.getfixturevalue("an_appeal").items():
            path = path.replace(placeholder, value)
        entry = Page(path, entry.role, entry.status, entry.ready)
    page = page_of(entry.role)
    failures: list[str] = []
    for viewport, (width, height) in VIEWPORTS.items():
        page.set_viewport_size({"width": width, "height": height})
        page.errors.clear()
        response = page.goto(entry.path, wait_until="load")
        assert response is not None and response.status == entry.status, (
            f"{entry.path} as {entry.role or 'anonymous'}: {response and response.status}"
        )
        if entry.ready:
            page.locator(entry.ready).first.wait_for(state="visible")
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            failures.append(f"{viewport}: the page is {scroll} px wide in a {width} px window")
        failures += [f"{viewport}: axe {v}" for v in _serious(page, axe_script)]
        failures += [f"{viewport}: {p}" for p in _small_text(page)]
        headings = page.locator("h1").count()
        if headings != 1:
            failures.append(f"{viewport}: {headings} <h1> elements, not one")
        failures += [f"{viewport}: console: {e}" for e in page.errors]
        failures += [f"{viewport}: {p}" for p in _icon_problems(page)]
        if viewport == "phone":
            shot(page, f"phone-{entry.name}")
    assert not failures, f"{entry.path} as {entry.role or 'anonymous'}:\n" + "\n".join(failures)
