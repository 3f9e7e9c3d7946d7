"""The officials' steps on a case: register, forward, take into work, extend, answer, reject,
mark a duplicate, close, comment.

Each step is one transaction: the case row is locked, the step judged against the status it
finds (`cases.states`), the deadlines moved by `cases.deadlines`, the event appended, the
citizen's notice put in the outbox (`cases.notices`) and the step written to the audit log. An
illegal step or bad input raises `ValidationFailed` and writes nothing; a step the account may
not take (`states.may_act`) is refused (`Forbidden`) and the refusal recorded.

How the deadlines move: registration sets the answer's deadline from the moment of
registration (an incident keeps the one set when it was found); forwarding gives the receiving
body a full term from the moment it arrives, since in the platform a forwarded case arrives
registered (59-ФЗ ст. 8 ч. 3, ст. 12 ч. 1), and a case forwarded to another region's body
becomes that region's case; an extension moves it once, within the regime's
maximum (ст. 12 ч. 2). The first response is the first step from registration on that the
citizen sees (a comment only if it is public).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from tsifra.accounts.users import Account, record_refusal
from tsifra.cases import deadlines, notices
from tsifra.cases.contacts import can_be_answered
from tsifra.cases.locks import locked_case
from tsifra.cases.states import ACTIONS, FINAL, allowed, may_act, status_after
from tsifra.cases.texts import plain_text
from tsifra.cases.views import CaseView, load_view
from tsifra.kernel.problems import Forbidden, Problem, ValidationFailed
from tsifra.store import Body, Case, CaseContact, CaseEvent, session_scope, utcnow
from tsifra.store.audit import record

ANSWER_LIMIT = 10_000
REASON_LIMIT = 2000
# What a step writes besides its status: a reason shown with it, details for bodies, public.
Applied = tuple[str | None, dict | None, bool]


def step_problem(step: str, status: str) -> Problem:
    """The refusal of an illegal step, naming the step and the status the case is in."""
    return Problem(
        "case_step", path="status", value=status, params={"step": step, "status": status}
    )


def _text(value: str | None, field: str, limit: int, required: bool = True) -> str | None:
    text = plain_text(value)
    if not text:
        if required:
            raise ValidationFailed([Problem("case_needs_text", path=field)])
        return None
    if len(text) > limit:
        raise ValidationFailed(
            [Problem("case_text_too_long", path=field, params={"limit": limit, "count": len(text)})]
        )
    return text


def take_step(
    engine: Engine,
    account: Account | None,
    case_id: int,
    step: str,
    apply: Callable[[Session, Case], Applied],
    now: datetime | None = None,
    *,
    actor: str | None = None,
) -> CaseView:
    """Judge and take one step; `apply` changes the locked case and says what to record.

    `account` None with an `actor` is the citizen (`cases.citizen`), whose right comes from the
    tracking token the caller checked."""
    now = now or utcnow()
    with session_scope(engine) as session:
        case = session.get(Case, case_id)
        if case is None:
            raise ValidationFailed([Problem("case_unknown", path="case", value=case_id)])
        if case.kind == "approval":  # decided by `approvals.answers`, with its project
            raise ValidationFailed([Problem("appr_case_steps", path="kind", value=case.kind)])
        if case.kind == "compensation" and step not in ("reject", "comment"):
            # approved and paid by the paying body's own steps (`proactive.payouts`)
            raise ValidationFailed([Problem("comp_case_steps", path="kind", value=case.kind)])
        region, body = case.region, case.body
    if actor is None and not may_act(account, step, region, body):
        record_refusal(engine, account, "case." + step, f"case {case_id}")
        raise Forbidden(f"case {case_id}")
    who = actor or account.login
    with session_scope(engine) as session:
        case = locked_case(session, case_id)
        if case.body != body and actor is None and not may_act(account, step, region, case.body):
            raise Forbidden(f"case {case_id}")  # forwarded away meanwhile
        before = case.status
        if not allowed(step, before):
            raise ValidationFailed([step_problem(step, before)])
        reason, details, public = apply(session, case)
        case.status = status_after(step, before)
        case.updated_at = now
        if case.status in FINAL and case.closed_at is None:
            case.closed_at = now
        if actor is None and public and case.first_response_at is None:
            case.first_response_at = now
        session.add(
            CaseEvent(
                case_id=case_id,
                at=now,
                actor=who,
                action=ACTIONS[step],
                status=case.status,
                body=case.body,
                reason=reason,
                details=details,
                public=public,
            )
        )
        record(session, who, "case." + step, f"case {case_id}", {"from": before, "to": case.status})
        session.flush()
        return load_view(session, case_id)


def register_case(
    engine: Engine, account: Account | None, case_id: int, now: datetime | None = None
) -> CaseView:
    """Registration (59-ФЗ ст. 8 ч. 2: within three days); the answer's term starts here."""

    def apply(session: Session, case: Case) -> Applied:
        moment = now or utcnow()
        case.registered_at = moment
        if case.kind != "incident" or case.due_at is None:
            case.due_at = deadlines.answer_due(case.kind, case.category, moment)
        return None, None, True

    return take_step(engine, account, case_id, "register", apply, now)


