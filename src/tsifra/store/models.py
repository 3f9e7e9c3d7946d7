"""The tables: units, methodologies, batches, value revisions, resolutions, results, audit log,
and the dashboard's accounts, API tokens, failed sign-ins, locked logins, tasks with their
comments and report files, the outbox of messages to send, and the feedback platform's bodies,
routing rules, Open311 clients and cases with their contacts, events, files and flags, the
registry of practices with their regions, stages, indicators, evidence, replications and measured
effects, regions' plans with their items and experts' scores, network owners' zones and
approval projects with each owner's request and the documents, and the proactive rules' runs,
notices, subscriptions and the registers they read.

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
    # An operator of a body answering citizens (cases): sees that body's queue and applicants.
    # A code of `bodies`, checked when set; no foreign key, so that the column can be dropped
    # again on SQLite (bodies are deactivated, never deleted).
    body: Mapped[str | None] = mapped_column(String(64))


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
    # The region's plan it came from (`plans`): no foreign key, so that the column can be dropped
    # again on SQLite; checked when the task is made from the plan.
    plan_id: Mapped[int | None] = mapped_column(Integer)


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


class Body(Base):
    """A body that answers citizens: a regional ministry, a municipality's administration, a
    utility. Reference data with its region (`tsifra bodies load`); operators may belong to one."""

    __tablename__ = "bodies"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    region: Mapped[str] = mapped_column(ForeignKey("units.code"), index=True)
    name_ru: Mapped[str] = mapped_column(String(500))
    name_en: Mapped[str | None] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(16))  # regional | municipal | federal | organisation
    oktmo: Mapped[str | None] = mapped_column(String(11))  # municipality a municipal body serves
    email: Mapped[str | None] = mapped_column(String(255))  # where notices to the body go
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class RoutingRule(Base):
    """Which body answers a region's cases of a category (and optionally of one municipality, or
    whose text holds one of the words). The most specific matching rule wins; none → triage."""

    __tablename__ = "routing_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    region: Mapped[str] = mapped_column(ForeignKey("units.code"), index=True)
    category: Mapped[str] = mapped_column(String(32))  # a service_code: matches it and below it
    oktmo: Mapped[str | None] = mapped_column(String(11))
    words: Mapped[str | None] = mapped_column(Text)  # words any of which must occur (word forms)
    body: Mapped[str] = mapped_column(ForeignKey("bodies.code"))
    priority: Mapped[int] = mapped_column(Integer, default=100, server_default="100")


class Open311Client(Base):
    """A civic app allowed to file requests through Open311; only its key's SHA-256 is kept."""

    __tablename__ = "open311_clients"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    key_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[str | None] = mapped_column(String(64))
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)


