"""Cases written straight into the store, for tests of services that act on cases whatever
step made them (moderation, pseudonymisation), with marked personal data to look for."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from sqlalchemy import Engine

from tsifra.store import Body, Case, CaseContact, CaseEvent, CaseFile, session_scope

MARKS = {  # what a citizen typed: none of it may reach a public answer
    "surname": "Маркерова-PII-7",
    "name": "Приватия-PII-7",
    "email": "pii-7@marked.example",
    "phone": "+7 999 000-77-77",
    "postal_address": "ул. Скрытая-PII-7, д. 7",
}
PRIVATE_TEXT = "Личный-текст-PII-7: во дворе яма"
BODIES = ("ta-roads", "ta-housing")


def add_bodies(engine: Engine, region: str = "RU-TA") -> None:
    with session_scope(engine) as session:
        for code in BODIES:
            session.add(Body(code=code, region=region, name_ru=code, kind="regional"))


def add_case(
    engine: Engine,
    *,
    status: str = "in_progress",
    at: datetime = datetime(2026, 3, 2, 9, 0),
    closed_at: datetime | None = None,
    publish_text: bool = False,
    text: str = PRIVATE_TEXT,
    body: str | None = BODIES[0],
    with_file: bool = False,
) -> int:
    """One case with a contact, a `submitted` event from the citizen (with a reason), and
    optionally one attachment; its id."""
    with session_scope(engine) as session:
        case = Case(
            kind="appeal",
            category="roads.pits.yard",
            region="RU-TA",
            oktmo="92701000",
            text=text,
            channel="web",
            status=status,
            body=body,
            submitted_at=at,
            registered_at=at,
            due_at=at,
            answered_at=closed_at,
            rating=4 if closed_at else None,
            closed_at=closed_at if status == "closed" else None,
            publish_text=publish_text,
            public_name=MARKS["surname"] if publish_text else None,
            tracking_sha256=hashlib.sha256(secrets.token_bytes(16)).hexdigest(),
            content_sha256=hashlib.sha256(text.encode()).hexdigest(),
            updated_at=closed_at or at,
        )
        session.add(case)
        session.flush()
        session.add(CaseContact(case_id=case.id, **MARKS))
        session.add(
            CaseEvent(
                case_id=case.id,
                at=at,
                actor="citizen",
                action="submitted",
                status="submitted",
                reason=f"{MARKS['surname']} просит ответить",
            )
        )
        if with_file:
            session.add(
                CaseFile(
                    case_id=case.id,
                    purpose="attachment",
                    sha256="0" * 64,
                    name="yard.jpg",
                    media_type="image/jpeg",
                    size=10,
                    uploaded_at=at,
                    uploaded_by="citizen",
                )
            )
        return case.id
