"""The moderation pages: who may open them, hiding and redacting with a reason, hiding a file,
handling a flag, and the citizen's flag form."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select, update

from builders import WEB_PASSWORD, csrf_of, log_in
from protection_rows import BODIES, add_bodies, add_case
from tsifra.accounts import create_user
from tsifra.cases.moderation import public_text
from tsifra.store import Case, CaseFile, CaseFlag, User, session_scope
from tsifra.web import create_app
from tsifra.web.settings import Settings

PUBLIC = "Во дворе яма уже месяц, машины ломаются"


@pytest.fixture
def backend() -> str:
    """SQLite: the services under these pages run on both kinds in tests/cases/."""
    return "sqlite"


@pytest.fixture
def site(rated: Engine) -> Iterator[tuple[TestClient, Engine, dict[str, int]]]:
    add_bodies(rated)
    for login, body in (("roads-op", BODIES[0]), ("housing-op", BODIES[1])):
        create_user(rated, login, WEB_PASSWORD, "operator", region="RU-TA")
        with session_scope(rated) as session:
            session.execute(update(User).where(User.login == login).values(body=body))
    ids = {
        "roads": add_case(rated, publish_text=True, text=PUBLIC, with_file=True),
        "housing": add_case(rated, publish_text=True, text=PUBLIC, body=BODIES[1]),
    }
    url = rated.url.render_as_string(hide_password=False)
    app = create_app(Settings(database_url=url, secret_key="test-" * 10))
    with TestClient(app) as client:
        yield client, rated, ids
    app.state.engine.dispose()


def _case(engine: Engine, case_id: int) -> Case:
    with session_scope(engine) as session:
        return session.get(Case, case_id)


def test_only_moderators_open_the_pages(site) -> None:
    client, _, ids = site
    signed_out = client.get("/moderation", follow_redirects=False)
    assert signed_out.status_code == 303
    assert signed_out.headers["location"].startswith("/login?next=")
    log_in(client, "viewer")
    assert client.get("/moderation").status_code == 403
    assert client.get(f"/moderation/cases/{ids['roads']}").status_code == 403
    log_in(client, "operator")  # a regional operator of no body
    assert client.get("/moderation").status_code == 403
    log_in(client, "housing-op")
    assert client.get("/moderation").status_code == 200
    assert client.get(f"/moderation/cases/{ids['roads']}").status_code == 403
    assert client.get("/moderation/cases/999999").status_code == 404
    form = {"reason": "чужое", "csrf": csrf_of(client, "/moderation")}
    refused = client.post(f"/moderation/cases/{ids['roads']}/hide", data=form)
    assert refused.status_code == 403
    assert _case(site[1], ids["roads"]).moderation is None


def test_a_body_operator_hides_and_redacts_with_a_reason(site) -> None:
    client, engine, ids = site
    log_in(client, "roads-op")
    page = client.get(f"/moderation/cases/{ids['roads']}")
    assert page.status_code == 200
    assert PUBLIC in page.text
    assert page.text.count("<h1>") == 1
    csrf = csrf_of(client, f"/moderation/cases/{ids['roads']}")
    missing = client.post(f"/moderation/cases/{ids['roads']}/hide", data={"csrf": csrf})
    assert missing.status_code == 422
    assert "укажите причину" in missing.text
    hidden = client.post(
        f"/moderation/cases/{ids['roads']}/hide",
        data={"csrf": csrf, "reason": "Оскорбление в тексте"},
        follow_redirects=False,
    )
    assert hidden.status_code == 303
    case = _case(engine, ids["roads"])
    assert (case.moderation, case.moderation_reason) == ("hidden", "Оскорбление в тексте")
    assert public_text(case) is None
    assert "Оскорбление в тексте" in client.get(hidden.headers["location"]).text
    redacted = client.post(
        f"/moderation/cases/{ids['roads']}/redact",
        data={"csrf": csrf, "redacted": "Во дворе яма", "reason": "Лишнее убрано"},
    )
    assert redacted.status_code == 200
    assert public_text(_case(engine, ids["roads"])) == "Во дворе яма"
    no_token = client.post(
        f"/moderation/cases/{ids['roads']}/release", data={}, follow_redirects=False
    )
    assert no_token.status_code == 403
    client.post(f"/moderation/cases/{ids['roads']}/release", data={"csrf": csrf})
    assert public_text(_case(engine, ids["roads"])) == PUBLIC


def test_a_moderator_hides_one_file(site) -> None:
    client, engine, ids = site
    log_in(client, "analyst")
    with session_scope(engine) as session:
        file_id = session.scalar(select(CaseFile.id).where(CaseFile.case_id == ids["roads"]))
    csrf = csrf_of(client, f"/moderation/cases/{ids['roads']}")
    url = f"/moderation/cases/{ids['roads']}/files/{file_id}/hide"
    answer = client.post(url, data={"csrf": csrf, "reason": "Лицо на фото"})
    assert answer.status_code == 200
    assert "Лицо на фото" in answer.text
    with session_scope(engine) as session:
        assert session.get(CaseFile, file_id).hidden_reason == "Лицо на фото"


def test_a_citizen_flags_and_a_moderator_handles_it(site) -> None:
    client, engine, ids = site
    form_page = client.get(f"/moderation/flag/{ids['roads']}")
    assert form_page.status_code == 200
    assert "<label>" in form_page.text
    csrf = csrf_of(client, f"/moderation/flag/{ids['roads']}")
    wrong = client.post(f"/moderation/flag/{ids['roads']}", data={"csrf": csrf, "reason": "x"})
    assert wrong.status_code == 422
    sent = client.post(
        f"/moderation/flag/{ids['roads']}", data={"csrf": csrf, "reason": "offensive"}
    )
    assert sent.status_code == 200
    assert "жалоба передана модератору" in sent.text
    with session_scope(engine) as session:
        [flag] = session.scalars(select(CaseFlag)).all()
        flag_id, digest = flag.id, flag.address_sha256
    assert len(digest) == 64 and "testclient" not in digest

    log_in(client, "housing-op")
    assert f"flag-{flag_id}" not in client.get("/moderation").text
    log_in(client, "roads-op")
    queue = client.get("/moderation")
    assert f"flag-{flag_id}" in queue.text
    assert "оскорбление или угроза" in queue.text
    csrf = csrf_of(client, "/moderation")
    handled = client.post(f"/moderation/flags/{flag_id}/handled", data={"csrf": csrf})
    assert handled.status_code == 200
    assert f"flag-{flag_id}" not in handled.text
    assert "Жалоба № " in handled.text


def test_the_citizen_reads_why_and_the_public_gets_neither_text_nor_file(site) -> None:
    """Through the citizen's and the public pages: a hidden text's reason on the tracking page,
    no text on the public pages, no hidden file served by any public route."""
    import io

    from fastapi.routing import APIRoute
    from PIL import Image

    from tsifra.cases.cases import CaseDraft, attach_file, submit_case

    client, engine, _ = site
    draft = CaseDraft("appeal", "roads.pits.yard", "RU-TA", PUBLIC, publish_text=True)
    filed = submit_case(engine, draft)
    picture = io.BytesIO()
    Image.new("RGB", (4, 4), "gray").save(picture, "PNG")
    photo = attach_file(engine, filed.case_id, "yard.png", picture.getvalue(), "attachment", "x")
    with session_scope(engine) as session:
        session.get(Case, filed.case_id).body = BODIES[0]
    log_in(client, "roads-op")
    csrf = csrf_of(client, f"/moderation/cases/{filed.case_id}")
    base = f"/moderation/cases/{filed.case_id}"
    client.post(f"{base}/hide", data={"csrf": csrf, "reason": "Оскорбление в тексте"})
    client.post(f"{base}/files/{photo.id}/hide", data={"csrf": csrf, "reason": "Лицо на фото"})
    client.cookies.clear()

    tracking = client.get(f"/appeals/track/{filed.tracking_token}")
    assert tracking.status_code == 200
    assert "Оскорбление в тексте" in tracking.text
    assert "Лицо на фото" in tracking.text
    public = client.get(f"/appeals/case/{filed.case_id}")
    assert public.status_code == 200
    assert PUBLIC not in public.text
    open311 = client.get(f"/open311/v2/requests/{filed.case_id}.json")
    assert PUBLIC not in open311.text

    def file_routes(routes, prefix=""):
        for route in routes:
            if isinstance(route, APIRoute) and "GET" in route.methods:
                yield prefix + route.path
            elif hasattr(route, "original_router"):
                inner = prefix + getattr(getattr(route, "include_context", None), "prefix", "")
                yield from file_routes(route.original_router.routes, inner)

    served = [
        path
        for path in file_routes(client.app.routes)
        if "{file_id}" in path and "{token}" not in path
    ]
    assert served  # Open311's media at least
    for path in served:
        url = path.replace("{file_id}", str(photo.id)).replace("{case_id}", str(filed.case_id))
        answer = client.get(url, follow_redirects=False)
        assert not answer.headers.get("content-type", "").startswith("image/"), url
        assert answer.content != picture.getvalue(), url
