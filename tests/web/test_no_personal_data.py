"""No public answer carries what a citizen typed about themselves.

Cases are filed with MARKED personal data (surname, name, e-mail, phone, postal address) and a
private text through every submission path there is (the core's service, Open311, the JSON API,
the citizen's form); then EVERY GET route of the app (read
from `app.routes`, so that a route added later is walked too, and fails here if it leaks) is
requested with its path parameters filled from what was seeded (case ids, regions, categories,
file ids, Open311's `.json` and `.xml`), anonymously and as a viewer, an analyst, a regional
operator and an operator of ANOTHER body than the one answering. No answer may hold a mark;
the exports (XLSX: zipped XML) are unpacked first, JSON read without its escapes.

The only answers allowed to show the applicant's own words are the citizen's tracking page
(`{token}`: the link is the citizen's secret) and the pages of readers the core's policy lets
read a case's full text (`TEXT_READERS`), and only the text: never the contact.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select, update

from builders import WEB_PASSWORD, log_in
from protection_rows import BODIES, add_bodies
from tsifra.accounts import create_user
from tsifra.store import Case, CaseFile, User, session_scope
from tsifra.web import create_app
from tsifra.web.settings import Settings

pytestmark = pytest.mark.slow

CONTACT = {
    "surname": "Маркерова-PII-7",
    "name": "Приватия-PII-7",
    "email": "pii-7@marked.example",
    "phone": "+7 999 000-77-77",
    "postal_address": "ул. Скрытая-PII-7, д. 7",
}
PRIVATE = "Личный-текст-SECRET-7 во дворе яма"
CONTACT_MARKS = ("PII-7", "pii-7", "000-77-77", "0007777")
TEXT_MARKS = ("SECRET-7",)
READERS = (None, "viewer", "analyst", "operator", "housing-op")
# Who reads a case's full text by the case core's policy (`accounts.users.can_read_case`):
# the region's operators without a body (triage). Never the contact; and never for a federal
# analyst (59-ФЗ ст. 6 ч. 2: the content is not disclosed without the citizen's consent).
TEXT_READERS = {"operator"}


@dataclass
class Seeded:
    client: TestClient
    engine: Engine
    case_ids: list[int]
    tokens: list[str]
    file_ids: list[int]


@pytest.fixture
def backend() -> str:
    """SQLite: the walk is about the routes; the services below run on both in their tests."""
    return "sqlite"


@pytest.fixture
def seeded(rated: Engine) -> Iterator[Seeded]:
    from tsifra.cases.cases import CaseDraft, ContactDraft, attach_file, submit_case

    add_bodies(rated)
    for login, body in (("roads-op", BODIES[0]), ("housing-op", BODIES[1])):
        create_user(rated, login, WEB_PASSWORD, "operator", region="RU-TA")
        with session_scope(rated) as session:
            session.execute(update(User).where(User.login == login).values(body=body))
    url = rated.url.render_as_string(hide_password=False)
    app = create_app(Settings(database_url=url, secret_key="test-" * 10))
    ids, tokens = [], []
    contact = ContactDraft(**CONTACT)
    for n, publish in enumerate((False, True)):
        draft = CaseDraft(
            kind="appeal",
            category="roads.pits.yard",
            region="RU-TA",
            text=f"{PRIVATE} {n}" if not publish else f"Яма во дворе у дома {n}",
            address="Казань, ул. Баумана, 1",
            latitude=55.79,
            longitude=49.12,
            contact=contact,
            publish_text=publish,
        )
        submitted = submit_case(rated, draft)
        ids.append(submitted.case_id)
        tokens.append(submitted.tracking_token)
    with TestClient(app) as client:
        ids += _through_open311(client, rated)
        case_id, token = _through_the_api(client)
        ids.append(case_id)
        tokens.append(token)
        case_id, token = _through_the_form(client, rated)
        ids.append(case_id)
        tokens.append(token)
        with session_scope(rated) as session:  # as routing or forwarding would have it
            session.execute(update(Case).where(Case.id.in_(ids)).values(body=BODIES[0]))
        attach_file(rated, ids[0], "yard.png", _png(), "attachment", "citizen")
        with session_scope(rated) as session:
            files = list(session.scalars(select(CaseFile.id)))
        yield Seeded(client, rated, ids, tokens, files)
    app.state.engine.dispose()


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), "gray").save(out, "PNG")
    return out.getvalue()


def _through_open311(client: TestClient, engine: Engine) -> list[int]:
    """A civic app's request with the contact in the spec's fields."""
    from tsifra.cases.clients import add_client

    key = add_client(engine, "civic-app")
    form = {
        "api_key": key,
        "jurisdiction_id": "RU-TA",
        "service_code": "roads.pits.yard",
        "lat": "55.79",
        "long": "49.12",
        "description": f"{PRIVATE} open311",
        "first_name": CONTACT["name"],
        "last_name": CONTACT["surname"],
        "email": CONTACT["email"],
        "phone": CONTACT["phone"],
    }
    answer = client.post("/open311/v2/requests.json", data=form)
    assert answer.status_code in (200, 201), answer.text
    return [int(answer.json()[0]["service_request_id"])]


def _through_the_api(client: TestClient) -> tuple[int, str]:
    """A citizen's app: `POST /api/v1/cases` with the contact and an idempotency key."""
    body = {
        "kind": "appeal",
        "category": "roads.pits.yard",
        "region": "RU-TA",
        "text": f"{PRIVATE} api",
        "latitude": 55.791,
        "longitude": 49.121,
        "contact": CONTACT,
    }
    answer = client.post("/api/v1/cases", json=body, headers={"Idempotency-Key": "pii-api"})
    assert answer.status_code == 201, answer.text
    return answer.json()["id"], answer.json()["tracking_token"]


