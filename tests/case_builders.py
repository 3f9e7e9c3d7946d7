"""One builder of the feedback platform's cases, up to any status, for every test that needs one.

A region (RU-TA) with two bodies and one of another region, their operators, a triage operator,
and cases filed with a contact of marked personal data (`MARKED`: tests assert that none of its
values appears where it must not) and driven through the real steps to the status asked for.
The body holding a new case is BODY: by the routing rule the builder adds once routing is
built (`cases.routing`), set directly before that.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from itertools import count

from sqlalchemy import Engine, update

from tsifra.accounts.users import Account, create_user, set_user_body
from tsifra.cases.cases import (
    CaseDraft,
    ContactDraft,
    answer_case,
    close_case,
    extend_case,
    forward_case,
    mark_duplicate,
    rate_case,
    register_case,
    reject_case,
    submit_case,
    take_case,
)
from tsifra.store import Body, Case, RoutingRule, session_scope

REGION = "RU-TA"
BODY = "ta-roads"
OTHER_BODY = "ta-housing"
FAR_BODY = "mow-roads"  # a body of another region
CATEGORY = "roads.pits.yard"
# A Monday in an ordinary month: no holiday within the terms the tests count.
MONDAY = datetime(2026, 6, 1, 7, 0)
MARKED = ContactDraft(
    surname="Маркерова-PII-7",
    name="Анна-PII-7 Петровна",
    email="pii-7@example.org",
    phone="+7 900 777-07-07",
    postal_address="г. Казань, ул. Приватная-PII-7, д. 7",
)
MARKED_VALUES = (
    "Маркерова-PII-7",
    "Анна-PII-7",
    "pii-7@example.org",
    "+7 900 777-07-07",
    "Приватная-PII-7",
)
TEXT = "Во дворе дома 5 глубокая яма, машины бьют колёса."


def add_bodies(engine: Engine) -> None:
    with session_scope(engine) as session:
        session.add_all(
            [
                Body(code=BODY, region=REGION, name_ru="Минтранс РТ", kind="regional"),
                Body(code=OTHER_BODY, region=REGION, name_ru="Минстрой РТ", kind="regional"),
                Body(code=FAR_BODY, region="RU-MOW", name_ru="Дептранс Москвы", kind="regional"),
            ]
        )
        session.flush()
        session.add(RoutingRule(region=REGION, category="roads", body=BODY))


def operator(engine: Engine, login: str, body: str | None = BODY, region=REGION) -> Account:
    account = create_user(engine, login, "long-enough-pass", "operator", region=region)
    return set_user_body(engine, login, body) if body else account


def people(engine: Engine) -> dict[str, Account]:
    """Bodies and one account of every kind that matters to a case."""
    add_bodies(engine)
    return {
        "body": operator(engine, "roads-op"),
        "body2": operator(engine, "roads-op2"),
        "other": operator(engine, "housing-op", OTHER_BODY),
        "triage": operator(engine, "ta-triage", None),
        "far": operator(engine, "mow-op", FAR_BODY, "RU-MOW"),
        "far_triage": operator(engine, "mow-triage", None, "RU-MOW"),
        "admin": create_user(engine, "root", "long-enough-pass", "admin"),
        "analyst": create_user(engine, "fed", "long-enough-pass", "analyst"),
        "viewer": create_user(engine, "look", "long-enough-pass", "viewer"),
    }


def draft(**changes) -> CaseDraft:
    base = CaseDraft(
        kind="appeal",
        category=CATEGORY,
        region=REGION,
        text=TEXT,
        address="г. Казань, ул. Баумана, 5",
        latitude=55.79,
        longitude=49.11,
        contact=MARKED,
    )
    return replace(base, **changes)


_numbers = count(1)


def file_case(engine: Engine, now: datetime = MONDAY, body: str | None = BODY, **changes):
    """A submitted case held by `body` (None: left in triage), its text made unique (the same
    content within ten minutes would be the same case). Returns (case id, token)."""
    changes.setdefault("text", f"{TEXT} Случай {next(_numbers)}.")
    submitted = submit_case(engine, draft(**changes), now=now)
    with session_scope(engine) as session:
        session.execute(update(Case).where(Case.id == submitted.case_id).values(body=body))
    return submitted.case_id, submitted.tracking_token


PATH = {
    "submitted": (),
    "registered": ("register",),
    "forwarded": ("register", "forward"),
    "in_progress": ("register", "take"),
    "extended": ("register", "take", "extend"),
    "answered": ("register", "take", "answer"),
    "rated": ("register", "take", "answer", "rate"),
    "closed": ("register", "take", "answer", "close"),
    "rejected": ("register", "reject"),
    "duplicate": ("register", "duplicate"),
}


def case_in(engine: Engine, status: str, who: Account, now: datetime = MONDAY, **changes):
    """A case of BODY brought to `status` by `who` (an operator of BODY, or an admin) through
    the real steps, an hour apart. Returns (case id, token)."""
    case_id, token = file_case(engine, now, **changes)
    moment = now
    for step in PATH[status]:
        moment += timedelta(hours=1)
        if step == "register":
            register_case(engine, who, case_id, now=moment)
        elif step == "forward":
            forward_case(engine, who, case_id, OTHER_BODY, "Не наша компетенция", now=moment)
        elif step == "take":
            take_case(engine, who, case_id, now=moment)
        elif step == "extend":
            extend_case(engine, who, case_id, 10, "Нужна проверка на месте", now=moment)
        elif step == "answer":
            answer_case(engine, who, case_id, "Яма заделана.", now=moment)
        elif step == "rate":
            rate_case(engine, token, 4, True, now=moment)
        elif step == "close":
            close_case(engine, who, case_id, now=moment)
        elif step == "reject":
            reject_case(engine, who, case_id, "Оскорбительный текст", now=moment)
        elif step == "duplicate":
            original, _ = file_case(engine, now, text="Та же яма во дворе дома 5.")
            mark_duplicate(engine, who, case_id, original, "Та же яма", now=moment)
    return case_id, token
