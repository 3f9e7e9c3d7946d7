"""The task pages in-process: a report with a file returned and accepted through the forms,
filters and exports, an imported list, downloads only for those who may read the task."""

from __future__ import annotations

import io
import re

from fastapi.testclient import TestClient
from openpyxl import Workbook, load_workbook

from builders import WEB_PASSWORD

PDF = b"%PDF-1.4\n%%EOF\n"


def csrf_of(client: TestClient, path: str = "/login") -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', client.get(path).text)
    assert found, f"no CSRF field on {path}"
    return found.group(1)


def log_in(client: TestClient, login: str) -> None:
    form = {"login": login, "password": WEB_PASSWORD, "csrf": csrf_of(client)}
    assert client.post("/login", data=form, follow_redirects=False).status_code == 303


def _create(client: TestClient, **fields) -> int:
    token = csrf_of(client, "/tasks")
    form = {"title": "Подключить ФАПы к РМИС", "region": "RU-TA", "responsible": "Иванов И. И.",
            "deadline": "2020-01-31", "source": "president", "document_number": "Пр-1234",
            "document_date": "2019-12-01", "agency": "Минздрав РТ",
            "indicator": "health_emr", "target_value": "95,5", "csrf": token, **fields}  # fmt: skip
    page = client.post("/tasks", data=form)
    assert page.status_code == 200, page.text
    return int(re.search(r"/tasks/(\d+)$", str(page.url)).group(1))


def _step(client: TestClient, task_id: int, status: str, comment: str = "", files=None):
    data = {"status": status, "comment": comment, "csrf": csrf_of(client, f"/tasks/{task_id}")}
    return client.post(f"/tasks/{task_id}/status", data=data, files=files)


def _switch(client: TestClient, login: str) -> None:
    client.post("/logout", data={"csrf": csrf_of(client, "/tasks")})
    log_in(client, login)


def test_a_report_returned_then_accepted_through_the_pages(client: TestClient) -> None:
    log_in(client, "analyst")
    task_id = _create(client)
    page = client.get(f"/tasks/{task_id}").text
    assert "Республика Татарстан" in page and "Президент, №Пр-1234 от 01.12.2019" in page
    assert "Доля граждан, для которых ведётся электронная медицинская карта" in page
    assert "95,50" in page and "⚠ Просрочено" in page

    _switch(client, "operator")
    assert _step(client, task_id, "in_progress").status_code == 200
    files = [("files", ("акт.pdf", PDF, "application/pdf"))]
    page = _step(client, task_id, "reported", "Подключено 120 ФАПов", files)
    assert page.status_code == 200 and "Отчёт представлен" in page.text
    file_id = re.search(rf"/tasks/{task_id}/files/(\d+)", page.text).group(1)
    assert 'id="step-accepted"' not in page.text  # the reporter does not accept

    _switch(client, "analyst")
    assert 'id="step-accepted"' in client.get(f"/tasks/{task_id}").text
    refused = _step(client, task_id, "returned", "")
    assert refused.status_code == 422 and "нужен текст" in refused.text
    page = _step(client, task_id, "returned", "Нет актов по 5 ФАПам").text
    assert "Возвращено на доработку" in page and "Нет актов по 5 ФАПам" in page
    download = client.get(f"/tasks/{task_id}/files/{file_id}")
    assert download.content == PDF and download.headers["content-type"] == "application/pdf"
    assert "attachment" in download.headers["content-disposition"]

    _switch(client, "operator")
    comment = {"text": "Акты запрошены", "csrf": csrf_of(client, f"/tasks/{task_id}")}
    assert "Акты запрошены" in client.post(f"/tasks/{task_id}/comments", data=comment).text
    _step(client, task_id, "reported", "Приложены все акты")
    _switch(client, "analyst")
    page = _step(client, task_id, "accepted").text
    assert "Принято" in page and "Просрочено" not in page.split("task-facts")[0]
    history = page.split('id="task-history"')[1]
    assert [s for s in re.findall(r"<td>([^<]+)</td>", history) if s in WORDS] == [
        "Новое", "В работе", "Отчёт представлен", "Возвращено на доработку",
        "Отчёт представлен", "Принято",
    ]  # fmt: skip