def _through_the_form(client: TestClient, engine: Engine) -> tuple[int, str]:
    """The citizen's form `/appeals/new`, past the similar cases it shows first."""
    page = client.get("/appeals/new")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    form = {
        "csrf": csrf,
        "kind": "appeal",
        "region": "RU-TA",
        "category": "roads.pits.yard",
        "text": f"{PRIVATE} form",
        "address": "Казань, ул. Баумана, 2",
        "latitude": "55.792",
        "longitude": "49.122",
        "seen_similar": "1",
        **CONTACT,
    }
    answer = client.post("/appeals/new", data=form, follow_redirects=False)
    assert answer.status_code in (200, 201, 303), answer.text
    where = answer.headers.get("location", "") + answer.text  # the link, shown once
    token = re.search(r"/appeals/track/([\w-]+)", where).group(1)
    with session_scope(engine) as session:
        case_id = session.scalar(
            select(Case.id).where(Case.channel == "web").order_by(Case.id.desc())
        )
    return case_id, token


def _get_routes(client: TestClient) -> list[str]:
    """Every GET path of the app, pages and API and Open311 alike, through included routers."""

    def walk(routes, prefix: str) -> Iterator[str]:
        for route in routes:
            if isinstance(route, APIRoute):
                if "GET" in route.methods:
                    yield prefix + route.path
            elif hasattr(route, "original_router"):  # FastAPI keeps an included router
                inner = prefix + getattr(getattr(route, "include_context", None), "prefix", "")
                yield from walk(route.original_router.routes, inner)

    paths = sorted(set(walk(client.app.routes, "")))
    assert len(paths) > 40  # the walk sees the app: a broken enumeration must not pass
    assert any(p.startswith("/open311/v2/") for p in paths)
    assert any(p.startswith("/api/v1/") for p in paths)
    return paths


def _fillings(path: str, seeded: Seeded) -> list[str]:
    """The path with its parameters filled in each way worth asking."""
    values = {
        "code": ["RU-TA"],
        "unit": ["RU-TA"],
        "region": ["RU-TA"],
        "jurisdiction": ["RU-TA"],
        "fmt": ["json", "xml"],
        "format": ["json", "xml"],
        "category": ["roads.pits.yard", "roads"],
        "service_code": ["roads.pits.yard"],
        "body": [BODIES[0]],
        "token": seeded.tokens,
        "file_id": [str(f) for f in seeded.file_ids],
        "kind": ["xlsx", "csv"],
        "indicator": ["gov_pos_on_time"],
    }
    filled = [path]
    for name in re.findall(r"\{(\w+)(?::\w+)?\}", path):
        if name in values:
            options = values[name]
        elif name.endswith("_id") or name in ("id", "number", "case"):
            options = [str(i) for i in seeded.case_ids]
        else:
            options = ["1"]
        pattern = re.compile(r"\{" + name + r"(?::\w+)?\}")
        filled = [pattern.sub(option, f, count=1) for f in filled for option in options]
    return filled


def _readable(response) -> str:
    """The answer as text a person could read: JSON without escapes, zips unpacked."""
    content = response.content
    kind = response.headers.get("content-type", "")
    if content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    if "json" in kind:
        try:
            return json.dumps(response.json(), ensure_ascii=False)
        except ValueError:
            pass
    return content.decode("utf-8", "replace")


def test_no_public_answer_holds_a_citizens_personal_data(seeded: Seeded) -> None:
    client = seeded.client
    walked = 0
    for reader in READERS:
        client.cookies.clear()
        if reader is not None:
            log_in(client, reader)
        for route in _get_routes(client):
            for path in _fillings(route, seeded):
                answer = client.get(path)
                walked += 1
                if answer.status_code >= 500:
                    pytest.fail(f"{path} as {reader}: {answer.status_code}")
                text = _readable(answer)
                for mark in CONTACT_MARKS:
                    assert mark not in text, f"{mark} in {path} as {reader or 'anonymous'}"
                if "{token}" in route or reader in TEXT_READERS:
                    continue  # the citizen's own page may show the citizen's own text
                for mark in TEXT_MARKS:
                    assert mark not in text, f"{mark} in {path} as {reader or 'anonymous'}"
    assert walked > 200


def test_the_marks_are_found_where_they_belong(seeded: Seeded) -> None:
    """The scan can see a mark: the body's own operator reads the contact (audited)."""
    from tsifra.accounts import Account
    from tsifra.cases.cases import read_contact

    roads = Account(0, "roads-op", "Roads", "operator", "RU-TA", body=BODIES[0])
    contact = read_contact(seeded.engine, roads, seeded.case_ids[0])
    assert contact.surname == CONTACT["surname"]
    with session_scope(seeded.engine) as session:
        assert PRIVATE in session.get(Case, seeded.case_ids[0]).text
