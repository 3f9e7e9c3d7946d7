"""The pages in-process: each renders, login and logout, CSRF, roles, escaping of user text."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import text

from builders import WEB_PASSWORD, write_values_csv

SCRIPT = "<script>alert(1)</script>"


def csrf_of(client: TestClient, path: str = "/login") -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', client.get(path).text)
    assert found, f"no CSRF field on {path}"
    return found.group(1)


def log_in(client: TestClient, login: str) -> None:
    form = {"login": login, "password": WEB_PASSWORD, "csrf": csrf_of(client)}
    response = client.post("/login", data=form, follow_redirects=False)
    assert response.status_code == 303, response.text


def test_the_public_rating_page(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "Демонстрационные данные" in page.text
    assert 'class="tile-map"' in page.text and 'href="/regions/RU-TA"' in page.text
    assert "Республика Татарстан" in page.text and "2025Q4" in page.text
    assert "/api/v1/ratings/export.xlsx?period=2025Q4" in page.text


def test_the_rating_filters_by_district_and_period(client: TestClient) -> None:
    page = client.get("/", params={"district": "volga", "period": "2025Q3"}).text
    table = page[page.index('id="rating"') :]
    assert "Республика Татарстан" in table and "Москва" not in table
    assert '<option value="2025Q3" selected>' in page
    assert '<g class="tile" data-code="RU-TA"' in page  # the map shows the district…
    assert '<g class="tile faded" data-code="RU-MOW"' in page  # …against the faded rest
    assert "tile faded" not in client.get("/", params={"period": "2025Q3"}).text


def test_english_is_remembered_in_the_session(client: TestClient) -> None:
    assert "Regions&#39; rating" in client.get("/", params={"lang": "en"}).text
    assert "Republic of Tatarstan" in client.get("/").text
    assert "Рейтинг регионов" in client.get("/", params={"lang": "ru"}).text
    switch = client.get("/", params={"period": "2025Q3", "district": "volga"}).text
    assert 'href="/?period=2025Q3&amp;district=volga&amp;lang=en"' in switch


def test_the_region_profile_page(client: TestClient) -> None:
    page = client.get("/regions/RU-TA")
    assert page.status_code == 200
    assert "Республика Татарстан" in page.text and 'class="sector-bars"' in page.text
    assert "Показатели, которые дадут больше всего баллов" in page.text
    assert "/api/v1/regions/RU-TA/brief.pdf?period=2025Q4" in page.text
    assert "/api/v1/regions/RU-TA/profile.xlsx?period=2025Q4" in page.text
    assert client.get("/regions/RU-XX").status_code == 404


def test_the_indicator_page_names_the_source_of_each_value(client: TestClient) -> None:
    page = client.get("/indicators/health_emr")
    assert page.status_code == 200
    assert "Определение" in page.text and "region" in page.text
    assert 'href="/regions/RU-TA"' in page.text and 'class="trend"' in page.text
    assert client.get("/indicators/no_such").status_code == 404


def test_log_in_and_out(client: TestClient) -> None:
    form = {"login": "admin", "password": "wrong-one", "csrf": csrf_of(client)}
    assert client.post("/login", data=form).status_code == 401
    log_in(client, "admin")
    assert "Выйти" in client.get("/").text
    token = csrf_of(client, "/")
    assert client.post("/logout", data={"csrf": token}, follow_redirects=False).status_code == 303
    assert "Выйти" not in client.get("/").text


def test_a_form_without_the_right_token_is_refused(client: TestClient) -> None:
    form = {"login": "admin", "password": WEB_PASSWORD}
    refused = client.post("/login", data=form)
    assert refused.status_code == 403 and "Форма устарела" in refused.text
    assert client.post("/login", data={**form, "csrf": "forged"}).status_code == 403
    log_in(client, "admin")
    task = {"title": "t", "region": "RU-TA", "responsible": "r", "deadline": "2030-01-01"}
    assert client.post("/tasks", data=task).status_code == 403


def test_tasks_escaped_and_operators_kept_to_their_region(client: TestClient, rated) -> None:
    log_in(client, "operator")
    token = csrf_of(client, "/tasks")
    task = {"title": SCRIPT, "region": "RU-TA", "responsible": "Минцифры", "csrf": token}
    created = client.post("/tasks", data={**task, "deadline": "2020-01-01"})
    assert created.status_code == 200  # followed the redirect to the list
    assert SCRIPT not in created.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in created.text
    assert "Просрочено" in created.text
    profile = client.get("/regions/RU-TA").text
    assert SCRIPT not in profile and "&lt;script&gt;" in profile
    refused = client.post("/tasks", data={**task, "region": "RU-MOW", "deadline": "2030-01-01"})
    assert refused.status_code == 403 and "Доступ запрещён" in refused.text
    with rated.connect() as connection:
        actions = connection.execute(text("SELECT action FROM audit_log")).scalars().all()
    assert "refused.task.create" in actions
    task_id = re.search(r"/tasks/(\d+)", str(created.url)).group(1)
    moved = client.post(f"/tasks/{task_id}/status", data={"status": "in_progress", "csrf": token})
    assert moved.status_code == 200 and "В работе" in moved.text


def test_tasks_need_an_account_and_operators_see_only_their_region(
    client: TestClient, rated
) -> None:
    from datetime import date

    from tsifra.accounts.users import Account
    from tsifra.tasks.tasks import create_task

    root = Account(0, "root", "root", "admin", None)
    create_task(rated, root, "Казанское поручение", "RU-TA", "ОИВ", date(2030, 1, 1))
    create_task(rated, root, "Московское поручение", "RU-MOW", "ДИТ", date(2030, 1, 1))
    anonymous = client.get("/tasks", params={"region": "RU-TA"}, follow_redirects=False)
    assert anonymous.status_code == 303
    assert anonymous.headers["location"] == "/login?next=/tasks%3Fregion%3DRU-TA"
    assert "поручение" not in client.get("/regions/RU-MOW").text

    log_in(client, "operator")
    own = client.get("/tasks").text
    assert "Казанское поручение" in own and "Московское поручение" not in own
    other = client.get("/tasks", params={"region": "RU-MOW"})
    assert other.status_code == 403 and "Московское поручение" not in other.text
    profile = client.get("/regions/RU-MOW").text
    assert "Московское поручение" not in profile and "Поручения другого региона" in profile
    with rated.connect() as connection:
        actions = connection.execute(text("SELECT action FROM audit_log")).scalars().all()
    assert "refused.task.read" in actions

    client.post("/logout", data={"csrf": csrf_of(client, "/tasks")})
    log_in(client, "viewer")
    everything = client.get("/tasks").text
    assert "Казанское поручение" in everything and "Московское поручение" in everything


def test_a_viewer_cannot_create_tasks(client: TestClient) -> None:
    log_in(client, "viewer")
    task = {"title": "t", "region": "RU-TA", "responsible": "r", "deadline": "2030-01-01"}
    response = client.post("/tasks", data={**task, "csrf": csrf_of(client, "/tasks")})
    assert response.status_code == 403


def test_upload_good_and_bad_files(client: TestClient, tmp_path) -> None:
    log_in(client, "operator")
    token = csrf_of(client, "/upload")
    good = write_values_csv(tmp_path / "good.csv", [("RU-TA", "2026Q1", "health_emr", 93.5)])
    with good.open("rb") as handle:
        page = client.post("/upload", data={"csrf": token}, files={"file": ("good.csv", handle)})
    assert page.status_code == 200 and 'id="accepted"' in page.text
    bad = write_values_csv(tmp_path / "bad.csv", [("RU-TA", "2026Q1", "health_emr", "много")])
    name = "<img src=x onerror=alert(1)>.csv"
    with bad.open("rb") as handle:
        page = client.post("/upload", data={"csrf": token}, files={"file": (name, handle)})
    assert page.status_code == 422 and 'id="problems"' in page.text
    assert "<img" not in page.text and "&lt;img src=x onerror=alert(1)&gt;.csv" in page.text
    other = write_values_csv(tmp_path / "other.csv", [("RU-MOW", "2026Q1", "health_emr", 90.0)])
    with other.open("rb") as handle:
        page = client.post("/upload", data={"csrf": token}, files={"file": ("o.csv", handle)})
    assert page.status_code == 403


def test_an_operator_cannot_move_another_regions_task(client: TestClient, rated) -> None:
    log_in(client, "admin")
    token = csrf_of(client, "/tasks")
    task = {"title": "Москва", "region": "RU-MOW", "responsible": "ДИТ", "csrf": token}
    shown = client.post("/tasks", data={**task, "deadline": "2030-01-01"})
    task_id = re.search(r"/tasks/(\d+)", str(shown.url)).group(1)
    client.post("/logout", data={"csrf": token})
    log_in(client, "operator")
    token = csrf_of(client, "/tasks")
    refused = client.post(f"/tasks/{task_id}/status", data={"status": "in_progress", "csrf": token})
    assert refused.status_code == 403
    with rated.connect() as connection:
        actions = connection.execute(text("SELECT action FROM audit_log")).scalars().all()
    assert "refused.task.status" in actions


def test_an_unknown_period_is_an_html_problem(client: TestClient) -> None:
    page = client.get("/", params={"period": "2031Q1"})
    assert page.status_code == 422 and "<h1>" in page.text


def test_public_pages_kept_for_visitors_follow_the_data(client: TestClient, small_panel) -> None:
    """An anonymous page is built once per data version and follows a correction at once; it
    never shows a region's tasks, which a signed-in analyst sees on a page of their own."""
    from tsifra.ratings.stored import compute_from_store
    from tsifra.values.ingest import ingest_frame

    first = client.get("/regions/RU-TA").text
    assert client.get("/regions/RU-TA").text == first
    with TestClient(client.app) as writer:
        log_in(writer, "analyst")
        form = {
            "csrf": csrf_of(writer, "/tasks?region=RU-TA"),
            "title": "Проверить витрину",
            "region": "RU-TA",
            "responsible": "ЦУР",
            "deadline": "2030-01-01",
        }
        assert writer.post("/tasks", data=form, follow_redirects=False).status_code in (200, 303)
        mine = writer.get("/regions/RU-TA").text
        assert "Проверить витрину" in mine and "analyst" in mine
    anonymous = client.get("/regions/RU-TA").text
    assert "Проверить витрину" not in anonymous and 'id="tasks-hidden"' in anonymous

    engine = client.app.state.engine
    latest = small_panel[(small_panel["unit"] == "RU-TA") & (small_panel["period"] == "2025Q4")]
    corrected = latest.head(1).assign(value=lambda f: f["value"] * 0.5)
    ingest_frame(engine, corrected, "region", reason="исправление", synthetic=True)
    compute_from_store(engine, "ru-digital-maturity", period="2025Q4")
    assert client.get("/regions/RU-TA").text != anonymous


