"""Notices to the citizen through the outbox, received by a real SMTP server on this machine
(aiosmtpd): forwarding (59-ФЗ ст. 8 ч. 3), extension (ст. 12 ч. 2) and the answer, each once
under its key, in Russian, with the tracking page's link when a base address is given, and
never with the text of the appeal."""

from __future__ import annotations

from sqlalchemy import Engine, select

from case_builders import MARKED, MONDAY, OTHER_BODY, case_in, people
from tsifra.cases.cases import (
    ContactDraft,
    answer_case,
    extend_case,
    forward_case,
    read_case,
    reopen_case,
    take_case,
)
from tsifra.outbox.outbox import send_pending
from tsifra.store import OutboxMessage, session_scope

BASE = "https://tsifra.example.org"


def _keys(engine: Engine) -> list[str]:
    with session_scope(engine) as session:
        return list(session.scalars(select(OutboxMessage.key).order_by(OutboxMessage.id)))


def test_forwarding_extension_and_answer_reach_the_citizen(store: Engine, smtp) -> None:
    inbox, settings = smtp
    world = people(store)
    op = world["body"]
    case_id, token = case_in(store, "in_progress", op)
    text = read_case(store, case_id).text
    extend_case(store, op, case_id, 10, "Нужна экспертиза", base_url=BASE)
    answer_case(store, op, case_id, "Яма заделана 3 июня.", base_url=BASE)
    reopen_case(store, token, "Яма снова на месте")
    forward_case(store, op, case_id, OTHER_BODY, "Двор обслуживает управляющая компания")
    take_case(store, world["other"], case_id)
    answer_case(store, world["other"], case_id, "Заделали ещё раз.")
    assert _keys(store) == [
        f"case:{case_id}:extended",
        f"case:{case_id}:answered:1",
        f"case:{case_id}:forwarded:1",
        f"case:{case_id}:answered:2",
    ]
    assert send_pending(store, settings).sent == 4
    assert {to for to, _ in inbox.received} == {(MARKED.email,)}
    subjects = [str(m["Subject"]) for _, m in inbox.received]
    assert subjects == [
        f"Срок рассмотрения обращения № {case_id} продлён",
        f"Ответ на обращение № {case_id}",
        f"Обращение № {case_id} перенаправлено по компетенции",
        f"Ответ на обращение № {case_id}",
    ]
    extended, answered, forwarded, _ = (m.get_content() for _, m in inbox.received)
    assert "Нужна экспертиза" in extended and f"{BASE}/appeals/track" in extended
    assert "Яма заделана 3 июня." in answered
    assert "Минстрой РТ" in forwarded and "управляющая компания" in forwarded
    assert "/appeals/track" not in forwarded  # no base address given, no link
    for _, message in inbox.received:
        content = message.get_content()
        assert text not in content and token not in content
        assert MARKED.surname not in content and MARKED.phone not in content
    assert send_pending(store, settings).sent == 0  # each once


def test_the_deadline_in_a_notice_is_the_moscow_day(store: Engine) -> None:
    world = people(store)
    op = world["body"]
    case_id, _ = case_in(store, "in_progress", op)
    view = extend_case(store, op, case_id, 30, "Экспертиза")
    with session_scope(store) as session:
        body = session.scalar(select(OutboxMessage.body))
    from datetime import timedelta

    moscow = (view.due_at + timedelta(hours=3)).date()
    assert f"продлён до {moscow:%d.%m.%Y}" in body
    assert f"от {MONDAY:%d.%m.%Y}" in body


def test_without_an_email_nothing_is_sent(store: Engine) -> None:
    world = people(store)
    op = world["body"]
    postal = ContactDraft(surname="Петрова", postal_address="г. Казань, ул. Мира, 1")
    case_id, _ = case_in(store, "in_progress", op, contact=postal)
    extend_case(store, op, case_id, 5, "Экспертиза")
    answer_case(store, op, case_id, "Ответ отправлен почтой")
    assert _keys(store) == []
