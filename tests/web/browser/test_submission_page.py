"""The quarter's data as a regional operator and a federal analyst see them: the submission page,
the template downloaded, filled as an official would and uploaded back, the values then shown as
arrived; every region's counts; both pages at 390 px.

Screenshots go to tests/artifacts/ (not committed): submission-*.png.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl

from builders import WEB_PASSWORD
from tsifra.values.submission import collection_period

PHONE = {"width": 390, "height": 844}


def log_in(page, login: str) -> None:
    page.goto("/login")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", WEB_PASSWORD)
    with page.expect_navigation():
        page.click("form.stack button[type=submit]")
    assert "/login" not in page.url, f"{login} could not sign in"


def states(page) -> dict[str, str]:
    rows = page.locator("#submission tbody tr")
    return {
        rows.nth(k).get_attribute("data-indicator"): rows.nth(k).get_attribute("class")
        for k in range(rows.count())
    }


def test_download_the_template_fill_it_upload_it_and_see_the_values_arrive(
    page, shot, tmp_path: Path
) -> None:
    period = collection_period(date.today())
    log_in(page, "operator")  # the operator of RU-TA
    page.goto(f"/regions/RU-TA/submission?period={period}")
    assert page.locator("h1").count() == 1
    assert "Республика Татарстан" in page.locator("h1").inner_text()
    assert page.locator("#due").is_visible()
    before = states(page)
    assert len(before) == 24
    shot(page, "submission-before")

    with page.expect_download() as download:
        page.click("#template")
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name == f"RU-TA_{period}.xlsx"
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    codes = [c.value for c in sheet[6]][3:]
    sheet.cell(7, 4 + codes.index("edu_e_journal"), 64.5)
    sheet.cell(7, 4 + codes.index("gov_edo"), 97)
    book.save(path)

    page.goto("/upload")
    page.set_input_files("input[name=file]", str(path))
    page.click("form.stack button[type=submit]")
    assert page.locator("#accepted").is_visible()
    assert page.locator("#summary").inner_text().count("2") >= 1

    page.goto(f"/regions/RU-TA/submission?period={period}")
    after = states(page)
    arrived = {code for code, cls in after.items() if cls in ("state-on_time", "state-late")}
    assert {"edu_e_journal", "gov_edo"} <= arrived
    row = page.locator("#submission tr[data-indicator=edu_e_journal]")
    assert "64,5" in row.inner_text()
    assert path.name in row.inner_text()
    shot(page, "submission-after")

    page.set_viewport_size(PHONE)
    page.reload()
    assert _content_width(page) <= PHONE["width"]
    shot(page, "submission-phone")


def test_every_regions_submission_for_the_federal_analyst(page, shot) -> None:
    log_in(page, "analyst")
    page.goto("/submissions?period=2025Q4")
    assert page.locator("h1").count() == 1
    rows = page.locator("#submission-by-region tbody tr")
    assert rows.count() >= 83
    assert "Не представили все данные в срок" in page.locator("#not-reported").inner_text()
    shot(page, "submission-by-region")
    page.locator("#submission-by-region a", has_text="Республика Татарстан").click()
    page.wait_for_url("**/regions/RU-TA/submission?period=2025Q4")
    assert page.locator("#submission tbody tr").count() == 24
    page.set_viewport_size(PHONE)
    page.goto("/submissions?period=2025Q4")
    assert _content_width(page) <= PHONE["width"]
    shot(page, "submission-by-region-phone")


def _content_width(page) -> int:
    """The width of the page's own content (<main>): tables scroll inside their box. The header's
    navigation collapses at 390 px by the phone work of issue 12, measured there."""
    return page.evaluate("document.querySelector('main').scrollWidth")
