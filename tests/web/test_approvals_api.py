"""The approvals API: an applicant files (idempotent by its key), lists and reads its projects;
an owner's operator reads its queue and answers; a revision goes to the refused owner; every
other reader or writer gets 403 (401 anonymous), a missing project 404, bad input 422."""

from __future__ import annotations

import base64
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from approval_rows import PDF, POINT, add_owners, png, touching
from builders import WEB_PASSWORD, bearer
from tsifra.accounts import create_user
from tsifra.web import create_app
from tsifra.web.settings import Settings

A, B = "ru-ta-vodokanal", "ru-ta-setevaya"


@pytest.fixture
def api(store: Engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    add_owners(store, owners=(A, B))
    touching(monkeypatch, A, B)
    create_user(store, "builder", WEB_PASSWORD, "applicant")
    create_user(store, "rival", WEB_PASSWORD, "applicant")
    create_user(store, "op-voda", WEB_PASSWORD, "operator", region="RU-TA", body=A)
    create_user(store, "op-set", WEB_PASSWORD, "operator", region="RU-TA", body=B)
    create_user(store, "viewer", WEB_PASSWORD, "viewer")
    url = store.url.render_as_string(hide_password=False)
    app = create_app(Settings(database_url=url, secret_key="test-" * 10))
    with TestClient(app) as client:
        yield client
    app.state.engine.dispose()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


PROJECT = {
    "region": "RU-TA",
    "works": "excavation",
    "title": "Прокладка кабеля",
    "geometry": POINT,
    "applicant_name": "ООО «Стройка»",
    "applicant_inn": "1655000000",
    "documents": [{"name": "план.pdf", "content_base64": _b64(PDF)}],
}


def _file(api: TestClient, who: dict, key: str = "one") -> int:
    answer = api.post("/api/v1/approvals", json=PROJECT, headers=who | {"Idempotency-Key": key})
    assert answer.status_code == 201, answer.text
    return answer.json()["id"]


def test_file_list_read_answer_revise(api: TestClient) -> None:
    builder, voda, seti = bearer(api, "builder"), bearer(api, "op-voda"), bearer(api, "op-set")
    project_id = _file(api, builder)
    assert _file(api, builder) == project_id  # the same key: the same project
    listed = api.get("/api/v1/approvals", headers=builder).json()
    assert [(r["id"], r["owners"], r["decided"], r["status"]) for r in listed] == [
        (project_id, 2, 0, "under_review")
    ]
    assert listed[0]["status_name"] == "на согласовании"
    queue = api.get("/api/v1/approvals/queue", headers=voda).json()
    assert [r["project_id"] for r in queue] == [project_id]
    case_a = queue[0]["case_id"]
    assert api.get(f"/api/v1/cases/{case_a}").status_code == 404  # no citizen's case
    assert api.get(f"/appeals/case/{case_a}").status_code == 404
    case_b = api.get("/api/v1/approvals/queue", headers=seti).json()[0]["case_id"]
    answer = api.post(
        f"/api/v1/approvals/requests/{case_a}/answer",
        json={"decision": "approved"},
        headers=voda,
    )
    assert answer.status_code == 200, answer.text
    refused = api.post(
        f"/api/v1/approvals/requests/{case_b}/answer",
        json={"decision": "refused", "text": "Трасса пересекает кабель 10 кВ"},
        headers=seti,
    ).json()
    assert refused["status"] == "refused"
    assert [o["owner"] for o in refused["owners"]] == [B]  # an owner sees its own request
    seen = api.get(f"/api/v1/approvals/{project_id}", headers=builder).json()
    assert {o["owner"]: o["decision_name"] for o in seen["owners"]} == {
        A: "согласовано",
        B: "отказано",
    }
    revision = {
        "note": "Обход кабеля",
        "documents": [{"name": "схема.png", "content_base64": _b64(png())}],
    }
    revised = api.post(f"/api/v1/approvals/{project_id}/revision", json=revision, headers=builder)
    assert revised.status_code == 200, revised.text
    body = revised.json()
    assert {o["owner"]: (o["decision"], o["round"]) for o in body["owners"]} == {
        A: ("approved", 1),
        B: (None, 2),
    }
    assert [d["media_type"] for d in body["documents"]] == ["application/pdf", "image/png"]
    assert api.get("/api/v1/approvals/queue", headers=voda).json() == []
    done = api.post(
        f"/api/v1/approvals/requests/{case_b}/answer",
        json={"decision": "conditions", "text": "Работы в присутствии представителя"},
        headers=seti,
    ).json()
    assert done["status"] == "approved" and done["total_seconds"] > 0
    read = api.get(f"/api/v1/approvals/{project_id}?lang=en", headers=builder).json()
    assert read["status_name"] == "approved by all"
    assert [e["action"] for e in read["events"] if e["owner"] == B] == [
        "sent", "answered", "revised", "answered",
    ]  # fmt: skip
    document = read["documents"][0]
    got = api.get(f"/api/v1/approvals/{project_id}/documents/{document['id']}", headers=voda)
    assert got.status_code == 200 and got.content == PDF
    assert got.headers["content-type"] == "application/pdf"


def test_more_documents_go_to_the_round_under_review(api: TestClient) -> None:
    builder = bearer(api, "builder")
    project_id = _file(api, builder)
    files = {"files": ("лист-2.pdf", PDF, "application/pdf")}
    answer = api.post(f"/api/v1/approvals/{project_id}/documents", files=files, headers=builder)
    assert answer.status_code == 200, answer.text
    assert [(d["name"], d["round"]) for d in answer.json()["documents"]] == [
        ("план.pdf", 1),
        ("лист-2.pdf", 1),
    ]
    bad = {"files": ("x.pdf", b"not a pdf", "application/pdf")}
    refused = api.post(f"/api/v1/approvals/{project_id}/documents", files=bad, headers=builder)
    assert refused.status_code == 422
    assert refused.json()["problems"][0]["path"] == "documents[0]"


def test_who_may_not_gets_403_and_nobody_anonymous(api: TestClient) -> None:
    builder, rival, voda = bearer(api, "builder"), bearer(api, "rival"), bearer(api, "op-voda")
    project_id = _file(api, builder)
    assert api.get(f"/api/v1/approvals/{project_id}", headers=rival).status_code == 403
    assert api.get("/api/v1/approvals", headers=rival).json() == []
    assert api.get("/api/v1/approvals", headers=bearer(api, "viewer")).status_code == 403
    assert api.get(f"/api/v1/approvals/{project_id}").status_code == 401
    assert api.post("/api/v1/approvals", json=PROJECT).status_code == 401
    assert api.post("/api/v1/approvals", json=PROJECT, headers=voda).status_code == 403
    case_b = api.get("/api/v1/approvals/queue", headers=bearer(api, "op-set")).json()[0]["case_id"]
    wrong_owner = api.post(
        f"/api/v1/approvals/requests/{case_b}/answer", json={"decision": "approved"}, headers=voda
    )
    assert wrong_owner.status_code == 403
    revision = {"documents": [{"name": "a.pdf", "content_base64": _b64(PDF)}]}
    other = api.post(f"/api/v1/approvals/{project_id}/revision", json=revision, headers=rival)
    assert other.status_code == 403
    document = api.get(f"/api/v1/approvals/{project_id}", headers=builder).json()["documents"][0]
    path = f"/api/v1/approvals/{project_id}/documents/{document['id']}"
    assert api.get(path, headers=rival).status_code == 403
    assert api.get("/api/v1/approvals/queue", headers=builder).status_code == 422  # no body


def test_missing_and_bad_input(api: TestClient) -> None:
    builder = bearer(api, "builder")
    assert api.get("/api/v1/approvals/424242", headers=builder).status_code == 404
    missing = api.post(
        "/api/v1/approvals/requests/424242/answer",
        json={"decision": "approved"},
        headers=bearer(api, "op-voda"),
    )
    assert missing.status_code == 404
    bad = PROJECT | {
        "works": "demolition",
        "applicant_inn": "12ab",
        "documents": [{"name": "a.pdf", "content_base64": "***"}],
    }
    answer = api.post("/api/v1/approvals", json=bad, headers=builder)
    assert answer.status_code == 422
    assert {p["path"] for p in answer.json()["problems"]} == {"documents[0]"}
    bad["documents"] = []
    answer = api.post("/api/v1/approvals", json=bad, headers=builder)
    problems = {p["path"]: p["message"] for p in answer.json()["problems"]}
    assert set(problems) == {"works", "applicant_inn"}
    assert "demolition" in problems["works"]
    assert api.get("/api/v1/approvals?status=lost", headers=builder).status_code == 422


def test_the_applicant_withdraws_its_project(api: TestClient) -> None:
    builder, rival = bearer(api, "builder"), bearer(api, "rival")
    project_id = _file(api, builder)
    path = f"/api/v1/approvals/{project_id}/withdrawal"
    assert api.post(path, json={"reason": "Отмена"}, headers=rival).status_code == 403
    answer = api.post(path, json={"reason": "Отмена работ"}, headers=builder)
    assert answer.status_code == 200, answer.text
    assert answer.json()["status"] == "withdrawn"
    assert api.get("/api/v1/approvals/queue", headers=bearer(api, "op-voda")).json() == []
    assert api.post(path, json={}, headers=builder).status_code == 422
