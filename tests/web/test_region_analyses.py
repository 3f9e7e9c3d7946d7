"""The region page's analyses in-process: the rank interval, the forecast, the what-if form.

The web fixtures rate two quarters (2025Q3, 2025Q4): enough for rank intervals, but too short a
history to estimate any series' spread, so the forecast has a median and no band, and no chance
of reaching a target can be given; the page says so instead of showing certainty.
"""

from __future__ import annotations

import re
import threading

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tsifra.kernel.problems import ValidationFailed
from tsifra.web.pages import region_analyses

SCRIPT = "<script>alert(1)</script>"


def index_row(page: str) -> tuple[float, float]:
    """(before, after) of the index in a what-if answer."""
    found = re.search(
        r'data-code="index"><td>[^<]*</td><td class="num">([\d,.]+)</td>'
        r'<td class="num">([\d,.]+)</td>',
        page,
    )
    assert found, "no index row in the answer"
    return tuple(float(found.group(k).replace(",", ".")) for k in (1, 2))  # 47,01 in Russian


def test_the_rank_interval_with_what_was_varied(client: TestClient) -> None:
    page = client.get("/regions/RU-TA").text
    section = page[page.index('id="robustness"') : page.index('id="forecast"')]
    assert 'class="rank-interval"' in section and 'role="img"' in section
    assert "Место 2 из 83" in section and "в первой десятке — в 100\u00a0% вариантов" in section
    # said in words from the methodology's own declaration, not hard-coded
    assert "Проверено на 1000 вариантах расчёта" in section
    assert "веса показателей ±25 %; веса направлений ±25 %" in section
    assert "среднее арифметическое или среднее геометрическое" in section
    assert "исключение одного из 24 показателей" in section


