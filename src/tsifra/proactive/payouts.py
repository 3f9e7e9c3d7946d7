"""The paying body's steps on a compensation case, on the case core: approve the amount, then pay.

opened (status `registered`) → approved (`in_progress`, event `approved` with the amount) →
paid (`closed`, event `paid` with the payment document's number and date and, optionally, its
scan). The payment is a status with its document, not a bank transfer: the treasury pays, the
body records what it paid by. A wrong record is left by the core's `reject_case` (reason shown).

Who may: the paying body's operators only (`may_pay`) — not an admin, not the region's
operators without a body, not another body: deciding public money is the body's own act, and
the household's contact is the body's alone too (`cases.contacts.read_contact`). Anyone else is
refused, and the refusal recorded. Each step is one transaction on the locked case, with its
event, the audit entry and the letter to the person (the outbox, when the register gave an
e-mail). Amounts are written exactly («85 550 ₽»), not rounded as budgets are: a household
compares them with its bank statement.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Engine, select

from tsifra.accounts.users import Account, can_read_case, record_refusal
from tsifra.cases.deadlines import moscow_day
from tsifra.cases.files import cleaned_file, keep
from tsifra.cases.locks import locked_case
from tsifra.cases.views import CaseView, load_view
from tsifra.kernel import formatting
from tsifra.kernel.language import Lang, word
from tsifra.kernel.problems import Forbidden, Problem, ValidationFailed
from tsifra.outbox.outbox import enqueue
from tsifra.store import Body, Case, CaseContact, CaseEvent, CaseFile, session_scope, utcnow
from tsifra.store.audit import record

if TYPE_CHECKING:
    from tsifra.approvals.projects import DocumentDraft

KIND = "compensation"
MAX_AMOUNT = 10_000_000
NUMBER_LIMIT = 64
LANG = "ru"  # the person's letters are in the language of the service
STAGES = ("opened", "approved", "paid", "rejected")


@dataclass(frozen=True)
class CompensationView:
    """A compensation case as its body reads it: the case (never the contact), why it was
    opened, the amounts and the payment."""

    case: CaseView
    stage: str  # opened | approved | paid | rejected
    body_name: str
    rule: str
    rule_version: str
    run_id: int | None
    register: str
    record_key: str
    damage: str
    residents: int
    amount_due: float
    amount_approved: float | None
    document_number: str | None
    document_date: date | None
    document_file: int | None


def may_pay(account: Account | None, body: str | None) -> bool:
    """Approving and paying are the paying body's acts: its operators, nobody else."""
    return (
        account is not None
        and account.role == "operator"
        and body is not None
        and account.body == body
    )


def roubles(amount: float | None, lang: Lang) -> str:
    """An exact amount: «85 550 ₽», «85 550,50 ₽»."""
    if amount is None:
        return formatting.MISSING
    exact = float(amount).is_integer()
    figure = formatting.whole(amount, lang) if exact else formatting.number(amount, lang, 2)
    return word("comp_roubles", lang, amount=figure)


def read_compensation(engine: Engine, case_id: int, *, account: Account | None) -> CompensationView:
    """The case for whoever may read it (the paying body, the region's overseers, admins);
    anyone else is refused and recorded. Not a compensation case: unknown here."""
    with session_scope(engine) as session:
        case = session.get(Case, case_id)
        if case is None or case.kind != KIND:
            raise ValidationFailed([Problem("comp_case_unknown", path="case", value=case_id)])
        if not can_read_case(account, case.region, case.body):
            refused = True
        else:
            refused = False
            view = _view(session, case_id)
    if refused:
        record_refusal(engine, account, "compensation.read", f"case {case_id}")
        raise Forbidden(f"case {case_id}")
    return view


def approve_compensation(
    engine: Engine, case_id: int, *, account: Account | None, amount: float, now=None
) -> CompensationView:
    """The body approves the amount to pay (as a rule the amount due; another amount is the
    body's decision, and the event keeps both)."""
    if (
        not isinstance(amount, int | float)
        or isinstance(amount, bool)
        or not math.isfinite(amount)
        or not 0 < amount <= MAX_AMOUNT
    ):
        raise ValidationFailed(
            [Problem("comp_amount", path="amount", value=amount, params={"limit": MAX_AMOUNT})]
        )
    amount = int(amount) if float(amount).is_integer() else round(float(amount), 2)

    def apply(session, case: Case, account: Account, moment: datetime) -> CaseEvent:
        due = _opened(session, case.id).details.get("amount_due")
        case.status, case.executor = "in_progress", account.login
        details = {"amount": amount, "amount_due": due}
        contact = session.get(CaseContact, case.id)
        if contact is not None and contact.email:
            subject = word("comp_mail_approved_subject", LANG, id=case.id)
            text = word(
                "comp_mail_approved_body",
                LANG,
                id=case.id,
                amount=roubles(amount, LANG),
                body=_body_name(session, case.body),
                due=formatting.day(moscow_day(case.due_at), LANG),
            )
            enqueue(session, f"compensation:{case.id}:approved", contact.email, subject, text)
        return _event(case, account, moment, "approved", details)

    return _step(engine, case_id, account, "approve", ("registered",), apply, now)


