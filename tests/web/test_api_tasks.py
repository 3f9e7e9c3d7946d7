"""The tasks API: the whole task in one answer, comments, and the reviewing rule."""

from __future__ import annotations

from fastapi.testclient import TestClient

from builders import bearer

TASK = {
    "title": "Подключить ФАПы к РМИС",
    "region": "RU-TA",
    "responsible": "Хасанов Р. Ф.",
    "deadline": "2030-06-30",
    "source": "president",
    "document_number": "Пр-1234",
    "document_date": "2026-03-01",
    "agency": "Минздрав РТ",
    "indicator": "health_rmis_connected",
}


def test_a_task_with_its_document_comments_and_review(client: TestClient) -> None:
    analyst, operator = bearer(client, "analyst"), bearer(client, "operator")
    made = client.post("/api/v1/tasks", json=TASK, headers=analyst)
    assert made.status_code == 201, made.text
    task = made.json()
    assert (task["source"], task["document_number"], task["agency"]) == (
        "president",
        "Пр-1234",
        "Минздрав РТ",
    )
    assert task["target_value"] == 100.0  # the methodology's target for 2030
    url = f"/api/v1/tasks/{task['id']}"
    said = client.post(f"{url}/comments", json={"text": "Принято к сведению"}, headers=operator)
    assert said.status_code == 201 and said.json()["comments"][0]["author"] == "operator"
    viewer = client.post(f"{url}/comments", json={"text": "Я"}, headers=bearer(client, "viewer"))
    assert viewer.status_code == 403
    refused = client.patch(url, json={"status": "reported"}, headers=operator)
    assert refused.status_code == 422  # a new task is taken into work first, and needs a text
    client.patch(url, json={"status": "in_progress"}, headers=operator)
    report = {"status": "reported", "comment": "Подключено"}
    assert client.patch(url, json=report, headers=operator).json()["report_text"] == "Подключено"
    back = {"status": "returned", "comment": "Нет актов"}
    assert client.patch(url, json=back, headers=operator).status_code == 403
    assert client.patch(url, json=back, headers=analyst).json()["status"] == "returned"
    bad = client.post("/api/v1/tasks", json={**TASK, "source": "tsar"}, headers=analyst)
    assert bad.status_code == 422
