"""What anyone may read about cases: filtered, paged lists of public views, and public files.

Every answer is built from `CaseView.public()`: no contact, no text the citizen did not agree to
publish (59-ФЗ ст. 6 ч. 2), no executor, no event meant for the bodies only. The citizen's own
attachments are part of what the appeal says, so they are public only with the text; the
bodies' photos (before, after, the answer's) are public unless moderation hid them.
The Open311 API and the public region pages read cases only through here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Generic, TypeVar

from sqlalchemy import Engine, func, or_, select

from tsifra.cases.regimes import FEEDBACK_KINDS
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.store import Body, Case, CaseEvent, CaseFile, Unit, session_scope

if TYPE_CHECKING:
    from tsifra.cases.views import CaseView, FileView

T = TypeVar("T")
PAGE_SIZE_MAX = 1000
BODY_PURPOSES = frozenset({"before", "after", "answer"})


@dataclass(frozen=True)
class PublicBody:
    """A body as the public knows it: its code and its names."""

    code: str
    name_ru: str
    name_en: str | None

    def name(self, lang: str) -> str:
        return (self.name_en or self.name_ru) if lang == "en" else self.name_ru


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a longer list: the items, where the page is, how many there are in all,
    and the bodies the items name (for their names in a reader's language)."""

    items: tuple[T, ...]
    page: int
    page_size: int
    total: int
    bodies: dict[str, PublicBody] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


def find_public(
    engine: Engine,
    *,
    region: str | None = None,
    ids: Sequence[int] | None = None,
    categories: Sequence[str] | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
    statuses: Iterable[str] | None = None,
    updated_after: datetime | None = None,
    page: int = 1,
    page_size: int = 50,
) -> Page[CaseView]:
    """Public views of the cases that match every filter given.

    `categories` match a code and every code below it (`roads` holds `roads.pits.yard`);
    `start`/`end` bound the submission time (naive UTC, both included); `statuses` are the
    full statuses. The newest submission comes first, except with `updated_after`, where the
    oldest change comes first, so that a client reading page after page misses none.
    """
    problems = []
    if page < 1:
        problems.append(Problem("open311_bad_page", path="page", value=page))
    if not 1 <= page_size <= PAGE_SIZE_MAX:
        problems.append(
            Problem(
                "open311_bad_page_size",
                path="page_size",
                value=page_size,
                params={"n": PAGE_SIZE_MAX},
            )
        )
    if problems:
        raise ValidationFailed(problems)
    query = select(Case).where(Case.kind.in_(FEEDBACK_KINDS))  # never an approval
    if region is not None:
        query = query.where(Case.region == region)
    if ids is not None:
        query = query.where(Case.id.in_(list(ids)))
    if categories:
        query = query.where(
            or_(
                *(
                    or_(Case.category == c, Case.category.startswith(f"{c}.", autoescape=True))
                    for c in categories
                )
            )
        )
    if start is not None:
        query = query.where(Case.submitted_at >= start)
    if end is not None:
        query = query.where(Case.submitted_at <= end)
    if statuses is not None:
        query = query.where(Case.status.in_(list(statuses)))
    if updated_after is not None:
        query = query.where(Case.updated_at > updated_after)
        order = (Case.updated_at.asc(), Case.id.asc())
    else:
        order = (Case.submitted_at.desc(), Case.id.desc())
    with session_scope(engine) as session:
        rows = session.scalars(
            query.order_by(*order).offset((page - 1) * page_size).limit(page_size)
        ).all()
        if page == 1 and len(rows) < page_size:  # all of them are here: no count needed
            total = len(rows)
        else:
            total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
        views = tuple(_public(v) for v in _views(session, rows))
        bodies = _bodies(session, {v.body for v in views if v.body})
    return Page(views, page, page_size, total, bodies)


def public_file(engine: Engine, file_id: int) -> tuple[FileView, bytes] | None:
    """A file anyone may download (see the module's docstring), or None: unknown and not public
    are told apart nowhere, so that a guess learns nothing."""
    from tsifra.cases.files import file_bytes

    with session_scope(engine) as session:
        case_id = session.scalar(select(CaseFile.case_id).where(CaseFile.id == file_id))
    if case_id is None:
        return None
    found = find_public(engine, ids=[case_id], page_size=1)
    if not found.items or all(f.id != file_id for f in found.items[0].files):
        return None
    try:
        return file_bytes(engine, file_id)
    except ValidationFailed:  # hidden since, or its bytes are gone: not there for the public
        return None


def served_regions(engine: Engine) -> list[str]:
    """The regions whose cases the platform routes: those with at least one active body."""
    with session_scope(engine) as session:
        return list(
            session.scalars(select(Body.region).where(Body.active).distinct().order_by(Body.region))
        )


def is_region(engine: Engine, code: str) -> bool:
    with session_scope(engine) as session:
        return (
            session.scalar(select(Unit.code).where(Unit.code == code, Unit.kind == "region"))
            is not None
        )


def _views(session, rows: Sequence[Case]) -> list[CaseView]:
    """The views of a page of cases, their events and files read in one query each."""
    from tsifra.cases.views import view_of

    ids = [c.id for c in rows]
    events: dict[int, list[CaseEvent]] = {i: [] for i in ids}
    files: dict[int, list[CaseFile]] = {i: [] for i in ids}
    if ids:
        for e in session.scalars(
            select(CaseEvent).where(CaseEvent.case_id.in_(ids)).order_by(CaseEvent.id)
        ):
            events[e.case_id].append(e)
        for f in session.scalars(
            select(CaseFile).where(CaseFile.case_id.in_(ids)).order_by(CaseFile.id)
        ):
            files[f.case_id].append(f)
    return [view_of(c, events[c.id], files[c.id]) for c in rows]


def _public(view: CaseView) -> CaseView:
    """The public view, with the files the public may download only (the module's docstring)."""
    shown = view.public()
    files = tuple(
        f
        for f in shown.files
        if f.hidden_reason is None
        and (f.purpose in BODY_PURPOSES or (f.purpose == "attachment" and shown.public_text))
    )
    return shown if files == shown.files else replace(shown, files=files)


def _bodies(session, codes: set[str]) -> dict[str, PublicBody]:
    if not codes:
        return {}
    rows = session.execute(
        select(Body.code, Body.name_ru, Body.name_en).where(Body.code.in_(codes))
    )
    return {code: PublicBody(code, ru, en) for code, ru, en in rows}
