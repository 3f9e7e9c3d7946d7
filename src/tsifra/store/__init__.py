"""The SQL database: tables, sessions and migrations, one interface for SQLite and PostgreSQL."""

from tsifra.store.database import (
    as_utc,
    database_url,
    make_engine,
    parse_moment,
    session_scope,
    shown_url,
    utcnow,
)
from tsifra.store.migrate import (
    current_revision,
    head_revision,
    is_current,
    require_current,
    upgrade,
)
from tsifra.store.models import (
    AuditEntry,
    Base,
    Batch,
    Resolution,
    ResultRun,
    ResultScore,
    StoredMethodology,
    Unit,
    ValueRevision,
)

__all__ = [
    "AuditEntry",
    "Base",
    "Batch",
    "Resolution",
    "ResultRun",
    "ResultScore",
    "StoredMethodology",
    "Unit",
    "ValueRevision",
    "as_utc",
    "current_revision",
    "database_url",
    "head_revision",
    "is_current",
    "make_engine",
    "parse_moment",
    "require_current",
    "session_scope",
    "shown_url",
    "upgrade",
    "utcnow",
]