def pay_compensation(
    engine: Engine,
    case_id: int,
    *,
    account: Account | None,
    document_number: str,
    document_date: date,
    document: DocumentDraft | None = None,
    now: datetime | None = None,
) -> CompensationView:
    """Record the payment by its document (a payment order's number and date, optionally its
    scan: PDF or a picture) and close the case."""
    moment = now or utcnow()
    number = " ".join(str(document_number or "").split())
    problems = []
    if not number or len(number) > NUMBER_LIMIT or not number.isprintable():
        problems.append(
            Problem("comp_document_number", path="document_number", params={"limit": NUMBER_LIMIT})
        )
    if (
        not isinstance(document_date, date)
        or isinstance(document_date, datetime)
        or document_date > moscow_day(moment)
        or document_date.year < 2000
    ):
        problems.append(Problem("comp_document_date", path="document_date", value=document_date))
    cleaned = None
    if document is not None:
        try:
            cleaned = cleaned_file(document.name, document.data, "answer")
        except ValidationFailed as failed:
            problems += [
                Problem(p.code, path="document", value=p.value, params=p.params)
                for p in failed.problems
            ]
    if problems:
        raise ValidationFailed(problems)

    def apply(session, case: Case, account: Account, at: datetime) -> CaseEvent:
        approved = _approved(session, case.id)
        amount = approved.details.get("amount") if approved is not None else None
        details = {
            "amount": amount,
            "document_number": number,
            "document_date": document_date.isoformat(),
        }
        answer = word(
            "comp_paid_text",
            LANG,
            amount=roubles(amount, LANG),
            number=number,
            date=formatting.day(document_date, LANG),
        )
        case.status, case.answered_at, case.answer_text, case.closed_at = "closed", at, answer, at
        event = _event(case, account, at, "paid", details)
        session.add(event)
        session.flush()
        if cleaned is not None:
            kind, data = cleaned
            stored = CaseFile(
                case_id=case.id,
                event_id=event.id,
                purpose="answer",
                sha256=keep(data),
                name=_file_name(document.name),
                media_type=kind,
                size=len(data),
                uploaded_at=at,
                uploaded_by=account.login,
            )
            session.add(stored)
            session.flush()
            event.details = {**details, "file": stored.id}
        contact = session.get(CaseContact, case.id)
        if contact is not None and contact.email:
            subject = word("comp_mail_paid_subject", LANG, id=case.id)
            text = word("comp_mail_paid_body", LANG, id=case.id, paid=answer)
            enqueue(session, f"compensation:{case.id}:paid", contact.email, subject, text)
        return event

    return _step(engine, case_id, account, "pay", ("in_progress",), apply, moment)


def _step(engine, case_id, account, step, before, apply, now) -> CompensationView:
    """Judge and take one step: the body's operators only, from the statuses it follows."""
    now = now or utcnow()
    with session_scope(engine) as session:
        case = session.get(Case, case_id)
        if case is None or case.kind != KIND:
            raise ValidationFailed([Problem("comp_case_unknown", path="case", value=case_id)])
        body = case.body
    if not may_pay(account, body):
        record_refusal(engine, account, f"compensation.{step}", f"case {case_id}")
        raise Forbidden(f"case {case_id}")
    with session_scope(engine) as session:
        case = locked_case(session, case_id)
        if case.body != body or case.status not in before:
            stage = _stage(case.status, _actions(session, case_id))
            code = "comp_not_opened" if step == "approve" else "comp_not_approved"
            raise ValidationFailed([Problem(code, path="status", value=stage)])
        from_status = case.status
        event = apply(session, case, account, now)
        if event not in session:
            session.add(event)
        case.updated_at = now
        if case.first_response_at is None:
            case.first_response_at = now
        record(
            session,
            account.login,
            f"compensation.{step}",
            f"case {case_id}",
            {"from": from_status, "to": case.status},
        )
        session.flush()
        return _view(session, case_id)


def _event(case: Case, account: Account, at: datetime, action: str, details: dict) -> CaseEvent:
    return CaseEvent(
        case_id=case.id,
        at=at,
        actor=account.login,
        action=action,
        status=case.status,
        body=case.body,
        details=details,
        public=True,
    )


def _events(session, case_id: int) -> list[CaseEvent]:
    return list(
        session.scalars(
            select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.id)
        )
    )


def _actions(session, case_id: int) -> list[str]:
    return [e.action for e in _events(session, case_id)]


def _opened(session, case_id: int) -> CaseEvent:
    return next(e for e in _events(session, case_id) if e.action == "opened")


def _approved(session, case_id: int) -> CaseEvent | None:
    return next((e for e in reversed(_events(session, case_id)) if e.action == "approved"), None)


def _stage(status: str, actions: list[str]) -> str:
    if "paid" in actions:
        return "paid"
    if status == "rejected":
        return "rejected"
    return "approved" if "approved" in actions else "opened"


def _body_name(session, code: str | None) -> str:
    body = session.get(Body, code) if code else None
    return body.name_ru if body is not None else (code or "")


def _file_name(name: str) -> str:
    from tsifra.store.blobs import safe_name

    return safe_name(name)[:255]


def _view(session, case_id: int) -> CompensationView:
    case_view = load_view(session, case_id)
    events = _events(session, case_id)
    opened = next(e for e in events if e.action == "opened").details or {}
    approved = next((e for e in reversed(events) if e.action == "approved"), None)
    paid = next((e for e in reversed(events) if e.action == "paid"), None)
    paid_details = paid.details if paid is not None else {}
    return CompensationView(
        case=case_view,
        stage=_stage(case_view.status, [e.action for e in events]),
        body_name=_body_name(session, case_view.body),
        rule=opened.get("rule", ""),
        rule_version=str(opened.get("version", "")),
        run_id=opened.get("run"),
        register=opened.get("register", ""),
        record_key=str(opened.get("key", "")),
        damage=opened.get("damage", ""),
        residents=int(opened.get("residents") or 0),
        amount_due=opened.get("amount_due"),
        amount_approved=(approved.details or {}).get("amount") if approved else None,
        document_number=paid_details.get("document_number"),
        document_date=(
            date.fromisoformat(paid_details["document_date"])
            if paid_details.get("document_date")
            else None
        ),
        document_file=paid_details.get("file"),
    )
