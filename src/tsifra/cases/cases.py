"""The case core's service: submitting a case and reading it; the steps that follow are in
`cases.steps` (officials) and `cases.citizen` (by the tracking token), re-exported here so
every shell imports one module.

A submission is checked whole (every problem at once), routed to a body (`cases.routing`;
none: the region's triage queue), and stored in one transaction with its contact (apart) and
its `submitted` event, its registration deadline computed by `cases.deadlines` (an incident's
answer deadline too, from when it was found: its clock starts then).

Submissions are idempotent. With an idempotency key (namespaced by the Open311 client, so two
clients' keys never meet) the same key returns the first case; without one, the same content
from the same client (or the same anonymous citizen's contact) within `SAME_CONTENT_WINDOW`
returns it. Either way the retry gets `created=False` and no token (a token is shown once).
Concurrent duplicates are decided by the unique index on `cases.idempotency_key`: the loser's
insert fails, and it returns the winner. Without a key, the content's key holds the ten-minute
slot of the clock (`_slot`), so two concurrent duplicates straddling a slot's edge can still
make two cases; a client that must never duplicate sends a key.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import secrets
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, bindparam, func, insert, select
from sqlalchemy.exc import IntegrityError

from tsifra.accounts.users import Account, can_read_case, record_refusal
from tsifra.cases import deadlines
from tsifra.cases.categories import filing_category
from tsifra.cases.citizen import (
    attach_citizen_file,
    case_by_token,
    rate_case,
    reopen_case,
    token_digest,
)
from tsifra.cases.contacts import (
    ContactDraft,
    cleaned,
    contact_problems,
    public_name,
    read_contact,
)
from tsifra.cases.files import attach_file, attach_official_file, file_bytes
from tsifra.cases.moderation import hold_reason
from tsifra.cases.regimes import FEEDBACK_KINDS
from tsifra.cases.routing import route
from tsifra.cases.states import OPEN
from tsifra.cases.steps import (
    answer_case,
    close_case,
    comment_case,
    extend_case,
    forward_case,
    mark_duplicate,
    register_case,
    reject_case,
    take_case,
)
from tsifra.cases.texts import one_line, plain_text
from tsifra.cases.views import CaseView, EventView, FileView, load_view
from tsifra.kernel.problems import Forbidden, Problem, ValidationFailed
from tsifra.store import Case, CaseContact, CaseEvent, Unit, session_scope, utcnow

__all__ = [
    "CHANNELS",
    "KINDS",
    "OPEN",
    "CaseDraft",
    "CaseView",
    "ContactDraft",
    "EventView",
    "FileView",
    "Submitted",
    "answer_case",
    "attach_citizen_file",
    "attach_file",
    "attach_official_file",
    "case_by_token",
    "close_case",
    "comment_case",
    "extend_case",
    "file_bytes",
    "forward_case",
    "mark_duplicate",
    "public_case",
    "rate_case",
    "read_case",
    "read_contact",
    "register_case",
    "reject_case",
    "reopen_case",
    "submit_case",
    "take_case",
]

KINDS = FEEDBACK_KINDS  # what a citizen, a civic app or monitoring files here
CHANNELS = ("web", "open311", "api", "social", "mail", "reception")
TEXT_LIMIT = 4000
KEY_LIMIT = 150
SAME_CONTENT_WINDOW = timedelta(minutes=10)
INSERT_CASE = insert(Case).returning(Case.id)
KNOWN_REGION = select(Unit.code).where(Unit.code == bindparam("region"))
BY_KEY = select(Case.id).where(Case.idempotency_key == bindparam("key"))
_BY_CONTENT = (
    select(Case.id)
    .where(
        Case.content_sha256 == bindparam("digest"),
        Case.submitted_at >= bindparam("since"),
        Case.submitted_at <= bindparam("until"),
    )
    .order_by(Case.id)
    .limit(1)
)
BY_CONTENT_ANONYMOUS = _BY_CONTENT.where(Case.client_id.is_(None))
BY_CONTENT_OF_CLIENT = _BY_CONTENT.where(Case.client_id == bindparam("client"))
# Without a key, a retry is found by its stored key or else by its content in one round trip.
BY_KEY_OR_CONTENT_ANONYMOUS = select(
    func.coalesce(BY_KEY.scalar_subquery(), BY_CONTENT_ANONYMOUS.scalar_subquery())
)
BY_KEY_OR_CONTENT_OF_CLIENT = select(
    func.coalesce(BY_KEY.scalar_subquery(), BY_CONTENT_OF_CLIENT.scalar_subquery())
)
KNOWN_CASE = select(Case.id).where(Case.id == bindparam("case"))
INSERT_CONTACT = insert(CaseContact)
INSERT_EVENT = insert(CaseEvent)
CONTACT_FIELDS = ("surname", "name", "email", "phone", "postal_address")
OKTMO = re.compile(r"\d{8}(\d{3})?")
# Regions found in each database: a federal subject, once there, stays (reference data), so a
# submission asks the database only about a region it has not seen yet. Unknown codes are not
# kept, so a region loaded later is found then.
_KNOWN_REGIONS: WeakKeyDictionary[Engine, set[str]] = WeakKeyDictionary()


def _filing_statement(with_contact: bool):
    """On PostgreSQL the case, its contact and its event in one statement (data-modifying CTEs):
    one round trip, atomic on its own. Case columns are bound by name, the contact's as `k_…`,
    the event's as `e_…`."""
    case_columns = Case.__table__.c
    new_case = (
        insert(Case)
        .values({name: bindparam(name, type_=case_columns[name].type) for name in _CASE_FIELDS})
        .returning(Case.id)
        .cte("new_case")
    )

    def rows_of(model, prefix: str, fields: tuple[str, ...]):
        columns = model.__table__.c
        chosen = select(
            new_case.c.id, *(bindparam(prefix + f, type_=columns[f].type) for f in fields)
        )
        return insert(model).from_select(["case_id", *fields], chosen).cte(f"new_{prefix}")

    statement = select(new_case.c.id).add_cte(rows_of(CaseEvent, "e_", _EVENT_FIELDS))
    if with_contact:
        statement = statement.add_cte(rows_of(CaseContact, "k_", CONTACT_FIELDS))
    return statement


