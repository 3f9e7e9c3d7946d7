"""Reminders through the outbox to a real SMTP server on this machine (aiosmtpd): the reminder
for a task due tomorrow and the overdue notice arrive once each, and a second run sends none."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import Engine, select

from mail_server import free_port
from tsifra.accounts import create_user
from tsifra.outbox.outbox import MAX_ATTEMPTS, SmtpSettings, send_pending, smtp_settings
from tsifra.store import OutboxMessage, session_scope
from tsifra.tasks.reminders import remind
from tsifra.tasks.tasks import TaskDraft, create_task, set_status

TODAY = date(2026, 6, 1)


def _task(store, who, deadline, title, email=None):
    draft = TaskDraft(title, "RU-TA", "Петров П. П.", deadline, responsible_email=email)
    return create_task(store, who, draft, today=TODAY)


def test_due_tomorrow_and_overdue_arrive_once_each(store: Engine, smtp) -> None:
    inbox, settings = smtp
    analyst = create_user(store, "fed", "long-enough-pass", "analyst")
    due = _task(store, analyst, TODAY + timedelta(days=1), "Завтрашнее", "petrov@example.org")
    late = _task(store, analyst, TODAY - timedelta(days=2), "Просроченное", "petrov@example.org")
    _task(store, analyst, TODAY + timedelta(days=5), "Не скоро", "petrov@example.org")
    _task(store, analyst, TODAY - timedelta(days=1), "Без адреса")  # no e-mail anywhere
    cancelled = _task(store, analyst, TODAY - timedelta(days=3), "Снято", "petrov@example.org")
    set_status(store, analyst, cancelled.id, "cancelled", "Не актуально")

    first = remind(store, TODAY, settings)
    assert (first.enqueued, first.unaddressed, first.sent.sent) == (2, 1, 2)
    subjects = sorted(str(m["Subject"]) for _, m in inbox.received)
    assert subjects == [
        f"Завтра срок поручения №{due.id}: Завтрашнее",
        f"Просрочено поручение №{late.id}: Просроченное",
    ]
    assert {to for to, _ in inbox.received} == {("petrov@example.org",)}
    body = inbox.received[0][1].get_content()  # tasks are reminded in the order of their ids
    assert "Республика Татарстан" in body and f"/tasks/{due.id}" in body

    again = remind(store, TODAY, settings)
    assert (again.enqueued, again.sent.sent) == (0, 0)
    assert len(inbox.received) == 2
    next_day = remind(store, TODAY + timedelta(days=1), settings)  # the first is due today now
    assert (next_day.enqueued, len(inbox.received)) == (0, 2)
    two_days = remind(store, TODAY + timedelta(days=2), settings)  # now it is overdue
    assert (two_days.enqueued, len(inbox.received)) == (1, 3)


def test_an_operators_account_email_is_the_fallback(store: Engine, smtp) -> None:
    inbox, settings = smtp
    analyst = create_user(store, "fed", "long-enough-pass", "analyst")
    create_user(store, "op", "long-enough-pass", "operator", region="RU-TA")
    from tsifra.store import User

    with session_scope(store) as session:
        session.scalar(select(User).where(User.login == "op")).email = "op@example.org"
    _task(store, analyst, TODAY - timedelta(days=1), "Просроченное")
    assert remind(store, TODAY, settings).sent.sent == 1
    assert inbox.received[0][0] == ("op@example.org",)


def test_without_a_server_messages_wait_then_fail_after_the_last_attempt(store: Engine) -> None:
    analyst = create_user(store, "fed", "long-enough-pass", "analyst")
    _task(store, analyst, TODAY - timedelta(days=1), "Просроченное", "a@example.org")
    assert remind(store, TODAY, None).enqueued == 1  # no SMTP configured: kept pending
    nowhere = SmtpSettings("127.0.0.1", free_port())  # nothing listens there
    for _ in range(MAX_ATTEMPTS - 1):
        assert send_pending(store, nowhere).retrying == 1
    assert send_pending(store, nowhere).failed == 1
    with session_scope(store) as session:
        message = session.scalar(select(OutboxMessage))
        assert (message.status, message.attempts) == ("failed", MAX_ATTEMPTS)
        assert message.error


def test_settings_from_the_environment() -> None:
    assert smtp_settings({}) is None
    found = smtp_settings(
        {"TSIFRA_SMTP_HOST": "mail", "TSIFRA_SMTP_PORT": "587", "TSIFRA_SMTP_STARTTLS": "1"}
    )
    assert (found.host, found.port, found.starttls) == ("mail", 587, True)
