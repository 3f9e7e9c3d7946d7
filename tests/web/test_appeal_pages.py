"""The citizen's pages: the appeal form (with and without a script), the confirm step with
similar cases, the tracking link shown once, rating and reopening by forms, the public case
and region pages with no personal data."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from builders import csrf_of
from feedback_rows import BODY, MARKED, add_bodies, add_case
from tsifra.cases.cases import answer_case, forward_case, register_case, take_case
from tsifra.store import session_scope
from tsifra.store.models import Case, CaseContact

LAT, LON = 55.7963, 49.1088
LEAF = "roads.pits.yard"


def form(client, **more) -> dict:
    return {
        "csrf": csrf_of(client, "/appeals/new"),
        "kind": "appeal",
        "region": "RU-TA",
        "category": LEAF,
        "text": "Яма во дворе дома 7, текст-PII-7",
        "address": "ул. Баумана, 7",
        "latitude": str(LAT),
        "longitude": str(LON).replace(".", ","),  # a Russian keyboard's decimal comma
        "seen_similar": "1",
        **{k: MARKED[k] for k in ("surname", "name", "email", "phone", "postal_address")},
        **more,
    }


def cases(engine) -> int:
    with session_scope(engine) as session:
        return session.scalar(select(func.count()).select_from(Case))


def test_the_form_works_on_its_own(client):
    page = client.get("/appeals/new?region=RU-TA")
    assert page.status_code == 200
    html = page.text
    assert html.count("<h1") == 1
    assert '<option value="RU-TA" selected>' in html
    assert f'<option value="{LEAF}">' in html and "<optgroup" in html
    assert 'maxlength="4000"' in html
    # every field has its label: inputs sit inside <label> (hidden ones excepted)
    for field in re.findall(r"<(?:input|select|textarea)\b[^>]*>", html):
        if 'type="hidden"' in field:
            continue
        name = re.search(r'name="([^"]+)"', field).group(1)
        assert re.search(r"<label[^>]*>[^<]*(?:<[^l/][^>]*>[^<]*)*" + re.escape(field), html) or (
            name in ("publish_text", "show_name", "files")
        ), name
    assert 'name="publish_text" value="1">' in html  # unchecked by default
    assert 'name="show_name" value="1">' in html
    assert "/static/appeals.js" in html


def test_sending_shows_the_tracking_link_once(client, rated):
    response = client.post("/appeals/new", data=form(client))
    assert response.status_code == 201, response.text
    link = re.search(r'href="(/appeals/track/[^"]+)"', response.text).group(1)
    assert "private" in response.headers["cache-control"]
    with session_scope(rated) as session:
        case = session.scalars(select(Case)).one()
        contact = session.get(CaseContact, case.id)
        assert (case.latitude, case.longitude) == (pytest.approx(LAT), pytest.approx(LON))
        assert contact.surname == MARKED["surname"]
        assert not case.publish_text and case.public_name is None
        assert link.rsplit("/", 1)[1] not in (case.tracking_sha256, "")
    tracked = client.get(link)
    assert tracked.status_code == 200
    assert "текст-PII-7" in tracked.text  # the citizen sees her own text
    assert "Подано" in tracked.text
    assert "МСК" in tracked.text and "UTC" not in tracked.text  # the law's days are Moscow's
    assert MARKED["email"] not in tracked.text  # the contact is not shown back
    # the same appeal again within minutes: the same case, no second link
    again = client.post("/appeals/new", data=form(client))
    assert again.status_code == 200
    assert "/appeals/track/" not in again.text
    assert cases(rated) == 1


def test_bad_input_comes_back_with_the_field_named(client, rated):
    response = client.post("/appeals/new", data=form(client, latitude="север", text="я" * 4001))
    assert response.status_code == 422
    assert 'id="problems"' in response.text and "север" in response.text
    assert "Маркерова-PII-7" in response.text  # the form comes back filled in
    assert cases(rated) == 0
    assert client.post("/appeals/new", data={**form(client), "csrf": "forged"}).status_code == 403


def test_similar_open_cases_make_a_confirm_step_without_a_script(client, rated):
    near = add_case(rated, region="RU-TA", category=LEAF, text="Ямы во дворах",
                    latitude=LAT + 0.001, longitude=LON)  # fmt: skip
    first = client.post("/appeals/new", data=form(client, seen_similar=""))
    assert first.status_code == 200
    assert 'id="similar-confirm"' in first.text
    assert f'href="/appeals/case/{near}"' in first.text
    assert "следить за ней" in first.text
    assert cases(rated) == 1  # nothing sent yet
    anyway = client.post("/appeals/new", data=form(client, seen_similar="1"))
    assert anyway.status_code == 201
    assert cases(rated) == 2


@pytest.fixture
def answered(client, rated):
    """A sent appeal, registered, forwarded to the roads body, taken and answered."""
    accounts = add_bodies(rated)
    sent = client.post("/appeals/new", data=form(client))
    link = re.search(r'href="(/appeals/track/[^"]+)"', sent.text).group(1)
    with session_scope(rated) as session:
        case_id = session.scalars(select(Case.id)).one()
        holder = session.get(Case, case_id).body
    from builders import WEB_PASSWORD
    from tsifra.accounts.users import authenticate

    region_operator = authenticate(rated, "operator", WEB_PASSWORD)
    roads = accounts["roads"]
    if holder is None:
        register_case(rated, region_operator, case_id)
        forward_case(rated, region_operator, case_id, BODY, "дороги")
    else:
        register_case(rated, roads, case_id)
    take_case(rated, roads, case_id)
    answer_case(rated, roads, case_id, "Засыпали щебнем")
    return link, case_id


def test_the_citizen_rates_then_reopens(client, rated, answered):
    link, case_id = answered
    page = client.get(link)
    assert 'id="rate-form"' in page.text and 'id="reopen-form"' in page.text
    assert "Засыпали щебнем" in page.text
    csrf = csrf_of(client, link)
    rated_answer = client.post(f"{link}/rating", data={"csrf": csrf, "rating": "2", "solved": "no"},
                               follow_redirects=False)  # fmt: skip
    assert rated_answer.status_code == 303
    after = client.get(rated_answer.headers["location"])
    assert 'id="done"' in after.text and 'id="rate-form"' not in after.text
    reopened = client.post(f"{link}/reopen", data={"csrf": csrf, "reason": "Яма снова"})
    assert reopened.status_code == 200  # after the redirect
    assert "В работе" in reopened.text
    with session_scope(rated) as session:
        case = session.get(Case, case_id)
        assert (case.status, case.reopened_count, case.rating) == ("in_progress", 1, 2)
    refused = client.post(f"{link}/rating", data={"csrf": csrf, "rating": "5", "solved": "yes"})
    assert refused.status_code == 422 and 'id="problems"' in refused.text


def test_unknown_tracking_links_are_not_found(client):
    assert client.get("/appeals/track/" + "a" * 43).status_code == 404
    assert client.get("/appeals/case/999999").status_code == 404
    assert client.get("/appeals/region/XX-XX").status_code == 404


def test_public_pages_hold_no_personal_data(client, rated):
    client.post("/appeals/new", data=form(client))
    shown = client.post("/appeals/new", data=form(client, text="Второй текст-PII-8",
                                                  publish_text="1", show_name="1"))  # fmt: skip
    assert shown.status_code == 201
    with session_scope(rated) as session:
        first, second = session.scalars(select(Case.id).order_by(Case.id)).all()
    hidden_page = client.get(f"/appeals/case/{first}")
    shown_page = client.get(f"/appeals/case/{second}")
    region = client.get("/appeals/region/RU-TA")
    for response in (hidden_page, shown_page, region):
        assert response.status_code == 200
        for field in ("email", "phone", "postal_address"):
            assert MARKED[field] not in response.text
    assert "текст-PII-7" not in hidden_page.text + region.text
    assert MARKED["surname"] not in hidden_page.text + region.text
    assert "Второй текст-PII-8" in shown_page.text  # published by the citizen's choice
    assert 'id="by-category"' in region.text and 'id="cases-list"' in region.text
    assert f'href="/appeals/case/{first}"' in region.text
