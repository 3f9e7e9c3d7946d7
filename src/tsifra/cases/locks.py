"""Taking a case for a change: the write lock first, then the read.

A step reads the case, judges it and writes. On PostgreSQL the row lock (`FOR UPDATE`) keeps a
concurrent step out between the read and the write. SQLite has no row locks, and a transaction
that reads first and writes later fails at once ("database is locked") when another writer
committed in between, whatever the busy timeout. So the first statement of a change is a write
that changes nothing — it takes SQLite's write lock (waiting its turn) and PostgreSQL's row
lock alike — and the case is read after it, as it is now.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from tsifra.store import Case


def locked_case(session: Session, case_id: int) -> Case | None:
    """The case, locked for this transaction; None if there is no such case."""
    touched = session.execute(
        update(Case)
        .where(Case.id == case_id)
        .values(updated_at=Case.updated_at)
        .execution_options(synchronize_session=False)
    ).rowcount
    return session.get(Case, case_id, populate_existing=True) if touched else None
