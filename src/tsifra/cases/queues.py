"""Work queues: what a body has to do, what is due first, and how long is left.

A body's queue is its open cases (submitted … extended), the overdue ones first, then by the
time left to the step now due: registration for a case not yet registered, the answer for the
rest (an incident's answer is due from the moment it was found, so its step is always the
answer). The triage queue is a region's open cases no rule routed to a body; its region's
operators without a body assign them. Who reads a queue is who works its cases
(`accounts.users.can_work_case`): a body's operators and admins, the region's operators without
a body for triage; a refused read is recorded. The queue holds no applicant's personal data:
only the case's own fields and its text shortened for the reader's glance.

The ordering is one SQL expression over columns the schema indexes by body and status, so a
queue of 10,000 open cases is one indexed read and a sort (benchmarks/queues.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, and_, case, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from tsifra.accounts.users import Account, can_work_case, record_refusal
from tsifra.cases.bodies import BodyInfo, body_info
from tsifra.cases.categories import category
from tsifra.kernel.language import Lang, word
from tsifra.kernel.problems import Forbidden, Problem, ValidationFailed
from tsifra.store import session_scope, utcnow
from tsifra.store.models import Body, Case

OPEN_STATUSES = ("submitted", "registered", "forwarded", "in_progress", "extended")
TEXT_GLANCE = 200  # characters of the text a queue shows
MAX_LIMIT = 500


@dataclass(frozen=True)
class QueueItem:
    """One case as a queue shows it: what is due (`step`), by when, and how long is left
    (negative: overdue by that much)."""

    id: int
    kind: str
    category: str
    region: str
    oktmo: str | None
    status: str
    body: str | None
    executor: str | None
    address: str | None
    channel: str
    submitted_at: datetime
    step: str  # register | answer
    due: datetime | None
    left: timedelta | None
    forwarded_count: int
    reopened_count: int
    extended: bool
    text: str  # at most TEXT_GLANCE characters, an ellipsis when cut

    @property
    def overdue(self) -> bool:
        return self.left is not None and self.left < timedelta(0)


@dataclass(frozen=True)
class Queue:
    region: str
    body: BodyInfo | None  # None: the region's triage queue
    items: tuple[QueueItem, ...]
    total: int
    overdue: int
    now: datetime
    limit: int
    offset: int


def body_queue(
    engine: Engine,
    account: Account,
    body: str | None = None,
    *,
    now: datetime | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Queue:
    """A body's open cases, what is due first at the top; `body` defaults to the account's."""
    body = body or account.body
    with session_scope(engine) as session:
        found = session.get(Body, body) if body else None
        if found is not None and can_work_case(account, found.region, found.code):
            where = and_(Case.body == found.code, Case.status.in_(OPEN_STATUSES))
            page = _Page(now or utcnow(), limit, offset)
            return _queue(session, found.region, body_info(found), where, page)
    if found is None and account.role == "admin":
        raise ValidationFailed([Problem("queue_unknown_body", path="body", value=body)])
    record_refusal(engine, account, "queue.read", body or "none")
    raise Forbidden(body)


def triage_queue(
    engine: Engine,
    account: Account,
    region: str,
    *,
    now: datetime | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Queue:
    """A region's open cases that no body holds, for its operators without a body to assign."""
    if not can_work_case(account, region, None):
        record_refusal(engine, account, "queue.read", f"triage {region}")
        raise Forbidden(region)
    where = and_(Case.region == region, Case.body.is_(None), Case.status.in_(OPEN_STATUSES))
    with session_scope(engine) as session:
        return _queue(session, region, None, where, _Page(now or utcnow(), limit, offset))


def left_words(left: timedelta | None, lang: Lang) -> str:
    """Time left as an executor reads it: «осталось 2 дн. 5 ч», «просрочено на 7 ч»; to the
    hour, since the shortest legal term (an incident's reply) is 24 hours."""
    if left is None:
        return word("queue_no_deadline", lang)
    hours = int(abs(left.total_seconds()) // 3600)
    days, rest = divmod(hours, 24)
    span = (
        word("queue_days_hours", lang, days=days, hours=rest)
        if days
        else word("queue_hours", lang, n=hours)
    )
    if left < timedelta(0):
        return word("queue_overdue_by", lang, left=span)
    return word("queue_left", lang, left=span)


def category_name(code: str, lang: Lang) -> str:
    """A category's name for a queue's reader; a code the tree no longer has is shown as is."""
    try:
        return category(code).name(lang)
    except ValidationFailed:
        return code


def _due_step() -> tuple[ColumnElement, ColumnElement]:
    """Registration is due while a case (not an incident) is only submitted; then the answer."""
    registering = and_(Case.status == "submitted", Case.kind != "incident")
    step = case((registering, "register"), else_="answer")
    due = case((registering, Case.register_by), else_=func.coalesce(Case.due_at, Case.register_by))
    return step, due


@dataclass(frozen=True)
class _Page:
    now: datetime
    limit: int
    offset: int


def _queue(
    session: Session, region: str, body: BodyInfo | None, where: ColumnElement, page: _Page
) -> Queue:
    """The page of a queue in three reads: the page's ids (a narrow sort of the open cases by
    their due moment), those cases' columns, and the counts."""
    now = page.now
    limit = max(1, min(page.limit, MAX_LIMIT))
    offset = max(0, page.offset)
    step, due = _due_step()
    ids = list(
        session.scalars(
            select(Case.id)
            .where(where)
            .order_by(due.is_(None), due, Case.id)  # no deadline last; overdue have the earliest
            .limit(limit)
            .offset(offset)
        )
    )
    columns = (
        Case.id,
        Case.kind,
        Case.category,
        Case.region,
        Case.oktmo,
        Case.status,
        Case.body,
        Case.executor,
        Case.address,
        Case.channel,
        Case.submitted_at,
        step.label("step"),
        due.label("due"),
        Case.forwarded_count,
        Case.reopened_count,
        Case.extended_at,
        func.substr(Case.text, 1, TEXT_GLANCE + 1).label("glance"),
    )
    rows = {row.id: row for row in session.execute(select(*columns).where(Case.id.in_(ids)))}
    total, overdue = session.execute(
        select(func.count(), func.count().filter(due < now)).where(where)
    ).one()
    items = tuple(_item(rows[i], now) for i in ids if i in rows)
    return Queue(region, body, items, total, overdue, now, limit, offset)


def _item(row, now: datetime) -> QueueItem:
    glance = row.glance or ""
    if len(glance) > TEXT_GLANCE:
        glance = glance[: TEXT_GLANCE - 1].rstrip() + "…"
    return QueueItem(
        id=row.id,
        kind=row.kind,
        category=row.category,
        region=row.region,
        oktmo=row.oktmo,
        status=row.status,
        body=row.body,
        executor=row.executor,
        address=row.address,
        channel=row.channel,
        submitted_at=row.submitted_at,
        step=row.step,
        due=row.due,
        left=None if row.due is None else row.due - now,
        forwarded_count=row.forwarded_count,
        reopened_count=row.reopened_count,
        extended=row.extended_at is not None,
        text=glance,
    )