class Case(Base):
    """A case of the feedback platform: an appeal (59-ФЗ), a ПОС message or a social-media
    incident; later regimes (approvals) are more kinds on the same table.

    The applicant's personal data live apart (`CaseContact`), so every list and public answer
    reads this table without them. The status is the latest of the events (`CaseEvent`), and the
    deadlines are stored as computed when a step moved them, so queues sort by a column.
    """

    __tablename__ = "cases"
    __table_args__ = (
        Index(None, "region", "status"),
        Index(None, "body", "status", "due_at"),
        Index(None, "updated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)  # also Open311's service_request_id
    kind: Mapped[str] = mapped_column(String(16))  # appeal | message | incident (cases.regimes)
    category: Mapped[str] = mapped_column(String(32), index=True)  # Open311 service_code
    region: Mapped[str] = mapped_column(ForeignKey("units.code"))
    oktmo: Mapped[str | None] = mapped_column(String(11))
    text: Mapped[str] = mapped_column(Text)  # plain text, at most 4,000 characters
    address: Mapped[str | None] = mapped_column(String(500))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    channel: Mapped[str] = mapped_column(String(16))  # web | open311 | api | social | mail | ...
    status: Mapped[str] = mapped_column(String(16))  # cases.states
    body: Mapped[str | None] = mapped_column(ForeignKey("bodies.code"))  # None: triage queue
    executor: Mapped[str | None] = mapped_column(String(64))  # login of the person answering
    co_executors: Mapped[list | None] = mapped_column(JSON)  # body codes
    submitted_at: Mapped[datetime] = mapped_column(DateTime)
    register_by: Mapped[datetime | None] = mapped_column(DateTime)
    registered_at: Mapped[datetime | None] = mapped_column(DateTime)
    due_at: Mapped[datetime | None] = mapped_column(DateTime)  # the answer's deadline now
    extended_at: Mapped[datetime | None] = mapped_column(DateTime)  # at most once
    forwarded_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    first_response_at: Mapped[datetime | None] = mapped_column(DateTime)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime)
    answer_text: Mapped[str | None] = mapped_column(Text)
    promised_on: Mapped[date | None] = mapped_column(Date)
    rating: Mapped[int | None] = mapped_column(Integer)  # 1–5
    solved: Mapped[bool | None] = mapped_column(Boolean)
    rated_at: Mapped[datetime | None] = mapped_column(DateTime)
    reopened_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    rejected_reason: Mapped[str | None] = mapped_column(Text)
    duplicate_of: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    # What the public may see: the text only with the citizen's consent (59-ФЗ ст. 6 ч. 2), the
    # name only if the citizen chose to show it; moderation may hide or redact with a reason.
    publish_text: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    public_name: Mapped[str | None] = mapped_column(String(255))
    moderation: Mapped[str | None] = mapped_column(String(16))  # hidden | redacted
    moderation_reason: Mapped[str | None] = mapped_column(Text)
    public_text: Mapped[str | None] = mapped_column(Text)  # the redacted text
    tracking_sha256: Mapped[str] = mapped_column(String(64), unique=True)  # the citizen's link
    client_id: Mapped[int | None] = mapped_column(ForeignKey("open311_clients.id"))
    idempotency_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    content_sha256: Mapped[str] = mapped_column(String(64), index=True)
    # A social-media incident: where it was found, by whom posted (a public handle), when.
    source_network: Mapped[str | None] = mapped_column(String(32))
    source_url: Mapped[str | None] = mapped_column(String(1000))
    source_author: Mapped[str | None] = mapped_column(String(255))
    found_at: Mapped[datetime | None] = mapped_column(DateTime)
    linked_to: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))  # same problem
    pseudonymised_at: Mapped[datetime | None] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class CaseContact(Base):
    """The applicant's personal data, apart from the case: read only by the responsible body's
    operators, each read audited, wiped when the closed case is pseudonymised."""

    __tablename__ = "case_contacts"

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    surname: Mapped[str | None] = mapped_column(String(255))
    name: Mapped[str | None] = mapped_column(String(255))  # first name and patronymic
    email: Mapped[str | None] = mapped_column(String(255))
    phone: Mapped[str | None] = mapped_column(String(64))
    postal_address: Mapped[str | None] = mapped_column(Text)


class CaseEvent(Base):
    """One step in a case's life, append-only: who, when, what, why, and whether the citizen
    sees it (status notes) or only the bodies do."""

    __tablename__ = "case_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    actor: Mapped[str | None] = mapped_column(String(64))  # a login, citizen, client:NAME, system
    action: Mapped[str] = mapped_column(String(32))
    status: Mapped[str | None] = mapped_column(String(16))  # the status after the step
    body: Mapped[str | None] = mapped_column(String(64))  # the body holding it after the step
    reason: Mapped[str | None] = mapped_column(Text)
    details: Mapped[dict | None] = mapped_column(JSON)
    public: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class CaseFile(Base):
    """A file of a case (the citizen's attachment, an executor's photo before or after); bytes
    kept once by SHA-256 in the data directory, images without their EXIF location."""

    __tablename__ = "case_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("case_events.id"))
    purpose: Mapped[str] = mapped_column(String(16))  # attachment | before | after | answer
    sha256: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(128))
    size: Mapped[int] = mapped_column(Integer)
    uploaded_at: Mapped[datetime] = mapped_column(DateTime)
    uploaded_by: Mapped[str | None] = mapped_column(String(64))
    hidden_reason: Mapped[str | None] = mapped_column(Text)  # moderation hid it, and why


