"""The home screen and the federal view in-process: what each role gets, where sign-in lands,
the pre-filled what-if of each action, filters and exports, the home API."""

from __future__ import annotations

import csv
import html
import io
import re

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from builders import WEB_PASSWORD, bearer
from tsifra.values.submission import collection_period

CARDS = ("home-index", "home-directions", "home-tasks", "home-actions", "home-data")


def csrf_of(client: TestClient, path: str = "/login") -> str:
    return re.search(r'name="csrf" value="([^"]+)"', client.get(path).text).group(1)


def sign_in(client: TestClient, login: str) -> str:
    form = {"login": login, "password": WEB_PASSWORD, "csrf": csrf_of(client)}
    response = client.post("/login", data=form, follow_redirects=False)
    assert response.status_code == 303, response.text
    return response.headers["location"]


def test_the_home_screen_as_the_public_sees_it(client: TestClient) -> None:
    page = client.get("/regions/RU-TA")
    assert page.status_code == 200
    text = page.text
    assert all(f'id="{card}"' in text for card in CARDS)
    assert text.count("<h1") == 1 and ' style="' not in text
    assert text.count("<table") == text.count('<div class="table-scroll">')  # all scroll on phones
    assert re.search(r"(в цели|близко к цели|ниже цели)</td>", text)  # never colour alone
    assert 'id="tasks-hidden"' in text and "/login?next=/regions/RU-TA" in text
    assert 'data-against="2025Q3"' in text  # the change on the quarter
    assert 'class="trend-chart"' in text and 'class="sector-bars"' in text
    assert "/api/v1/regions/RU-TA/brief.pdf?period=2025Q4" in text
    assert 'href="/regions/RU-TA/whatif"' in text and 'href="#forecast"' in text
    english = client.get("/regions/RU-TA", params={"lang": "en"}).text
    assert "Directions against targets" in english and "on the quarter" in english


def test_each_action_opens_the_what_if_filled_in(client: TestClient) -> None:
    page = client.get("/regions/RU-TA").text
    links = [html.unescape(h) for h in re.findall(r'class="whatif-link" href="([^"]+)"', page)]
    assert 1 <= len(links) <= 3
    indicator = re.search(r"indicator1=([a-z_]+)", links[0]).group(1)
    answer = client.get(links[0])
    assert answer.status_code == 200 and 'id="whatif-result"' in answer.text
    assert f'<option value="{indicator}" selected>' in answer.text
    change = re.search(r'data-code="index">.*?class="num change">([^<]+)<', answer.text, re.S)
    assert change.group(1).startswith("+")  # bringing it to target raises the index


def test_sign_in_lands_each_role_on_its_own_screen(client: TestClient) -> None:
    assert sign_in(client, "operator") == "/regions/RU-TA"
    home = client.get("/regions/RU-TA").text
    assert '<a href="/regions/RU-TA" class="nav-home">' in home
    assert 'id="tasks-overdue-count">Просрочено: 0' in home
    assert client.get("/federal", follow_redirects=False).headers["location"] == "/regions/RU-TA"
    for login in ("admin", "analyst", "viewer"):
        client.cookies.clear()
        assert sign_in(client, login) == "/federal"
    assert '<a href="/federal" class="nav-home">' in client.get("/federal").text


def test_the_operator_sees_an_overdue_task_on_its_home(client: TestClient) -> None:
    sign_in(client, "operator")
    token = csrf_of(client, "/tasks")
    task = {"title": "<b>Сдать отчёт</b>", "region": "RU-TA", "responsible": "Минцифры РТ"}
    created = client.post("/tasks", data={**task, "deadline": "2020-01-01", "csrf": token})
    assert created.status_code == 200
    home = client.get("/regions/RU-TA").text
    assert 'id="tasks-overdue-count">Просрочено: 1' in home
    assert "&lt;b&gt;Сдать отчёт&lt;/b&gt;" in home and "<b>Сдать" not in home