def test_login_sends_back_only_to_a_path_on_this_site(client: TestClient) -> None:
    for target, landed in [
        ("/tasks?region=RU-TA", "/tasks?region=RU-TA"),
        ("https://evil.example/", "/federal"),  # off the site: the reader's own landing
        ("//evil.example/", "/federal"),
        ("/\\evil.example/", "/federal"),
        ("/", "/federal"),
    ]:
        form = {"login": "viewer", "password": WEB_PASSWORD, "next": target}
        response = client.post(
            "/login", data={**form, "csrf": csrf_of(client)}, follow_redirects=False
        )
        assert response.status_code == 303 and response.headers["location"] == landed, target


def test_a_missing_page_is_a_page_for_browsers_and_json_for_the_api(client: TestClient) -> None:
    browser = {"Accept": "text/html,application/xhtml+xml"}
    page = client.get("/no-such-page", headers=browser)
    assert page.status_code == 404 and "<h1>Не найдено</h1>" in page.text
    api = client.get("/api/v1/no-such-thing", headers=browser)
    assert api.status_code == 404 and api.json()["code"] == "not_found"
    assert client.get("/no-such-page").json()["code"] == "not_found"


CYRILLIC = re.compile(r"[\u0400-\u04ff]")
NB = "\u00a0"


