"""The agency rating's pages, API and XLSX (`web/pages/agencies.py`, `web/api/agencies.py`,
`reports/agencies.py`), in-process on the hand-computed example of tests/agency_rows.py."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from agency_rows import EXPECTED, FORMULAS, RATED_AGENCIES
from tsifra.web import create_app
from tsifra.web.settings import Settings

ORDER = sorted(EXPECTED, key=lambda u: EXPECTED[u][1])


@pytest.fixture
def agency_client(database_copy) -> Iterator[TestClient]:
    engine = database_copy(RATED_AGENCIES)
    url = engine.url.render_as_string(hide_password=False)
    app = create_app(Settings(database_url=url, secret_key="test-" * 10))
    with TestClient(app) as test_client:
        yield test_client
    app.state.engine.dispose()


def _rows(html: str) -> list[str]:
    return re.findall(r'<tr data-unit="([^"]+)"', html)


def _counts(html: str) -> dict[str, int]:
    """The counts per band as a reader reads them: «высокий: 2»."""
    found = re.findall(r'<span class="band[^"]*">([^<]+)</span>: <span class="count">(\d+)<', html)
    return {name: int(n) for name, n in found}


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_rating_page_shows_places_bands_intervals_and_counts(agency_client) -> None:
    answer = agency_client.get("/agencies")
    assert answer.status_code == 200
    html = answer.text
    assert html.count("<h1") == 1 and "Рейтинг органов власти, IV" in html
    assert _rows(html) == ORDER
    assert "Демонстрационные данные" in html
    row = re.search(r'<tr data-unit="mintrans".*?</tr>', html, re.S).group(0)
    assert "федеральный орган" in row and "57,08" in row and "3–4" in row
    assert 'data-band="medium"' in row and "средний" in row  # the band as a word, not a colour
    row = re.search(r'<tr data-unit="ru-ta-roads".*?</tr>', html, re.S).group(0)
    assert "Республика Татарстан" in row and ">2<" in row and "высокий" in row
    assert _counts(html) == {"высокий": 2, "средний": 2, "низкий": 2}
    english = agency_client.get("/agencies?lang=en").text
    assert "Rating of agencies, Q4" in english and "federal body" in english and "high" in english
    row = re.search(r'<tr data-unit="ru-klu-roads".*?</tr>', english, re.S).group(0)
    assert "Министерство дорожного хозяйства" in row  # no English name: the Russian one
    assert "nan" not in _text(english).split()


def test_filters_by_band_level_and_region_show_the_counted_rows(agency_client) -> None:
    html = agency_client.get("/agencies?band=low").text
    assert _rows(html) == ["ru-ta-housing", "ru-klu-roads"]
    assert 'data-band="low"><a' in html  # the counts stay, each a link to its band
    html = agency_client.get("/agencies?level=federal").text
    assert _rows(html) == ["minzdrav", "mintrans"]
    assert _counts(html) == {"высокий": 1, "средний": 1, "низкий": 0}
    html = agency_client.get("/agencies?parent=RU-KLU&band=medium&period=2025Q4").text
    assert _rows(html) == ["ru-klu-health"]
    assert 'id="no-agencies"' in agency_client.get("/agencies?level=federal&band=low").text


def test_bad_filters_answer_422_naming_the_field(agency_client) -> None:
    answer = agency_client.get("/agencies?band=best&level=municipal")
    assert answer.status_code == 422
    assert "band" in answer.text and "«best»" in answer.text and "«municipal»" in answer.text
    assert agency_client.get("/agencies?period=1999Q1").status_code == 422


def test_an_agencys_page_shows_band_interval_explanation_and_sources(agency_client) -> None:
    answer = agency_client.get("/agencies/ru-klu-health")
    assert answer.status_code == 200
    html = answer.text
    assert html.count("<h1") == 1 and "Министерство здравоохранения Калужской области" in html
    assert re.search(r'id="agency-band" data-band="medium">средний<', html)
    assert "4 из 6" in html
    assert "от 3 до 4 в 90 % вариантов расчёта" in _text(html)
    assert 'id="agency-score">56,67<' in html
    explanation = re.search(r'<table id="agency-explanation">.*?</table>', html, re.S).group(0)
    assert len(re.findall(r"<tr data-indicator=", explanation)) == 6
    assert "Средняя оценка ответов" in explanation and "4,17" in explanation
    sources = re.search(r'<ul id="agency-sources">.*?</ul>', html, re.S).group(0)
    for formula in FORMULAS.values():
        assert f"рассчитано формулой «{formula}»" in sources
    assert "mintsifry-monitoring" in sources
    history = re.findall(r'<tr data-period="([^"]+)"', html)
    assert history == ["2025Q3", "2025Q4"]
    federal = agency_client.get("/agencies/minzdrav?lang=en").text
    assert "federal body" in federal and 'data-band="high">high<' in federal


def test_an_unknown_agency_is_404(agency_client) -> None:
    assert agency_client.get("/agencies/no-such-body").status_code == 404
    assert agency_client.get("/api/v1/agencies/no-such-body").status_code == 404


def test_without_an_agency_rating_the_page_says_so(client) -> None:
    answer = client.get("/agencies")  # builders.RATED: regions only
    assert answer.status_code == 200 and 'id="no-agency-rating"' in answer.text
    assert client.get("/api/v1/agencies").status_code == 404


def test_the_api_gives_the_rating_with_filters_counts_and_intervals(agency_client) -> None:
    body = agency_client.get("/api/v1/agencies").json()
    assert [r["unit"] for r in body["rows"]] == ORDER
    assert [b["code"] for b in body["bands"]] == ["high", "medium", "low"]
    assert body["counts"] == {"high": 2, "medium": 2, "low": 2}
    row = next(r for r in body["rows"] if r["unit"] == "mintrans")
    assert (row["rank"], row["rank_low"], row["rank_high"], row["band"]) == (3, 3, 4, "medium")
    assert row["parent"] is None and row["level"] == "federal"
    assert row["score"] == pytest.approx(EXPECTED["mintrans"][0], abs=1e-4)
    roads = next(r for r in body["rows"] if r["unit"] == "ru-klu-roads")
    assert roads["name_en"] is None and roads["parent"] == "RU-KLU"
    body = agency_client.get("/api/v1/agencies?parent=RU-TA&band=high").json()
    assert [r["unit"] for r in body["rows"]] == ["ru-ta-roads"]
    assert body["counts"] == {"high": 1, "medium": 0, "low": 1}
    wrong = agency_client.get("/api/v1/agencies?level=municipal")
    assert wrong.status_code == 422
    wrong = agency_client.get("/api/v1/agencies?band=best").json()
    assert [(p["code"], p["path"]) for p in wrong["problems"]] == [("agpage_unknown_band", "band")]


def test_the_api_gives_one_agency_with_its_explanation(agency_client) -> None:
    body = agency_client.get("/api/v1/agencies/ru-klu-health").json()
    assert (body["rank"], body["rank_low"], body["rank_high"]) == (4, 3, 4)
    assert body["band"]["code"] == "medium" and body["band"]["min"] == 40
    assert body["parent"] == "RU-KLU" and body["level"] == "regional"
    formulas = {i["indicator"]: i["formula"] for i in body["indicators"]}
    assert formulas["agency_appeals_on_time"] == FORMULAS["agency_appeals_on_time"]
    assert formulas["agency_programme_attainment"] is None
    total = sum(i["contribution"] for i in body["indicators"])
    assert total == pytest.approx(body["score"])
    assert [h["period"] for h in body["history"]] == ["2025Q3", "2025Q4"]


def test_the_xlsx_is_a_workbook_with_the_band_column(agency_client) -> None:
    answer = agency_client.get("/api/v1/agencies.xlsx?band=medium")
    assert answer.status_code == 200, answer.text
    assert "agency_rating_2025Q4.xlsx" in answer.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(answer.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][0].startswith("Демонстрационные данные")
    header = rows[2]
    assert header[:9] == [
        "Место", "Код", "Орган власти", "Регион или уровень", "Индекс", "Группа",
        "Место, не выше", "Место, не ниже", "Изм. индекса",
    ]  # fmt: skip
    body = rows[3:]
    assert [r[1] for r in body] == ["mintrans", "ru-klu-health"]
    assert [r[5] for r in body] == ["средний", "средний"]
    assert body[0][3] == "федеральный орган" and body[1][3] == "Калужская область"
    assert (body[0][6], body[0][7]) == (3, 4) and isinstance(body[0][4], float)
    english = agency_client.get("/api/v1/agencies.xlsx?lang=en")
    sheet = load_workbook(io.BytesIO(english.content)).active
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[2][5] == "Band" and {r[5] for r in values[3:]} == {"high", "medium", "low"}
    assert agency_client.get("/api/v1/agencies.xlsx?level=x").status_code == 422
