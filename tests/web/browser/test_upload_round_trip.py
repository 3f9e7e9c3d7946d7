"""The upload page as an operator uses it: download the template, fill it as Excel would (a
percentage cell), send it back; send a file with a misspelt region and a total row, read the
problems in words and take them to Excel. Screenshots go to tests/artifacts/."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from builders import WEB_PASSWORD


def log_in(page, login: str) -> None:
    page.goto("/login")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", WEB_PASSWORD)
    page.click("form.stack button[type=submit]")
    page.wait_for_load_state()


def test_the_template_round_trip_and_the_problem_list(page, shot, tmp_path: Path) -> None:
    log_in(page, "operator")
    page.goto("/upload")
    with page.expect_download() as downloading:
        page.click("#template-link")
    template = tmp_path / "template.xlsx"
    downloading.value.save_as(template)
    book = load_workbook(template)
    sheet = book.worksheets[0]
    codes = [c.value for c in sheet[4]][3:]
    assert [c.value for c in sheet[5]][:2] == ["RU-TA", "Республика Татарстан"]
    emr = sheet.cell(row=5, column=4 + codes.index("health_emr"))
    emr.value, emr.number_format = 0.915, "0.0%"  # Excel shows «91,5 %»
    sheet.cell(row=5, column=4 + codes.index("city_permit_days")).value = 21
    book.save(template)
    page.set_input_files("input[name=file]", str(template))
    page.click("form.stack button[type=submit]")
    assert page.locator("#accepted").is_visible()
    assert page.locator("#summary").inner_text().split()[1] == "2"  # two new values
    shot(page, "upload-template-accepted")

    sheet.cell(row=5, column=1).value = "Татарстн"
    sheet.cell(row=6, column=1).value = "Итого"
    sheet.cell(row=6, column=3).value = sheet.cell(row=5, column=3).value  # filled down
    sheet.cell(row=6, column=4 + codes.index("city_permit_days")).value = 21
    bad = tmp_path / "bad.xlsx"
    book.save(bad)
    page.set_input_files("input[name=file]", str(bad))
    page.click("form.stack button[type=submit]")
    assert page.locator("#rejected").is_visible()
    shown = page.locator("#problems").inner_text()
    assert "возможно, имелся в виду «Республика Татарстан»" in shown
    assert "строка итогов" in shown and "total_row" not in shown
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "upload-problems-390")
    with page.expect_download() as downloading:
        page.click("#problems-download button")
    listed = tmp_path / "problems.xlsx"
    downloading.value.save_as(listed)
    rows = [[c.value for c in row] for row in load_workbook(listed).active.iter_rows()]
    assert rows[1] == ["Строка", "Столбец", "Значение", "Проблема"]
    assert [r[:3] for r in rows[2:]] == [[5, "Регион", "Татарстн"], [6, "Регион", "Итого"]]