def test_the_federal_view_filters_and_exports_what_it_shows(client: TestClient) -> None:
    anonymous = client.get("/federal", follow_redirects=False)
    assert anonymous.status_code == 303 and anonymous.headers["location"] == "/login?next=/federal"
    sign_in(client, "analyst")
    page = client.get("/federal").text
    rows = re.findall(r'<tr data-unit="[^"]+" data-level="(\w+)">', page)
    assert len(rows) == 83 and page.count("<h1") == 1 and ' style="' not in page
    assert 'id="federal-tasks"' in page and 'id="federal-data"' in page
    assert "{period" not in page and 'id="federal-submissions-link"' in page  # every word filled
    volga = client.get("/federal", params={"district": "volga"}).text
    assert 0 < len(re.findall(r'<tr data-unit="[^"]+" data-level', volga)) < 83
    shown = re.findall(
        r'<tr data-unit="([^"]+)" data-level="red"',
        client.get("/federal", params={"status": "red"}).text,
    )
    assert shown and len(shown) == rows.count("red")
    book = load_workbook(
        io.BytesIO(client.get("/federal", params={"status": "red", "export": "xlsx"}).content)
    )
    assert book.active.max_row == len(shown) + 1
    header = [c.value for c in book.active[1]]
    assert header[:4] == ["Место", "Регион", "Федеральный округ", "Индекс"]
    assert "Поручения: Просрочено" in header and header[-5] == "Просрочено"
    exported = client.get("/federal", params={"district": "volga", "export": "csv"})
    assert exported.headers["content-type"].startswith("text/csv")
    assert "attachment" in exported.headers["content-disposition"]
    lines = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert len(lines) - 1 == volga.count('data-level="')
    refused = client.get("/federal", params={"status": "purple"})
    assert refused.status_code == 422 and "неизвестный статус" in refused.text


def test_the_home_api_with_and_without_tasks(client: TestClient) -> None:
    public = client.get("/api/v1/regions/RU-TA/home")
    assert public.status_code == 200
    body = public.json()
    assert body["period"] == "2025Q4" and body["tasks"] is None
    assert len(body["directions"]) == 5 and body["on_quarter"]["against"] == "2025Q3"
    assert all(a["whatif"].startswith("/regions/RU-TA/whatif?") for a in body["actions"])
    assert body["data"] is None  # the quarter's submission is the region's, not public
    mine = client.get("/api/v1/regions/RU-TA/home", headers=bearer(client, "operator")).json()
    assert mine["data"]["period"] == collection_period() and len(mine["data"]["expected"]) == 24
    assert mine["tasks"] == {"overdue": 0, "due_soon": 0, "open": 0, "total": 0, "next": []}
    assert client.get("/api/v1/regions/RU-XX/home").status_code == 404


def test_the_federal_view_shared_by_its_readers_shows_a_new_task_at_once(
    client: TestClient,
) -> None:
    """The federal content is rendered once for every federal reader: the analyst's page must
    not carry the analyst's name into the shared part, and a task created since must show."""
    sign_in(client, "analyst")
    before = client.get("/federal").text
    assert 'data-unit="RU-TA"><td><a href="/tasks?region=RU-TA">' not in before  # no tasks yet
    token = csrf_of(client, "/tasks")
    task = {"title": "Отчёт о связи", "region": "RU-TA", "responsible": "Минцифры РТ"}
    created = client.post("/tasks", data={**task, "deadline": "2020-01-01", "csrf": token})
    assert created.status_code == 200
    after = client.get("/federal").text
    assert 'data-unit="RU-TA"><td><a href="/tasks?region=RU-TA">' in after
    client.post("/logout", data={"csrf": csrf_of(client, "/federal")})
    sign_in(client, "viewer")
    seen = client.get("/federal").text
    body = seen[seen.index("<h1") :]
    assert "analyst" not in body.lower() and 'data-unit="RU-TA"><td><a href="/tasks' in seen
