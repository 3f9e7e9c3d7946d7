"""The registry as an analyst uses it, in Chromium: a search with a word form, a facet that
narrows the list to exactly the count it showed, a practice's card with its measured effect and
the caveat, a replication with a contract that counts and one without that does not.

The browser database is shared by the session, so other tests may have added practices: every
figure here is read from the page before it is compared, never assumed.
"""

from __future__ import annotations

import re

from builders import WEB_PASSWORD
from practice_pages_rows import HOSPITALS, SCHOOLS


def _sign_in(page, login: str) -> None:
    page.goto("/login")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", WEB_PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "/login" not in page.url


def _add(page, body: dict) -> int:
    """A practice made through the API on the page's session, with its CSRF token."""
    page.goto("/practices")
    headers = {"X-CSRF-Token": page.get_attribute("meta[name=csrf-token]", "content")}
    made = page.request.post("/api/v1/practices", headers=headers, data=body)
    assert made.status == 201, made.text()
    return made.json()["id"]


def _counted(page) -> int:
    return int(page.locator("#replication-count").inner_text())


def test_search_narrow_open_and_replicate(page, shot) -> None:
    _sign_in(page, "analyst")
    practice = _add(page, HOSPITALS)
    _add(page, SCHOOLS)

    page.goto("/practices")
    page.fill("#q", "больница")  # the title says «в больницах»
    with page.expect_navigation():
        page.click("#practice-search button[type=submit] >> nth=0")
    assert page.locator(f"#practice-{practice}").is_visible()
    assert page.locator("#practice-list").get_by_text(SCHOOLS["title"]).count() == 0

    vision = page.locator('#facet-ai_kind input[value="vision"]')
    label = page.locator('#facet-ai_kind label:has(input[value="vision"]) .facet-count')
    shown = int(label.inner_text())
    vision.check()
    with page.expect_navigation():
        page.click("#apply-facets")
    assert "ai_kind=vision" in page.url and "q=" in page.url
    assert int(page.get_attribute("#found", "data-total")) == shown
    assert page.locator("li.practice-row").count() == min(shown, 20)
    shot(page, "registry-search")

    with page.expect_navigation():
        page.click(f"#practice-{practice} h3 a")
    assert page.locator("h1").inner_text() == HOSPITALS["title"]
    caveat = page.locator("#caveat").inner_text()
    assert "до и после внедрения" in caveat and "другие причины" in caveat
    measured = page.locator("#practice-indicators td.measured").first.inner_text()
    assert measured[0] in "+−"  # a signed difference, with the periods it compares
    periods = page.locator("#practice-indicators").inner_text().replace("\u00a0", " ")
    # before: the quarter before the pilot; after: the latest stored (IV кв. 2025, or a later
    # quarter where another test of this session's database stored one)
    before_after = re.findall(r"\(([IV]+ кв\. \d{4})\)", periods)
    assert before_after[0] == "III кв. 2025" and len(before_after) == 2
    assert before_after[1] in ("IV кв. 2025", "I кв. 2026", "II кв. 2026"), before_after
    before = _counted(page)

    with page.expect_navigation():
        page.click("#add-replication")
    page.select_option("select[name=region]", "RU-TA")
    page.fill("input[name=agency]", "ГАУЗ «Городская больница №7»")
    page.fill("input[name=started_on]", "2026-03-01")
    page.select_option("select[name=status]", "production")
    page.select_option("select[name=evidence_kind]", "contract")
    page.fill("input[name=evidence_number]", "0311200012526000017")
    page.fill("input[name=evidence_date]", "2026-02-20")
    with page.expect_navigation():
        page.click("#save-replication")
    assert _counted(page) == before + 1
    assert page.locator("#practice-replications tr.counted").count() >= 1

    with page.expect_navigation():
        page.click("#add-replication")
    page.select_option("select[name=region]", "RU-KL")
    page.fill("input[name=started_on]", "2026-04-01")
    page.select_option("select[name=evidence_kind]", "")  # no contract, no act
    with page.expect_navigation():
        page.click("#save-replication")
    assert _counted(page) == before + 1  # listed, not counted
    uncounted = page.locator("#practice-replications tr.uncounted").last.inner_text()
    assert "не учтено: нет контракта или акта" in uncounted
    shot(page, "registry-practice")
