"""The applicant's personal data: kept apart from the case and read by the answering body only.

Name, e-mail, phone and postal address live in `case_contacts`, which no list, public answer or
export reads. `read_contact` is the one way to them: only operators of the body that holds the
case (`accounts.users.can_read_case_contact`) get them, each read is written as a
`contact_read` event that only bodies see and into the audit log, and any other reader is
refused and the refusal recorded. Under 59-ФЗ ст. 11 an appeal without a surname or without a
postal or e-mail address gets no answer (`answer_problems`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from tsifra.accounts.users import Account, can_read_case_contact, record_refusal
from tsifra.cases.locks import locked_case
from tsifra.kernel.problems import Forbidden, Problem, ValidationFailed
from tsifra.store import Case, CaseContact, CaseEvent, session_scope, utcnow
from tsifra.store.audit import record

LIMITS = {"surname": 255, "name": 255, "email": 255, "phone": 64, "postal_address": 1000}


@dataclass(frozen=True)
class ContactDraft:
    surname: str | None = None
    name: str | None = None  # first name and patronymic
    email: str | None = None
    phone: str | None = None
    postal_address: str | None = None


@dataclass(frozen=True)
class Contact:
    case_id: int
    surname: str | None
    name: str | None
    email: str | None
    phone: str | None
    postal_address: str | None


def cleaned(draft: ContactDraft | None) -> ContactDraft | None:
    """Fields stripped, blanks as None; None when nothing is left."""
    if draft is None:
        return None
    values = {f: _clean(getattr(draft, f)) for f in LIMITS}
    return ContactDraft(**values) if any(values.values()) else None


def contact_problems(draft: ContactDraft | None) -> list[Problem]:
    found: list[Problem] = []
    if draft is None:
        return found
    for field, limit in LIMITS.items():
        value = getattr(draft, field)
        if value is not None and len(value) > limit:
            found.append(
                Problem("case_field_too_long", path=f"contact.{field}", params={"limit": limit})
            )
    email = draft.email
    if email is not None and ("@" not in email or " " in email or email.startswith("@")):
        found.append(Problem("case_bad_email", path="contact.email"))  # no value: it is PII
    phone = draft.phone
    if phone is not None and sum(c.isdigit() for c in phone) < 5:
        found.append(Problem("case_bad_phone", path="contact.phone"))
    return found


def can_be_answered(contact: CaseContact | None) -> bool:
    """59-ФЗ ст. 11 ч. 1: no answer without a surname and a postal or e-mail address."""
    return (
        contact is not None
        and bool(contact.surname)
        and bool(contact.email or contact.postal_address)
    )


def public_name(draft: ContactDraft | None, show: bool) -> str | None:
    """The name shown on public pages when the citizen chose to show it: the first name and
    the surname's initial («Анна К.»), never the whole surname."""
    if not show or draft is None or not (draft.name or draft.surname):
        return None
    first = (draft.name or "").split()[0] if draft.name else ""
    initial = f"{draft.surname[0]}." if draft.surname else ""
    return " ".join(p for p in (first, initial) if p) or None


def add_contact(session, case_id: int, draft: ContactDraft | None) -> None:
    if draft is not None:
        session.add(CaseContact(case_id=case_id, **{f: getattr(draft, f) for f in LIMITS}))


def read_contact(
    engine: Engine, account: Account | None, case_id: int, now: datetime | None = None
) -> Contact:
    """The applicant's contact, for an operator of the body holding the case; the read is
    recorded as an event and in the audit log. Anyone else: `Forbidden`, the refusal recorded."""
    with session_scope(engine) as session:
        case = session.get(Case, case_id)
        if case is None:
            raise ValidationFailed([Problem("case_unknown", path="case", value=case_id)])
        body = case.body
    if not can_read_case_contact(account, body):
        record_refusal(engine, account, "case.contact_read", f"case {case_id}")
        raise Forbidden(f"case {case_id}")
    now = now or utcnow()
    with session_scope(engine) as session:
        case = locked_case(session, case_id)
        stored = session.get(CaseContact, case_id)
        session.add(
            CaseEvent(
                case_id=case_id,
                at=now,
                actor=account.login,
                action="contact_read",
                status=case.status,
                body=case.body,
                public=False,
            )
        )
        record(session, account.login, "case.contact_read", f"case {case_id}", {"body": body})
        if stored is None:
            return Contact(case_id, None, None, None, None, None)
        return Contact(
            case_id,
            stored.surname,
            stored.name,
            stored.email,
            stored.phone,
            stored.postal_address,
        )


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    text = "".join(c for c in str(value) if c.isprintable() or c == "\n").strip()
    return text or None
