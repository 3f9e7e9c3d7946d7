"""The paying body's page and API of a compensation case: the cause and the amounts shown, the
contact only on request, approve then pay by the document (with its scan), nobody else may."""

from __future__ import annotations

import base64

import pytest
from sqlalchemy import select

from builders import WEB_PASSWORD, csrf_of, log_in
from compensation_rows import (
    MONDAY,
    OTHER_BODY,
    PAYER,
    REGION,
    add_bodies,
    rule,
    start_run,
    write_register,
)
from tsifra.accounts.users import create_user, set_user_body
from tsifra.proactive import compensation
from tsifra.store import AuditEntry, Case, session_scope

PDF = b"%PDF-1.4\n% a payment order\n"


@pytest.fixture
def opened(client, rated, tmp_path):
    add_bodies(rated)
    for login, body in (("payer-op", PAYER), ("roads-op", OTHER_BODY)):
        create_user(rated, login, WEB_PASSWORD, "operator", region=REGION)
        set_user_body(rated, login, body)
    the_rule = rule()
    compensation.run(
        rated,
        the_rule,
        write_register(tmp_path / "r.csv"),
        run_id=start_run(rated, the_rule),
        now=MONDAY,
        actor="test",
    )
    with session_scope(rated) as session:
        case_id = session.scalar(
            select(Case.id).where(Case.kind == "compensation").order_by(Case.id)
        )
    return client, rated, case_id


def test_the_body_sees_the_cause_and_approves_then_pays(opened):
    client, _, case_id = opened
    log_in(client, "payer-op")
    page = client.get(f"/compensation/{case_id}")
    assert page.status_code == 200
    html = page.text
    assert "Ждёт решения органа" in html and "tyu-flood-compensation" in html and "ДХ-001" in html
    assert "80\u00a0000\u00a0₽" in html
    assert "Маркерова-PII-1" not in html  # the contact only when asked for
    assert 'id="approve-form"' in html
    shown = client.get(f"/compensation/{case_id}?contact=1").text
    assert "Маркерова-PII-1" in shown and "Приречная-PII-1" in shown
    token = csrf_of(client, f"/compensation/{case_id}")
    done = client.post(
        f"/compensation/{case_id}/approve",
        data={"csrf": token, "amount": "80 000"},
        follow_redirects=False,
    )
    assert done.status_code == 303
    page = client.get(f"/compensation/{case_id}?done=1").text
    assert "Одобрено, ждёт выплаты" in page and 'id="pay-form"' in page
    bad = client.post(
        f"/compensation/{case_id}/pay",
        data={"csrf": token, "document_number": "", "document_date": "завтра"},
    )
    assert bad.status_code == 422 and 'id="problems"' in bad.text
    paid = client.post(
        f"/compensation/{case_id}/pay",
        data={"csrf": token, "document_number": "ПП-77", "document_date": "2026-06-03"},
        files={"document": ("order.pdf", PDF, "application/pdf")},
        follow_redirects=False,
    )
    assert paid.status_code == 303
    page = client.get(f"/compensation/{case_id}").text
    assert "Выплачено" in page and "ПП-77" in page and "03.06.2026" in page
    assert client.get(f"/compensation/{case_id}?lang=en").text.count("Paid") >= 1


def test_another_body_is_refused_and_recorded(opened):
    client, rated, case_id = opened
    assert client.get(f"/compensation/{case_id}", follow_redirects=False).status_code == 303
    log_in(client, "roads-op")
    assert client.get(f"/compensation/{case_id}").status_code == 403
    token = csrf_of(client, "/")
    refused = client.post(f"/compensation/{case_id}/approve", data={"csrf": token, "amount": "1"})
    assert refused.status_code == 403
    with session_scope(rated) as session:
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.actor == "roads-op")
        ).all()
    assert "refused.compensation.read" in actions and "refused.compensation.approve" in actions


def test_the_api_reads_approves_and_pays_for_the_body_only(opened):
    client, _, case_id = opened
    assert client.get(f"/api/v1/compensation/{case_id}").status_code == 401
    log_in(client, "roads-op")
    token = {"X-CSRF-Token": csrf_of(client, "/")}
    approve = client.post(
        f"/api/v1/compensation/{case_id}/approve", json={"amount": 80000}, headers=token
    )
    assert approve.status_code == 403
    client.post("/logout", data={"csrf": token["X-CSRF-Token"]})
    log_in(client, "payer-op")
    token = {"X-CSRF-Token": csrf_of(client, "/")}
    read = client.get(f"/api/v1/compensation/{case_id}")
    assert read.status_code == 200 and read.json()["stage"] == "opened"
    assert read.json()["rule"] == "tyu-flood-compensation" and read.json()["record_key"] == "ДХ-001"
    assert "Маркерова-PII-1" not in read.text
    assert client.get("/api/v1/compensation/999999").status_code == 404
    approved = client.post(
        f"/api/v1/compensation/{case_id}/approve", json={"amount": 80000}, headers=token
    )
    assert approved.status_code == 200 and approved.json()["amount_approved"] == 80000
    scan = base64.b64encode(PDF).decode()
    paid = client.post(
        f"/api/v1/compensation/{case_id}/pay",
        json={
            "document_number": "ПП-78",
            "document_date": "2026-06-03",
            "document_name": "order.pdf",
            "document_base64": scan,
        },
        headers=token,
    )
    assert paid.status_code == 200, paid.text
    assert paid.json()["stage"] == "paid" and paid.json()["document_file"] is not None
    again = client.post(
        f"/api/v1/compensation/{case_id}/approve", json={"amount": 1}, headers=token
    )
    assert again.status_code == 422 and again.json()["problems"][0]["code"] == "comp_not_opened"


def test_the_body_finds_it_in_its_queue_and_the_case_page_leads_to_it(opened):
    client, _, case_id = opened
    log_in(client, "payer-op")
    queue = client.get("/casework")
    assert queue.status_code == 200 and f"/casework/{case_id}" in queue.text
    moved = client.get(f"/casework/{case_id}", follow_redirects=False)
    assert moved.status_code == 303 and moved.headers["location"] == f"/compensation/{case_id}"