def forward_case(
    engine: Engine,
    account: Account | None,
    case_id: int,
    body: str,
    reason: str,
    now: datetime | None = None,
    *,
    base_url: str | None = None,
) -> CaseView:
    """Send the case to the competent body, with a notice to the citizen (59-ФЗ ст. 8 ч. 3)."""
    reason = _text(reason, "reason", REASON_LIMIT)

    def apply(session: Session, case: Case) -> Applied:
        target = session.get(Body, body) if body else None
        if target is None or not target.active:
            raise ValidationFailed([Problem("case_body_unknown", path="body", value=body)])
        if target.code == case.body:
            raise ValidationFailed([Problem("case_body_same", path="body", value=body)])
        moment = now or utcnow()
        late = case.registered_at is not None and moment > deadlines.forward_by(
            case.kind, case.registered_at
        )
        details = {"from": case.body, "to": target.code, "late": late}
        if target.region != case.region:  # the competent body is another region's: so is the case
            details["region"] = [case.region, target.region]
            case.region, case.oktmo = target.region, None
        case.body, case.executor = target.code, None
        case.forwarded_count = (case.forwarded_count or 0) + 1
        if case.kind != "incident":
            case.due_at = deadlines.forwarded_due(case.kind, case.category, moment)
        notices.notify_forwarded(session, case, reason, base_url)
        return reason, details, True

    return take_step(engine, account, case_id, "forward", apply, now)


def take_case(
    engine: Engine, account: Account | None, case_id: int, now: datetime | None = None
) -> CaseView:
    """Into work: the account taking it becomes its executor."""

    def apply(session: Session, case: Case) -> Applied:
        case.executor = account.login
        return None, None, True

    return take_step(engine, account, case_id, "take", apply, now)


def extend_case(
    engine: Engine,
    account: Account | None,
    case_id: int,
    days: int,
    reason: str,
    now: datetime | None = None,
    *,
    base_url: str | None = None,
) -> CaseView:
    """Extend the answer's term once, within the regime's maximum, with a notice (ст. 12 ч. 2)."""
    reason = _text(reason, "reason", REASON_LIMIT)

    def apply(session: Session, case: Case) -> Applied:
        if case.extended_at is not None:
            raise ValidationFailed([Problem("case_extend_once", path="days")])
        before = case.due_at
        case.due_at = deadlines.extended_due(case.kind, case.due_at, days)
        case.extended_at = now or utcnow()
        notices.notify_extended(session, case, reason, base_url)
        details = {"days": days, "due_before": before.isoformat() if before else None}
        return reason, details, True

    return take_step(engine, account, case_id, "extend", apply, now)


def answer_case(
    engine: Engine,
    account: Account | None,
    case_id: int,
    text: str,
    promised_on: date | None = None,
    now: datetime | None = None,
    *,
    base_url: str | None = None,
) -> CaseView:
    """The answer, sent to the citizen; an appeal needs a surname and an address (ст. 11 ч. 1).

    A promised date of the fix may be given (what «solved» is later judged against). A new
    answer after a reopening may be rated anew."""
    text = _text(text, "text", ANSWER_LIMIT)
    moment = now or utcnow()
    if promised_on is not None and (
        not isinstance(promised_on, date)
        or isinstance(promised_on, datetime)
        or promised_on < deadlines.moscow_day(moment)
    ):
        raise ValidationFailed([Problem("case_promised_on", path="promised_on", value=promised_on)])

    def apply(session: Session, case: Case) -> Applied:
        from tsifra.cases.regimes import regime

        if regime(case.kind).needs_address_to_answer and not can_be_answered(
            session.get(CaseContact, case.id)
        ):
            raise ValidationFailed([Problem("case_answer_no_address", path="contact")])
        case.answer_text, case.promised_on = text, promised_on
        case.answered_at = moment
        case.rating = case.solved = case.rated_at = None
        if case.executor is None:
            case.executor = account.login
        notices.notify_answered(session, case, base_url)
        details = {"promised_on": promised_on.isoformat()} if promised_on else None
        return None, details, True

    return take_step(engine, account, case_id, "answer", apply, now)


def reject_case(
    engine: Engine, account: Account | None, case_id: int, reason: str, now: datetime | None = None
) -> CaseView:
    """Leave the case unanswered on its merits, saying why (the citizen reads the reason)."""
    reason = _text(reason, "reason", REASON_LIMIT)

    def apply(session: Session, case: Case) -> Applied:
        case.rejected_reason = reason
        return reason, None, True

    return take_step(engine, account, case_id, "reject", apply, now)


def mark_duplicate(
    engine: Engine,
    account: Account | None,
    case_id: int,
    of_case: int,
    reason: str | None = None,
    now: datetime | None = None,
) -> CaseView:
    """The same problem is already a case: this one follows it (a chain points to its root)."""
    reason = _text(reason, "reason", REASON_LIMIT, required=False)

    def apply(session: Session, case: Case) -> Applied:
        original = session.get(Case, of_case) if isinstance(of_case, int) else None
        if original is not None and original.duplicate_of is not None:
            original = session.get(Case, original.duplicate_of)
        if original is None or original.id == case.id:
            raise ValidationFailed([Problem("case_duplicate_of", path="of_case", value=of_case)])
        if original.region != case.region:
            raise ValidationFailed(
                [Problem("case_duplicate_region", path="of_case", value=of_case)]
            )
        case.duplicate_of = original.id
        return reason, {"of": original.id}, True

    return take_step(engine, account, case_id, "duplicate", apply, now)


def close_case(
    engine: Engine, account: Account | None, case_id: int, now: datetime | None = None
) -> CaseView:
    """Close an answered (or rated) case: no reopening after this."""

    def apply(session: Session, case: Case) -> Applied:
        return None, None, True

    return take_step(engine, account, case_id, "close", apply, now)


def comment_case(
    engine: Engine,
    account: Account | None,
    case_id: int,
    text: str,
    *,
    public: bool = False,
    now: datetime | None = None,
) -> CaseView:
    """A note on the case: for the bodies only, or (public) a status note the citizen reads."""
    text = _text(text, "text", REASON_LIMIT)

    def apply(session: Session, case: Case) -> Applied:
        return text, None, bool(public)

    return take_step(engine, account, case_id, "comment", apply, now)