class CaseFlag(Base):
    """A citizen's flag on a public case (offensive, personal data shown, ...) for moderators."""

    __tablename__ = "case_flags"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    reason: Mapped[str] = mapped_column(Text)
    address_sha256: Mapped[str | None] = mapped_column(String(64))
    handled_at: Mapped[datetime | None] = mapped_column(DateTime)
    handled_by: Mapped[str | None] = mapped_column(String(64))


class Practice(Base):
    """A digital or AI practice of the registry: what problem it solves, where it runs, what it
    costs, which indicators it is meant to move. Its measured effect is computed from the stored
    values of those indicators (`PracticeEffect`), never typed; its stage is the latest of its
    dated history (`PracticeStage`), kept here so lists need no join.
    """

    __tablename__ = "practices"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    problem: Mapped[str] = mapped_column(Text, default="", server_default="")
    owner_agency: Mapped[str | None] = mapped_column(String(500))  # the body that runs it
    # a direction of the index (the methodology's sector node: health, education, gov,
    # transport, city) or `other`; COFOG (for export) follows from it unless set
    sector: Mapped[str] = mapped_column(String(32), index=True)
    cofog: Mapped[str | None] = mapped_column(String(8))  # e.g. 07.3 hospital services
    # None: not AI; else vision | text | speech | prediction | recommendation
    ai_kind: Mapped[str | None] = mapped_column(String(16), index=True)
    technologies: Mapped[list | None] = mapped_column(JSON)  # free tags, e.g. ["ГИС", "OCR"]
    # idea | pilot | production | scaled | retired (`practices.stages`)
    stage: Mapped[str] = mapped_column(String(16), index=True)
    capex: Mapped[float | None] = mapped_column(Float)  # roubles, once
    opex: Mapped[float | None] = mapped_column(Float)  # roubles a year
    software: Mapped[str | None] = mapped_column(String(500))  # the product's name
    software_registry: Mapped[str | None] = mapped_column(String(32))  # reestr.digital.gov.ru no.
    url: Mapped[str | None] = mapped_column(String(1000))  # home page or repository
    licence: Mapped[str | None] = mapped_column(String(64))  # SPDX id, for publiccode.yml
    verified_at: Mapped[date] = mapped_column(Date)  # older than 12 months: shown as stale
    verified_by: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    # the summary of the measured effect (`practices.effects`), for sorting; None: not measurable
    effect: Mapped[float | None] = mapped_column(Float)
    synthetic: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class PracticeRegion(Base):
    """A region where the practice runs (its own regions; replications are apart)."""

    __tablename__ = "practice_regions"

    practice_id: Mapped[int] = mapped_column(ForeignKey("practices.id"), primary_key=True)
    region: Mapped[str] = mapped_column(ForeignKey("units.code"), primary_key=True, index=True)


class PracticeStage(Base):
    """One dated change of stage: the dates the measured effect compares before and after."""

    __tablename__ = "practice_stages"

    id: Mapped[int] = mapped_column(primary_key=True)
    practice_id: Mapped[int] = mapped_column(ForeignKey("practices.id"), index=True)
    stage: Mapped[str] = mapped_column(String(16))
    since: Mapped[date] = mapped_column(Date)  # the day the stage began
    at: Mapped[datetime] = mapped_column(DateTime)  # when it was recorded
    actor: Mapped[str | None] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(Text)


class PracticeIndicator(Base):
    """An indicator the practice is meant to move, with the effect expected (in its unit)."""

    __tablename__ = "practice_indicators"

    practice_id: Mapped[int] = mapped_column(ForeignKey("practices.id"), primary_key=True)
    indicator: Mapped[str] = mapped_column(String(128), primary_key=True, index=True)
    expected_effect: Mapped[float | None] = mapped_column(Float)