_CASE_FIELDS = (
    "kind", "category", "region", "oktmo", "text", "address", "latitude", "longitude", "channel",
    "status", "body", "submitted_at", "register_by", "due_at", "forwarded_count",
    "reopened_count", "publish_text", "public_name", "tracking_sha256", "client_id",
    "idempotency_key", "content_sha256", "source_network", "source_url", "source_author",
    "found_at", "linked_to", "moderation", "updated_at",
)  # fmt: skip
_EVENT_FIELDS = ("at", "actor", "action", "status", "body", "reason", "details", "public")
FILE_WITH_CONTACT = _filing_statement(with_contact=True)
FILE_WITHOUT_CONTACT = _filing_statement(with_contact=False)


@dataclass(frozen=True)
class CaseDraft:
    """What a new case says, as a form, the API, Open311 or an importer gives it."""

    kind: str
    category: str
    region: str
    text: str
    oktmo: str | None = None
    address: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    contact: ContactDraft | None = None
    publish_text: bool = False
    show_name: bool = False
    channel: str = "web"
    source_network: str | None = None
    source_url: str | None = None
    source_author: str | None = None
    found_at: datetime | None = None
    linked_to: int | None = None


@dataclass(frozen=True)
class Submitted:
    case_id: int
    tracking_token: str | None  # only when the case was created now: shown once
    created: bool


def draft_problems(draft: CaseDraft) -> list[Problem]:
    """Everything wrong with a draft that needs no database (the region is checked apart)."""
    return _draft_problems(draft, cleaned(draft.contact))


def _draft_problems(draft: CaseDraft, contact: ContactDraft | None) -> list[Problem]:
    found: list[Problem] = []
    if draft.kind not in KINDS:
        found.append(
            Problem(
                "case_kind", path="kind", value=draft.kind, params={"expected": ", ".join(KINDS)}
            )
        )
    else:
        try:
            filing_category(draft.kind, draft.category)
        except ValidationFailed as wrong:
            found += wrong.problems
    text = plain_text(draft.text)
    if not text:
        found.append(Problem("case_text_empty", path="text"))
    elif len(text) > TEXT_LIMIT:
        found.append(
            Problem(
                "case_text_too_long", path="text", params={"limit": TEXT_LIMIT, "count": len(text)}
            )
        )
    if draft.oktmo is not None and not OKTMO.fullmatch(draft.oktmo.strip()):
        found.append(Problem("case_oktmo", path="oktmo", value=draft.oktmo))
    address = one_line(draft.address)
    if address is not None and len(address) > 500:
        found.append(Problem("case_field_too_long", path="address", params={"limit": 500}))
    found += _point_problems(draft.latitude, draft.longitude)
    if draft.channel not in CHANNELS:
        expected = ", ".join(CHANNELS)
        found.append(
            Problem(
                "case_channel", path="channel", value=draft.channel, params={"expected": expected}
            )
        )
    for field, limit in (("source_network", 32), ("source_url", 1000), ("source_author", 255)):
        value = one_line(getattr(draft, field))
        if value is not None and len(value) > limit:
            found.append(Problem("case_field_too_long", path=field, params={"limit": limit}))
    if draft.kind == "incident" and not one_line(draft.source_url):
        found.append(Problem("case_incident_source", path="source_url"))
    return found + contact_problems(contact)


