"""Cases written straight into the schema, for tests of what reads them (similar cases, the
region overview, the pages) without going through the case core's steps."""

from __future__ import annotations

import hashlib
import itertools
from datetime import datetime

from tsifra.store import session_scope
from tsifra.store.models import Case, CaseContact

_numbers = itertools.count(1)
MARKED = {  # personal data a test looks for everywhere it must not be
    "surname": "Маркерова-PII-7",
    "name": "Зоя-PII-7",
    "email": "pii7@example.ru",
    "phone": "+7 900 000-77-77",
    "postal_address": "ул. Маркерная-PII-7, д. 7",
}


def add_case(engine, **values) -> int:
    """One case with sensible defaults and the marked contact; returns its id."""
    n = next(_numbers)
    at = values.pop("submitted_at", datetime(2026, 3, 2, 9, 0))
    fields = {
        "kind": "appeal",
        "category": "roads.pits.yard",
        "region": "RU-KLU",
        "text": "Яма во дворе",
        "channel": "web",
        "status": "registered",
        "submitted_at": at,
        "updated_at": at,
        "tracking_sha256": hashlib.sha256(f"token-{n}".encode()).hexdigest(),
        "content_sha256": hashlib.sha256(f"content-{n}".encode()).hexdigest(),
        **values,
    }
    with session_scope(engine) as session:
        case = Case(**fields)
        session.add(case)
        session.flush()
        session.add(CaseContact(case_id=case.id, **MARKED))
        return case.id