class PracticeEvidence(Base):
    """A link or a document behind a claim about the practice (a report, an act, a contract)."""

    __tablename__ = "practice_evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    practice_id: Mapped[int] = mapped_column(ForeignKey("practices.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # link | report | act | contract | other
    title: Mapped[str] = mapped_column(String(500))
    url: Mapped[str | None] = mapped_column(String(1000))
    sha256: Mapped[str | None] = mapped_column(String(64))  # a file kept by `store.blobs`
    added_at: Mapped[datetime] = mapped_column(DateTime)
    added_by: Mapped[str | None] = mapped_column(String(64))


class PracticeReplication(Base):
    """A replication of a practice in another region or agency. Counted only with evidence: a
    contract or an act, by number and date, a link or a kept file."""

    __tablename__ = "practice_replications"

    id: Mapped[int] = mapped_column(primary_key=True)
    practice_id: Mapped[int] = mapped_column(ForeignKey("practices.id"), index=True)
    region: Mapped[str] = mapped_column(ForeignKey("units.code"))
    agency: Mapped[str | None] = mapped_column(String(500))
    started_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))  # planned | pilot | production | stopped
    evidence_kind: Mapped[str | None] = mapped_column(String(16))  # contract | act
    evidence_number: Mapped[str | None] = mapped_column(String(128))
    evidence_date: Mapped[date | None] = mapped_column(Date)
    evidence_url: Mapped[str | None] = mapped_column(String(1000))
    evidence_sha256: Mapped[str | None] = mapped_column(String(64))
    verified_at: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[str | None] = mapped_column(String(64))


class PracticeEffect(Base):
    """The measured effect of a practice on one indicator in one of its regions, as computed
    from the values in force (`data_version`): recomputed when the stored data change."""

    __tablename__ = "practice_effects"

    practice_id: Mapped[int] = mapped_column(ForeignKey("practices.id"), primary_key=True)
    indicator: Mapped[str] = mapped_column(String(128), primary_key=True)
    region: Mapped[str] = mapped_column(String(64), primary_key=True)
    before_period: Mapped[str | None] = mapped_column(String(16))
    before: Mapped[float | None] = mapped_column(Float)
    after_period: Mapped[str | None] = mapped_column(String(16))
    after: Mapped[float | None] = mapped_column(Float)
    effect: Mapped[float | None] = mapped_column(Float)  # after − before, in the indicator's unit
    data_version: Mapped[str] = mapped_column(String(64))


class Plan(Base):
    """A region's plan («цифровая прокачка») for a target year: the practices chosen to close
    its largest gaps, the values each is expected to reach, and, once accepted, its поручения."""

    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    region: Mapped[str] = mapped_column(ForeignKey("units.code"), index=True)
    target_year: Mapped[int] = mapped_column(Integer)
    methodology: Mapped[str] = mapped_column(String(128))
    title: Mapped[str] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(16))  # draft | accepted | cancelled
    created_at: Mapped[datetime] = mapped_column(DateTime)
    created_by: Mapped[str | None] = mapped_column(String(64))
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime)
    accepted_by: Mapped[str | None] = mapped_column(String(64))
    # what what-if answered when the plan was accepted (kept: the forecast moves later)
    expected_index: Mapped[float | None] = mapped_column(Float)
    expected_rank: Mapped[int | None] = mapped_column(Integer)


