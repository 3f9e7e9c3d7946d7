"""The approvals' pages in-process: an applicant files a project typed on the form, sees each
owner's state and deadline on a map without the zones; an owner's operator sees the zones,
answers from its queue (overdue first); a refusal brings the revision form, which goes only to
the owner who refused; consent by silence reads as such; nobody reads another's project."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from approval_page_rows import (
    APPLICANT,
    PDF,
    POWER,
    TYPED_LINE,
    WATER,
    add_owners_and_accounts,
    moscow_map,
)
from builders import ROOT, WEB_PASSWORD, csrf_of, log_in
from tsifra.accounts.users import create_user, set_email
from tsifra.approvals.documents import DocumentDraft
from tsifra.approvals.projects import ProjectDraft, file_project
from tsifra.proactive.runs import run_rule
from tsifra.store import ApprovalProject, ProactiveNotice, session_scope, utcnow

MOSCOW_SITE = {"type": "Point", "coordinates": [37.61, 55.75]}


@pytest.fixture
def site(client, rated, tmp_path):
    applicant = add_owners_and_accounts(rated, moscow_map(tmp_path))
    return client, rated, applicant


def _form(client, **changes) -> dict:
    form = {
        "csrf": csrf_of(client, "/approvals/new"),
        "key": "k-" + str(len(changes)),
        "region": "RU-TA",
        "works": "excavation",
        "title": "Прокладка кабеля связи по ул. Баумана",
        "description": "Траншея 0,8 м",
        "applicant_name": "ООО «Стройка»",
        "shape": "line",
        "coordinates": TYPED_LINE,
        "geometry": "",
    }
    return form | changes


def _file(client, **changes) -> int:
    answer = client.post(
        "/approvals/new",
        data=_form(client, **changes),
        files=[("documents", ("scheme.pdf", PDF, "application/pdf"))],
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    found = re.fullmatch(r"/approvals/(\d+)\?done=filed", answer.headers["location"])
    assert found, answer.headers["location"]
    return int(found.group(1))


def _owner_row(html: str, owner: str) -> str:
    found = re.search(rf'<tr data-owner="{owner}"[^>]*>.*?</tr>', html, re.S)
    assert found, f"no row of {owner}"
    return found.group(0)


def test_an_applicant_is_sent_to_its_projects_and_sees_nothing_else(site) -> None:
    client, _, _ = site
    assert client.get("/approvals", follow_redirects=False).status_code == 303  # to sign in
    log_in(client, APPLICANT)
    page = client.get("/approvals")
    assert page.status_code == 200
    nav = page.text[page.text.index("<nav") : page.text.index("</nav>")]
    assert 'href="/approvals"' in nav and "Мои проекты" in nav
    assert "/federal" not in nav and "/tasks" not in nav and "/casework" not in nav
    assert "(заявитель" in nav
    assert 'id="projects-empty"' in page.text and 'href="/approvals/new"' in page.text
    new = client.get("/approvals/new?region=RU-TA")
    assert new.status_code == 200
    assert 'svg class="approval-map"' in new.text and 'data-draw="1"' in new.text
    assert "49,10" in new.text  # the grid around the region's networks, in Russian figures
    assert "map-zone" not in new.text  # an applicant never sees where the networks run


def test_officials_other_than_operators_and_admins_file_nothing(site) -> None:
    client, _, _ = site
    log_in(client, "analyst")
    assert client.get("/approvals/new").status_code == 403
    assert client.get("/approvals").status_code == 403


def test_a_typed_line_is_filed_to_the_two_owners_it_touches(site) -> None:
    client, _, _ = site
    log_in(client, APPLICANT)
    project = _file(client)
    page = client.get(f"/approvals/{project}?done=filed")
    assert page.status_code == 200
    html = page.text
    assert 'id="done"' in html and "<h1>Прокладка кабеля связи по ул. Баумана</h1>" in html
    owners = re.findall(r'<tr data-owner="([^"]+)"', html)
    assert owners == sorted([WATER, POWER])
    for owner in owners:
        row = _owner_row(html, owner)
        assert "ожидается ответ" in row
        assert re.search(r"до \d\d\.\d\d\.\d{4}", row)  # its deadline, a Moscow day
    assert re.search(r'id="project-due">.*все ответы — до \d\d\.\d\d\.\d{4}', html)
    assert 'data-status="under_review"' in html
    assert 'class="map-project"><path d="M' in html  # the line on the sketch
    assert "map-zone" not in html  # the zones are for officials
    assert "scheme.pdf" in html
    assert "answer-link" not in html  # the applicant does not answer
    listed = client.get("/approvals").text
    assert f'data-project="{project}"' in listed


def test_the_same_form_sent_twice_files_one_project(site) -> None:
    client, _, _ = site
    log_in(client, APPLICANT)
    first = _file(client, key="same-key")
    assert _file(client, key="same-key") == first


def test_a_line_that_does_not_read_is_named_and_the_form_kept(site) -> None:
    client, _, _ = site
    log_in(client, APPLICANT)
    answer = client.post(
        "/approvals/new", data=_form(client, coordinates="55.787, 49.105\nу моста")
    )
    assert answer.status_code == 422
    assert 'id="problems"' in answer.text
    assert "строка 2" in answer.text and "Координаты" in answer.text
    assert "Прокладка кабеля связи по ул. Баумана" in answer.text  # nothing typed is lost
    assert "у моста" in answer.text
    assert "data-project=" not in client.get("/approvals").text  # nothing half-filed


def test_an_owner_sees_the_zones_and_answers_and_the_applicant_revises(site) -> None:
    client, _, _ = site
    log_in(client, APPLICANT)
    project = _file(client)
    log_in(client, "vodokanal")
    queue = client.get("/approvals/queue")
    assert queue.status_code == 200
    cases = re.findall(r'<tr data-case="(\d+)"', queue.text)
    assert len(cases) == 1  # its own request only
    water_case = int(cases[0])
    page = client.get(f"/approvals/requests/{water_case}")
    assert page.status_code == 200
    assert 'id="answer-form"' in page.text
    assert f'data-owner="{WATER}"' in page.text and "map-zone" in page.text  # zones it touches
    refused = client.post(
        f"/approvals/requests/{water_case}",
        data={"csrf": csrf_of(client, "/approvals/queue"), "decision": "refused", "text": ""},
    )
    assert refused.status_code == 422 and 'id="problems"' in refused.text  # reasons needed
    refused = client.post(
        f"/approvals/requests/{water_case}",
        data={
            "csrf": csrf_of(client, "/approvals/queue"),
            "decision": "refused",
            "text": "Траншея ближе 5 м к водоводу",
        },
        follow_redirects=False,
    )
    assert refused.status_code == 303
    log_in(client, "setevaya")
    assert client.get(f"/approvals/requests/{water_case}").status_code in (403, 404)
    taken = client.post(
        f"/approvals/requests/{water_case}",
        data={"csrf": csrf_of(client, "/approvals/queue"), "decision": "approved"},
    )
    assert taken.status_code == 403  # not its request to answer
    power_case = int(re.findall(r'<tr data-case="(\d+)"', client.get("/approvals/queue").text)[0])
    client.post(
        f"/approvals/requests/{power_case}",
        data={"csrf": csrf_of(client, "/approvals/queue"), "decision": "approved"},
    )

    log_in(client, APPLICANT)
    html = client.get(f"/approvals/{project}").text
    assert 'data-status="refused"' in html and 'id="revision-form"' in html
    assert "Траншея ближе 5 м к водоводу" in _owner_row(html, WATER)
    assert "согласовано" in _owner_row(html, POWER)
    revised = client.post(
        f"/approvals/{project}/revision",
        data={"csrf": csrf_of(client, "/approvals"), "note": "Трасса сдвинута на 6 м"},
        files=[("documents", ("scheme-2.pdf", PDF, "application/pdf"))],
        follow_redirects=False,
    )
    assert revised.status_code == 303
    html = client.get(f"/approvals/{project}").text
    assert "ожидается ответ" in _owner_row(html, WATER)
    assert "<td>2</td>" in _owner_row(html, WATER)  # the second round went to it
    assert "<td>1</td>" in _owner_row(html, POWER)  # and not to the owner who approved
    assert 'id="revision-form"' not in html

    log_in(client, "vodokanal")
    client.post(
        f"/approvals/requests/{water_case}",
        data={"csrf": csrf_of(client, "/approvals/queue"), "decision": "approved"},
    )
    log_in(client, APPLICANT)
    html = client.get(f"/approvals/{project}?lang=en").text
    assert 'data-status="approved"' in html and 'id="project-total"' in html
    assert "The approval took" in html


def test_a_project_is_read_by_its_applicant_and_owners_only(site) -> None:
    client, _, _ = site
    log_in(client, APPLICANT)
    project = _file(client)
    page = client.get(f"/approvals/{project}").text
    document = re.search(rf'href="(/approvals/{project}/documents/\d+)"', page).group(1)
    assert client.get(document).content == PDF
    log_in(client, "viewer")
    assert client.get(f"/approvals/{project}").status_code == 403
    assert client.get(document).status_code == 403
    assert client.get("/approvals/999999").status_code == 404


def test_silence_reads_as_consent_where_the_terms_say_so_and_overdue_elsewhere(site) -> None:
    client, engine, applicant = site
    long_ago = utcnow() - timedelta(days=40)
    kazan = file_project(
        engine,
        ProjectDraft(region="RU-TA", works="excavation", title="Старый проект",
                     geometry={"type": "Point", "coordinates": [49.109, 55.786]},
                     applicant_name="ООО «Стройка»", documents=(DocumentDraft("a.pdf", PDF),)),
        account=applicant, now=long_ago,
    )  # fmt: skip
    moscow = [
        file_project(
            engine,
            ProjectDraft(
                region="RU-MOW",
                works="excavation",
                title=title,
                geometry=MOSCOW_SITE,
                applicant_name="ООО «Стройка»",
                documents=(DocumentDraft("a.pdf", PDF),),
            ),
            account=applicant,
            now=when,
        )
        for title, when in (("Свежий проект", utcnow()), ("Забытый проект", long_ago))
    ]
    log_in(client, APPLICANT)
    html = client.get(f"/approvals/{kazan}").text
    assert "молчание — согласие" in _owner_row(html, WATER) and 'data-status="approved"' in html
    html = client.get(f"/approvals/{moscow[1]}").text
    row = _owner_row(html, "ru-mow-teplo")
    assert "просрочено" in row and "ожидается ответ" in row  # Moscow's terms: no consent
    create_user(engine, "teplo", WEB_PASSWORD, "operator", region="RU-MOW", body="ru-mow-teplo")
    log_in(client, "teplo")
    queue = client.get("/approvals/queue").text
    assert queue.index("Забытый проект") < queue.index("Свежий проект")  # overdue first
    assert 'id="queue-overdue">1<' in queue


def test_an_uploaded_geojson_files_the_owner_whose_zone_edge_it_touches(site) -> None:
    client, _, _ = site
    log_in(client, APPLICANT)
    edge = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},
            "geometry": {"type": "Point", "coordinates": [49.140, 55.785]}}]}  # fmt: skip
    answer = client.post(
        "/approvals/new",
        data=_form(client, coordinates="", key="upload"),
        files=[
            ("geometry_file", ("site.geojson", json.dumps(edge).encode(), "application/geo+json")),
            ("documents", ("scheme.pdf", PDF, "application/pdf")),
        ],
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    html = client.get(answer.headers["location"]).text
    assert re.findall(r'<tr data-owner="([^"]+)"', html) == ["ru-ta-telecom"]


def test_a_document_of_another_kind_is_named_by_its_position(site) -> None:
    client, _, _ = site
    log_in(client, APPLICANT)
    answer = client.post(
        "/approvals/new",
        data=_form(client),
        files=[
            ("documents", ("scheme.pdf", PDF, "application/pdf")),
            ("documents", ("notes.txt", b"just text", "text/plain")),
        ],
    )
    assert answer.status_code == 422
    assert "<strong>Документы</strong> (documents[1])" in answer.text
    assert "notes.txt" in answer.text
    assert "data-project=" not in client.get("/approvals").text


def test_an_investors_proposal_fills_the_form_and_is_named_by_the_project(site) -> None:
    client, engine, _ = site
    run_rule(engine, ROOT / "examples" / "proactive" / "investor-rule.yaml")
    set_email(engine, APPLICANT, "investor-1@example.org")  # the first project's investor
    with session_scope(engine) as session:
        notices = {n.recipient: (n.id, n.key) for n in session.scalars(select(ProactiveNotice))}
    mine, key = notices["investor-1@example.org"]
    other, _ = notices["investor-2@example.org"]
    log_in(client, APPLICANT)
    assert client.get(f"/approvals/new?proposal={other}").status_code == 403  # not its own
    page = client.get(f"/approvals/new?proposal={mine}")
    assert page.status_code == 200
    html = page.text
    assert re.findall(r'<li data-owner="([^"]+)"', html) == [POWER, WATER]
    assert "Логистический склад «Образец»" in html and 'value="1600000001"' in html
    assert f'name="proposal" value="{mine}"' in html
    typed = re.search(r'<textarea name="coordinates"[^>]*>([^<]*)</textarea>', html).group(1)
    assert typed.splitlines()[0] == "55.786000, 49.104000"  # the site's corners, to check
    form = _form(client, coordinates=typed, shape="polygon", proposal=str(mine), key="prop")
    answer = client.post(
        "/approvals/new",
        data=form,
        files=[("documents", ("scheme.pdf", PDF, "application/pdf"))],
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    with session_scope(engine) as session:
        assert session.scalar(select(ApprovalProject.proposed_by)) == key
