"""What every page's frame (base.html and the static files) gives a phone and a screen reader,
in-process: a menu that collapses without a script, a skip link to the content, an icon that is
served, tables inside a box that scrolls, and a chart drawn for each width."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from builders import WEB_PASSWORD


def test_every_page_has_the_menu_a_skip_link_and_an_icon(client: TestClient) -> None:
    for path in ("/", "/login", "/regions/RU-TA", "/indicators/health_emr", "/no-such-page"):
        page = client.get(path, headers={"accept": "text/html"}).text
        assert re.search(r'<details class="menu">\s*<summary>Меню</summary>\s*<nav', page), path
        assert '<a class="skip" href="#content">' in page and '<main id="content">' in page
        assert page.count("<h1") == 1, path
        assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page
        assert "<script>" not in page and "style=" not in page  # the content policy allows none
    english = client.get("/?lang=en").text
    assert "<summary>Menu</summary>" in english and "Skip to content" in english


def test_the_icon_and_the_scripts_of_the_frame_are_served(client: TestClient) -> None:
    icon = client.get("/static/favicon.svg")
    assert icon.status_code == 200 and icon.headers["content-type"].startswith("image/svg+xml")
    assert icon.text.startswith("<svg")
    for name in ("tables.js", "sort.js", "api-docs.css"):
        assert client.get(f"/static/{name}").status_code == 200, name


def test_wide_tables_sit_in_a_box_that_scrolls(client: TestClient) -> None:
    for path, table in (("/", "rating"), ("/indicators/health_emr", "values")):
        page = client.get(path).text
        assert re.search(rf'<div class="table-scroll">\s*<table[^>]*id="{table}"', page), path
    css = client.get("/static/tsifra.css").text
    assert re.search(r"\.table-scroll \{[^}]*overflow-x: auto", css)


def test_the_region_page_draws_each_chart_for_a_wide_screen_and_for_a_phone(
    client: TestClient,
) -> None:
    page = client.get("/regions/RU-TA").text
    for kind in ("fan-chart", "rank-interval"):
        assert page.count(f'class="{kind}"') == 1, kind
        assert page.count(f'class="{kind}-narrow"') == 1, kind
    assert page.count('<div class="chart-narrow">') == 2


def test_the_menu_says_who_is_signed_in_in_words(client: TestClient) -> None:
    csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text).group(1)
    form = {"login": "operator", "password": WEB_PASSWORD, "csrf": csrf}
    assert client.post("/login", data=form, follow_redirects=False).status_code == 303
    header = client.get("/").text.split("</header>")[0]
    assert re.search(r'<span class="who">operator \(оператор, RU-TA\)</span>', header)
    assert 'href="/upload"' in header
