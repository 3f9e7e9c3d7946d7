"""What a phone shows beyond the every-page rules: the menu collapses and opens, a wide table
scrolls inside its box and a keyboard can reach it, the region page shows the charts drawn for
a phone, and the map keeps its colour scale readable."""

from __future__ import annotations

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}


def test_the_menu_collapses_on_a_phone_and_opens_with_a_tap(page, shot) -> None:
    page.set_viewport_size(PHONE)
    page.goto("/")
    menu = page.locator("header details.menu")
    tasks = menu.locator("nav a[href='/tasks']")
    assert menu.locator("summary").is_visible() and not tasks.is_visible()
    menu.locator("summary").click()
    assert tasks.is_visible() and menu.get_attribute("open") is not None
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "phone-menu-open")
    page.set_viewport_size(DESKTOP)
    page.goto("/")
    assert not menu.locator("summary").is_visible()
    assert tasks.is_visible()  # a row of links, nothing to open
    box = tasks.bounding_box()
    assert box is not None and box["y"] < 60  # in the header's one line


def test_a_wide_table_scrolls_in_its_box_and_takes_the_keyboard(page) -> None:
    page.set_viewport_size(PHONE)
    page.goto("/")
    box = page.locator(".table-scroll", has=page.locator("#rating"))
    sizes = box.evaluate("b => [b.scrollWidth, b.clientWidth, b.tabIndex]")
    assert sizes[0] > sizes[1] and sizes[2] == 0  # wider than its box, and focusable
    assert box.get_attribute("role") == "region" and box.get_attribute("aria-label")
    box.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert box.evaluate("b => b.scrollLeft") > 0  # the table moved, not the page
    assert page.evaluate("window.scrollX") == 0
    page.set_viewport_size(DESKTOP)
    page.goto("/login")
    assert page.locator(".table-scroll[tabindex]").count() == 0


def test_the_region_page_shows_the_charts_drawn_for_a_phone(page, shot) -> None:
    page.set_viewport_size(PHONE)
    page.goto("/regions/RU-TA")
    assert page.locator("#forecast svg.fan-chart-narrow").is_visible()
    assert not page.locator("#forecast svg.fan-chart").is_visible()
    assert page.locator("#robustness svg.rank-interval-narrow").is_visible()
    fan = page.locator("#forecast svg.fan-chart-narrow").bounding_box()
    assert fan is not None and 300 < fan["width"] <= 390
    page.set_viewport_size(DESKTOP)
    assert page.locator("#forecast svg.fan-chart").is_visible()
    assert not page.locator("#forecast svg.fan-chart-narrow").is_visible()


def test_the_map_on_a_phone_is_colours_with_a_readable_scale_under_it(page, shot) -> None:
    page.set_viewport_size(PHONE)
    page.goto("/")
    tiles = page.locator("svg.tile-map")
    assert tiles.bounding_box()["width"] <= 390
    assert tiles.locator("a").count() == 83  # still one link per region
    assert not tiles.locator("text.code").first.is_visible()
    scale = page.locator("svg.tile-scale")
    assert scale.is_visible()
    height = scale.locator("text").first.evaluate(
        "t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a"
    )
    assert height >= 10.5
    page.set_viewport_size(DESKTOP)
    assert tiles.locator("text.code").first.is_visible() and not scale.is_visible()
    shot(page, "desktop-rating")
