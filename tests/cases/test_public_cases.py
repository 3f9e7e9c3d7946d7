"""`find_public`: what anyone may read of cases, filtered and paged, with no personal data
(SQLite and PostgreSQL; cases are inserted as rows, as any step would have left them)."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from itertools import count

import pytest
from sqlalchemy import Engine, select

from tsifra.cases.public import find_public, public_file, served_regions
from tsifra.kernel.problems import ValidationFailed
from tsifra.store import Body, Case, CaseContact, CaseEvent, CaseFile, session_scope

T0 = datetime(2026, 1, 12, 7, 0)  # naive UTC, as stored
SURNAME, EMAIL, PHONE = "Маркерова-PII-7", "pii-7@example.org", "+7 900 000-77-77"
_serial = count(1)


def add_case(engine: Engine, **fields) -> int:
    """One case with its contact, its `submitted` event and whatever else `fields` say."""
    n = next(_serial)
    events = fields.pop("events", [])
    files = fields.pop("files", [])
    values = {
        "kind": "message",
        "category": "roads.pits.yard",
        "region": "RU-KLU",
        "text": f"Яма во дворе, пишет {SURNAME}, звоните {PHONE}",
        "channel": "web",
        "status": "submitted",
        "submitted_at": T0,
        "updated_at": T0,
        "register_by": T0 + timedelta(days=3),
        "tracking_sha256": hashlib.sha256(f"t{n}".encode()).hexdigest(),
        "content_sha256": hashlib.sha256(f"c{n}".encode()).hexdigest(),
    } | fields
    with session_scope(engine) as session:
        case = Case(**values)
        session.add(case)
        session.flush()
        session.add(
            CaseContact(case_id=case.id, surname=SURNAME, name="Ия", email=EMAIL, phone=PHONE)
        )
        session.add(
            CaseEvent(case_id=case.id, at=values["submitted_at"], actor="citizen",
                      action="submitted", status="submitted", public=True)
        )  # fmt: skip
        for at, action, status, reason, public in events:
            session.add(
                CaseEvent(case_id=case.id, at=at, actor="op", action=action, status=status,
                          reason=reason, public=public)
            )  # fmt: skip
        for purpose, hidden in files:
            session.add(
                CaseFile(case_id=case.id, purpose=purpose, sha256="0" * 64, name="photo.jpg",
                         media_type="image/jpeg", size=10, uploaded_at=T0, hidden_reason=hidden)
            )  # fmt: skip
        return case.id


def test_filters_combine_and_pages_count(store: Engine) -> None:
    day = timedelta(days=1)
    a = add_case(store, submitted_at=T0, category="roads.pits.yard")
    b = add_case(store, submitted_at=T0 + day, category="roads.winter.snow", status="answered")
    c = add_case(store, submitted_at=T0 + 2 * day, category="yards.lighting.yard")
    d = add_case(store, submitted_at=T0 + 3 * day, region="RU-CHE", updated_at=T0 + 9 * day)

    assert [v.id for v in find_public(store).items] == [d, c, b, a]  # the newest first
    assert [v.id for v in find_public(store, region="RU-KLU").items] == [c, b, a]
    assert [v.id for v in find_public(store, categories=["roads"]).items] == [d, b, a]
    assert [v.id for v in find_public(store, categories=["roads.pits.yard"]).items] == [d, a]
    assert [v.id for v in find_public(store, categories=["road"]).items] == []  # not a prefix
    window = find_public(store, start=T0 + day, end=T0 + 2 * day)
    assert [v.id for v in window.items] == [c, b]  # both ends included
    assert [v.id for v in find_public(store, statuses=["answered"]).items] == [b]
    assert [v.id for v in find_public(store, ids=[a, c, 999_999]).items] == [c, a]
    assert [v.id for v in find_public(store, updated_after=T0 + day).items] == [d]

    first = find_public(store, page=1, page_size=3)
    second = find_public(store, page=2, page_size=3)
    assert (first.total, first.pages, len(first.items), len(second.items)) == (4, 2, 3, 1)
    assert {v.id for v in first.items + second.items} == {a, b, c, d}
    with pytest.raises(ValidationFailed) as bad:
        find_public(store, page=0, page_size=5000)
    assert {p.path for p in bad.value.problems} == {"page", "page_size"}


def test_a_public_view_holds_no_personal_data_and_text_only_with_consent(store: Engine) -> None:
    hidden = add_case(store)
    published = add_case(store, publish_text=True, text="Яма во дворе дома 5")
    redacted = add_case(
        store, publish_text=True, moderation="redacted", public_text="Яма во дворе [скрыто]"
    )
    moderated = add_case(store, publish_text=True, moderation="hidden", moderation_reason="мат")
    views = {v.id: v for v in find_public(store).items}
    assert views[hidden].public_text is None and views[hidden].text is None
    assert views[published].public_text == "Яма во дворе дома 5"
    assert views[redacted].text == "Яма во дворе [скрыто]"
    assert views[moderated].public_text is None and views[moderated].moderation_reason == "мат"
    everything = repr(find_public(store))
    for marked in (SURNAME, EMAIL, PHONE, "Ия"):
        assert marked not in everything


def test_only_public_events_and_files_the_public_may_see(store: Engine) -> None:
    later = T0 + timedelta(hours=5)
    private = add_case(
        store,
        status="registered",
        executor="ivanov",
        events=[
            (later, "registered", "registered", "зарегистрировано", True),
            (later, "commented", "registered", "внутренняя заметка", False),
        ],
        files=[("attachment", None), ("after", None), ("before", "лицо человека")],
    )
    public = add_case(store, publish_text=True, files=[("attachment", None)])
    views = {v.id: v for v in find_public(store).items}
    shown = views[private]
    assert shown.executor is None
    assert [(e.action, e.reason) for e in shown.events] == [
        ("submitted", None),
        ("registered", "зарегистрировано"),
    ]
    # The citizen's own photo is part of what the appeal says: public only with the text.
    assert [f.purpose for f in shown.files] == ["after"]
    assert [f.purpose for f in views[public].files] == ["attachment"]
    assert public_file(store, 10**9) is None
    with session_scope(store) as session:
        stored = {f.purpose: f.id for f in session.scalars(
            select(CaseFile).where(CaseFile.case_id == private))}  # fmt: skip
    assert public_file(store, stored["attachment"]) is None  # no consent: not served
    assert public_file(store, stored["before"]) is None  # hidden by moderation


def test_bodies_named_and_regions_served(store: Engine) -> None:
    assert served_regions(store) == []
    with session_scope(store) as session:
        session.add(Body(code="klu-roads", region="RU-KLU", name_ru="Минтранс Калужской области",
                         name_en="Kaluga Transport Ministry", kind="regional"))  # fmt: skip
        session.add(Body(code="che-old", region="RU-CHE", name_ru="Старый", kind="regional",
                         active=False))  # fmt: skip
    add_case(store, body="klu-roads")
    page = find_public(store)
    assert page.bodies["klu-roads"].name("ru") == "Минтранс Калужской области"
    assert page.bodies["klu-roads"].name("en") == "Kaluga Transport Ministry"
    assert served_regions(store) == ["RU-KLU"]
