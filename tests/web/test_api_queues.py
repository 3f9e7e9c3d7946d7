"""The queues API: a body's queue for its operators (bearer or cookie), overdue first with the
time left in words, the triage queue for the region's operators, 403 for anyone else, and no
applicant's contact in an answer."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from builders import WEB_PASSWORD, bearer, log_in
from case_rows import body_operator, make_case, set_body
from tsifra.cases.bodies import load_bodies
from tsifra.store import session_scope, utcnow
from tsifra.store.models import CaseContact

PII = ("Маркерова-PII-7", "pii7@example.org", "+7 900 000-77-77")


@pytest.fixture
def queued(client: TestClient, tmp_path: Path) -> dict:
    engine = client.app.state.engine
    bodies = tmp_path / "bodies.csv"
    bodies.write_text("code,region,name_ru,name_en,kind\nta-roads,RU-TA,Минтранс,Roads,regional\n")
    load_bodies(engine, bodies)
    set_body(engine, "operator", "ta-roads")  # the fixtures' operator of RU-TA works for it
    body_operator(engine, "triager", "RU-TA", None, WEB_PASSWORD)
    now = utcnow()
    with session_scope(engine) as session:
        late = make_case(session, now, body="ta-roads", due_at=now - timedelta(hours=30))
        soon = make_case(session, now, body="ta-roads", due_at=now + timedelta(days=3, hours=2))
        loose = make_case(session, now, status="submitted", register_by=now + timedelta(days=1))
        surname, email, phone = PII
        session.add(CaseContact(case_id=late, surname=surname, email=email, phone=phone))
    return {"late": late, "soon": soon, "loose": loose}


def test_a_bodys_queue_overdue_first(client: TestClient, queued: dict) -> None:
    answer = client.get("/api/v1/queues/ta-roads", headers=bearer(client, "operator"))
    assert answer.status_code == 200, answer.text
    queue = answer.json()
    assert (queue["body"], queue["body_name"], queue["total"], queue["overdue"]) == (
        "ta-roads",
        "Минтранс",
        2,
        1,
    )
    late, soon = queue["items"]
    assert (late["id"], soon["id"]) == (queued["late"], queued["soon"])
    assert late["overdue"] and late["seconds_left"] < 0 and late["step"] == "answer"
    assert late["left"].startswith("просрочено на 1 дн.")
    assert soon["left"].startswith("осталось 3 дн.")
    assert late["category_name"] and late["category_name"] != late["category"]
    assert not any(value in answer.text for value in PII)
    english = client.get("/api/v1/queues/ta-roads?lang=en", headers=bearer(client, "admin"))
    assert english.json()["items"][0]["left"].startswith("overdue by 1 d")
    assert english.json()["body_name"] == "Roads"


def test_the_cookie_serves_as_well(client: TestClient, queued: dict) -> None:
    log_in(client, "operator")
    assert client.get("/api/v1/queues/ta-roads").json()["total"] == 2


def test_paging(client: TestClient, queued: dict) -> None:
    page = client.get("/api/v1/queues/ta-roads?limit=1&offset=1", headers=bearer(client, "admin"))
    assert [i["id"] for i in page.json()["items"]] == [queued["soon"]]
    too_many = client.get("/api/v1/queues/ta-roads?limit=100000", headers=bearer(client, "admin"))
    assert too_many.status_code == 422


def test_triage_for_the_regions_operators(client: TestClient, queued: dict) -> None:
    answer = client.get("/api/v1/queues/triage/RU-TA", headers=bearer(client, "triager"))
    assert answer.status_code == 200, answer.text
    assert [i["id"] for i in answer.json()["items"]] == [queued["loose"]]
    assert answer.json()["items"][0]["step"] == "register"


def test_others_are_refused(client: TestClient, queued: dict) -> None:
    assert client.get("/api/v1/queues/ta-roads").status_code == 401
    for login in ("viewer", "analyst", "triager"):
        answer = client.get("/api/v1/queues/ta-roads", headers=bearer(client, login))
        assert answer.status_code == 403, login
    refused = client.get("/api/v1/queues/triage/RU-TA", headers=bearer(client, "operator"))
    assert refused.status_code == 403
    nobody = client.get("/api/v1/queues/nobody", headers=bearer(client, "operator"))
    assert nobody.status_code == 403
    unknown = client.get("/api/v1/queues/nobody", headers=bearer(client, "admin"))
    assert unknown.status_code == 422 and unknown.json()["problems"][0]["path"] == "body"
