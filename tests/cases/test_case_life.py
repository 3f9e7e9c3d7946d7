"""A case's life: every step from every status (legal ones move it, illegal ones are refused
naming the step and the status and write nothing), who may take each step, how the steps set
the deadlines, the answer's address rule (59-ФЗ ст. 11), rating and reopening."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import Engine, func, select

from case_builders import (
    BODY,
    MONDAY,
    OTHER_BODY,
    PATH,
    case_in,
    draft,
    file_case,
    people,
)
from tsifra.cases import deadlines
from tsifra.cases.cases import (
    ContactDraft,
    answer_case,
    close_case,
    comment_case,
    extend_case,
    forward_case,
    mark_duplicate,
    rate_case,
    read_case,
    register_case,
    reject_case,
    reopen_case,
    submit_case,
    take_case,
)
from tsifra.cases.states import STATUSES, STEPS, allowed, status_after
from tsifra.kernel.problems import Forbidden, ValidationFailed
from tsifra.store import AuditEntry, Case, CaseEvent, OutboxMessage, session_scope

LATER = MONDAY + timedelta(days=1)


@pytest.fixture
def world(store: Engine) -> dict:
    return people(store)


def attempt(engine, step, case_id, token, who, now=LATER):
    """Take `step` on the case with its usual arguments."""
    if step == "register":
        return register_case(engine, who, case_id, now=now)
    if step == "forward":
        target = BODY if read_case(engine, case_id).body == OTHER_BODY else OTHER_BODY
        return forward_case(engine, who, case_id, target, "Не по компетенции", now=now)
    if step == "take":
        return take_case(engine, who, case_id, now=now)
    if step == "extend":
        return extend_case(engine, who, case_id, 10, "Нужна проверка", now=now)
    if step == "answer":
        return answer_case(engine, who, case_id, "Сделано.", now=now)
    if step == "rate":
        return rate_case(engine, token, 5, True, now=now)
    if step == "reopen":
        return reopen_case(engine, token, "Яма на месте", now=now)
    if step == "close":
        return close_case(engine, who, case_id, now=now)
    if step == "reject":
        return reject_case(engine, who, case_id, "Не обращение", now=now)
    if step == "duplicate":
        original, _ = file_case(engine, MONDAY, text="Та же яма, другой заявитель.")
        return mark_duplicate(engine, who, case_id, original, "Та же яма", now=now)
    return comment_case(engine, who, case_id, "Заметка", now=now)


def snapshot(engine: Engine, case_id: int) -> tuple:
    with session_scope(engine) as session:
        case = session.get(Case, case_id)
        row = {c.name: getattr(case, c.name) for c in Case.__table__.columns}
        events = select(func.count()).where(CaseEvent.case_id == case_id)
        counts = (
            session.scalar(events),
            *(
                session.scalar(select(func.count()).select_from(t))
                for t in (OutboxMessage, AuditEntry)
            ),
        )
    return row, counts


@pytest.mark.parametrize("status", STATUSES)
def test_every_step_from_every_status(store: Engine, world: dict, status: str) -> None:
    """The table: each step either moves the case as `cases.states` says, or is refused with
    a problem naming the step and the status, in Russian and English, and nothing written."""
    admin = world["admin"]
    case_id, token = case_in(store, status, admin)
    assert read_case(store, case_id).status == status
    for step in STEPS:
        if allowed(step, status):
            fresh, fresh_token = case_in(store, status, admin)
            after = attempt(store, step, fresh, fresh_token, admin)
            assert after.status == status_after(step, status), step
            continue
        before = snapshot(store, case_id)
        with pytest.raises(ValidationFailed) as refused:
            attempt(store, step, case_id, token, admin)
        (problem,) = refused.value.problems
        assert (problem.code, problem.params) == ("case_step", {"step": step, "status": status})
        ru, en = problem.message("ru"), problem.message("en")
        assert "«" in ru and step not in ru and status not in ru  # named in words, not codes
        assert "'" in en
        assert snapshot(store, case_id) == before, step


def test_the_step_names_read_in_both_languages(store: Engine, world: dict) -> None:
    case_id, _ = case_in(store, "closed", world["body"])
    with pytest.raises(ValidationFailed) as refused:
        take_case(store, world["body"], case_id, now=LATER)
    problem = refused.value.problems[0]
    assert problem.message("ru") == "нельзя «взять в работу»: обращение в статусе «закрыто»"
    assert problem.message("en") == "cannot 'take into work': the case is 'closed'"


@pytest.mark.parametrize(
    ("who", "may"),
    [
        ("body", True),
        ("body2", True),
        ("admin", True),
        ("other", False),  # another body of the region
        ("far", False),  # a body of another region
        ("triage", False),  # the region's triage operator: the case is a body's now
        ("analyst", False),
        ("viewer", False),
    ],
)
def test_who_works_a_bodys_case(store: Engine, world: dict, who: str, may: bool) -> None:
    case_id, _ = case_in(store, "registered", world["body"])
    account = world[who]
    if may:
        assert take_case(store, account, case_id, now=LATER).status == "in_progress"
        return
    before = snapshot(store, case_id)[0]
    with pytest.raises(Forbidden):
        take_case(store, account, case_id, now=LATER)
    assert snapshot(store, case_id)[0] == before
    with session_scope(store) as session:
        refusal = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "refused.case.take")
        ).one()
        assert (refusal.actor, refusal.target) == (account.login, f"case {case_id}")


def test_triage_registers_forwards_or_rejects_but_does_not_answer(
    store: Engine, world: dict
) -> None:
    triage = world["triage"]
    case_id, _ = file_case(store, body=None)
    with pytest.raises(Forbidden):
        register_case(store, world["body"], case_id, now=LATER)  # not the body's (yet)
    with pytest.raises(Forbidden):
        register_case(store, world["far_triage"], case_id, now=LATER)  # another region's
    register_case(store, triage, case_id, now=LATER)
    with pytest.raises(Forbidden):
        take_case(store, triage, case_id, now=LATER)
    view = forward_case(store, triage, case_id, BODY, "Дороги — Минтранс", now=LATER)
    assert (view.body, view.status, view.forwarded_count) == (BODY, "forwarded", 1)
    with pytest.raises(Forbidden):  # the body holds it now, not triage
        take_case(store, triage, case_id, now=LATER)
    assert take_case(store, world["body"], case_id, now=LATER).executor == "roads-op"
    other, _ = file_case(store, body=None)
    register_case(store, triage, other, now=LATER)
    assert reject_case(store, triage, other, "Спам", now=LATER).rejected_reason == "Спам"


def test_registration_starts_the_answer_term_and_is_the_first_response(
    store: Engine, world: dict
) -> None:
    op = world["body"]
    case_id, _ = file_case(store)
    comment_case(store, op, case_id, "Внутренняя заметка", now=MONDAY + timedelta(hours=1))
    assert read_case(store, case_id).first_response_at is None  # the citizen does not see it
    at = MONDAY + timedelta(hours=2)
    view = register_case(store, op, case_id, now=at)
    assert (view.registered_at, view.first_response_at) == (at, at)
    assert view.due_at == deadlines.answer_due("appeal", view.category, at)
    taken = take_case(store, op, case_id, now=at + timedelta(days=1))
    assert taken.first_response_at == at
    answered = answer_case(store, op, case_id, "Сделано", now=at + timedelta(days=2))
    assert answered.answered_at == at + timedelta(days=2)
    assert [e.action for e in answered.events] == [
        "submitted",
        "commented",
        "registered",
        "taken",
        "answered",
    ]
    assert [e.public for e in answered.events] == [True, False, True, True, True]
    assert [e.actor for e in answered.events] == ["citizen", *["roads-op"] * 4]
    assert {e.actor for e in answered.public().events} == {None}
    assert [e.action for e in answered.public().events] == [
        "submitted",
        "registered",
        "taken",
        "answered",
    ]


def test_across_the_new_year_holidays_the_deadlines_follow_the_calendar(
    store: Engine, world: dict
) -> None:
    """A ПОС message registered on 29 December: its term is in working days, so the New Year
    holidays do not count; the case keeps exactly what `cases.deadlines` computes."""
    op = world["body"]
    submitted = datetime(2025, 12, 29, 9, 0)
    case_id, _ = file_case(store, submitted, kind="message", contact=None)
    view = read_case(store, case_id)
    assert view.register_by == deadlines.register_by("message", submitted)
    at = submitted + timedelta(hours=2)
    view = register_case(store, op, case_id, now=at)
    assert view.due_at == deadlines.answer_due("message", view.category, at)
    assert view.due_at > datetime(2026, 1, 11)  # past the holidays of 31.12–11.01


def test_forwarding_moves_the_term_and_counts(store: Engine, world: dict) -> None:
    case_id, _ = case_in(store, "in_progress", world["body"])
    at = MONDAY + timedelta(days=3)
    view = forward_case(store, world["body"], case_id, OTHER_BODY, "Это ЖКХ", now=at)
    assert (view.status, view.body, view.executor, view.forwarded_count) == (
        "forwarded",
        OTHER_BODY,
        None,
        1,
    )
    assert view.due_at == deadlines.forwarded_due("appeal", view.category, at)
    assert view.events[-1].reason == "Это ЖКХ"
    with pytest.raises(Forbidden):  # it left the first body
        take_case(store, world["body"], case_id, now=at)
    back = forward_case(store, world["other"], case_id, BODY, "Всё же дороги", now=at)
    assert back.forwarded_count == 2
    with pytest.raises(ValidationFailed) as refused:
        forward_case(store, world["body"], case_id, "no-such-body", "?", now=at)
    assert refused.value.problems[0].code == "case_body_unknown"
    with pytest.raises(ValidationFailed) as refused:
        forward_case(store, world["body"], case_id, BODY, "?", now=at)
    assert refused.value.problems[0].code == "case_body_same"
    with pytest.raises(ValidationFailed) as refused:
        forward_case(store, world["body"], case_id, OTHER_BODY, "  ", now=at)
    assert refused.value.problems[0].path == "reason"


def test_an_extension_moves_the_term_once(store: Engine, world: dict) -> None:
    op = world["body"]
    case_id, token = case_in(store, "in_progress", op)
    due = read_case(store, case_id).due_at
    view = extend_case(store, op, case_id, 30, "Нужна экспертиза", now=LATER)
    assert view.due_at == deadlines.extended_due("appeal", due, 30)
    assert (view.status, view.extended_at) == ("extended", LATER)
    with pytest.raises(ValidationFailed) as refused:  # from «extended»: an illegal step
        extend_case(store, op, case_id, 5, "Ещё", now=LATER)
    assert refused.value.problems[0].code == "case_step"
    answer_case(store, op, case_id, "Готово", now=LATER)
    reopen_case(store, token, "Не готово", now=LATER + timedelta(days=1))
    with pytest.raises(ValidationFailed) as refused:  # back in progress, but extended once
        extend_case(store, op, case_id, 5, "Ещё", now=LATER + timedelta(days=2))
    assert refused.value.problems[0].code == "case_extend_once"
    other, _ = case_in(store, "in_progress", op)
    with pytest.raises(ValidationFailed) as refused:
        extend_case(store, op, other, 31, "Долго", now=LATER)
    assert refused.value.problems[0].code == "case_term_extension_too_long"


def test_an_incident_cannot_be_extended(store: Engine, world: dict) -> None:
    case_id, _ = case_in(
        store,
        "in_progress",
        world["body"],
        kind="incident",
        contact=None,
        source_url="https://t.me/kazan/1",
    )
    with pytest.raises(ValidationFailed) as refused:
        extend_case(store, world["body"], case_id, 1, "Долго", now=LATER)
    assert refused.value.problems[0].code == "case_term_extension_not_allowed"


@pytest.mark.parametrize(
    "contact",
    [
        None,
        ContactDraft(name="Анна", email="a@example.org"),  # no surname
        ContactDraft(surname="Петрова", phone="+7 900 000-00-00"),  # no address of any kind
    ],
)
def test_an_appeal_without_surname_or_address_gets_no_answer(
    store: Engine, world: dict, contact
) -> None:
    op = world["body"]
    case_id, _ = case_in(store, "in_progress", op, contact=contact)
    before = snapshot(store, case_id)
    with pytest.raises(ValidationFailed) as refused:
        answer_case(store, op, case_id, "Ответ", now=LATER)
    (problem,) = refused.value.problems
    assert problem.code == "case_answer_no_address"
    assert "ст. 11" in problem.message("ru")
    assert snapshot(store, case_id) == before


@pytest.mark.parametrize(
    "contact",
    [
        ContactDraft(surname="Петрова", postal_address="г. Казань, ул. Мира, 1"),
        ContactDraft(surname="Петрова", email="p@example.org"),
    ],
)
def test_an_appeal_with_surname_and_an_address_is_answered(
    store: Engine, world: dict, contact
) -> None:
    case_id, _ = case_in(store, "in_progress", world["body"], contact=contact)
    assert answer_case(store, world["body"], case_id, "Ответ", now=LATER).status == "answered"


def test_a_message_or_incident_is_answered_without_a_contact(store: Engine, world: dict) -> None:
    op = world["body"]
    message, _ = case_in(store, "in_progress", op, kind="message", contact=None)
    assert answer_case(store, op, message, "Ответ", now=LATER).status == "answered"
    incident, _ = case_in(
        store, "in_progress", op, kind="incident", contact=None, source_url="https://vk.com/1"
    )
    view = answer_case(store, op, incident, "Ответили в комментарии", now=LATER)
    assert view.answered_at == LATER


def test_rating_once_per_answer(store: Engine, world: dict) -> None:
    op = world["body"]
    case_id, token = case_in(store, "answered", op)
    for rating in (0, 6, True, "5"):
        with pytest.raises(ValidationFailed) as refused:
            rate_case(store, token, rating, True, now=LATER)
        assert refused.value.problems[0].code == "case_rating"
    view = rate_case(store, token, 2, False, now=LATER)
    assert (view.status, view.rating, view.solved) == ("rated", 2, False)
    with pytest.raises(ValidationFailed) as refused:
        rate_case(store, token, 5, True, now=LATER)
    assert refused.value.problems[0].params == {"step": "rate", "status": "rated"}
    reopen_case(store, token, "Не решено", now=LATER)
    answer_case(store, op, case_id, "Теперь точно", now=LATER + timedelta(days=1))
    again = rate_case(store, token, 5, True, now=LATER + timedelta(days=2))
    assert (again.rating, again.solved, again.reopened_count) == (5, True, 1)


def test_reopening_within_the_window(store: Engine, world: dict) -> None:
    case_id, token = case_in(store, "rated", world["body"])
    answered = read_case(store, case_id).answered_at
    at = answered + timedelta(days=29)
    view = reopen_case(store, token, "Яма снова открылась", now=at)
    assert (view.status, view.reopened_count) == ("in_progress", 1)
    event = view.events[-1]
    assert (event.action, event.status, event.reason) == (
        "reopened",
        "in_progress",
        "Яма снова открылась",
    )
    assert view.due_at == deadlines.answer_due("appeal", view.category, at)
    # unanswered again: the answer found wanting is in the event, not counted as on time
    assert view.answered_at is None and event.public
    late, late_token = case_in(store, "answered", world["body"])
    until = deadlines.reopen_until("appeal", read_case(store, late).answered_at)
    with pytest.raises(ValidationFailed) as refused:
        reopen_case(store, late_token, "Поздно", now=until + timedelta(seconds=1))
    assert refused.value.problems[0].code == "case_reopen_late"
    for status in ("closed", "rejected"):
        _, final_token = case_in(store, status, world["body"])
        with pytest.raises(ValidationFailed) as refused:
            reopen_case(store, final_token, "Хочу ещё", now=LATER)
        assert refused.value.problems[0].params["status"] == status


def test_a_wrong_token_reaches_nothing(store: Engine, world: dict) -> None:
    case_in(store, "answered", world["body"])
    for token in ("", "short", "x" * 40):
        with pytest.raises(ValidationFailed) as refused:
            reopen_case(store, token, "?", now=LATER)
        assert refused.value.problems[0].code == "case_token_unknown"


def test_duplicates_point_to_the_original_of_their_region(store: Engine, world: dict) -> None:
    op = world["body"]
    first, _ = file_case(store)
    second, _ = file_case(store, text="Вторая жалоба на ту же яму")
    third, _ = file_case(store, text="Третья жалоба на ту же яму")
    register_case(store, op, second, now=LATER)
    assert mark_duplicate(store, op, second, first, "Та же яма", now=LATER).duplicate_of == first
    # a duplicate of a duplicate points to the original
    assert mark_duplicate(store, op, third, second, None, now=LATER).duplicate_of == first
    far = submit_case(store, draft(region="RU-MOW"), now=MONDAY).case_id
    fourth, _ = file_case(store, text="Четвёртая")
    with pytest.raises(ValidationFailed) as refused:
        mark_duplicate(store, op, fourth, far, None, now=LATER)
    assert refused.value.problems[0].code == "case_duplicate_region"
    with pytest.raises(ValidationFailed) as refused:
        mark_duplicate(store, op, fourth, fourth, None, now=LATER)
    assert refused.value.problems[0].code == "case_duplicate_of"


def test_reading_a_case_whoever_may(store: Engine, world: dict) -> None:
    case_id, _ = case_in(store, "registered", world["body"])
    for who in ("body", "admin", "triage"):
        assert read_case(store, case_id, world[who]).text
    for who in ("other", "far", "viewer", "far_triage", "analyst"):
        with pytest.raises(Forbidden):
            read_case(store, case_id, world[who])


def test_the_public_view_keeps_the_text_only_with_consent(store: Engine, world: dict) -> None:
    op = world["body"]
    hidden, _ = case_in(store, "answered", op)
    public = read_case(store, hidden).public()
    assert (public.text, public.executor, public.answer_text) == (None, None, None)
    shown, _ = case_in(store, "answered", op, publish_text=True, show_name=True)
    view = read_case(store, shown)
    assert view.public().text == view.text and view.public().answer_text == "Яма заделана."
    assert view.public_name == "Анна-PII-7 М."
    assert len(PATH) == len(set(PATH))


def test_two_operators_taking_one_case_at_once(store: Engine, world: dict) -> None:
    """Both see it registered; one takes it, the other is refused as from «in progress» —
    never a database error, on SQLite too (the step takes the write lock before it reads)."""
    import threading

    for _ in range(3):
        case_id, _ = case_in(store, "registered", world["body"])
        outcomes: list = []
        barrier = threading.Barrier(2)

        def take(who, case_id=case_id, outcomes=outcomes, barrier=barrier) -> None:
            barrier.wait()
            try:
                outcomes.append(take_case(store, who, case_id).executor)
            except ValidationFailed as refused:
                outcomes.append(refused.problems[0].params["status"])

        threads = [threading.Thread(target=take, args=(world[w],)) for w in ("body", "body2")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(outcomes)[0] == "in_progress" and len(outcomes) == 2
        assert sorted(outcomes)[1] in ("roads-op", "roads-op2")
        assert read_case(store, case_id).events[-1].action == "taken"
        assert [e.action for e in read_case(store, case_id).events].count("taken") == 1


def test_forwarding_to_another_regions_body_moves_the_case_there(
    store: Engine, world: dict
) -> None:
    case_id, _ = case_in(store, "registered", world["body"], oktmo="92701000001")
    view = forward_case(store, world["body"], case_id, "mow-roads", "Это Москва", now=LATER)
    assert (view.region, view.body, view.oktmo) == ("RU-MOW", "mow-roads", None)
    assert take_case(store, world["far"], case_id, now=LATER).status == "in_progress"
    with pytest.raises(Forbidden):
        read_case(store, case_id, world["triage"])


def test_a_promised_date_is_a_day_not_in_the_past(store: Engine, world: dict) -> None:
    from datetime import date

    op = world["body"]
    case_id, _ = case_in(store, "in_progress", op)
    for wrong in (date(2026, 5, 31), "2026-07-01", LATER):
        with pytest.raises(ValidationFailed) as refused:
            answer_case(store, op, case_id, "Сделаем", promised_on=wrong, now=LATER)
        assert refused.value.problems[0].code == "case_promised_on"
    view = answer_case(store, op, case_id, "Сделаем", promised_on=date(2026, 6, 20), now=LATER)
    assert view.promised_on == date(2026, 6, 20)
    assert view.events[-1].action == "answered"