WORDS = {"Новое", "В работе", "Отчёт представлен", "Возвращено на доработку", "Принято"}


def test_files_and_tasks_stay_in_their_region(client: TestClient, rated) -> None:
    log_in(client, "admin")
    task_id = _create(client, region="RU-MOW", title="Московское поручение")
    _step(client, task_id, "in_progress")
    page = _step(client, task_id, "reported", "Готово", [("files", ("a.pdf", PDF, "x"))]).text
    file_id = re.search(rf"/tasks/{task_id}/files/(\d+)", page).group(1)
    _switch(client, "operator")
    assert client.get(f"/tasks/{task_id}").status_code == 403
    assert client.get(f"/tasks/{task_id}/files/{file_id}").status_code == 403
    assert "Московское поручение" not in client.get("/tasks.csv").text
    client.post("/logout", data={"csrf": csrf_of(client, "/tasks")})
    anonymous = client.get(f"/tasks/{task_id}/files/{file_id}", follow_redirects=False)
    assert anonymous.status_code == 303 and anonymous.headers["location"].startswith("/login")


def test_filters_and_exports(client: TestClient) -> None:
    log_in(client, "analyst")
    late = _create(client, title="Просроченное поручение")
    _create(client, title="Будущее поручение", deadline="2099-01-01", source="governor",
            agency="Минцифры РТ", indicator="")  # fmt: skip
    page = client.get("/tasks", params={"overdue": "1"}).text
    assert "Просроченное поручение" in page and "Будущее поручение" not in page
    page = client.get("/tasks", params={"source": "governor"}).text
    assert "Будущее поручение" in page and "Просроченное поручение" not in page
    page = client.get("/tasks", params={"agency": "Минздрав РТ"}).text
    assert "Просроченное поручение" in page and "Будущее поручение" not in page
    page = client.get("/tasks", params={"indicator": "health_emr", "region": "RU-TA"}).text
    assert f'href="/tasks/{late}"' in page and "Будущее поручение" not in page
    assert "<td>Республика Татарстан</td>" in page and "<td>RU-TA</td>" not in page

    csv = client.get("/tasks.csv", params={"overdue": "1"})
    assert (
        csv.content.startswith("\ufeff".encode())
        and "attachment" in csv.headers["content-disposition"]
    )
    assert "Просроченное поручение" in csv.text and "Будущее поручение" not in csv.text
    xlsx = client.get("/tasks.xlsx", params={"source": "governor"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert [r[0] for r in rows[1:]] == ["Будущее поручение"] and rows[1][1] == "Губернатор"


def test_an_imported_list_and_its_problems(client: TestClient) -> None:
    log_in(client, "analyst")
    book = Workbook()
    sheet = book.active
    sheet.append(["Поручения Минцифры России по итогам совещания"])
    sheet.append(["Поручение", "Источник", "Регион", "Ответственный", "Срок"])
    sheet.append(["Импортированное поручение", "Минцифры", "Чувашия", "Иванов", "01.12.2026"])
    sheet.append(["Второе", "Минцифры", "Нарния", "Петров", "01.12.2026"])
    out = io.BytesIO()
    book.save(out)
    token = csrf_of(client, "/tasks")
    sent = {"file": ("list.xlsx", out.getvalue())}
    page = client.post("/tasks/import", data={"csrf": token}, files=sent)
    assert page.status_code == 422 and 'id="problems"' in page.text
    assert "<td>4</td><td>Регион</td>" in page.text and "Нарния" in page.text
    assert "Импортированное поручение" not in page.text  # nothing written
    sheet.delete_rows(4)
    out = io.BytesIO()
    book.save(out)
    page = client.post(
        "/tasks/import", data={"csrf": token}, files={"file": ("l.xlsx", out.getvalue())}
    )
    assert page.status_code == 200 and "Создано поручений: 1" in page.text
    assert "Чувашская Республика" in page.text
