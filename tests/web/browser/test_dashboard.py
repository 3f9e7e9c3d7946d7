"""What a person sees: log in as each role, the rating, sorting, the map, upload, task status.

Screenshots go to tests/artifacts/ (not committed) for a person to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from builders import WEB_PASSWORD, write_values_csv

SCRIPT = "<script>alert(1)</script>"
ROLES = ("admin", "analyst", "operator", "viewer")


def log_in(page, login: str) -> None:
    page.goto("/login")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", WEB_PASSWORD)
    page.click("form.stack button[type=submit]")
    page.wait_for_url(lambda url: "/login" not in url)  # each role's own landing


LANDINGS = {"admin": "/federal", "analyst": "/federal", "operator": "/regions/RU-TA"}


@pytest.mark.parametrize("login", list(ROLES))
def test_each_role_logs_in_and_sees_the_rating(page, shot, login: str) -> None:
    log_in(page, login)
    assert page.url.endswith(LANDINGS.get(login, "/federal"))
    page.goto("/")
    assert page.locator("header .who").inner_text().startswith(login)
    assert page.locator("svg.tile-map .tile").count() > 80
    assert page.locator(".demo-mark").is_visible()
    assert page.locator("a[href='/upload']").count() == (0 if login == "viewer" else 1)
    shot(page, f"rating-{login}")


def test_sort_the_rating_by_index(page, shot) -> None:
    page.goto("/")
    header = page.locator("#rating th", has_text="Индекс").first
    header.click()  # ascending
    cells = page.locator("#rating tbody tr td:nth-child(3)").all_inner_texts()
    scores = [float(s.replace(",", ".")) for s in cells]  # 97,42: a Russian reader's figures
    assert scores == sorted(scores) and scores[0] < scores[-1]
    header.click()  # descending
    first = page.locator("#rating tbody tr").first.get_attribute("data-unit")
    assert first == "RU-MOW"
    shot(page, "rating-sorted")


def test_open_a_region_from_the_map(page, shot) -> None:
    page.goto("/")
    page.locator("svg.tile-map a[href='/regions/RU-TA']").click()
    page.wait_for_url("**/regions/RU-TA")
    assert "Татарстан" in page.locator("h1").inner_text()
    assert page.locator("svg.sector-bars").is_visible()
    shot(page, "region-RU-TA")


def test_the_operator_uploads_a_good_and_a_bad_file(page, shot, tmp_path: Path) -> None:
    log_in(page, "operator")
    good = write_values_csv(tmp_path / "good.csv", [("RU-TA", "2026Q1", "health_emr", 94.0)])
    page.goto("/upload")
    page.set_input_files("input[name=file]", str(good))
    page.click("form.stack button[type=submit]")
    assert page.locator("#accepted").is_visible()
    shot(page, "upload-accepted")
    bad = write_values_csv(
        tmp_path / "bad.csv",
        [("RU-TA", "2026Q1", "health_emr", "много"), ("RU-TA", "2026Q1", "no_such", 1.0)],
    )
    page.set_input_files("input[name=file]", str(bad))
    page.click("form.stack button[type=submit]")
    assert page.locator("#rejected").is_visible()
    assert page.locator("#problems tbody tr").count() >= 2
    shot(page, "upload-rejected")


def test_the_operator_changes_a_task_status_and_no_script_runs(page, shot) -> None:
    log_in(page, "operator")
    page.goto("/tasks?region=RU-TA")
    form = page.locator("#create-task")
    form.locator("textarea[name=title]").fill(SCRIPT)
    form.locator("input[name=responsible]").fill("Министерство цифрового развития")
    form.locator("input[name=deadline]").fill("2030-06-30")
    form.locator("button[type=submit]").click()
    assert SCRIPT in page.locator("h1").inner_text()  # the task's page: shown as text, not run
    page.locator("#step-in_progress button[type=submit]").click()
    assert "В работе" in page.locator("#task-status").inner_text()
    page.goto("/tasks?region=RU-TA")
    row = page.locator("tr[data-task]", has_text=SCRIPT).first
    assert row.locator(".task-title").inner_text() == SCRIPT
    assert "В работе" in row.locator(".status").inner_text()
    page.goto("/regions/RU-TA")
    assert page.locator(".task-title", has_text=SCRIPT).count() == 1
    shot(page, "tasks-operator")
