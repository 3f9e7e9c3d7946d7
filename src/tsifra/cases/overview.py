"""The public picture of a region's cases: how many of each category, status and municipality,
and a page of the cases themselves, with nothing personal in it.

Read straight from the `cases` table, never from the contacts: the counts and the rows carry
codes, dates and the body holding a case, no text, no name, no address of the applicant. The
address of the problem (a street, a yard) is public as FixMyStreet and Open311 show it; the
text is on the case's own page, and there only if the citizen published it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, func, select

from tsifra.cases.regimes import FEEDBACK_KINDS
from tsifra.store import session_scope
from tsifra.store.models import Body, Case

PAGE_SIZE = 25
MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class OverviewRow:
    """One case in the public list."""

    id: int
    kind: str
    category: str
    status: str
    oktmo: str | None
    address: str | None
    body: str | None
    body_name_ru: str | None
    body_name_en: str | None
    submitted_at: datetime
    due_at: datetime | None
    answered_at: datetime | None

    def body_name(self, lang: str) -> str | None:
        return (self.body_name_en if lang == "en" else None) or self.body_name_ru or self.body


@dataclass(frozen=True)
class RegionOverview:
    """A region's counts (each a list of (code, count), the largest first) and one page."""

    region: str
    total: int
    open: int
    overdue: int
    by_category: list[tuple[str, int]]
    by_status: list[tuple[str, int]]
    by_municipality: list[tuple[str | None, int]]
    rows: list[OverviewRow]
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


OPEN_STATUSES = ("submitted", "registered", "forwarded", "in_progress", "extended")


def _counts(session, column, region: str) -> list[tuple]:
    query = (
        select(column, func.count())
        .where(Case.region == region, Case.kind.in_(FEEDBACK_KINDS))
        .group_by(column)
        .order_by(func.count().desc(), column)
    )
    return [(code, int(n)) for code, n in session.execute(query)]


def region_overview(
    engine: Engine,
    region: str,
    *,
    page: int = 1,
    page_size: int = PAGE_SIZE,
    now: datetime,
) -> RegionOverview:
    """The counts and the `page`-th page of a region's cases, the newest first; `now` (naive
    UTC) decides which open cases are past their deadline."""
    page = max(1, page)
    page_size = min(max(1, page_size), MAX_PAGE_SIZE)
    with session_scope(engine) as session:
        by_status = _counts(session, Case.status, region)
        total = sum(n for _, n in by_status)
        open_count = sum(n for status, n in by_status if status in OPEN_STATUSES)
        overdue = session.scalar(
            select(func.count()).where(
                Case.region == region,
                Case.kind.in_(FEEDBACK_KINDS),
                Case.status.in_(OPEN_STATUSES),
                func.coalesce(Case.due_at, Case.register_by) < now,
            )
        )
        query = (
            select(
                Case.id,
                Case.kind,
                Case.category,
                Case.status,
                Case.oktmo,
                Case.address,
                Case.body,
                Body.name_ru,
                Body.name_en,
                Case.submitted_at,
                Case.due_at,
                Case.answered_at,
            )
            .outerjoin(Body, Body.code == Case.body)
            .where(Case.region == region, Case.kind.in_(FEEDBACK_KINDS))
            .order_by(Case.submitted_at.desc(), Case.id.desc())
            .limit(page_size)
            .offset((page - 1) * page_size)
        )
        rows = [OverviewRow(*row) for row in session.execute(query)]
        return RegionOverview(
            region=region,
            total=total,
            open=open_count,
            overdue=int(overdue or 0),
            by_category=_counts(session, Case.category, region),
            by_status=by_status,
            by_municipality=_counts(session, Case.oktmo, region),
            rows=rows,
            page=page,
            page_size=page_size,
        )
