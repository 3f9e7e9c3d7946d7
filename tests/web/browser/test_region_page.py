"""What a governor sees of the analyses on the region page: the rank's error bar, the forecast fan,
the what-if form submitted and its answer; a typed script is shown as text, never run.

Screenshots go to tests/artifacts/ (not committed) for a person to look at.
"""

from __future__ import annotations

SCRIPT = "<script>alert(1)</script>"


def test_the_rank_interval_and_the_forecast_fan(page, shot) -> None:
    page.goto("/regions/RU-TA")
    bar = page.locator("#robustness svg.rank-interval")
    assert bar.is_visible() and bar.locator("circle.nominal").count() == 1
    assert "Проверено на 1000 вариантах расчёта" in page.locator("#robustness").inner_text()
    fan = page.locator("#forecast svg.fan-chart")
    assert fan.is_visible()
    assert fan.locator("polyline.history").count() == 1
    assert fan.locator("polyline.median").count() == 1
    box = fan.bounding_box()
    assert box is not None and box["width"] > 300  # drawn at a readable size, not collapsed
    shot(page, "region-analyses-RU-TA")


def test_submit_the_what_if_form_and_see_the_change(page, shot) -> None:
    page.goto("/regions/RU-TA")
    form = page.locator("#whatif-form")
    form.locator("select[name=indicator1]").select_option("health_online_appointment")
    form.locator("input[name=target1]").check()
    form.locator("select[name=indicator2]").select_option("city_zkh_payments_online")
    form.locator("input[name=value2]").fill("95,5")
    form.locator("button[type=submit]").click()
    page.wait_for_url("**/regions/RU-TA/whatif?**")
    result = page.locator("#whatif-result")
    assert result.is_visible()
    index = page.locator("#whatif-nodes tr[data-code=index]")
    before, after = (
        float(index.locator("td").nth(k).inner_text().replace(",", ".")) for k in (1, 2)
    )
    assert after > before
    assert index.locator("td.change").inner_text().startswith("+")
    assert page.locator("#whatif-indicators tbody tr").count() == 2
    assert page.locator(".demo-mark").is_visible()
    shot(page, "region-whatif-RU-TA")
    page.locator("a", has_text="Профиль региона").click()
    page.wait_for_url("**/regions/RU-TA")


def test_a_bad_value_is_shown_as_a_problem_and_never_runs(page, shot) -> None:
    page.goto("/regions/RU-TA/whatif?lang=en")
    form = page.locator("#whatif-form")
    form.locator("select[name=indicator1]").select_option("gov_edo")
    form.locator("input[name=value1]").fill(SCRIPT)
    form.locator("button[type=submit]").click()
    page.wait_for_url("**/whatif?**")
    assert page.locator("#whatif-rejected").is_visible()
    assert SCRIPT in page.locator("#problems").inner_text()  # shown as text
    assert page.locator("input[name=value1]").input_value() == SCRIPT  # kept to correct it
    assert page.locator("#whatif-result").count() == 0
    shot(page, "region-whatif-rejected")
