"""The region's page of approvals and notices, and its API: who sees them, what they show, in
both languages, with no applicant or addressee on them. The projects are approval_figure_rows.py's
(all finished long before the clock's today); the notices those of the dashboard's test."""

from __future__ import annotations

import re

import pytest

from approval_figure_rows import insert_notices, insert_projects
from builders import log_in
from tsifra.accounts import create_user

APPLICANT_NAME = "ООО «Тест»"  # every fixture project's applicant: never on the page
RECIPIENT = "investor@example.org"  # the proposal's addressee


@pytest.fixture
def with_projects(client, rated):
    insert_projects(rated)
    insert_notices(rated)
    create_user(rated, "gaz", "correct-horse", "operator", region="RU-TA", body="ru-ta-gaz")
    return client


def test_signed_in_officials_only_and_operators_of_their_region(with_projects):
    client = with_projects
    anonymous = client.get("/regions/RU-TA/approvals", follow_redirects=False)
    assert anonymous.status_code == 303
    assert anonymous.headers["location"] == "/login?next=/regions/RU-TA/approvals"
    log_in(client, "operator")  # of RU-TA, no body
    assert client.get("/regions/RU-TA/approvals").status_code == 200
    assert client.get("/regions/RU-MOW/approvals").status_code == 403
    assert client.get("/regions/RU-XX/approvals").status_code == 404
    assert client.get("/api/v1/regions/RU-MOW/approval-times").status_code == 403
    home = client.get("/regions/RU-TA").text
    assert 'id="region-approvals-link"' in home and 'href="/regions/RU-TA/approvals"' in home


def test_an_owners_operator_sees_its_queue_not_the_region(with_projects):
    client = with_projects
    log_in(client, "gaz")
    assert client.get("/regions/RU-TA/approvals").status_code == 403
    assert client.get("/api/v1/regions/RU-TA/approval-times").status_code == 403


def test_the_page_shows_the_figures_and_no_personal_data(with_projects):
    client = with_projects
    log_in(client, "viewer")
    page = client.get("/regions/RU-TA/approvals")
    assert page.status_code == 200
    text = page.text
    assert text.count("<h1") == 1
    assert "Согласования и проактивные уведомления: Республика Татарстан" in text
    assert "Проекты на согласовании: 8" in text
    assert re.search(r'data-status="approved">согласовано всеми: <strong>5</strong>', text)
    overall = text.split('id="afig-overall"')[1].split("</table>")[0]
    assert re.search(r"I\u00a0кв\.\u00a02026.*II\u00a0кв\.\u00a02026", overall, re.S)
    assert re.search(
        r'data-unit="RU-TA">.*?10,0</td><td class="num">8,5</td><td class="num">12,0</td>', overall
    )
    owners = text.split('id="afig-by-owner"')[1].split("</table>")[0]
    assert re.search(r"Газовые сети \(синтетические\)</th><td class=\"num\">7,5</td>", owners)
    works = text.split('id="afig-by-works"')[1].split("</table>")[0]
    assert 'земляные работы</th><td class="num">9,0</td><td class="num">—</td>' in works
    backlog = text.split('id="afig-backlog-table"')[1].split("</table>")[0]
    assert 'data-owner="ru-ta-vodokanal"' in backlog and "1 ✗" in backlog
    notices = text.split('id="afig-notices-table"')[1].split("</table>")[0]
    assert notices.index("350 см") < notices.index("300 см")  # newest first
    assert "Паводок в Москве" not in text  # another region's
    assert "Предложено инвесторам наборов согласований: 1" in text
    assert APPLICANT_NAME not in text and RECIPIENT not in text


def test_in_english(with_projects):
    client = with_projects
    log_in(client, "analyst")
    page = client.get("/regions/RU-TA/approvals?lang=en")
    assert page.status_code == 200
    assert "Approvals and proactive notices: Republic of Tatarstan" in page.text
    assert "Gas networks (synthetic)" in page.text and "excavation works" in page.text
    assert re.search(r'data-unit="RU-TA">.*?10\.0</td><td class="num">8\.5</td>', page.text)


def test_a_region_without_projects(client):
    log_in(client, "analyst")
    page = client.get("/regions/RU-KL/approvals")
    assert page.status_code == 200
    for empty in ('id="afig-no-times"', 'id="afig-no-backlog"', 'id="afig-no-notices"'):
        assert empty in page.text


def test_the_api_answers_the_same_times(with_projects):
    client = with_projects
    assert client.get("/api/v1/regions/RU-TA/approval-times").status_code == 401
    log_in(client, "analyst")
    answer = client.get("/api/v1/regions/RU-TA/approval-times")
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["region"] == "RU-TA" and body["formula"] == "appr_median_days"
    # as of today, project 9 (answered on 2 July, 12 days) is finished too: 2026Q3
    assert body["periods"] == ["2026Q1", "2026Q2", "2026Q3"]
    assert body["overall"] == {"key": "RU-TA", "days": [10.0, 8.5, 12.0]}
    assert {r["key"]: r["days"] for r in body["by_owner"]} == {
        "ru-ta-gaz": [7.5, None, 12.0],
        "ru-ta-setevaya": [4.0, None, None],
        "ru-ta-vodokanal": [6.0, 8.5, None],
    }
    assert {r["key"]: r["days"] for r in body["by_works"]}["excavation"] == [9.0, None, 12.0]
    assert "Газовые сети (синтетические)" in answer.text
    assert client.get("/api/v1/regions/RU-XX/approval-times").status_code == 422
