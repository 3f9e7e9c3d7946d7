"""A region's plan in-process: the list and a new plan, choosing two practices through the
forms, two experts' scores with mean and spread, acceptance into поручения linked both ways,
the API's answers, and who is refused."""

from __future__ import annotations

import re
from datetime import date

import pytest
from fastapi.testclient import TestClient

from builders import bearer, csrf_of, log_in
from plan_rows import add_practice
from tsifra.plans.candidates import candidates

YEAR = date.today().year + 1


@pytest.fixture
def practices(rated):
    """Two practices of other regions, each for one of RU-TA's two largest gaps."""
    gaps = candidates(rated, "RU-TA", YEAR, lang="ru").indicators[:2]
    ids = [
        add_practice(rated, title, region, {g.indicator: 2.0 * g.direction}, capex=1e6, opex=2e5)
        for title, region, g in zip(
            ("Онлайн-запись к врачу", "Оплата ЖКУ онлайн"), ("RU-MOW", "RU-SPE"), gaps, strict=True
        )
    ]
    return [(g.indicator, pid) for g, pid in zip(gaps, ids, strict=True)]


def _switch(client: TestClient, login: str) -> None:
    client.post("/logout", data={"csrf": csrf_of(client, "/tasks")})
    log_in(client, login)


def _new_plan(client: TestClient) -> int:
    token = csrf_of(client, "/regions/RU-TA/plans")
    page = client.post("/regions/RU-TA/plans", data={"target_year": YEAR, "csrf": token})
    assert page.status_code == 200, page.text
    return int(re.search(r"/plans/(\d+)$", str(page.url)).group(1))


def test_choose_score_and_accept_through_the_pages(client: TestClient, practices) -> None:
    (first, p1), (second, _) = practices
    log_in(client, "operator")
    assert 'id="region-plans-link"' in client.get("/regions/RU-TA").text
    plan = _new_plan(client)
    page = client.get(f"/plans/{plan}").text
    assert page.count("<h1") == 1
    gaps = re.findall(r'class="plan-gap" id="gap-([\w]+)"', page)
    assert gaps[:2] == [first, second]  # most index points at stake first
    assert "Онлайн-запись к врачу" in page and "не доказанная причина" in page
    token = csrf_of(client, f"/plans/{plan}")
    for indicator, practice in practices:
        form = {"indicator": indicator, "practice": practice, "csrf": token}
        if practice == p1:
            form |= {"expected_value": "60,5", "responsible": "Минздрав РТ"}
        assert client.post(f"/plans/{plan}/items", data=form).status_code == 200
    page = client.get(f"/plans/{plan}").text
    assert page.count('data-item="') == 2 and "60,50" in page

    for login, score in (("operator", 2), ("analyst", 5)):
        _switch(client, login)
        form = {"indicator": first, "practice": p1, "score": score, "comment": "за",
                "csrf": csrf_of(client, f"/plans/{plan}")}  # fmt: skip
        assert client.post(f"/plans/{plan}/scores", data=form).status_code == 200
    page = client.get(f"/plans/{plan}").text
    assert "среднее 3,50, разброс 2–5, σ 1,50, экспертов: 2" in page

    _switch(client, "operator")
    token = csrf_of(client, f"/plans/{plan}")
    assert client.post(f"/plans/{plan}/accept", data={"csrf": token}).status_code == 200
    page = client.get(f"/plans/{plan}").text
    assert 'id="plan-accepted"' in page and 'id="accept-plan"' not in page
    tasks = re.findall(r'href="/tasks/(\d+)" class="plan-task"', page)
    assert len(tasks) == 2
    task_page = client.get(f"/tasks/{tasks[0]}").text
    assert f'href="/plans/{plan}" id="task-plan"' in task_page
    assert "Минздрав РТ" in task_page and "60,50" in task_page
    assert f"/tasks/{tasks[1]}" in client.get("/tasks?region=RU-TA").text


