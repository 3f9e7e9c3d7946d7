"""The audit log: who did what, when. Written in the same transaction as the change it records."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, insert
from sqlalchemy.orm import Session

from tsifra.store.database import utcnow
from tsifra.store.models import AuditEntry


def record(
    bind: Session | Connection,
    actor: str | None,
    action: str,
    target: str | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """Append one entry; it commits or rolls back with the caller's transaction."""
    bind.execute(
        insert(AuditEntry).values(
            at=utcnow(), actor=actor, action=action, target=target, details=details
        )
    )
