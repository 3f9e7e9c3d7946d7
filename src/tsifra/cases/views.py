"""What a reader of a case gets: a frozen view with no personal data, ever.

`CaseView` carries the full text for the bodies that work the case; every public answer (a
public page, the public API, Open311, an export) is built from `CaseView.public()`, which keeps
the text only with the citizen's consent (59-ФЗ ст. 6 ч. 2) and not hidden by moderation (or the
moderated text), and drops the executor and the events only bodies see. The contact is never
part of a view: it is read apart (`cases.contacts.read_contact`), by the responsible body only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from tsifra.cases.states import OPEN
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.store import Case, CaseEvent, CaseFile


@dataclass(frozen=True)
class EventView:
    at: datetime
    action: str
    status: str | None
    body: str | None
    reason: str | None
    public: bool
    actor: str | None = None  # a login, citizen, client:NAME, system: for the bodies only


@dataclass(frozen=True)
class FileView:
    id: int
    purpose: str  # attachment | before | after | answer
    name: str
    media_type: str
    size: int
    hidden_reason: str | None  # moderation hid it, and why (the bytes are then not served)


@dataclass(frozen=True)
class CaseView:
    id: int
    kind: str
    category: str
    region: str
    oktmo: str | None
    status: str
    body: str | None
    executor: str | None
    address: str | None
    latitude: float | None
    longitude: float | None
    text: str | None  # the full text: for the bodies only
    public_text: str | None  # what the public may see of the text, if anything
    public_name: str | None
    channel: str
    submitted_at: datetime
    register_by: datetime | None
    registered_at: datetime | None
    due_at: datetime | None
    extended_at: datetime | None
    forwarded_count: int
    first_response_at: datetime | None
    answered_at: datetime | None
    answer_text: str | None
    promised_on: date | None
    rating: int | None
    solved: bool | None
    reopened_count: int
    closed_at: datetime | None
    rejected_reason: str | None
    duplicate_of: int | None
    moderation: str | None
    moderation_reason: str | None
    updated_at: datetime
    events: tuple[EventView, ...] = ()
    files: tuple[FileView, ...] = ()

    def public(self) -> CaseView:
        """What anyone may read: no text but the public one, no executor, no internal events,
        no login of whoever took a step, no file's own name (people name files after
        themselves: «Иванов_паспорт.pdf»), only its number and type.
        The answer is addressed to a person and may name them, so it is public only where the
        citizen made the appeal public. A file moderation hid stays listed with its reason (the
        citizen learns why) but its bytes are not served (`cases.files.file_bytes`)."""
        shown = self.public_text is not None
        return replace(
            self,
            text=self.public_text,
            answer_text=self.answer_text if shown else None,
            executor=None,
            events=tuple(replace(e, actor=None) for e in self.events if e.public),
            files=tuple(replace(f, name=_neutral_name(f)) for f in self.files),
        )

    @property
    def is_open(self) -> bool:
        return self.status in OPEN


SUFFIXES = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/webp": ".webp",
    "application/pdf": ".pdf",
}


def _neutral_name(stored: FileView) -> str:
    return f"{stored.purpose}-{stored.id}{SUFFIXES.get(stored.media_type, '')}"


def public_text_of(case: Case) -> str | None:
    """The text the public may read: the moderated text if redacted, the citizen's text if the
    citizen consented and nothing hid it, else nothing."""
    if case.moderation in ("hidden", "held"):  # held: waits for a moderator (cases.moderation)
        return None
    if case.moderation == "redacted":
        return case.public_text
    return case.text if case.publish_text else None


def view_of(
    case: Case, events: Iterable[CaseEvent] = (), files: Iterable[CaseFile] = ()
) -> CaseView:
    return CaseView(
        id=case.id,
        kind=case.kind,
        category=case.category,
        region=case.region,
        oktmo=case.oktmo,
        status=case.status,
        body=case.body,
        executor=case.executor,
        address=case.address,
        latitude=case.latitude,
        longitude=case.longitude,
        text=case.text,
        public_text=public_text_of(case),
        public_name=case.public_name,
        channel=case.channel,
        submitted_at=case.submitted_at,
        register_by=case.register_by,
        registered_at=case.registered_at,
        due_at=case.due_at,
        extended_at=case.extended_at,
        forwarded_count=case.forwarded_count or 0,
        first_response_at=case.first_response_at,
        answered_at=case.answered_at,
        answer_text=case.answer_text,
        promised_on=case.promised_on,
        rating=case.rating,
        solved=case.solved,
        reopened_count=case.reopened_count or 0,
        closed_at=case.closed_at,
        rejected_reason=case.rejected_reason,
        duplicate_of=case.duplicate_of,
        moderation=case.moderation,
        moderation_reason=case.moderation_reason,
        updated_at=case.updated_at,
        events=tuple(event_view(e) for e in events),
        files=tuple(file_view(f) for f in files),
    )


def event_view(event: CaseEvent) -> EventView:
    return EventView(
        event.at, event.action, event.status, event.body, event.reason, event.public, event.actor
    )


def file_view(stored: CaseFile) -> FileView:
    return FileView(
        stored.id, stored.purpose, stored.name, stored.media_type, stored.size, stored.hidden_reason
    )


def load_view(session: Session, case_id: int) -> CaseView:
    """The view of one case as stored now, or `ValidationFailed` naming the unknown case."""
    case = session.get(Case, case_id)
    if case is None:
        raise ValidationFailed([Problem("case_unknown", path="case", value=case_id)])
    events = session.scalars(
        select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.id)
    ).all()
    files = session.scalars(
        select(CaseFile).where(CaseFile.case_id == case_id).order_by(CaseFile.id)
    ).all()
    return view_of(case, events, files)
