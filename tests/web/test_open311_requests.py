"""Open311 service requests: filing as a civic app does (form-encoded, `api_key`,
`attribute[...]`, a `media` file), retries, problems named by the client's own fields, and
reading with the spec's filters and the extensions, every answer valid under the schemas and
free of what the citizen typed about themselves (SQLite and PostgreSQL)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from open311_check import assert_errors, json_of, validate, xml_of
from PIL import Image
from sqlalchemy import Engine, func, select

from tsifra.accounts import create_user
from tsifra.cases.cases import answer_case, register_case, take_case
from tsifra.cases.clients import add_client
from tsifra.store import Body, Case, CaseEvent, session_scope, utcnow
from tsifra.web import create_app
from tsifra.web.settings import Settings

V2 = "/open311/v2"
SURNAME, FIRST, EMAIL, PHONE = "Маркерова-PII-7", "Ия-PII-7", "pii-7@example.org", "+79000007777"
MARKED = (SURNAME, FIRST, EMAIL, PHONE, "79000007777")
TEXT = "Глубокая яма во дворе у третьего подъезда"


@pytest.fixture
def app_engine(store: Engine) -> Engine:
    with session_scope(store) as session:
        session.add(Body(code="klu-roads", region="RU-KLU", name_ru="Минтранс Калужской области",
                         name_en="Kaluga Ministry of Transport", kind="regional"))  # fmt: skip
    return store


@pytest.fixture
def client(app_engine: Engine) -> Iterator[TestClient]:
    url = app_engine.url.render_as_string(hide_password=False)
    app = create_app(Settings(database_url=url, secret_key="test-" * 10))
    app.state.api_key = add_client(app_engine, "city-app")
    with TestClient(app) as test_client:
        yield test_client
    app.state.engine.dispose()


def form(client: TestClient, **extra: str) -> dict[str, str]:
    return {
        "api_key": client.app.state.api_key,
        "service_code": "roads.pits.yard",
        "lat": "54.5293",
        "long": "36.2754",
        "address_string": "Калуга, ул. Ленина, 1",
        "description": TEXT,
        "first_name": FIRST,
        "last_name": SURNAME,
        "email": EMAIL,
        "phone": PHONE,
        "attribute[publish]": "no",
    } | extra


def cases(engine: Engine) -> int:
    with session_scope(engine) as session:
        return session.scalar(select(func.count()).select_from(Case))


def assert_no_personal_data(*answers) -> None:
    for answer in answers:
        text = answer.content.decode()
        for marked in MARKED:
            assert marked not in text, (marked, answer.url)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_client_files_a_request_and_anyone_reads_it(
    client: TestClient, app_engine: Engine, fmt: str
) -> None:
    posted = client.post(f"{V2}/requests.{fmt}", data=form(client))
    assert posted.status_code == 200, posted.text
    if fmt == "json":
        (answer,) = json_of(posted)
        request_id, tracking = answer["service_request_id"], answer["tracking_url"]
        assert answer["account_id"] is None and "expected_datetime" in answer["service_notice"]
    else:
        root = xml_of(posted)
        assert root.tag == "service_requests" and [e.tag for e in root] == ["request"]
        request_id = root.findtext("request/service_request_id")
        tracking = root.findtext("request/tracking_url")
    assert request_id.isdigit() and "/appeals/track/" in tracking
    with session_scope(app_engine) as session:
        case = session.get(Case, int(request_id))
        assert (case.channel, case.kind, case.region) == ("open311", "message", "RU-KLU")
        assert case.client_id is not None and case.publish_text is False
        actor = session.scalar(select(CaseEvent.actor).where(CaseEvent.case_id == case.id))
        assert actor == "client:city-app"
        register_by = case.register_by

    one = client.get(f"{V2}/requests/{request_id}.json")
    (request,) = json_of(one)
    validate([request], "requests.json")
    assert request["service_request_id"] == request_id
    assert (request["status"], request["external_status_code"]) == ("open", "submitted")
    assert request["service_name"] == "Ямы во дворе и на проезде"
    assert request["description"] is None  # not published without consent
    assert request["lat"] == pytest.approx(54.5293) and request["address"].startswith("Калуга")
    assert request["expected_datetime"] == (register_by + timedelta(hours=3)).isoformat() + "+03:00"
    assert [n["action"] for n in request["notes"]] == ["submitted"]
    assert "раб. дн." in request["service_notice"]
    root = xml_of(client.get(f"{V2}/requests/{request_id}.xml"))
    assert root.tag == "service_requests" and root.find("request/status").text == "open"
    assert root.find("request/description").text is None
    listed = client.get(f"{V2}/requests.{fmt}")
    assert request_id in listed.text
    assert_no_personal_data(posted, one, listed, client.get(f"{V2}/requests/{request_id}.xml"))
    assert tracking.rsplit("/", 1)[-1] not in one.text + listed.text


def test_a_retry_gets_the_first_id_and_an_idempotency_key_is_kept(
    client: TestClient, app_engine: Engine
) -> None:
    first = client.post(f"{V2}/requests.json", data=form(client)).json()[0]
    again = client.post(f"{V2}/requests.json", data=form(client)).json()[0]
    assert again["service_request_id"] == first["service_request_id"]
    assert "tracking_url" not in again  # the link is shown once
    keyed = {"Idempotency-Key": "a1b2c3"}
    one = client.post(f"{V2}/requests.json", data=form(client, description="другая яма"),
                      headers=keyed).json()[0]  # fmt: skip
    two = client.post(f"{V2}/requests.json", data=form(client, description="третья яма"),
                      headers=keyed).json()[0]  # fmt: skip
    assert one["service_request_id"] == two["service_request_id"] != first["service_request_id"]
    assert cases(app_engine) == 2


def test_every_problem_is_named_by_the_field_the_client_sent(
    client: TestClient, app_engine: Engine
) -> None:
    bad = form(client, lat="north", description="", service_code="roads.pits",
               **{"attribute[colour]": "red", "attribute[kind]": "incident"})  # fmt: skip
    lines = assert_errors(client.post(f"{V2}/requests.json", data=bad), 400)
    fields = sorted(line.split(":", 1)[0] for line in lines)
    assert fields == ["attribute[colour]", "attribute[kind]", "description", "lat", "service_code"]
    nowhere = form(client, lat="", long="", address_string="")
    assert_errors(client.post(f"{V2}/requests.xml", data=nowhere), 400, "address_string")
    wrong_mail = form(client, email="not-an-address")
    lines = assert_errors(client.post(f"{V2}/requests.json", data=wrong_mail), 400, "email:")
    assert "not-an-address" not in " ".join(lines)  # a contact is never echoed
    assert cases(app_engine) == 0  # nothing half-written


def test_several_regions_need_a_jurisdiction(client: TestClient, app_engine: Engine) -> None:
    with session_scope(app_engine) as session:
        session.add(Body(code="che-roads", region="RU-CHE", name_ru="Дороги", kind="regional"))
    assert_errors(client.post(f"{V2}/requests.json", data=form(client)), 400, "jurisdiction_id")
    assert_errors(
        client.post(f"{V2}/requests.json", data=form(client, jurisdiction_id="RU-ZZ")), 400, "RU-ZZ"
    )
    filed = client.post(f"{V2}/requests.json?jurisdiction_id=RU-CHE", data=form(client))
    assert filed.status_code == 200, filed.text
    with session_scope(app_engine) as session:
        assert session.scalar(select(Case.region)) == "RU-CHE"
    assert client.get(f"{V2}/requests.json?jurisdiction_id=RU-KLU").json() == []
    assert len(client.get(f"{V2}/requests.json?jurisdiction_id=RU-CHE").json()) == 1


def _png() -> bytes:
    image = Image.new("RGB", (8, 8), (200, 30, 30))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def test_a_media_file_is_kept_and_public_only_with_the_text(
    client: TestClient, app_engine: Engine
) -> None:
    picture = {"media": ("pit.png", _png(), "image/png")}
    published = form(client, **{"attribute[publish]": "yes"})
    answer = client.post(f"{V2}/requests.json", data=published, files=picture)
    assert answer.status_code == 200, answer.text
    request_id = answer.json()[0]["service_request_id"]
    (request,) = client.get(f"{V2}/requests/{request_id}.json").json()
    assert request["description"] == TEXT
    media = client.get(request["media_url"].replace("http://testserver", ""))
    assert media.status_code == 200 and media.headers["content-type"] == "image/png"
    assert media.content.startswith(b"\x89PNG")
    assert media.headers["content-disposition"] == "inline"
    validate([request], "requests.json")

    private = client.post(f"{V2}/requests.json", data=form(client, description="ещё яма"),
                          files=picture).json()[0]  # fmt: skip
    (hidden,) = client.get(f"{V2}/requests/{private['service_request_id']}.json").json()
    assert hidden["media_url"] is None and hidden["description"] is None
    before = cases(app_engine)
    not_a_picture = {"media": ("pit.png", b"MZ\x90\x00 not an image", "image/png")}
    refused = client.post(f"{V2}/requests.json", data=form(client, description="третья"),
                          files=not_a_picture)  # fmt: skip
    assert_errors(refused, 400, "media:")
    assert cases(app_engine) == before
    with_url = client.post(
        f"{V2}/requests.json",
        data=form(client, description="четвёртая", media_url="http://x/y.jpg"),
    )
    assert "media_url" in with_url.json()[0]["service_notice"]  # fmt: skip


def test_a_request_follows_the_case_to_its_answer(client: TestClient, app_engine: Engine) -> None:
    filed = client.post(f"{V2}/requests.json", data=form(client, **{"attribute[publish]": "yes"}))
    case_id = int(filed.json()[0]["service_request_id"])
    operator = create_user(app_engine, "klu-op", "long-enough-pass", "operator", region="RU-KLU",
                           body="klu-roads")  # fmt: skip
    with session_scope(app_engine) as session:
        session.get(Case, case_id).body = "klu-roads"
    now = utcnow()
    register_case(app_engine, operator, case_id, now=now + timedelta(minutes=1))
    take_case(app_engine, operator, case_id, now=now + timedelta(minutes=2))
    answer_case(
        app_engine, operator, case_id, "Яму засыплем до пятницы", now=now + timedelta(minutes=3)
    )
    (request,) = client.get(f"{V2}/requests/{case_id}.json").json()
    validate([request], "requests.json")
    assert (request["status"], request["external_status_code"]) == ("closed", "answered")
    assert request["agency_responsible"] == "Минтранс Калужской области"
    assert request["status_notes"] == "Яму засыплем до пятницы"
    assert [n["action"] for n in request["notes"]] == [
        "submitted",
        "registered",
        "taken",
        "answered",
    ]
    assert request["expected_datetime"] != request["requested_datetime"]
    english = client.get(f"{V2}/requests/{case_id}.json?lang=en").json()[0]
    assert english["agency_responsible"] == "Kaluga Ministry of Transport"
    closed = client.get(f"{V2}/requests.json?status=closed").json()
    assert [r["service_request_id"] for r in closed] == [str(case_id)]
    assert client.get(f"{V2}/requests.json?status=open").json() == []
    moment = (now + timedelta(minutes=2, seconds=30) + timedelta(hours=3)).isoformat()
    updated = client.get(f"{V2}/requests.json", params={"updated_after": moment + "+03:00"})
    assert [r["service_request_id"] for r in updated.json()] == [str(case_id)]


def test_lists_page_and_keep_to_the_default_window(client: TestClient, app_engine: Engine) -> None:
    ids = []
    for n in range(5):
        answer = client.post(f"{V2}/requests.json", data=form(client, description=f"яма {n}"))
        ids.append(answer.json()[0]["service_request_id"])
    with session_scope(app_engine) as session:  # the first was filed long ago
        session.get(Case, int(ids[0])).submitted_at = datetime(2020, 1, 1)
    listed = client.get(f"{V2}/requests.json").json()
    assert [r["service_request_id"] for r in listed] == ids[:0:-1]  # newest first, 90 days
    validate(listed, "requests.json")
    page = client.get(f"{V2}/requests.json?page=2&page_size=2")
    assert [r["service_request_id"] for r in page.json()] == [ids[2], ids[1]]
    assert page.headers["x-total-count"] == "4"
    window = {"start_date": "2019-12-31T00:00:00Z", "end_date": "2020-01-02T00:00:00Z"}
    old = client.get(f"{V2}/requests.json", params=window)
    assert [r["service_request_id"] for r in old.json()] == [ids[0]]
    chosen = client.get(f"{V2}/requests.xml", params={"service_request_id": f"{ids[0]},{ids[3]}",
                                                      "status": "closed"})  # fmt: skip
    found = [e.findtext("service_request_id") for e in xml_of(chosen)]
    assert found == [ids[3], ids[0]]  # a list of ids overrides every other filter
    assert client.get(f"{V2}/requests.json?service_code=yards").json() == []
    assert len(client.get(f"{V2}/requests.json?service_code=roads").json()) == 4
    assert_errors(client.get(f"{V2}/requests/{10**9}.json"), 404)
    assert_errors(client.get(f"{V2}/requests/abc.xml"), 404)