class PlanItem(Base):
    """A chosen practice for one indicator, the value it is expected to reach, its поручение."""

    __tablename__ = "plan_items"
    __table_args__ = (UniqueConstraint("plan_id", "indicator", "practice_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), index=True)
    indicator: Mapped[str] = mapped_column(String(128))
    practice_id: Mapped[int] = mapped_column(ForeignKey("practices.id"))
    expected_value: Mapped[float] = mapped_column(Float)
    responsible: Mapped[str | None] = mapped_column(String(255))
    deadline: Mapped[date | None] = mapped_column(Date)
    task_id: Mapped[int | None] = mapped_column(ForeignKey("tasks.id"))  # once accepted


class PlanScore(Base):
    """One expert's score of one candidate (a practice for an indicator) in a plan's session;
    every score is kept, the plan shows their mean and spread."""

    __tablename__ = "plan_scores"
    __table_args__ = (UniqueConstraint("plan_id", "indicator", "practice_id", "expert"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), index=True)
    indicator: Mapped[str] = mapped_column(String(128))
    practice_id: Mapped[int] = mapped_column(ForeignKey("practices.id"))
    expert: Mapped[str] = mapped_column(String(64))  # the login
    score: Mapped[int] = mapped_column(Integer)  # 1–5
    comment: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime)


class NetworkZone(Base):
    """A network owner's zone (a protected or service zone of its pipes, cables, lines): the area
    where works need the owner's approval. Reference data loaded from GeoJSON files
    (`approvals.zones`); the owner is a body of kind `organisation`, whose operators answer.
    The bounding box is kept beside the geometry so a spatial index can be rebuilt without
    parsing every shape; on PostgreSQL with PostGIS a parallel table `network_zone_shapes`
    (not modelled) holds the geometry for `ST_Intersects`.
    """

    __tablename__ = "network_zones"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner: Mapped[str] = mapped_column(ForeignKey("bodies.code"), index=True)
    network: Mapped[str] = mapped_column(String(16))  # water | sewer | heat | gas | power | ...
    name: Mapped[str] = mapped_column(String(500))
    geometry: Mapped[str] = mapped_column(Text)  # a GeoJSON geometry, WGS 84 longitude/latitude
    min_lon: Mapped[float] = mapped_column(Float)
    min_lat: Mapped[float] = mapped_column(Float)
    max_lon: Mapped[float] = mapped_column(Float)
    max_lat: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(255))  # the file's name
    source_sha256: Mapped[str] = mapped_column(String(64))
    loaded_at: Mapped[datetime] = mapped_column(DateTime)


class ApprovalProject(Base):
    """An applicant's project of works needing the approval of network owners («ВсеСети»).

    Each owner's approval is a case of kind `approval` on the case core (`cases`), held by the
    owner's body, with its own deadline and events; `ApprovalRequest` links it to the project.
    The terms that applied (working days, whether silence is consent, the rules' version) are
    kept with the project, so a later change of the region's rules does not rewrite history.
    """

    __tablename__ = "approval_projects"
    __table_args__ = (Index(None, "region", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    region: Mapped[str] = mapped_column(ForeignKey("units.code"))
    applicant: Mapped[str] = mapped_column(String(64), index=True)  # the account's login
    applicant_name: Mapped[str] = mapped_column(String(500))  # a company or a person
    applicant_inn: Mapped[str | None] = mapped_column(String(12))
    works: Mapped[str] = mapped_column(String(16))  # new_network | excavation | connection | near
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    geometry: Mapped[str] = mapped_column(Text)  # a GeoJSON geometry, WGS 84
    min_lon: Mapped[float] = mapped_column(Float)
    min_lat: Mapped[float] = mapped_column(Float)
    max_lon: Mapped[float] = mapped_column(Float)
    max_lat: Mapped[float] = mapped_column(Float)
    oktmo: Mapped[str | None] = mapped_column(String(11))
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    # under_review | approved | refused (some owner refused, no revision yet) | withdrawn
    status: Mapped[str] = mapped_column(String(16))
    round: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    terms: Mapped[dict] = mapped_column(JSON)  # {"days": n, "silence_is_consent": b, "version"}
    filed_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)  # the last answer, all agreed
    channel: Mapped[str] = mapped_column(String(16))  # web | api
    idempotency_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    proposed_by: Mapped[str | None] = mapped_column(String(200))  # a rule's notice key, if any
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class ApprovalRequest(Base):
    """One owner's approval of a project: the case it is (`cases.id`, kind `approval`) and the
    owner's current decision. Every decision, lapse and revision is also a case event."""

    __tablename__ = "approval_requests"
    __table_args__ = (UniqueConstraint("project_id", "owner"),)

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("approval_projects.id"), index=True)
    owner: Mapped[str] = mapped_column(ForeignKey("bodies.code"))
    round: Mapped[int] = mapped_column(Integer)  # the round it was last sent in
    # None: awaited | approved | conditions | refused | silence (consent by silence)
    decision: Mapped[str | None] = mapped_column(String(16))
    conditions: Mapped[str | None] = mapped_column(Text)  # or the reasons of a refusal
    sent_at: Mapped[datetime] = mapped_column(DateTime)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    decided_by: Mapped[str | None] = mapped_column(String(64))


