"""Cases written straight into the schema, for tests of what reads them (similar cases, the
region overview, the pages) without going through the case core's steps."""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import replace
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


BODY = "RU-TA-roads"
OTHER_BODY = "RU-TA-light"


def add_bodies(engine, region: str = "RU-TA") -> dict[str, object]:
    """Two bodies of `region`, an operator of each (`roads`, `light`, password WEB_PASSWORD),
    and their accounts as the services take them."""
    from sqlalchemy import update

    from builders import WEB_PASSWORD
    from tsifra.accounts import create_user
    from tsifra.store.models import Body, User

    with session_scope(engine) as session:
        session.add(Body(code=BODY, region=region, name_ru="Управление дорог",
                         name_en="Roads department", kind="municipal"))  # fmt: skip
        session.add(Body(code=OTHER_BODY, region=region, name_ru="Управление освещения",
                         name_en="Lighting department", kind="municipal"))  # fmt: skip
    accounts = {}
    for login, body in (("roads", BODY), ("light", OTHER_BODY)):
        account = create_user(engine, login, WEB_PASSWORD, "operator", region=region)
        with session_scope(engine) as session:
            session.execute(update(User).where(User.login == login).values(body=body))
        accounts[login] = replace(account, body=body)
    return accounts