def test_bad_form_input_is_shown_on_the_page(client: TestClient, practices) -> None:
    (first, p1), _ = practices
    log_in(client, "operator")
    plan = _new_plan(client)
    form = {"indicator": first, "practice": p1, "expected_value": "много",
            "deadline": "31.12", "csrf": csrf_of(client, f"/plans/{plan}")}  # fmt: skip
    page = client.post(f"/plans/{plan}/items", data=form)
    assert page.status_code == 422
    assert "«много» — не число" in page.text and "«31.12» — не дата" in page.text
    token = csrf_of(client, f"/plans/{plan}")
    page = client.post(f"/plans/{plan}/accept", data={"csrf": token})
    assert page.status_code == 422 and "не выбрано ни одной практики" in page.text


def test_plans_need_an_account_and_the_right_region(client: TestClient, practices) -> None:
    assert client.get("/regions/RU-TA/plans", follow_redirects=False).status_code == 303
    log_in(client, "operator")
    plan = _new_plan(client)
    assert client.get("/regions/RU-MOW/plans").status_code == 403
    _switch(client, "viewer")
    page = client.get(f"/plans/{plan}").text
    assert 'class="stack score"' not in page and 'class="stack choose"' not in page
    token = csrf_of(client, f"/plans/{plan}")
    assert client.post(f"/plans/{plan}/accept", data={"csrf": token}).status_code == 403
    assert client.post(f"/plans/{plan}/accept", data={"csrf": "forged"}).status_code == 403
    assert client.get("/plans/999999").status_code == 404


def test_the_api_runs_a_plan(client: TestClient, practices) -> None:
    (first, p1), (second, p2) = practices
    headers = bearer(client, "operator")
    found = client.get(f"/api/v1/regions/RU-TA/plan-candidates?year={YEAR}", headers=headers)
    assert found.status_code == 200, found.text
    body = found.json()
    assert [g["indicator"] for g in body["indicators"][:2]] == [first, second]
    assert body["indicators"][0]["practices"][0]["practice_id"] == p1
    made = client.post("/api/v1/plans", json={"region": "RU-TA", "target_year": YEAR},
                       headers=headers)  # fmt: skip
    assert made.status_code == 201, made.text
    plan = made.json()["id"]
    item = client.post(f"/api/v1/plans/{plan}/items", headers=headers,
                       json={"indicator": first, "practice_id": p1})  # fmt: skip
    assert item.status_code == 201, item.text
    second_item = client.post(f"/api/v1/plans/{plan}/items", headers=headers,
                              json={"indicator": second, "practice_id": p2})  # fmt: skip
    removed = client.delete(f"/api/v1/plans/{plan}/items/{second_item.json()['id']}",
                            headers=headers)  # fmt: skip
    assert removed.status_code == 204
    scored = client.post(f"/api/v1/plans/{plan}/scores", headers=headers,
                         json={"indicator": first, "practice_id": p1, "score": 4})  # fmt: skip
    assert scored.status_code == 204
    read = client.get(f"/api/v1/plans/{plan}", headers=headers).json()
    assert [i["practice_id"] for i in read["items"]] == [p1]
    assert read["scores"][0]["mean"] == 4 and read["scores"][0]["experts"] == 1
    accepted = client.post(f"/api/v1/plans/{plan}/accept", headers=headers)
    assert accepted.status_code == 200, accepted.text
    body = accepted.json()
    assert body["plan"]["status"] == "accepted" and len(body["tasks"]) == 1
    assert body["plan"]["kept_index"] == pytest.approx(read["expected"]["index_after"])
    task = client.get(f"/api/v1/tasks/{body['tasks'][0]}", headers=headers).json()
    assert task["indicator"] == first
    again = client.post(f"/api/v1/plans/{plan}/accept", headers=headers)
    assert again.status_code == 422 and again.json()["problems"][0]["code"] == "plan_not_draft"


def test_the_api_refuses_strangers(client: TestClient, practices) -> None:
    assert client.get(f"/api/v1/regions/RU-TA/plan-candidates?year={YEAR}").status_code == 401
    assert (
        client.post("/api/v1/plans", json={"region": "RU-TA", "target_year": YEAR}).status_code
        == 401
    )
    viewer = bearer(client, "viewer")
    made = client.post("/api/v1/plans", json={"region": "RU-TA", "target_year": YEAR},
                       headers=viewer)  # fmt: skip
    assert made.status_code == 403
    assert client.get("/api/v1/plans/424242", headers=viewer).status_code == 404