class ApprovalDocument(Base):
    """A document of a project (PDF, DWG, an image), kept once by SHA-256; a revision adds a
    round of documents, the earlier ones stay."""

    __tablename__ = "approval_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("approval_projects.id"), index=True)
    round: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(128))
    size: Mapped[int] = mapped_column(Integer)
    uploaded_at: Mapped[datetime] = mapped_column(DateTime)
    uploaded_by: Mapped[str | None] = mapped_column(String(64))


class RuleRun(Base):
    """One run of a proactive rule (`proactive`): which version of which rule over which data,
    and what it did, so every notice and case can say what caused it."""

    __tablename__ = "rule_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    rule: Mapped[str] = mapped_column(String(64), index=True)
    version: Mapped[str] = mapped_column(String(32))
    rule_sha256: Mapped[str] = mapped_column(String(64))  # the rule file as run
    source: Mapped[str | None] = mapped_column(String(255))  # the data's file or table
    source_sha256: Mapped[str | None] = mapped_column(String(64))
    started_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    records: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # records read
    fired: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # notices, cases
    actor: Mapped[str | None] = mapped_column(String(64))


class ProactiveNotice(Base):
    """A notice a rule issued without anyone asking: a flood warning to a municipality, the
    approvals an investor's project will need. `key` makes it once: a re-run finds it."""

    __tablename__ = "proactive_notices"
    __table_args__ = (Index(None, "region", "issued_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    rule: Mapped[str] = mapped_column(String(64))
    rule_version: Mapped[str] = mapped_column(String(32))
    run_id: Mapped[int] = mapped_column(ForeignKey("rule_runs.id"))
    kind: Mapped[str] = mapped_column(String(32))  # flood_warning | approval_proposal | ...
    region: Mapped[str] = mapped_column(ForeignKey("units.code"))
    oktmo: Mapped[str | None] = mapped_column(String(11), index=True)
    level: Mapped[str | None] = mapped_column(String(16))  # e.g. warning | danger
    title: Mapped[str] = mapped_column(String(500))
    text: Mapped[str] = mapped_column(Text)
    record: Mapped[dict] = mapped_column(JSON)  # the record that caused it, as read
    recipient: Mapped[str | None] = mapped_column(String(255))  # for a notice to one addressee
    issued_at: Mapped[datetime] = mapped_column(DateTime)


class Subscription(Base):
    """A resident's (or a body's) subscription to a municipality's warnings. Sent to only once
    confirmed from the address itself; the token (its SHA-256 kept) unsubscribes."""

    __tablename__ = "subscriptions"
    __table_args__ = (UniqueConstraint("oktmo", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    region: Mapped[str] = mapped_column(ForeignKey("units.code"))
    oktmo: Mapped[str] = mapped_column(String(11), index=True)
    email: Mapped[str] = mapped_column(String(255))
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime)


class RegisterRecord(Base):
    """A record of a register a rule reads: a damaged household, an investment project. Loaded
    from the register's file as it stands (`data`, per its Table Schema); personal data in it
    are read only by the bodies that act on them."""

    __tablename__ = "register_records"
    __table_args__ = (UniqueConstraint("register", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    register: Mapped[str] = mapped_column(String(32))  # damaged_households | investment_projects
    key: Mapped[str] = mapped_column(String(100))  # the record's number in its register
    region: Mapped[str] = mapped_column(ForeignKey("units.code"))
    oktmo: Mapped[str | None] = mapped_column(String(11))
    status: Mapped[str] = mapped_column(String(16))  # e.g. confirmed | pending | rejected
    data: Mapped[dict] = mapped_column(JSON)
    source: Mapped[str] = mapped_column(String(255))
    source_sha256: Mapped[str] = mapped_column(String(64))
    loaded_at: Mapped[datetime] = mapped_column(DateTime)
