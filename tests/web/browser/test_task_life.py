"""A task's whole life in the browser: the analyst issues it, the operator reports it done with
a file, the analyst returns it with a comment, the operator reports again, it is accepted.

Screenshots: tests/artifacts/tasks-*.png.
"""

from __future__ import annotations

from pathlib import Path

from builders import WEB_PASSWORD

TITLE = "Подключить все ФАПы к региональной медицинской информационной системе"


def log_in(page, login: str) -> None:
    page.goto("/login")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", WEB_PASSWORD)
    page.click("form.stack button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("header .who").inner_text().startswith(login)


def log_out(page) -> None:
    page.locator("header form[action='/logout'] button").click()
    page.wait_for_load_state()


def test_a_task_returned_for_rework_then_accepted(page, shot, tmp_path: Path) -> None:
    log_in(page, "analyst")
    page.goto("/tasks")
    form = page.locator("#create-task")
    form.locator("textarea[name=title]").fill(TITLE)
    form.locator("select[name=source]").select_option("president")
    form.locator("input[name=document_number]").fill("Пр-1234")
    form.locator("input[name=document_date]").fill("2026-03-01")
    form.locator("select[name=region]").select_option("RU-TA")
    form.locator("input[name=agency]").fill("Минздрав РТ")
    form.locator("input[name=responsible]").fill("Хасанов Р. Ф.")
    form.locator("select[name=indicator]").select_option("health_rmis_connected")
    form.locator("input[name=target_value]").fill("100")
    form.locator("input[name=deadline]").fill("2030-06-30")
    shot(page, "tasks-create")
    form.locator("button[type=submit]").click()
    assert TITLE in page.locator("h1").inner_text()
    facts = page.locator(".task-facts").inner_text()
    assert "Республика Татарстан" in facts and "Президент, №Пр-1234 от 01.03.2026" in facts
    task_url = page.url
    log_out(page)

    log_in(page, "operator")
    page.goto("/tasks")
    page.locator("tr[data-task] a", has_text=TITLE).click()
    page.locator("#step-in_progress button[type=submit]").click()
    report = tmp_path / "акт-подключения.pdf"
    report.write_bytes(b"%PDF-1.4\n% synthetic act\n%%EOF\n")
    step = page.locator("#step-reported")
    step.locator("textarea[name=comment]").fill("Подключено 120 ФАПов из 125")
    step.locator("input[name=files]").set_input_files(str(report))
    step.locator("button[type=submit]").click()
    assert "Отчёт представлен" in page.locator("#task-status").inner_text()
    assert page.locator("#task-files a", has_text="акт-подключения.pdf").count() == 1
    assert page.locator("#step-accepted").count() == 0  # the reporter never accepts
    shot(page, "tasks-reported")
    log_out(page)

    log_in(page, "analyst")
    page.goto(task_url)
    with page.expect_download() as download:
        page.locator("#task-files a").first.click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF-")
    step = page.locator("#step-returned")
    step.locator("textarea[name=comment]").fill("Нет актов по пяти ФАПам: приложите")
    step.locator("button[type=submit]").click()
    assert "Возвращено на доработку" in page.locator("#task-status").inner_text()
    shot(page, "tasks-returned")
    log_out(page)

    log_in(page, "operator")
    page.goto(task_url)
    assert "Нет актов по пяти ФАПам" in page.locator("#task-history").inner_text()
    page.locator("#add-comment textarea[name=text]").fill("Акты запрошены у районов")
    page.locator("#add-comment button[type=submit]").click()
    step = page.locator("#step-reported")
    step.locator("textarea[name=comment]").fill("Подключены все 125 ФАПов, акты приложены")
    step.locator("button[type=submit]").click()
    log_out(page)

    log_in(page, "analyst")
    page.goto(task_url)
    page.locator("#step-accepted button[type=submit]").click()
    assert page.locator("#task-status").inner_text().strip() == "Принято"
    statuses = page.locator("#task-history tbody tr td:nth-child(3)").all_inner_texts()
    assert statuses == ["Новое", "В работе", "Отчёт представлен", "Возвращено на доработку",
                        "Отчёт представлен", "Принято"]  # fmt: skip
    assert "Акты запрошены у районов" in page.locator("#task-comments").inner_text()
    shot(page, "tasks-accepted")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "tasks-accepted-phone")
    page.goto("/tasks")
    shot(page, "tasks-list-phone")
