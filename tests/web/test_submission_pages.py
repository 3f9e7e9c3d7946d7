"""The quarter's data on the web: a region's submission page and its template, every region's
counts, and a partly reported quarter that changes no default and no history (API and pages)."""

from __future__ import annotations

import io
import re
from datetime import date

import openpyxl
import pandas as pd
import pytest

from builders import PARTIAL_QUARTER as NEW
from builders import csrf_of, log_in, partly_reported
from tsifra.values.submission import collection_period

Q = "2025Q4"  # the synthetic panel's last quarter: every value came in one batch, today


def test_the_submission_page_needs_an_account_and_keeps_operators_to_their_region(client):
    anonymous = client.get("/regions/RU-TA/submission", follow_redirects=False)
    assert anonymous.status_code == 303
    assert anonymous.headers["location"].startswith("/login?next=/regions/RU-TA/submission")
    log_in(client, "operator")  # the operator of RU-TA
    assert client.get("/regions/RU-TA/submission").status_code == 200
    assert client.get("/regions/RU-MOW/submission").status_code == 403
    assert client.get("/regions/RU-MOW/submission/template.xlsx").status_code == 403
    assert client.get("/submissions").status_code == 403  # the federal table is not for it


def test_the_page_shows_every_indicator_with_its_state_in_words(client):
    log_in(client, "viewer")
    page = client.get(f"/regions/RU-TA/submission?period={Q}")
    assert page.status_code == 200
    text = page.text
    assert "<h1>Данные за IV\u00a0кв.\u00a02025: Республика Татарстан</h1>" in text
    assert "Срок представления прошёл 08.01.2026" in text
    rows = re.findall(r'<tr class="state-(\w+)" data-indicator="(\w+)"', text)
    assert len(rows) == 24
    # The panel was stored when the test database was built, long after 8 January 2026.
    assert {state for state, _ in rows} <= {"late", "missing"}
    assert "⚠ получено с опозданием" in text
    assert 'class="table-scroll submission-scroll"' in text
    assert f"/regions/RU-TA/submission/template.xlsx?period={Q}" in text


def test_the_federal_table_counts_every_region(client):
    log_in(client, "analyst")
    page = client.get(f"/submissions?period={Q}")
    assert page.status_code == 200
    units = re.findall(r'<tr data-unit="([A-Z-]+)"', page.text)
    assert "RU-TA" in units and "RU-MOW" in units
    assert "Не представили все данные в срок (08.01.2026)" in page.text
    assert "✗ нет" in page.text  # in words and a symbol, not colour alone


def test_the_template_round_trip_shows_the_values_as_arrived(client):
    """Download the template, fill two cells as an official would, upload it on /upload: the
    submission page shows them arrived, the rest still awaited or missing."""
    log_in(client, "operator")
    period = collection_period(date.today())
    answer = client.get(f"/regions/RU-TA/submission/template.xlsx?period={period}")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/vnd.openxmlformats")
    book = openpyxl.load_workbook(io.BytesIO(answer.content))
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[6]]
    assert header[:3] == ["Регион", "Наименование региона", "Период"]
    assert [c.value for c in sheet[7]][:3] == ["RU-TA", "Республика Татарстан", period]
    codes = header[3:]
    assert len(codes) == 24 and "health_emr" in codes
    emr = 4 + codes.index("health_emr")
    assert sheet.cell(3, emr).value.startswith("Доля граждан")  # the name above its code
    assert sheet.cell(4, emr).value == "%"
    last = RATED_LAST.get("health_emr")
    if last is not None:
        assert sheet.cell(5, emr).value == pytest.approx(last)
    assert all(sheet.cell(7, 4 + k).value is None for k in range(24))  # nothing filled yet
    sheet.cell(7, emr, 93.5)
    sheet.cell(7, 4 + codes.index("health_telemed"), 81.25)
    filled = io.BytesIO()
    book.save(filled)
    form = {"csrf": csrf_of(client, "/upload")}
    files = {"file": ("Татарстан.xlsx", filled.getvalue(), "application/octet-stream")}
    uploaded = client.post("/upload", data=form, files=files)
    assert uploaded.status_code == 200, uploaded.text
    assert 'id="accepted"' in uploaded.text
    page = client.get(f"/regions/RU-TA/submission?period={period}").text
    arrived = dict(
        (code, state)
        for state, code in re.findall(r'<tr class="state-(\w+)" data-indicator="(\w+)"', page)
    )
    assert arrived["health_emr"] in ("on_time", "late")
    assert arrived["health_telemed"] in ("on_time", "late")
    assert sum(s in ("on_time", "late") for s in arrived.values()) == 2
    assert "93,5" in page and "81,25" in page
    assert "Татарстан.xlsx" in page


RATED_LAST: dict[str, float] = {}


@pytest.fixture(autouse=True)
def _last_values(small_panel: pd.DataFrame) -> None:
    """RU-TA's 2025Q4 values: what the template shows as the previous ones."""
    own = small_panel[(small_panel["unit"] == "RU-TA") & (small_panel["period"] == Q)]
    RATED_LAST.clear()
    RATED_LAST.update(dict(zip(own["indicator"], own["value"].astype(float), strict=True)))


# --- a partly reported new quarter -----------------------------------------------------------


