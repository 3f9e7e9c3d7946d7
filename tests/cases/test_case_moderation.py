"""Moderation: a hidden or redacted text, a hidden file, each with the reason the citizen
reads; who may moderate; citizens' flags kept without their address; the word list."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import Engine, select

from protection_rows import BODIES, PRIVATE_TEXT, add_bodies, add_case
from tsifra.accounts import Account
from tsifra.cases import moderation
from tsifra.cases.moderation import (
    flag_case,
    handle_flag,
    hide_file,
    hide_text,
    hold_if_listed,
    open_flags,
    public_text,
    redact_text,
    release_text,
    screen,
)
from tsifra.kernel.problems import Forbidden, ValidationFailed
from tsifra.store import AuditEntry, Case, CaseEvent, CaseFile, CaseFlag, session_scope

NOW = datetime(2026, 3, 3, 10, 0)
ANALYST = Account(2, "analyst", "Analyst", "analyst", None)
ROADS = Account(3, "roads-op", "Roads", "operator", "RU-TA", body=BODIES[0])
HOUSING = Account(4, "housing-op", "Housing", "operator", "RU-TA", body=BODIES[1])
VIEWER = Account(5, "viewer", "Viewer", "viewer", None)
PUBLIC = "Во дворе яма уже месяц, машины ломаются"


@pytest.fixture
def cases(store: Engine) -> Engine:
    add_bodies(store)
    return store


def _case(engine: Engine, case_id: int) -> Case:
    with session_scope(engine) as session:
        return session.get(Case, case_id)


def _events(engine: Engine, case_id: int) -> list[CaseEvent]:
    with session_scope(engine) as session:
        query = select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.id)
        return list(session.scalars(query))


def test_a_hidden_text_leaves_the_public_and_the_citizen_reads_why(cases: Engine) -> None:
    case_id = add_case(cases, publish_text=True, text=PUBLIC)
    assert public_text(_case(cases, case_id)) == PUBLIC
    hide_text(cases, ROADS, case_id, "Оскорбление в тексте", now=NOW)
    case = _case(cases, case_id)
    assert public_text(case) is None
    assert (case.moderation, case.moderation_reason) == ("hidden", "Оскорбление в тексте")
    assert case.text == PUBLIC  # the body still reads what the citizen wrote
    step = _events(cases, case_id)[-1]
    assert (step.action, step.public, step.reason) == ("moderated", True, "Оскорбление в тексте")
    assert step.actor == "roads-op"
    release_text(cases, ANALYST, case_id, now=NOW)
    assert public_text(_case(cases, case_id)) == PUBLIC


def test_a_redacted_text_is_what_the_public_reads(cases: Engine) -> None:
    case_id = add_case(cases, publish_text=True, text=PUBLIC + " звоните Ивану 89990001122")
    redact_text(cases, ANALYST, case_id, PUBLIC + " [телефон скрыт]", "Телефон в тексте", NOW)
    case = _case(cases, case_id)
    assert public_text(case) == PUBLIC + " [телефон скрыт]"
    assert case.moderation_reason == "Телефон в тексте"


def test_a_text_the_citizen_did_not_publish_stays_private_whatever_moderation_does(
    cases: Engine,
) -> None:
    case_id = add_case(cases)
    assert public_text(_case(cases, case_id)) is None
    release_text(cases, ANALYST, case_id, now=NOW)
    assert public_text(_case(cases, case_id)) is None
    with pytest.raises(ValidationFailed) as failed:
        redact_text(cases, ANALYST, case_id, "Во дворе яма", "Телефон убран", now=NOW)
    assert failed.value.problems[0].code == "protect_text_private"
    assert _case(cases, case_id).public_text is None


def test_a_hidden_file_keeps_its_reason(cases: Engine) -> None:
    case_id = add_case(cases, with_file=True)
    with session_scope(cases) as session:
        file_id = session.scalar(select(CaseFile.id).where(CaseFile.case_id == case_id))
    hide_file(cases, ROADS, file_id, "На фото лицо человека", now=NOW)
    with session_scope(cases) as session:
        assert session.get(CaseFile, file_id).hidden_reason == "На фото лицо человека"
    step = _events(cases, case_id)[-1]
    assert step.details == {"file": file_id, "moderation": "file_hidden"}
    assert step.public and step.reason == "На фото лицо человека"


def test_only_moderators_moderate_and_a_refusal_is_audited(cases: Engine) -> None:
    case_id = add_case(cases, publish_text=True, text=PUBLIC)
    for stranger in (HOUSING, VIEWER):
        with pytest.raises(Forbidden):
            hide_text(cases, stranger, case_id, "причина", now=NOW)
    assert public_text(_case(cases, case_id)) == PUBLIC
    with session_scope(cases) as session:
        refusals = session.scalars(
            select(AuditEntry.actor).where(AuditEntry.action == "refused.case.moderate")
        ).all()
    assert sorted(refusals) == ["housing-op", "viewer"]


def test_bad_moderation_input_names_every_field(cases: Engine) -> None:
    case_id = add_case(cases, publish_text=True, text=PUBLIC)
    with pytest.raises(ValidationFailed) as failed:
        redact_text(cases, ANALYST, case_id, "  ", " ", now=NOW)
    assert [p.path for p in failed.value.problems] == ["redacted", "reason"]
    with pytest.raises(ValidationFailed) as failed:
        hide_text(cases, ANALYST, 10**6, "причина", now=NOW)
    assert failed.value.problems[0].code == "protect_case_unknown"
    with pytest.raises(ValidationFailed) as failed:
        hide_text(cases, ANALYST, case_id, "x" * 1001, now=NOW)
    assert "1 000" in failed.value.problems[0].message("ru").replace("\xa0", " ")


def test_flags_keep_no_address_and_one_per_address(cases: Engine) -> None:
    case_id = add_case(cases, publish_text=True, text=PUBLIC)
    other_id = add_case(cases, publish_text=True, text=PUBLIC, body=BODIES[1])
    key = "server-secret"
    assert flag_case(cases, case_id, "offensive", "203.0.113.9", key=key, now=NOW)
    assert not flag_case(cases, case_id, "other", "203.0.113.9", key=key, now=NOW)
    assert flag_case(cases, case_id, "personal_data", "198.51.100.4", key=key, now=NOW)
    assert flag_case(cases, other_id, "offensive", "203.0.113.9", key=key, now=NOW)
    with session_scope(cases) as session:
        flags = session.scalars(select(CaseFlag).order_by(CaseFlag.id)).all()
        stored = [(f.case_id, f.reason, f.address_sha256) for f in flags]
    assert len(stored) == 3
    assert all(len(digest) == 64 and "203.0.113" not in digest for *_, digest in stored)
    assert stored[0][2] == stored[2][2] != stored[1][2]  # the same address, the same digest
    assert stored[0][2] != moderation.address_digest("203.0.113.9", "another-key")
    with pytest.raises(ValidationFailed) as failed:
        flag_case(cases, case_id, "dislike", None, key=key, now=NOW)
    assert failed.value.problems[0].path == "reason"

    # Each moderator sees the flags of the cases it moderates, and handles them.
    assert [f.case_id for f in open_flags(cases, ROADS)] == [case_id, case_id]
    assert [f.case_id for f in open_flags(cases, HOUSING)] == [other_id]
    assert len(open_flags(cases, ANALYST)) == 3
    assert open_flags(cases, VIEWER) == []
    with pytest.raises(Forbidden):
        handle_flag(cases, HOUSING, open_flags(cases, ROADS)[0].id, now=NOW)
    handle_flag(cases, ROADS, open_flags(cases, ROADS)[0].id, now=NOW)
    assert len(open_flags(cases, ROADS)) == 1
    # Handled, the same address may flag again.
    assert flag_case(cases, case_id, "offensive", "203.0.113.9", key=key, now=NOW)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("Во дворе яма, сука, третий месяц", "words"),
        ("Сучара не про это, а яма есть", None),
        ("Заебали ямы во дворе", "words"),
        ("Позвоните мне: 8 (999) 123-45-67", "contact"),
        ("Пишите на ivan@example.ru", "contact"),
        (PRIVATE_TEXT, None),
        ("Дом 12, кв. 45, яма 2 метра", None),
    ],
)
def test_the_word_list_and_contacts_hold_a_text(text: str, why: str | None) -> None:
    assert screen(text) == why


def test_a_listed_word_holds_a_case_until_a_moderator_releases_it(cases: Engine) -> None:
    case_id = add_case(cases, publish_text=True, text="Убью за эту яму во дворе")
    with session_scope(cases) as session:
        case = session.get(Case, case_id)
        assert hold_if_listed(session, case, NOW)
    case = _case(cases, case_id)
    assert case.moderation == "held"
    assert public_text(case) is None
    held = _events(cases, case_id)[-1]
    assert (held.action, held.public, held.details) == ("moderated", False, {"held": "words"})
    release_text(cases, ROADS, case_id, now=NOW)
    assert public_text(_case(cases, case_id)) == "Убью за эту яму во дворе"
    # A text the citizen keeps private is never held: nobody publishes it.
    private_id = add_case(cases, text="Убью за эту яму во дворе")
    with session_scope(cases) as session:
        assert not hold_if_listed(session, session.get(Case, private_id), NOW)


def _png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), "gray").save(out, "PNG")
    return out.getvalue()


def test_through_the_core_the_public_and_the_citizen_see_moderation(cases: Engine) -> None:
    """What the core shows: a held text is not public, a hidden one neither, and the citizen's
    tracking view carries the reason; a hidden file's bytes are not served."""
    from tsifra.cases.cases import CaseDraft, attach_file, case_by_token, read_case, submit_case
    from tsifra.cases.files import file_bytes

    def filed(text: str):
        draft = CaseDraft("appeal", "roads.pits.yard", "RU-TA", text, publish_text=True)
        return submit_case(cases, draft, now=NOW)

    held = filed("Убью за эту яму во дворе")
    assert read_case(cases, held.case_id).moderation == "held"
    assert read_case(cases, held.case_id).public().text is None
    plain = filed(PUBLIC)
    assert read_case(cases, plain.case_id).public().text == PUBLIC
    with session_scope(cases) as session:
        session.get(Case, plain.case_id).body = BODIES[0]
    hide_text(cases, ROADS, plain.case_id, "Оскорбление в тексте", now=NOW)
    public = read_case(cases, plain.case_id).public()
    assert public.text is None and public.public_text is None
    mine = case_by_token(cases, plain.tracking_token)
    assert mine.moderation_reason == "Оскорбление в тексте"
    said = [e for e in mine.events if e.action == "moderated"]
    assert said and said[-1].reason == "Оскорбление в тексте"

    photo = attach_file(cases, plain.case_id, "yard.png", _png(), "attachment", "citizen")
    hide_file(cases, ROADS, photo.id, "На фото номер машины", now=NOW)
    with pytest.raises(ValidationFailed):
        file_bytes(cases, photo.id)
    [listed] = read_case(cases, plain.case_id).public().files
    assert listed.hidden_reason == "На фото номер машины"