def _headers(page: str, table: str) -> list[str]:
    head = page[page.index(f'id="{table}"') :]
    head = head[: head.index("</thead>")]
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<th[^>]*>.*?</th>", head)]


def _cells(page: str, table: str, column: int) -> list[str]:
    body = page[page.index(f'id="{table}"') :]
    body = body[body.index("<tbody>") : body.index("</tbody>")]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body, flags=re.S)
    return [re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)[column].strip() for row in rows]


def test_the_english_rating_page_is_english_to_its_sector_headers(client: TestClient) -> None:
    page = client.get("/", params={"lang": "en"}).text
    headers = _headers(page, "rating")
    assert headers[:3] == ["Rank", "Region", "Index"] and len(headers) > 5
    assert not [h for h in headers if CYRILLIC.search(h)], headers
    assert f"Regions&#39; rating, Q4{NB}2025" in page
    assert re.fullmatch(r"\d+\.\d\d", _cells(page, "rating", 2)[0])  # 97.42


def test_russian_pages_write_decimal_commas_and_quarters(client: TestClient) -> None:
    rating = client.get("/").text
    scores = _cells(rating, "rating", 2)
    assert scores and all(re.fullmatch(r"\d+,\d\d", s) for s in scores), scores[:3]
    changes = _cells(rating, "rating", 3)
    wrong = [c for c in changes if not re.fullmatch(r"[+\u2212]\d+,\d\d|0,00|—", c)]
    assert not wrong and any(c != "—" for c in changes)
    assert f"Рейтинг регионов, период IV{NB}кв.{NB}2025" in rating
    assert f'<option value="2025Q3">III{NB}кв.{NB}2025</option>' in rating
    # the sortable columns keep the raw number beside the written one
    assert re.search(r'data-value="\d+\.\d+">\d+,\d\d<', rating)

    region = client.get("/regions/RU-TA").text
    index = re.search(r'id="index">([^<]+)<', region).group(1)
    assert re.fullmatch(r"\d+,\d\d", index)
    assert f"<small>IV{NB}кв.{NB}2025</small>" in region
    values = _cells(region, "indicators-health", 2)
    assert any(re.fullmatch(r"\d+,\d\d", v) for v in values) and not any("." in v for v in values)

    english = client.get("/regions/RU-TA", params={"lang": "en"}).text
    assert re.fullmatch(r"\d+\.\d\d", re.search(r'id="index">([^<]+)<', english).group(1))
    assert f"<small>Q4{NB}2025</small>" in english


def test_a_page_follows_accept_language_until_the_reader_chooses(client: TestClient) -> None:
    english = {"Accept-Language": "en-GB,en;q=0.9,ru;q=0.8"}
    assert '<html lang="en">' in client.get("/", headers=english).text
    russian_first = {"Accept-Language": "ru,en;q=0.5"}
    assert '<html lang="ru">' in client.get("/", headers=russian_first).text
    assert '<html lang="ru">' in client.get("/", params={"lang": "ru"}, headers=english).text
    # the choice is kept in the session and wins over the header from then on
    assert '<html lang="ru">' in client.get("/", headers=english).text