def test_a_partly_reported_quarter_changes_no_default_and_no_history(client, rated):
    partly_reported(rated)
    rating = client.get("/api/v1/ratings").json()
    assert rating["period"] == "2025Q4"
    assert rating["completeness"]["complete"] is True
    asked = client.get(f"/api/v1/ratings?period={NEW}").json()
    assert asked["period"] == NEW and asked["completeness"]["complete"] is False
    assert asked["completeness"]["present"] == 3
    moscow = client.get("/api/v1/regions/RU-MOW").json()
    assert moscow["period"] == "2025Q4"
    assert [p["period"] for p in moscow["trend"]] == ["2025Q3", "2025Q4"]
    forecast = client.get("/api/v1/regions/RU-MOW/forecast").json()
    facts = {row["period"] for row in forecast["index"] if row["stage"] == "history"}
    assert facts == {"2025Q3", "2025Q4"}
    # The page: the rating of the newest complete quarter, no fact drawn for the partial one.
    page = client.get("/regions/RU-MOW").text
    assert "I\u00a0кв.\u00a02026: " not in _history_titles(page)
    assert "IV\u00a0кв.\u00a02025: " in _history_titles(page)
    front = client.get("/").text
    assert "/api/v1/ratings/export.xlsx?period=2025Q4" in front
    # One indicator across regions opens on the complete quarter too, not on three values.
    emr = client.get("/api/v1/indicators/health_emr").json()
    assert emr["period"] == "2025Q4" and len(emr["values"]) > 70
    assert NEW in emr["periods"]


def test_an_incomplete_period_asked_for_is_marked_with_its_share(client, rated):
    partly_reported(rated)
    page = client.get(f"/?period={NEW}").text
    assert 'id="incomplete"' in page
    assert '<option value="2026Q1" selected>I\u00a0кв.\u00a02026 (неполный)</option>' in page
    assert '<option value="2025Q4">IV\u00a0кв.\u00a02025</option>' in page
    assert "Период I\u00a0кв.\u00a02026 неполный" in page
    region = client.get(f"/regions/RU-TA?period={NEW}").text
    assert 'id="incomplete"' in region
    assert 'id="incomplete"' not in client.get("/regions/RU-TA").text


def test_imputed_values_are_flagged_in_the_api_and_marked_on_the_page(client, rated):
    partly_reported(rated)
    tatarstan = client.get(f"/api/v1/regions/RU-TA?period={NEW}").json()
    flags = {row["indicator"]: row["imputed"] for row in tatarstan["indicators"]}
    assert flags["health_emr"] is False  # reported for 2026Q1
    assert flags["health_rmis_connected"] is True  # carried forward from 2025Q4
    assert sum(flags.values()) == 22
    page = client.get(f"/regions/RU-TA?period={NEW}").text
    table = page[page.index('id="home-indicators"') :]
    table = table[: table.index("</section>")]
    assert table.count('class="imputed"') == 22
    assert 'id="imputed-note"' in page
    assert 'id="imputed-note"' not in client.get("/regions/RU-TA?period=2025Q3").text
    workbook = client.get(f"/api/v1/regions/RU-TA/profile.xlsx?period={NEW}")
    assert workbook.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(workbook.content))
    cells = [[c.value for c in row] for sheet in book.worksheets for row in sheet.iter_rows()]
    header = next(r for r in cells if "Заполнено по методике" in r)
    at, code_at = header.index("Заполнено по методике"), header.index("Код")
    marked = {r[code_at]: r[at] for r in cells if r[code_at] in flags}
    assert marked["health_rmis_connected"] == "расчётное"
    assert marked["health_emr"] in ("", None)


def _history_titles(page: str) -> str:
    """The tooltips of the points drawn as facts (history) in the page's charts."""
    return " ".join(re.findall(r'<circle [^>]*fill="#1d2433"><title>([^<]*)</title>', page))


def test_the_api_gives_a_regions_submission_and_every_regions_counts(client):
    from builders import bearer

    assert client.get("/api/v1/regions/RU-TA/submission").status_code == 401
    operator = bearer(client, "operator")
    own = client.get(f"/api/v1/regions/RU-TA/submission?period={Q}", headers=operator)
    assert own.status_code == 200, own.text
    body = own.json()
    assert body["due"] == "2026-01-08" and len(body["indicators"]) == 24
    assert sum(body["counts"].values()) == 24
    row = next(r for r in body["indicators"] if r["state"] != "missing")
    assert row["arrived_at"].endswith("+03:00") and row["value"] is not None
    other = client.get(f"/api/v1/regions/RU-MOW/submission?period={Q}", headers=operator)
    assert other.status_code == 403
    assert client.get("/api/v1/submissions", headers=operator).status_code == 403
    analyst = bearer(client, "analyst")
    every = client.get(f"/api/v1/submissions?period={Q}", headers=analyst).json()
    assert every["expected"] == 24
    units = {u["unit"]: u for u in every["units"]}
    assert units["RU-TA"]["late"] + units["RU-TA"]["missing"] == 24
    assert "RU-TA" in every["not_reported"]  # stored after the due date: late
    bad = client.get("/api/v1/submissions?period=весна", headers=analyst)
    assert bad.status_code == 422
