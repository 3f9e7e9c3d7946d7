"""Every role against every write endpoint and every task read, allowed and refused; every
refusal is audited.

An operator is bound to RU-TA: it writes there and nowhere else. Viewers and anonymous callers
never write. The expectations are one table, so a change of policy is one line here.
"""

from __future__ import annotations

from datetime import date as date_

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from builders import bearer
from tsifra.accounts.users import Account
from tsifra.tasks.tasks import create_task

OWN, OTHER = "RU-TA", "RU-MOW"
ROLES = ("anonymous", "viewer", "operator", "analyst", "admin")
# (endpoint, region) → status for each role, in ROLES order
EXPECTED = {
    ("POST /values", OWN): (401, 403, 200, 200, 200),
    ("POST /values", OTHER): (401, 403, 403, 200, 200),
    ("POST /tasks", OWN): (401, 403, 201, 201, 201),
    ("POST /tasks", OTHER): (401, 403, 403, 201, 201),
    ("PATCH /tasks", OWN): (401, 403, 200, 200, 200),
    ("PATCH /tasks", OTHER): (401, 403, 403, 200, 200),
}
REFUSED_ACTION = {
    "POST /values": "refused.values.ingest",
    "POST /tasks": "refused.task.create",
    "PATCH /tasks": "refused.task.status",
}
ROOT = Account(0, "root", "root", "admin", None)


def _attempt(client: TestClient, headers: dict, endpoint: str, region: str, task_ids: dict):
    if endpoint == "POST /values":
        data = f"unit,period,indicator,value\n{region},2026Q1,health_emr,91\n".encode()
        return client.post("/api/v1/values", headers=headers, files={"file": ("v.csv", data)})
    if endpoint == "POST /tasks":
        task = {
            "title": "План",
            "region": region,
            "responsible": "Минцифры",
            "deadline": "2026-06-30",
        }
        return client.post("/api/v1/tasks", headers=headers, json=task)
    body = {"status": "in_progress", "comment": "начали"}
    return client.patch(f"/api/v1/tasks/{task_ids[region]}", headers=headers, json=body)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_against_each_write_endpoint(client: TestClient, role: str) -> None:
    engine = client.app.state.engine
    task_ids = {
        region: create_task(engine, ROOT, "Исходное", region, "ОИВ", date_(2026, 3, 31)).id
        for region in (OWN, OTHER)
    }
    headers = {} if role == "anonymous" else bearer(client, role)
    index = ROLES.index(role)
    refused = []
    for (endpoint, region), statuses in EXPECTED.items():
        response = _attempt(client, headers, endpoint, region, task_ids)
        assert response.status_code == statuses[index], (role, endpoint, region, response.text)
        if response.status_code in (401, 403):
            assert response.json()["code"] in ("unauthorized", "forbidden")
            refused.append(REFUSED_ACTION[endpoint])
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT actor, action FROM audit_log WHERE action LIKE 'refused.%' ORDER BY id")
        ).all()
    actor = None if role == "anonymous" else role
    assert [tuple(r) for r in rows] == [(actor, a) for a in refused]


def test_a_task_changed_by_its_operator_keeps_its_history(client: TestClient) -> None:
    headers = bearer(client, "operator")
    task = {"title": "<script>alert(1)</script>", "region": OWN, "responsible": "ОИВ",
            "deadline": "2020-01-01"}  # fmt: skip
    created = client.post("/api/v1/tasks", headers=headers, json=task).json()
    assert created["title"] == task["title"] and created["overdue"] is True
    url = f"/api/v1/tasks/{created['id']}"
    client.patch(url, headers=headers, json={"status": "in_progress"})
    report = {"status": "reported", "comment": "Сделано"}
    assert client.patch(url, headers=headers, json=report).status_code == 200
    own = client.patch(url, headers=headers, json={"status": "accepted"})
    assert own.status_code == 403  # whoever reported never accepts their own report
    done = client.patch(url, headers=bearer(client, "analyst"), json={"status": "accepted"})
    assert [e["status"] for e in done.json()["history"]] == [
        "new",
        "in_progress",
        "reported",
        "accepted",
    ]
    assert done.json()["overdue"] is False and done.json()["report_text"] == "Сделано"
    listed = client.get("/api/v1/tasks", headers=headers, params={"region": OWN}).json()
    assert [t["id"] for t in listed] == [created["id"]]
    assert client.get(url, headers=headers).json()["status"] == "accepted"
    again = client.patch(url, headers=headers, json={"status": "in_progress"})
    assert again.status_code == 422 and "Принято" in again.text  # the step is named in words
    assert client.get("/api/v1/tasks/424242", headers=headers).status_code == 404
    bad = client.patch(f"/api/v1/tasks/{created['id']}", headers=headers, json={"status": "lost"})
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_request"


# Tasks are a region's working orders: reading them needs an account, and an operator reads only
# its own region's. (read, region) → status for each role, in ROLES order.
READS = {
    ("GET /tasks", None): (401, 200, 200, 200, 200),
    ("GET /tasks", OWN): (401, 200, 200, 200, 200),
    ("GET /tasks", OTHER): (401, 200, 403, 200, 200),
    ("GET /tasks/id", OWN): (401, 200, 200, 200, 200),
    ("GET /tasks/id", OTHER): (401, 200, 403, 200, 200),
}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reads_only_the_tasks_it_may(client: TestClient, role: str) -> None:
    engine = client.app.state.engine
    task_ids = {
        region: create_task(
            engine, ROOT, f"Поручение {region}", region, "ОИВ", date_(2030, 1, 1)
        ).id
        for region in (OWN, OTHER)
    }
    headers = {} if role == "anonymous" else bearer(client, role)
    index = ROLES.index(role)
    refusals = 0
    for (read, region), statuses in READS.items():
        if read == "GET /tasks":
            params = {"region": region} if region else {}
            response = client.get("/api/v1/tasks", headers=headers, params=params)
        else:
            response = client.get(f"/api/v1/tasks/{task_ids[region]}", headers=headers)
        assert response.status_code == statuses[index], (role, read, region, response.text)
        refusals += response.status_code == 403
        if response.status_code != 200:
            continue
        regions = {t["region"] for t in response.json()} if read == "GET /tasks" else None
        if read == "GET /tasks" and region is None:
            assert regions == ({OWN} if role == "operator" else {OWN, OTHER})
        elif read == "GET /tasks":
            assert regions == {region}
    profiles = {
        region: client.get(f"/api/v1/regions/{region}", headers=headers).json()["tasks"]
        for region in (OWN, OTHER)
    }
    sees = {
        OWN: role != "anonymous",
        OTHER: role not in ("anonymous", "operator"),
    }
    for region, tasks in profiles.items():
        if sees[region]:
            assert [t["id"] for t in tasks] == [task_ids[region]]
        else:
            assert tasks is None, (role, region)
    with engine.connect() as connection:
        audited = connection.execute(
            text("SELECT count(*) FROM audit_log WHERE action = 'refused.task.read'")
        ).scalar()
    assert audited == refusals
