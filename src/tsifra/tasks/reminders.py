"""Reminders of tasks: the day before the deadline, and once a task is overdue.

`remind` looks at every open task (neither accepted nor cancelled) as of `today`: one due
tomorrow gets the reminder `task:<id>:due`, one past its deadline the notice
`task:<id>:overdue`. Each goes through the outbox (`outbox.enqueue`), whose key makes it
once per task, kind and recipient however often `remind` runs; then the outbox is sent when
SMTP is configured.
A task that is due tomorrow only when `remind` is first run on its deadline day gets no
reminder (it is not due tomorrow any more), only the overdue notice the day after.

Recipients: the task's responsible e-mail, else the e-mail of every active operator account of
its region. A task with neither gets nothing and is counted as `unaddressed`. `tsifra tasks
remind` runs this; run it daily (cron or a systemd timer).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Engine, select

from tsifra.kernel.formatting import day
from tsifra.kernel.language import Lang, word, word_key
from tsifra.outbox.outbox import SendReport, SmtpSettings, enqueue, send_pending
from tsifra.store import Task, User, require_current, session_scope
from tsifra.store.audit import record
from tsifra.tasks.listing import region_names
from tsifra.tasks.states import OPEN

SUBJECTS = {
    "due": word_key("reminder_due_subject"),
    "overdue": word_key("reminder_overdue_subject"),
}


@dataclass(frozen=True)
class ReminderReport:
    enqueued: int
    unaddressed: int
    sent: SendReport


def remind(
    engine: Engine,
    today: date | None = None,
    settings: SmtpSettings | None = None,
    lang: Lang = "ru",
    base_url: str = "",
) -> ReminderReport:
    require_current(engine)
    today = today or date.today()
    tomorrow = today + timedelta(days=1)
    names = region_names(lang)
    enqueued = unaddressed = 0
    with session_scope(engine) as session:
        tasks = session.scalars(
            select(Task).where(Task.status.in_(OPEN), Task.deadline <= tomorrow).order_by(Task.id)
        ).all()
        operators = _operator_emails(session)
        for task in tasks:
            kind = "due" if task.deadline == tomorrow else "overdue"
            if task.deadline == today:
                continue  # due today: reminded yesterday, overdue from tomorrow
            recipients = (
                [task.responsible_email]
                if task.responsible_email
                else operators.get(task.region, [])
            )
            if not recipients:
                unaddressed += 1
                continue
            subject = word(SUBJECTS[kind], lang, id=task.id, title=task.title[:120])
            body = word(
                "reminder_body",
                lang,
                title=task.title,
                region=names.get(task.region, task.region),
                deadline=day(task.deadline, lang),
                link=f"{base_url}/tasks/{task.id}",
            )
            for address in sorted(set(recipients)):
                who = hashlib.sha256(address.casefold().encode()).hexdigest()[:16]
                key = f"task:{task.id}:{kind}:{who}"
                enqueued += enqueue(session, key, address, subject, body)
        if enqueued:
            record(session, None, "task.remind", None, {"enqueued": enqueued})
    return ReminderReport(enqueued, unaddressed, send_pending(engine, settings))


def _operator_emails(session) -> dict[str, list[str]]:
    rows = session.execute(
        select(User.region, User.email).where(
            User.role == "operator", User.active, User.email.is_not(None)
        )
    ).all()
    found: dict[str, list[str]] = {}
    for region, email in rows:
        found.setdefault(region, []).append(email)
    return found