def test_a_methodology_without_uncertainty_says_so_instead_of_a_zero_bar(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tsifra.analyses.intervals import published_intervals

    def undeclared(*args, **kwargs):
        from dataclasses import replace

        return replace(published_intervals(*args, **kwargs), declared=False)

    monkeypatch.setattr(region_analyses, "published_intervals", undeclared)
    page = client.get("/regions/RU-MOW").text
    assert "Методика не объявляет неопределённых параметров" in page
    assert 'class="rank-interval"' not in page


def test_the_forecast_of_two_quarters_has_a_median_and_no_band(client: TestClient) -> None:
    page = client.get("/regions/RU-TA").text
    section = page[page.index('id="forecast"') : page.index('id="whatif"')]
    assert "Прогноз индекса до 2030 года" in section and 'class="fan-chart"' in section
    assert 'class="history"' in section and 'class="median"' in section
    assert "band-80" not in section and "band-95" not in section
    assert "История слишком коротка (2 периода)" in section
    assert 'id="target-chances"' not in section  # no chance is known, none is shown
    assert "IV\u00a0кв.\u00a02030" in section  # the forecast runs to the end of 2030


def test_the_chances_of_reaching_targets_when_they_are_known(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a spread (a longer history) the table counts per year the targets expected, likely
    and at risk, and lists the indicators riskiest first."""
    from tsifra.analyses.forecast import region_forecast

    def with_chances(engine, unit, *args, **kwargs):
        from dataclasses import replace

        run = region_forecast(engine, unit, *args, **kwargs)
        targets = run.forecast.targets.copy()
        risky = targets["code"] == "gov_edo"
        targets["probability"] = 0.9
        targets.loc[risky, "probability"] = 0.2
        targets.loc[targets["code"] == "edu_e_journal", "probability"] = float("nan")
        return replace(run, forecast=replace(run.forecast, targets=targets))

    monkeypatch.setattr(region_analyses, "region_forecast", with_chances)
    page = client.get("/regions/RU-TA").text
    table = page[
        page.index('id="target-chances"') : page.index(
            "</table>", page.index('id="target-chances"')
        )
    ]
    assert "из 23" in table  # the indicator without a known chance is not counted
    assert table.count('<td class="num">20,0</td>') == 5  # 22 × 0.9 + 0.2, each year
    assert table.count('<td class="num chance likely">22</td>') == 5
    assert table.count('<td class="num chance unlikely">1</td>') == 5
    assert "Для показателей (1), у которых разброс не оценить" in page
    detail = page[page.index('id="target-chances-detail"') :]
    first = detail.index("/indicators/gov_edo")
    assert (
        first < detail.index("/indicators/health_emr") < detail.index("/indicators/edu_e_journal")
    )
    # at risk in a symbol too, not in colour alone; the row header above says what it means
    assert (
        'class="num chance unlikely">20\u00a0% <span class="mark" aria-hidden="true">!</span>'
        in detail
    )
    assert (
        '<th scope="row">Под угрозой (&lt; 50 %) <span class="mark" aria-hidden="true">!</span>'
        in table
    )


def test_english_names_and_labels(client: TestClient) -> None:
    page = client.get("/regions/RU-TA", params={"lang": "en"}).text
    assert "Healthcare" in page and "Public administration" in page  # sector bars
    assert "Share of citizens with an electronic medical record" in page  # indicators
    assert "Доля граждан" not in page and "Здравоохранение" not in page
    assert "How robust the rank is" in page and "indicator weights ±25%" in page
    assert "Index forecast to 2030" in page and "What if" in page
    assert '<input type="hidden" name="lang" value="en">' in page


def test_the_what_if_form_on_the_profile(client: TestClient) -> None:
    page = client.get("/regions/RU-TA").text
    start = page.index('<form method="get" action="/regions/RU-TA/whatif"')
    form = page[start : page.index("</form>", start)]
    assert 'name="csrf"' not in form  # a GET form writes nothing
    for k in (1, 2, 3):
        assert f'name="indicator{k}"' in form and f'name="value{k}"' in form
        assert f'name="target{k}"' in form
    assert '<optgroup label="Здравоохранение">' in form
    assert '<option value="health_emr">' in form
    assert (
        '<option value="2025Q4" selected>IV\u00a0кв.\u00a02025 (последний рейтинг)</option>' in form
    )
    assert '<option value="2030">к концу 2030 года, от прогноза</option>' in form


def test_bringing_an_indicator_to_target_raises_the_index(client: TestClient) -> None:
    query = {"indicator1": "health_online_appointment", "target1": "on"}
    answer = client.get("/regions/RU-TA/whatif", params=query)
    assert answer.status_code == 200
    before, after = index_row(answer.text)
    assert after > before
    assert "Место: 2 → " in answer.text and 'id="whatif-indicators"' in answer.text
    assert '<option value="health_online_appointment" selected>' in answer.text  # form kept
    earlier = client.get("/regions/RU-TA/whatif", params=query | {"period": "2025Q3"}).text
    assert "Результат, III\u00a0кв.\u00a02025" in earlier
    assert '<option value="2025Q3" selected>' in earlier


@pytest.mark.parametrize("value", ["99", "99,5"])
def test_a_higher_value_never_lowers_the_index(client: TestClient, value: str) -> None:
    query = {"indicator1": "edu_digital_profile", "value1": value, "indicator2": "gov_edo"}
    query["target2"] = "on"
    before, after = index_row(client.get("/regions/RU-MOS/whatif", params=query).text)
    assert after >= before


def test_every_problem_of_the_form_is_shown_and_nothing_runs(client: TestClient) -> None:
    query = {
        "indicator1": "health_emr",
        "value1": SCRIPT,
        "indicator2": "health_emr",
        "target2": "on",
        "indicator3": "gov_edo",
        "value3": "150",
    }
    answer = client.get("/regions/RU-TA/whatif", params=query)
    assert answer.status_code == 422
    assert "найдено проблем 3" in answer.text
    problems = answer.text[answer.text.index('id="problems"') :]
    for code in ("not_numeric", "duplicate_code", "out_of_range"):
        assert f'data-rule="{code}"' in problems  # for machines; the reader gets words
    assert "<th" in problems and "Правило" not in problems
    assert SCRIPT not in answer.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in answer.text
    assert 'id="whatif-result"' not in answer.text
    assert re.search(r'<select name="indicator1" aria-invalid="true">', answer.text)  # twice
    assert re.search(r'name="value1" value="[^"]*"[^>]*aria-invalid="true"', answer.text)
    assert re.search(r'name="value3" value="150"[^>]*aria-invalid="true"', answer.text)
    unknown = client.get("/regions/RU-TA/whatif", params={"indicator1": SCRIPT, "value1": "1"})
    assert unknown.status_code == 422 and SCRIPT not in unknown.text
    empty = client.get("/regions/RU-TA/whatif", params={"indicator1": "gov_edo"})
    assert empty.status_code == 422 and "empty_value" in empty.text


def test_an_empty_form_asks_and_an_unknown_region_is_missing(client: TestClient) -> None:
    page = client.get("/regions/RU-TA/whatif")
    assert page.status_code == 200 and 'id="whatif-empty"' in page.text
    assert "Демонстрационные данные" in page.text
    assert client.get("/regions/RU-XX/whatif").status_code == 404


def test_two_first_visitors_wait_for_one_forecast(
    client: TestClient, rated: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tsifra.analyses import forecast

    calls = []
    real = forecast.forecast

    def counted(*args, **kwargs):
        calls.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(forecast, "forecast", counted)
    pages = {}

    def visit(code: str) -> None:
        pages[code] = client.get(f"/regions/{code}").status_code

    visitors = [threading.Thread(target=visit, args=(code,)) for code in ("RU-TA", "RU-BA")]
    for visitor in visitors:
        visitor.start()
    for visitor in visitors:
        visitor.join(60)
    assert pages == {"RU-TA": 200, "RU-BA": 200}
    assert len(calls) == 1


def test_warming_up_keeps_what_the_pages_ask_for(
    client: TestClient, rated: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tsifra.analyses import forecast, intervals

    region_analyses.warm(rated, client.app.state.cache)
    monkeypatch.setattr(forecast, "forecast", None)  # any new forecast would fail
    monkeypatch.setattr(intervals, "run_uncertainty", None)  # and so would a new analysis
    page = client.get("/regions/RU-KDA").text
    assert 'class="fan-chart"' in page and 'class="rank-interval"' in page


def test_tsifra_serve_warms_up_in_the_background_and_survives_no_rating(
    tmp_path, capsys: pytest.CaptureFixture
) -> None:
    from types import SimpleNamespace

    from tsifra.cli.web import _warm
    from tsifra.kernel.cache import Cache
    from tsifra.store import make_engine, upgrade

    empty = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    upgrade(empty)
    with pytest.raises(ValidationFailed):
        region_analyses.warm(empty, Cache())
    _warm(
        SimpleNamespace(started=True, should_exit=False), empty, Cache(), "ru"
    )  # prints, never raises
    assert "не рассчитан заранее" in capsys.readouterr().out
    _warm(
        SimpleNamespace(started=False, should_exit=True), empty, Cache(), "ru"
    )  # stopped before listening
    empty.dispose()
