"""The tables: units, methodologies, batches, value revisions, resolutions, results, audit log,
and the dashboard's accounts, API tokens, failed sign-ins, locked logins, tasks with their
comments and report files, and the outbox of messages to send.

Indicator values are append-only revisions: a correction is a new row with a higher revision
number for the same (unit, period, indicator, source), never an UPDATE, so what any rating showed
at any moment can be recomputed. The audit log cannot be changed either: the migration installs
triggers that refuse UPDATE and DELETE on it, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.sql.expression import false, true

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Unit(Base):
    """A rated unit: a region (ISO 3166-2 code such as RU-MOW) or an agency."""

    __tablename__ = "units"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # region | agency
    name_ru: Mapped[str] = mapped_column(String(255))
    name_en: Mapped[str | None] = mapped_column(String(255))
    federal_district: Mapped[str | None] = mapped_column(String(32))
    okato: Mapped[str | None] = mapped_column(String(16))
    population: Mapped[int | None] = mapped_column(Integer)
    parent: Mapped[str | None] = mapped_column(ForeignKey("units.code"))


class StoredMethodology(Base):
    """One version of a methodology, kept as the YAML text it was loaded from."""

    __tablename__ = "methodologies"
    __table_args__ = (UniqueConstraint("code", "sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(128), index=True)
    version: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(512))
    yaml: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    stored_at: Mapped[datetime] = mapped_column(DateTime)


class Batch(Base):
    """One accepted file (or formula run): everything it brought is written with it or not at all.

    `received_at` is the moment the values became known, which "as of" computations filter on.
    """

    __tablename__ = "batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(128), index=True)
    file_name: Mapped[str | None] = mapped_column(String(512))
    file_sha256: Mapped[str | None] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    actor: Mapped[str | None] = mapped_column(String(128))
    reason: Mapped[str | None] = mapped_column(Text)
    methodology_id: Mapped[int | None] = mapped_column(ForeignKey("methodologies.id"))
    new_count: Mapped[int] = mapped_column(Integer, default=0)
    unchanged_count: Mapped[int] = mapped_column(Integer, default=0)
    corrected_count: Mapped[int] = mapped_column(Integer, default=0)
    conflict_count: Mapped[int] = mapped_column(Integer, default=0)
    # Demo data and generated marts: everything computed from them must carry the demo mark.
    synthetic: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class ValueRevision(Base):
    """One source's claim of one value; revision 1 is the first, each correction adds one."""

    __tablename__ = "indicator_values"
    # One index serves both integrity and every lookup (by indicator and period, or one key);
    # batches are written sorted in its order, so a million-row insert appends to the B-tree.
    __table_args__ = (UniqueConstraint("indicator", "period", "unit", "source", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit: Mapped[str] = mapped_column(ForeignKey("units.code"))
    period: Mapped[str] = mapped_column(String(16))
    indicator: Mapped[str] = mapped_column(String(128))
    value: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(128))
    revision: Mapped[int] = mapped_column(Integer)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batches.id"))
    reason: Mapped[str | None] = mapped_column(Text)


class Resolution(Base):
    """A person's choice of which source holds for a key that sources disagree on."""

    __tablename__ = "resolutions"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit: Mapped[str] = mapped_column(ForeignKey("units.code"))
    period: Mapped[str] = mapped_column(String(16))
    indicator: Mapped[str] = mapped_column(String(128))
    source: Mapped[str] = mapped_column(String(128))
    reason: Mapped[str] = mapped_column(Text)
    actor: Mapped[str | None] = mapped_column(String(128))
    resolved_at: Mapped[datetime] = mapped_column(DateTime)


class ResultRun(Base):
    """A stored computation: which methodology version and which exact revisions it used."""

    __tablename__ = "result_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    methodology_id: Mapped[int] = mapped_column(ForeignKey("methodologies.id"))
    methodology_sha256: Mapped[str] = mapped_column(String(64))
    as_of: Mapped[datetime] = mapped_column(DateTime)
    computed_at: Mapped[datetime] = mapped_column(DateTime)
    period: Mapped[str | None] = mapped_column(String(16))
    revision_count: Mapped[int] = mapped_column(Integer)
    revision_set_sha256: Mapped[str] = mapped_column(String(64))
    actor: Mapped[str | None] = mapped_column(String(128))
    synthetic: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class ResultScore(Base):
    """One node's score and rank for one unit and period in a stored run."""

    __tablename__ = "result_scores"

    run_id: Mapped[int] = mapped_column(ForeignKey("result_runs.id"), primary_key=True)
    unit: Mapped[str] = mapped_column(String(64), primary_key=True)
    period: Mapped[str] = mapped_column(String(16), primary_key=True)
    node: Mapped[str] = mapped_column(String(128), primary_key=True)
    score: Mapped[float | None] = mapped_column(Float)
    rank: Mapped[int | None] = mapped_column(Integer)


class AuditEntry(Base):
    """Who did what and when; append-only (triggers refuse UPDATE and DELETE)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    actor: Mapped[str | None] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[str | None] = mapped_column(String(255))
    details: Mapped[dict | None] = mapped_column(JSON)


class User(Base):
    """An account. A regional operator is bound to one region and may write only for it."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))  # admin | analyst | operator | viewer
    region: Mapped[str | None] = mapped_column(ForeignKey("units.code"))
    password_hash: Mapped[str] = mapped_column(String(255))  # argon2id, never the password
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # Carried in the session cookie and compared on every request: logging out or changing the
    # password adds one, so every cookie issued before stops working at once.
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    email: Mapped[str | None] = mapped_column(String(255))  # where reminders go, if set


class ApiToken(Base):
    """A bearer token for the API; only its SHA-256 is kept, so a leaked table leaks no token."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str | None] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime)  # to the minute
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)


class LoginFailure(Base):
    """Failed sign-ins of one login from one address in one time window, counted in one row.

    The rows are what throttling and lockout count, and the aggregate behind the audit log's
    `login.failed` entries: a flood of guesses adds to a counter here, not a row per guess there.
    `login` is the name typed (trimmed), whether or not such an account exists, so that an
    unknown login is throttled exactly like a real one and tells an attacker nothing.
    """

    __tablename__ = "login_failures"
    __table_args__ = (
        UniqueConstraint("login", "address", "window_start"),
        Index(None, "address", "window_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(64))
    address: Mapped[str] = mapped_column(String(64))
    window_start: Mapped[datetime] = mapped_column(DateTime)
    failures: Mapped[int] = mapped_column(Integer)  # wrong passwords
    refused: Mapped[int] = mapped_column(Integer)  # turned away by a limit, password unchecked
    last_failure_at: Mapped[datetime | None] = mapped_column(DateTime)


class LoginLock(Base):
    """A login refused until `locked_until`, after too many failures; an admin may lift it
    sooner (`tsifra users unlock`). Keyed by the login typed, like `LoginFailure`."""

    __tablename__ = "login_locks"

    login: Mapped[str] = mapped_column(String(64), primary_key=True)
    locked_at: Mapped[datetime] = mapped_column(DateTime)
    locked_until: Mapped[datetime] = mapped_column(DateTime)


class Task(Base):
    """A task («поручение») for a region: whose order (source, document), who answers for it, by
    when, which indicator and target it moves, and where it stands in its life.

    "Overdue" is not stored: it is computed from the deadline whenever a task is shown. The
    status is the latest of its events (`TaskEvent`), kept here so lists need no join.
    """

    __tablename__ = "tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    region: Mapped[str] = mapped_column(ForeignKey("units.code"), index=True)
    responsible: Mapped[str] = mapped_column(String(255))  # the person who answers for it
    deadline: Mapped[date] = mapped_column(Date)
    # new | in_progress | reported | returned | accepted | cancelled (tasks.states)
    status: Mapped[str] = mapped_column(String(16))
    indicator: Mapped[str | None] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[str | None] = mapped_column(String(64))
    # president | government | mintsifry | governor | other
    source: Mapped[str] = mapped_column(String(16), default="other", server_default="other")
    document_number: Mapped[str | None] = mapped_column(String(128))
    document_date: Mapped[date | None] = mapped_column(Date)
    issued_by: Mapped[str | None] = mapped_column(String(255))
    agency: Mapped[str | None] = mapped_column(String(255))  # the responsible body
    responsible_email: Mapped[str | None] = mapped_column(String(255))
    co_executors: Mapped[str | None] = mapped_column(Text)
    target_value: Mapped[float | None] = mapped_column(Float)
    report_text: Mapped[str | None] = mapped_column(Text)
    reported_by: Mapped[str | None] = mapped_column(String(64))
    reported_at: Mapped[datetime | None] = mapped_column(DateTime)
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime)
    cancel_reason: Mapped[str | None] = mapped_column(Text)


class TaskEvent(Base):
    """One change of a task's status, with who made it and why, kept for its history."""

    __tablename__ = "task_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    actor: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    comment: Mapped[str | None] = mapped_column(Text)


class TaskComment(Base):
    """A remark on a task by someone who may read it; comments are never edited."""

    __tablename__ = "task_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    author: Mapped[str | None] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)


class TaskFile(Base):
    """A file attached to a task's report; its bytes are kept once by SHA-256 in the data
    directory (`tasks.files`), this row says which task, under what name, from whom."""

    __tablename__ = "task_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(128))
    size: Mapped[int] = mapped_column(Integer)
    uploaded_at: Mapped[datetime] = mapped_column(DateTime)
    uploaded_by: Mapped[str | None] = mapped_column(String(64))


class OutboxMessage(Base):
    """A message to send (e-mail), written in the transaction that decided it, sent later.

    `key` names why it exists (`task:12:due`): one message per key, so a reminder run twice
    enqueues nothing new. Sending records each attempt; after the last allowed attempt the
    message stays `failed` with the error, for a person to see.
    """

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(128), unique=True)
    recipient: Mapped[str] = mapped_column(String(255))
    subject: Mapped[str] = mapped_column(String(255))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(16), index=True)  # pending | sent | failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_attempt_at: Mapped[datetime | None] = mapped_column(DateTime)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    error: Mapped[str | None] = mapped_column(Text)
