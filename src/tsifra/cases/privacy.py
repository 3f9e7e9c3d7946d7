"""Pseudonymisation of closed cases: a case keeps its figures, not its applicant.

152-ФЗ keeps personal data no longer than their purpose needs. A case's purpose ends some time
after it is closed (the answer given, a complaint about it decided), while its figures (dates,
category, region, municipality, status, rating) feed the index for years. So, after
`TSIFRA_PSEUDONYMISE_DAYS` (365 by default) from closing, a case in a final status loses:
  - its contact (`case_contacts`: surname, name, e-mail, phone, postal address emptied);
  - its free text, unless the citizen let it be published (then only the published form
    stays: the redacted one if a moderator redacted it; none if a moderator hid it or it waits
    for one), the name shown on public pages, a social-media author's handle and post address;
  - what the citizen wrote into its history (reasons of the citizen's own steps);
  - its tracking link (the digest is replaced by one of a random secret no one holds).
It gains a `pseudonymised` event and `pseudonymised_at`, which also make a second run a no-op.
Open cases are never touched, however old: their applicant is still owed an answer.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from datetime import datetime, timedelta

from sqlalchemy import Engine, func, select, update

from tsifra.cases.moderation import public_text
from tsifra.store import Case, CaseContact, CaseEvent, session_scope, utcnow
from tsifra.store.audit import record

DEFAULT_DAYS = 365
FINAL_STATUSES = ("closed", "rejected", "duplicate")  # nothing more happens to these
_CHUNK = 500  # cases per statement: bounded parameter lists on both databases


def configured_days() -> int:
    """`TSIFRA_PSEUDONYMISE_DAYS`, or the default when unset or not a positive whole number."""
    text = os.environ.get("TSIFRA_PSEUDONYMISE_DAYS", "").strip()
    return int(text) if text.isdigit() and int(text) > 0 else DEFAULT_DAYS


def pseudonymise_closed(
    engine: Engine,
    *,
    days: int | None = None,
    actor: str = "system",
    now: datetime | None = None,
) -> int:
    """Pseudonymise every case closed more than `days` ago (see the module); the number done.

    One transaction: either every case due is done or none is. A case closed without a
    `closed_at` (rejected, marked a duplicate) counts from its last change."""
    now = now or utcnow()
    days = configured_days() if days is None else days
    if days < 0:
        raise ValueError("days must not be negative")
    cutoff = now - timedelta(days=days)
    closed_on = func.coalesce(Case.closed_at, Case.updated_at)
    with session_scope(engine) as session:
        due = session.scalars(
            select(Case.id)
            .where(
                Case.status.in_(FINAL_STATUSES),
                Case.pseudonymised_at.is_(None),
                closed_on < cutoff,
            )
            .order_by(Case.id)
        ).all()
        for start in range(0, len(due), _CHUNK):
            _pseudonymise(session, list(due[start : start + _CHUNK]), actor, now)
        if due:
            record(session, actor, "cases_pseudonymised", None, {"cases": len(due), "days": days})
    return len(due)


def _pseudonymise(session, ids: list[int], actor: str, now: datetime) -> None:
    session.execute(
        update(CaseContact)
        .where(CaseContact.case_id.in_(ids))
        .values(surname=None, name=None, email=None, phone=None, postal_address=None)
    )
    session.execute(
        update(CaseEvent)
        .where(CaseEvent.case_id.in_(ids), CaseEvent.actor == "citizen")
        .values(reason=None, details=None)
    )
    for case in session.scalars(select(Case).where(Case.id.in_(ids))):
        case.text = public_text(case) or ""
        case.public_name = None
        case.source_author = None
        case.source_url = None
        case.tracking_sha256 = hashlib.sha256(secrets.token_bytes(32)).hexdigest()
        case.pseudonymised_at = now
        case.updated_at = now
        session.add(
            CaseEvent(
                case_id=case.id,
                at=now,
                actor=actor,
                action="pseudonymised",
                status=case.status,
                body=case.body,
                public=False,
            )
        )
