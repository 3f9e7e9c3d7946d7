"""Notices to the citizen, decided in the step's transaction and sent after it (the outbox).

59-ФЗ wants the citizen told when the appeal is forwarded to another body (ст. 8 ч. 3) and when
its term is extended (ст. 12 ч. 2), and the answer goes to the address the citizen gave
(ст. 10 ч. 4). Each notice is one outbox message under a key naming why it exists
(`case:<id>:forwarded:<n>`, `case:<id>:extended`, `case:<id>:answered:<n>`, n counting from
1), so a step retried sends it once. Notices go to the e-mail of the contact only (a postal
answer is the body's own business); they are in Russian, the language of the service, and hold
the case's number, the body and the dates, never the text of the appeal. The personal tracking
link cannot be rebuilt (only its digest is kept), so a notice links to the tracking page
(`<base>/appeals/track`) when a base address is given (`TSIFRA_BASE_URL` or the step's
`base_url`).
"""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from tsifra.kernel.language import word
from tsifra.outbox.outbox import enqueue
from tsifra.store import Body, Case, CaseContact

LANG = "ru"
MOSCOW = timedelta(hours=3)  # legal days are Moscow days (UTC+3, no summer time)


def _day(moment: datetime | None) -> date | None:
    """The Moscow date of a stored UTC moment, as the law counts days."""
    return None if moment is None else (moment + MOSCOW).date()


def base_address(given: str | None = None) -> str:
    value = given if given is not None else os.environ.get("TSIFRA_BASE_URL", "")
    return value.strip().rstrip("/")


def _recipient(session: Session, case: Case) -> str | None:
    contact = session.get(CaseContact, case.id)
    return contact.email if contact is not None and contact.email else None


def _body_name(session: Session, code: str | None) -> str:
    body = session.get(Body, code) if code else None
    return body.name_ru if body is not None else word("case_notice_no_body", LANG)


def _with_link(text: str, base_url: str | None) -> str:
    base = base_address(base_url)
    if not base:
        return text
    return text + "\n\n" + word("case_notice_link", LANG, link=f"{base}/appeals/track")


def notify_forwarded(
    session: Session, case: Case, reason: str | None, base_url: str | None = None
) -> bool:
    to = _recipient(session, case)
    if to is None:
        return False
    subject = word("case_notice_forwarded_subject", LANG, id=case.id)
    text = word(
        "case_notice_forwarded_body",
        LANG,
        id=case.id,
        submitted=_day(case.submitted_at),
        body=_body_name(session, case.body),
        reason=reason or "",
        due=_day(case.due_at),
    )
    key = f"case:{case.id}:forwarded:{case.forwarded_count}"
    return enqueue(session, key, to, subject, _with_link(text, base_url))


def notify_extended(
    session: Session, case: Case, reason: str | None, base_url: str | None = None
) -> bool:
    to = _recipient(session, case)
    if to is None:
        return False
    subject = word("case_notice_extended_subject", LANG, id=case.id)
    text = word(
        "case_notice_extended_body",
        LANG,
        id=case.id,
        submitted=_day(case.submitted_at),
        due=_day(case.due_at),
        reason=reason or "",
    )
    return enqueue(session, f"case:{case.id}:extended", to, subject, _with_link(text, base_url))


def notify_answered(session: Session, case: Case, base_url: str | None = None) -> bool:
    to = _recipient(session, case)
    if to is None:
        return False
    subject = word("case_notice_answered_subject", LANG, id=case.id)
    text = word(
        "case_notice_answered_body",
        LANG,
        id=case.id,
        submitted=_day(case.submitted_at),
        body=_body_name(session, case.body),
        answer=case.answer_text or "",
    )
    if case.promised_on is not None:
        text += "\n" + word("case_notice_promised", LANG, promised=case.promised_on)
    key = f"case:{case.id}:answered:{(case.reopened_count or 0) + 1}"
    return enqueue(session, key, to, subject, _with_link(text, base_url))