def _point_problems(latitude: float | None, longitude: float | None) -> list[Problem]:
    if (latitude is None) != (longitude is None):
        missing = "latitude" if latitude is None else "longitude"
        return [Problem("case_point_half", path=missing)]
    found = []
    for field, value, bound in (("latitude", latitude, 90), ("longitude", longitude, 180)):
        if value is None:
            continue
        if not isinstance(value, int | float) or not math.isfinite(value) or abs(value) > bound:
            found.append(
                Problem("case_point_range", path=field, value=value, params={"bound": bound})
            )
    return found


def content_digest(draft: CaseDraft, client_id: int | None) -> str:
    """What makes two submissions the same: who sent it (client, contact) and what it says."""
    return _digest(draft, client_id, cleaned(draft.contact))


def _digest(draft: CaseDraft, client_id: int | None, contact: ContactDraft | None) -> str:
    fields = [
        client_id,
        draft.kind,
        draft.category,
        draft.region,
        (draft.oktmo or "").strip() or None,
        plain_text(draft.text),
        one_line(draft.address),
        draft.latitude,
        draft.longitude,
        None if contact is None else [contact.surname, contact.name, contact.email, contact.phone],
        one_line(draft.source_url),
    ]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode()).hexdigest()


def _slot(now: datetime) -> int:
    return int(now.timestamp() // SAME_CONTENT_WINDOW.total_seconds())


def submit_case(
    engine: Engine,
    draft: CaseDraft,
    *,
    client_id: int | None = None,
    idempotency_key: str | None = None,
    actor: str = "citizen",
    now: datetime | None = None,
) -> Submitted:
    """File a case (see the module's note on what a retry gets)."""
    now = now or utcnow()
    contact = cleaned(draft.contact)  # once: cleaning walks every character
    problems = _draft_problems(draft, contact)
    key = (idempotency_key or "").strip() or None
    if key is not None and (len(key) > KEY_LIMIT or not key.isprintable()):
        problems.append(
            Problem("case_idempotency_key", path="idempotency_key", params={"limit": KEY_LIMIT})
        )
    if problems:
        raise ValidationFailed(problems)
    digest = _digest(draft, client_id, contact)
    namespace = "-" if client_id is None else str(client_id)
    stored_key = (
        f"key:{namespace}:{key}" if key is not None else f"auto:{namespace}:{digest}:{_slot(now)}"
    )
    text = plain_text(draft.text)
    token = secrets.token_urlsafe(24)
    one_statement = _one_statement(engine)
    case_id = None
    try:
        # Core connections, not ORM sessions: a submission is the platform's hottest path, and
        # it needs no unit of work (every statement below is compiled once and cached).
        with _connection(engine) as connection:  # reads: a writer never waits for them
            earlier = _earlier(connection, stored_key, key is None, digest, client_id, now)
            if earlier is not None:
                return Submitted(earlier, None, False)
            _check_references(engine, connection, draft)
            body = route(connection, draft.region, draft.category, _oktmo(draft), text)
            row = (draft, contact, text, body, token, stored_key, digest, client_id, actor, now)
            if one_statement:  # PostgreSQL: the write follows on the same connection
                case_id = _insert(connection, *row)
        if not one_statement:
            # SQLite: the transaction's first statement is the insert, so it takes the write
            # lock (waiting its turn) before reading anything: no snapshot to go stale under it.
            with engine.begin() as connection:
                case_id = _insert(connection, *row)
    except IntegrityError:  # a concurrent duplicate won the unique key: its case is the one
        with _connection(engine) as connection:
            winner = connection.execute(BY_KEY, {"key": stored_key}).scalar()
        if winner is None:
            raise
        return Submitted(winner, None, False)
    return Submitted(case_id, token, True)


def _one_statement(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


def _connection(engine: Engine):
    """A connection for the submission's statements. On PostgreSQL without a transaction: each
    read stands alone anyway, the write is one statement, and BEGIN and COMMIT would be two
    more round trips each."""
    connection = engine.connect()
    if _one_statement(engine):
        connection = connection.execution_options(isolation_level="AUTOCOMMIT")
    return connection


def _check_references(engine: Engine, connection, draft: CaseDraft) -> None:
    known = _KNOWN_REGIONS.setdefault(engine, set())
    if draft.region not in known:
        if connection.execute(KNOWN_REGION, {"region": draft.region}).first() is None:
            problem = Problem("case_region_unknown", path="region", value=draft.region)
            raise ValidationFailed([problem])
        known.add(draft.region)
    linked = draft.linked_to
    if linked is not None and connection.execute(KNOWN_CASE, {"case": linked}).first() is None:
        problem = Problem("case_unknown", path="linked_to", value=draft.linked_to)
        raise ValidationFailed([problem])


def _earlier(connection, stored_key, by_content, digest, client_id, now) -> int | None:
    """The case a retry repeats: by its stored key, or (without a key) by the same content from
    the same sender within the window."""
    if not by_content:
        return connection.execute(BY_KEY, {"key": stored_key}).scalar()
    same = BY_KEY_OR_CONTENT_ANONYMOUS if client_id is None else BY_KEY_OR_CONTENT_OF_CLIENT
    since = now - SAME_CONTENT_WINDOW
    parameters = {"key": stored_key, "digest": digest, "since": since, "until": now}
    if client_id is not None:
        parameters["client"] = client_id
    return connection.execute(same, parameters).scalar()


def _oktmo(draft: CaseDraft) -> str | None:
    return (draft.oktmo or "").strip() or None


def _insert(
    connection, draft, contact, text, body, token, stored_key, digest, client_id, actor, now
) -> int:
    """Store the case, its contact and its `submitted` event together: on PostgreSQL in one
    statement (atomic on its own), elsewhere in the caller's transaction."""
    found_at = draft.found_at or (now if draft.kind == "incident" else None)
    values = dict(
        kind=draft.kind,
        category=draft.category,
        region=draft.region,
        oktmo=_oktmo(draft),
        text=text,
        address=one_line(draft.address),
        latitude=draft.latitude,
        longitude=draft.longitude,
        channel=draft.channel,
        status="submitted",
        body=body,
        submitted_at=now,
        register_by=deadlines.register_by(draft.kind, now),
        due_at=(
            deadlines.answer_due(draft.kind, draft.category, found_at)
            if draft.kind == "incident"
            else None
        ),
        forwarded_count=0,
        reopened_count=0,
        publish_text=bool(draft.publish_text),
        public_name=public_name(contact, draft.show_name),
        tracking_sha256=token_digest(token),
        client_id=client_id,
        idempotency_key=stored_key,
        content_sha256=digest,
        source_network=one_line(draft.source_network),
        source_url=one_line(draft.source_url),
        source_author=one_line(draft.source_author),
        found_at=found_at,
        linked_to=draft.linked_to,
        updated_at=now,
    )
    held = hold_reason(text, values["publish_text"])
    values["moderation"] = None if held is None else "held"
    event = {
        "at": now,
        "actor": actor,
        "action": "submitted",
        "status": "submitted",
        "body": body,
        "reason": None,
        "details": {"channel": draft.channel},
        "public": True,
    }
    if connection.dialect.name == "postgresql":
        parameters = {**values, **{f"e_{k}": v for k, v in event.items()}}
        if contact is not None:
            parameters.update({f"k_{k}": v for k, v in asdict(contact).items()})
        statement = FILE_WITHOUT_CONTACT if contact is None else FILE_WITH_CONTACT
        case_id = connection.execute(statement, parameters).scalar_one()
    else:
        case_id = connection.execute(INSERT_CASE, values).scalar_one()
        if contact is not None:
            connection.execute(INSERT_CONTACT, {"case_id": case_id, **asdict(contact)})
        connection.execute(INSERT_EVENT, {"case_id": case_id, **event})
    if held is not None:  # a text to publish waits for a moderator (cases.moderation)
        why = {"actor": "system", "action": "moderated", "details": {"held": held}}
        connection.execute(INSERT_EVENT, {"case_id": case_id, **event, **why, "public": False})
    return case_id


def public_case(engine: Engine, case_id: int) -> CaseView:
    """What anyone may read of a citizen's case (`CaseView.public()`); a case of another kind
    (an owner's approval, a compensation) is no public case and is told apart from a missing
    one nowhere."""
    with session_scope(engine) as session:
        view = load_view(session, case_id)
    if view.kind not in FEEDBACK_KINDS:
        raise ValidationFailed([Problem("case_unknown", path="case", value=case_id)])
    return view.public()


def read_case(engine: Engine, case_id: int, account: Account | None = None) -> CaseView:
    """A case with its events and files, never its contact. Given an account, only one that may
    read it (`accounts.users.can_read_case`) gets it, others are refused and recorded; without
    one, the caller is a service that shows only `CaseView.public()` to its reader."""
    with session_scope(engine) as session:
        view = load_view(session, case_id)
    if account is not None and not can_read_case(account, view.region, view.body):
        record_refusal(engine, account, "case.read", f"case {case_id}")
        raise Forbidden(f"case {case_id}")
    return view
