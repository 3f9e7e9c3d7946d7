"""The pages work under the strict Content-Security-Policy: nothing is blocked, and the table
sorting (a script file) still runs."""

from __future__ import annotations


def test_the_rating_and_a_region_page_break_no_rule_of_the_policy(page) -> None:
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security" in m.text else None)
    page.goto("/")
    header = page.locator("table.sortable thead th[data-type]").first
    header.click()  # sort.js, loaded from /static, runs
    assert header.get_attribute("aria-sort") in ("ascending", "descending")
    page.goto("/regions/RU-TA")
    page.locator("svg").first.wait_for(state="visible")
    assert blocked == []
