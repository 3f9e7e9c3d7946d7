"""The home screen of each role and the federal view in Chromium: the five key blocks above the
fold at 1440×900, nothing wider than a 390 px phone, chart text readable there, the actions'
what-if, the federal filters, sorting and export.

Screenshots go to tests/artifacts/ (home-*.png, federal-*.png) for a person to look at.
"""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from builders import WEB_PASSWORD

CARDS = ("#home-index", "#home-directions", "#home-tasks", "#home-actions", "#home-data")
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
# The rendered size of the trend chart's 12-unit text, in CSS px.
CHART_TEXT_PX = (
    "(() => { const s = document.querySelector('svg.trend-chart');"
    " return s.getBoundingClientRect().width / s.viewBox.baseVal.width * 12; })()"
)


def sign_in(page, login: str) -> None:
    page.goto("/login")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", WEB_PASSWORD)
    page.click("form.stack button[type=submit]")
    page.wait_for_url(lambda url: "/login" not in url)


def on_a_phone(page) -> None:
    page.set_viewport_size(PHONE)
    page.reload()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width} px wide at 390 px"


@pytest.mark.parametrize("role", ["operator", "analyst", "viewer", "admin", "anonymous"])
def test_the_home_screen_of_each_role(page, shot, role: str) -> None:
    page.set_viewport_size(DESKTOP)
    if role != "anonymous":
        sign_in(page, role)
    page.goto("/regions/RU-TA")
    assert "Татарстан" in page.locator("h1").inner_text()
    for card in CARDS:
        box = page.locator(card).bounding_box()
        assert box is not None and box["y"] + box["height"] <= DESKTOP["height"], card
    hidden = page.locator("#tasks-hidden")
    if role == "anonymous":
        assert hidden.is_visible() and page.locator("#tasks-overdue-count").count() == 0
    else:
        assert page.locator("#tasks-overdue-count").is_visible() and hidden.count() == 0
    assert page.locator("#home-directions td.level").count() == 5
    shot(page, f"home-{role}-1440")
    on_a_phone(page)
    assert page.evaluate(CHART_TEXT_PX) >= 11
    shot(page, f"home-{role}-390")


def test_an_action_opens_its_what_if_answered(page, shot) -> None:
    page.goto("/regions/RU-TA")
    page.locator("#home-actions a.whatif-link").first.click()
    page.wait_for_url("**/regions/RU-TA/whatif?**")
    assert page.locator("#whatif-result").is_visible()
    assert page.locator("#whatif-nodes tr[data-code=index] td.change").inner_text().startswith("+")
    shot(page, "home-action-whatif")


def test_the_federal_view_filters_sorts_and_exports(page, shot, tmp_path) -> None:
    page.set_viewport_size(DESKTOP)
    sign_in(page, "analyst")
    assert page.url.endswith("/federal")
    rows = page.locator("#federal tbody tr")
    assert rows.count() == 83
    assert page.locator("#federal td.level-red, #federal td.level-amber").count() > 0
    shot(page, "federal-1440")
    page.locator("#federal-filters select[name=district]").select_option("volga")
    page.locator("#federal-filters button[type=submit]").click()
    page.wait_for_url("**/federal?**district=volga**")
    shown = rows.count()
    assert 0 < shown < 83
    header = page.locator("#federal th", has_text="Индекс").first
    header.click()  # ascending
    scores = [
        float(s.replace(",", "."))
        for s in page.locator("#federal tbody tr td:nth-child(3)").all_inner_texts()
    ]
    assert scores == sorted(scores)
    with page.expect_download() as download:
        page.locator("#export-xlsx").click()
    path = tmp_path / "federal.xlsx"
    download.value.save_as(path)
    assert load_workbook(path).active.max_row == shown + 1  # the rows on screen, one header
    on_a_phone(page)
    shot(page, "federal-390")


def test_an_operator_is_sent_to_its_region_from_the_federal_view(page) -> None:
    sign_in(page, "operator")
    page.goto("/federal")
    assert page.url.endswith("/regions/RU-TA")
    assert page.locator("header a.nav-home").get_attribute("href") == "/regions/RU-TA"
