"""The executor's pages: the queue (overdue first), a case with its contact shown on request
and audited, a form for each step, refusals for other bodies and for viewers."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from PIL import Image
from sqlalchemy import select

from builders import csrf_of, log_in
from feedback_rows import BODY, MARKED, add_bodies, add_case
from tsifra.store import session_scope, utcnow
from tsifra.store.models import Case, CaseEvent, CaseFile

PROMISED = (utcnow().date() + timedelta(days=60)).isoformat()  # a fix date ahead
LEAF = "roads.pits.yard"


def png() -> bytes:
    """A small real PNG, as a phone would send."""
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 120, 40)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def work(client, rated):
    add_bodies(rated)
    now = utcnow()
    ids = {
        "late": add_case(rated, region="RU-TA", category=LEAF, body=BODY, status="registered",
                         registered_at=now - timedelta(days=40), due_at=now - timedelta(days=2),
                         text="Просроченная яма", submitted_at=now - timedelta(days=41)),
        "fresh": add_case(rated, region="RU-TA", category=LEAF, body=BODY, status="registered",
                          registered_at=now, due_at=now + timedelta(days=29),
                          text="Свежая яма", submitted_at=now),
    }  # fmt: skip
    return client, rated, ids


def test_only_signed_in_operators_see_a_queue(client):
    assert client.get("/casework", follow_redirects=False).status_code == 303
    log_in(client, "viewer")
    assert client.get("/casework").status_code == 403


def test_the_body_queue_puts_the_overdue_first(work):
    client, _, ids = work
    log_in(client, "roads")
    page = client.get("/casework")
    assert page.status_code == 200
    html = page.text
    assert 'id="case-queue"' in html
    assert html.index(f"/casework/{ids['late']}") < html.index(f"/casework/{ids['fresh']}")
    assert "просрочено" in html
    for value in MARKED.values():
        assert value not in html


def test_the_contact_is_shown_on_request_and_audited(work):
    client, engine, ids = work
    log_in(client, "roads")
    page = client.get(f"/casework/{ids['fresh']}")
    assert page.status_code == 200
    assert "Свежая яма" in page.text  # the body reads the full text
    assert MARKED["surname"] not in page.text
    assert 'id="show-contact"' in page.text
    shown = client.get(f"/casework/{ids['fresh']}?contact=1")
    assert MARKED["surname"] in shown.text and MARKED["email"] in shown.text
    with session_scope(engine) as session:
        actions = session.scalars(
            select(CaseEvent.action).where(CaseEvent.case_id == ids["fresh"])
        ).all()
    assert "contact_read" in actions


def test_another_body_is_refused(work):
    client, _, ids = work
    log_in(client, "light")
    assert client.get(f"/casework/{ids['fresh']}").status_code == 403
    assert client.get(f"/casework/{ids['fresh']}?contact=1").status_code == 403


def test_steps_by_their_forms(work):
    client, engine, ids = work
    log_in(client, "roads")
    case = ids["fresh"]
    csrf = csrf_of(client, f"/casework/{case}")
    page = client.get(f"/casework/{case}").text
    assert 'id="step-take"' in page and 'id="step-answer"' not in page
    took = client.post(f"/casework/{case}/take", data={"csrf": csrf}, follow_redirects=False)
    assert took.status_code == 303
    # an illegal step: closing a case in progress is refused with a clear message
    refused = client.post(f"/casework/{case}/close", data={"csrf": csrf})
    assert refused.status_code == 422 and 'id="problems"' in refused.text
    reason = "Нужна экспертиза"
    extended = client.post(
        f"/casework/{case}/extend", data={"csrf": csrf, "days": "10", "reason": reason}
    )
    assert extended.status_code == 200 and "срок продлён" in extended.text
    answered = client.post(
        f"/casework/{case}/answer",
        data={"csrf": csrf, "text": "Засыпали", "promised_on": PROMISED},
        files=[("after", ("после.png", png(), "image/png"))],
    )
    assert answered.status_code == 200, answered.text
    assert "Дан ответ" in answered.text
    with session_scope(engine) as session:
        stored = session.get(Case, case)
        assert stored.status == "answered" and stored.extended_at is not None
        purposes = session.scalars(select(CaseFile.purpose).where(CaseFile.case_id == case)).all()
    assert purposes == ["after"]
    assert re.search(r'href="/casework/\d+/files/\d+"', answered.text)
    no_token = client.post(f"/casework/{case}/comment", data={"reason": "x"})
    assert no_token.status_code == 403
