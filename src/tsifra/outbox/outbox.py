"""Messages to send, kept in the database until they are sent (the transactional outbox).

Whoever decides that a message is due writes it here in its own transaction (`enqueue`), under
a key naming why it exists; a second decision with the same key adds nothing, so a job run
twice, or by two processes, sends one message. `send_pending` sends what is pending over SMTP
and records each attempt: sent, or the error and one more attempt, until `MAX_ATTEMPTS`, after
which the message is `failed` and stays for a person to see. Without SMTP settings nothing is
sent and everything stays pending.

SMTP is configured from the environment: `TSIFRA_SMTP_HOST` (no host: no sending),
`TSIFRA_SMTP_PORT` (25), `TSIFRA_SMTP_FROM` (the sender address), `TSIFRA_SMTP_STARTTLS=1`,
`TSIFRA_SMTP_USER` and `TSIFRA_SMTP_PASSWORD` (used only over STARTTLS, never in clear).
"""

from __future__ import annotations

import os
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from tsifra.store import OutboxMessage, session_scope, utcnow

MAX_ATTEMPTS = 5
TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 25
    sender: str = "tsifra@localhost"
    starttls: bool = False
    user: str | None = None
    password: str | None = None


@dataclass(frozen=True)
class SendReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def smtp_settings(environ: dict[str, str] | None = None) -> SmtpSettings | None:
    env = os.environ if environ is None else environ
    host = (env.get("TSIFRA_SMTP_HOST") or "").strip()
    if not host:
        return None
    port = (env.get("TSIFRA_SMTP_PORT") or "").strip()
    return SmtpSettings(
        host=host,
        port=int(port) if port.isdigit() else 25,
        sender=(env.get("TSIFRA_SMTP_FROM") or "").strip() or SmtpSettings.sender,
        starttls=env.get("TSIFRA_SMTP_STARTTLS", "") == "1",
        user=env.get("TSIFRA_SMTP_USER") or None,
        password=env.get("TSIFRA_SMTP_PASSWORD") or None,
    )


def enqueue(session: Session, key: str, recipient: str, subject: str, body: str) -> bool:
    """Add a message in the caller's transaction unless one with `key` exists; True if added."""
    if session.scalar(select(OutboxMessage.id).where(OutboxMessage.key == key)) is not None:
        return False
    session.add(
        OutboxMessage(
            key=key,
            recipient=recipient,
            subject=subject,
            body=body,
            created_at=utcnow(),
            status="pending",
            attempts=0,
        )
    )
    session.flush()
    return True


def send_pending(engine: Engine, settings: SmtpSettings | None) -> SendReport:
    """Send every pending message, one SMTP connection for the lot; each result recorded."""
    if settings is None:
        return SendReport()
    with session_scope(engine) as session:
        pending = session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.status == "pending")
            .order_by(OutboxMessage.id)
        ).all()
        messages = [(m.id, m.recipient, m.subject, m.body) for m in pending]
    if not messages:
        return SendReport()
    results: dict[int, str | None] = {}
    try:
        with _connect(settings) as smtp:
            for message_id, recipient, subject, body in messages:
                try:
                    smtp.send_message(_email(settings.sender, recipient, subject, body))
                    results[message_id] = None
                except smtplib.SMTPException as refused:
                    results[message_id] = _error(refused)
    except (OSError, smtplib.SMTPException) as failed:  # no connection: every one retries
        for message_id, *_ in messages:
            results.setdefault(message_id, _error(failed))
    return _record(engine, results)


def _connect(settings: SmtpSettings) -> smtplib.SMTP:
    smtp = smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT_SECONDS)
    if settings.starttls:
        smtp.starttls(context=ssl.create_default_context())
        if settings.user and settings.password:
            smtp.login(settings.user, settings.password)
    return smtp


def _email(sender: str, recipient: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = recipient
    message["Subject"] = subject
    message.set_content(body)
    return message


def _error(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:1000]


def _record(engine: Engine, results: dict[int, str | None]) -> SendReport:
    counts = {"sent": 0, "retrying": 0, "failed": 0}
    with session_scope(engine) as session:
        now = utcnow()
        for message_id, error in results.items():
            m = session.get(OutboxMessage, message_id)
            m.attempts += 1
            m.last_attempt_at = now
            if error is None:
                m.status, m.sent_at, m.error = "sent", now, None
                counts["sent"] += 1
            else:
                m.error = error
                m.status = "failed" if m.attempts >= MAX_ATTEMPTS else "pending"
                counts["failed" if m.status == "failed" else "retrying"] += 1
    return SendReport(**counts)
