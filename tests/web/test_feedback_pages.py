"""The region's feedback page: who sees it, what it shows, in both languages, with no citizen's
name, e-mail or phone on it (marked values). Cases are platform_cases.py's, all past due now."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import insert

from builders import log_in
from platform_cases import CASES, insert_cases
from tsifra.store import CaseContact

MARKED = ("Маркерова-PII-7", "pii7@example.org", "+7 900 000-00-07")


@pytest.fixture
def with_cases(client, rated):
    insert_cases(rated, text=f"Обращение {MARKED[0]}, {MARKED[1]}")
    with rated.begin() as connection:
        connection.execute(
            insert(CaseContact),
            [{"case_id": r[0], "surname": MARKED[0], "email": MARKED[1], "phone": MARKED[2]}
             for r in CASES],
        )  # fmt: skip
    return client


def test_signed_in_officials_only_and_operators_of_their_region(with_cases):
    client = with_cases
    anonymous = client.get("/regions/RU-TA/feedback", follow_redirects=False)
    assert anonymous.status_code == 303
    assert anonymous.headers["location"] == "/login?next=/regions/RU-TA/feedback"
    log_in(client, "operator")  # of RU-TA
    assert client.get("/regions/RU-TA/feedback").status_code == 200
    assert client.get("/regions/RU-MOW/feedback").status_code == 403
    assert client.get("/regions/RU-XX/feedback").status_code == 404


def test_the_page_shows_the_figures_and_no_personal_data(with_cases):
    client = with_cases
    log_in(client, "viewer")
    page = client.get("/regions/RU-TA/feedback")
    assert page.status_code == 200
    text = page.text
    assert text.count("<h1") == 1 and "Республика Татарстан: обратная связь" in text
    # every case of 1-6 is past due now: 1, 2, 3 on time, 4 late, 5 and 6 unanswered
    assert 'id="on-time-value">50,0\u00a0%' in text
    assert "✗ ниже цели" in text  # the status in words and a symbol, not colour alone
    assert re.search(r'data-period="2025Q1"><th scope="row">I\u00a0кв.\u00a02025</th>', text)
    assert "34,0" in text  # median days to answer
    assert "<svg" in text and 'role="img"' in text  # the trend chart
    assert text.count('<div class="table-scroll">') == 3
    assert "Не распределено (разбор)" in text  # the open cases hold no body: triage
    for marked in MARKED:
        assert marked not in text


def test_in_english(with_cases):
    client = with_cases
    log_in(client, "analyst")
    page = client.get("/regions/RU-TA/feedback?lang=en")
    assert page.status_code == 200
    assert "Answered on time" in page.text and "Not routed (triage)" in page.text
    assert 'id="on-time-value">50.0%' in page.text


def test_a_region_without_cases(client):
    log_in(client, "analyst")
    page = client.get("/regions/RU-KL/feedback")
    assert page.status_code == 200
    assert 'id="figures-empty"' in page.text and "Открытых обращений нет" in page.text


def test_the_federal_view_gains_the_on_time_share_and_backlog_by_region(with_cases):
    client = with_cases
    log_in(client, "analyst")
    page = client.get("/federal")
    assert page.status_code == 200
    section = page.text.split('id="federal-feedback"')[1]
    assert '<a href="/regions/RU-TA/feedback">Республика Татарстан</a>' in section
    assert re.search(
        r'data-unit="RU-TA">.*?50,0.*?I\u00a0кв\.\u00a02025.*?✗ ниже цели', section, re.S
    )
    exported = client.get("/federal?export=csv").content.decode("utf-8-sig")
    header, *lines = exported.splitlines()
    assert header.endswith(
        '"Ответы в срок, %","Квартал","Открыто обращений","Просрочено обращений"'
    )
    (tatarstan,) = [line for line in lines if "Татарстан" in line]
    assert tatarstan.endswith('50.0,"2025Q1",3,3')
    for marked in MARKED:
        assert marked not in page.text and marked not in exported
