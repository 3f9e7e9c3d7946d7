"""Case rows written straight into the `cases` table, as the core service stores them: what the
tests of routing, queues and incidents (and the queue benchmark) read, without going through
the submission service those tests are not about."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from itertools import count

from sqlalchemy import Engine, update

from tsifra.accounts import create_user
from tsifra.accounts.users import Account
from tsifra.store import session_scope
from tsifra.store.models import Case, User

_serial = count(1)


def case_values(now: datetime, **fields) -> dict:
    """The columns of one open, registered appeal in RU-TA (overridable), unique hashes."""
    n = next(_serial)
    return {
        "kind": "appeal",
        "category": "roads.pits.yard",
        "region": "RU-TA",
        "text": f"Яма во дворе {n}",
        "channel": "web",
        "status": "registered",
        "submitted_at": now - timedelta(days=5),
        "register_by": now - timedelta(days=2),
        "tracking_sha256": hashlib.sha256(f"track-{n}-{now}".encode()).hexdigest(),
        "content_sha256": hashlib.sha256(f"content-{n}-{now}".encode()).hexdigest(),
        "updated_at": now,
    } | fields


def make_case(session, now: datetime, **fields) -> int:
    row = Case(**case_values(now, **fields))
    session.add(row)
    session.flush()
    return row.id


def body_operator(
    engine: Engine, login: str, region: str, body: str | None, password: str
) -> Account:
    """An operator of a region, set to work for `body` (None: the region's triage)."""
    account = create_user(engine, login, password, "operator", region=region)
    set_body(engine, login, body)
    return Account(account.id, account.login, account.name, "operator", region, body)


def set_body(engine: Engine, login: str, body: str | None) -> None:
    with session_scope(engine) as session:
        session.execute(update(User).where(User.login == login).values(body=body))
