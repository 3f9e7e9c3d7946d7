"""Infrastructure approvals on the dashboard: how long the region's network owners take, and
what the region's proactive services issued.

The times are the formula `appr_median_days` (`tsifra.marts.formulas.approval_times`) run on
DuckDB over the region's own approval events, by region (the index's figure), by owner and by
kind of works: the page shows exactly what the index is computed from, with no second
definition. The backlog is the state now: requests still awaited, and those past their
deadline, by owner, overdue first. The notices are the latest the region's rules issued to the
public (a flood warning); a proposal of approvals to an investor is private to its addressee,
so only their number is shown. Nothing personal is read: no applicant, no text, no recipient.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, func, select

from tsifra.accounts.users import Account, record_refusal
from tsifra.approvals.answers import lapse_overdue
from tsifra.approvals.vocabulary import STATUSES
from tsifra.kernel.cache import Cache
from tsifra.kernel.periods import parse_period
from tsifra.kernel.problems import Forbidden, Problem, ValidationFailed
from tsifra.marts.approvals import compute_approvals, read_approvals
from tsifra.proactive.notices import NoticeView, list_notices
from tsifra.reference import load_regions
from tsifra.store import Body, Case, utcnow
from tsifra.store.models import ApprovalProject, ApprovalRequest, ProactiveNotice
from tsifra.store.versions import database_key

QUARTERS_SHOWN = 4
NOTICES_SHOWN = 10
# Notices private to their addressee (`proactive.investors`): counted on the page, never listed.
PRIVATE_NOTICES = ("approval_proposal",)
FORMULA = "appr_median_days"


@dataclass(frozen=True)
class TimeRow:
    """One unit (the region, an owner, a kind of works): its median days per quarter of the
    finish, None where no project finished in that quarter."""

    key: str
    name_ru: str | None
    name_en: str | None
    days: tuple[float | None, ...]  # one per `ApprovalTimes.periods`


@dataclass(frozen=True)
class ApprovalTimes:
    region: str
    as_of: datetime
    periods: tuple[str, ...]  # oldest first, at most QUARTERS_SHOWN, those with any figure
    overall: TimeRow
    by_owner: tuple[TimeRow, ...]
    by_works: tuple[TimeRow, ...]


@dataclass(frozen=True)
class OwnerBacklog:
    owner: str
    name_ru: str | None
    name_en: str | None
    awaited: int  # requests of the region's projects the owner has not answered
    overdue: int  # of them, past their deadline


@dataclass(frozen=True)
class RegionApprovals:
    region: str
    as_of: datetime
    statuses: tuple[tuple[str, int], ...]  # every status in STATUSES order, zeros included
    times: ApprovalTimes
    backlog: tuple[OwnerBacklog, ...]  # overdue first
    notices: tuple[NoticeView, ...]  # newest first, public kinds only (`proactive.notices`)
    private_notices: int  # proposals to investors: counted, not shown

    @property
    def projects(self) -> int:
        return sum(n for _, n in self.statuses)


def may_see_approval_figures(reader: Account | None, region: str) -> bool:
    """The region's approvals are its working figures (who holds what, who is late): federal
    roles and the region's own operators who belong to no body. A network owner's operators see
    their queue, not their competitors' delays; an applicant sees its own projects only."""
    if reader is None or reader.role == "applicant":
        return False
    if reader.role == "operator":
        return reader.region == region and reader.body is None
    return True


def _check(engine: Engine, region: str, reader: Account | None, action: str, now: datetime) -> None:
    """Refuse (recorded) a reader who may not see them; then record consent by silence for
    every request past its term, as every reader of approvals does first, so a request whose
    owner kept silent shows as consented and its project as finished, never as overdue."""
    if region not in load_regions().index:
        raise ValidationFailed([Problem("unknown_region", path="region", value=region)])
    if not may_see_approval_figures(reader, region):
        record_refusal(engine, reader, action, region)
        raise Forbidden(region)
    lapse_overdue(engine, now=now)


def approval_times(
    engine: Engine,
    region: str,
    reader: Account | None,
    *,
    now: datetime | None = None,
    cache: Cache | None = None,
) -> ApprovalTimes:
    """The region's median days from filing to the last answer, overall, by owner and by kind
    of works, per quarter of the finish as of `now`. Raises Forbidden (the refusal recorded)
    for a reader who may not see them, ValidationFailed for an unknown region.

    With a cache, kept per region and hour while the approvals do not change (the version is in
    the key: an answer is seen at once)."""
    now = (now or utcnow()).replace(microsecond=0)
    _check(engine, region, reader, "approvals.figures", now)
    return _times(engine, region, now, cache)


def region_approvals(
    engine: Engine,
    region: str,
    reader: Account | None,
    *,
    now: datetime | None = None,
    cache: Cache | None = None,
) -> RegionApprovals:
    """The region's page of approvals: projects by status, the times, the owners' backlog and
    the latest public notices. Raises like `approval_times`."""
    now = (now or utcnow()).replace(microsecond=0)
    _check(engine, region, reader, "approvals.figures", now)
    notices, private = _notices(engine, region)
    return RegionApprovals(
        region=region,
        as_of=now,
        statuses=_statuses(engine, region),
        times=_times(engine, region, now, cache),
        backlog=_backlog(engine, region, now),
        notices=notices,
        private_notices=private,
    )


def approvals_version(engine: Engine) -> tuple:
    """What the times depend on besides the clock: the projects' count and latest change, and
    the owners' decisions (an answer or a lapse sets `decided_at`)."""
    with engine.connect() as connection:
        projects = connection.execute(
            select(func.count(), func.max(ApprovalProject.updated_at))
        ).one()
        decided = connection.execute(
            select(func.count(ApprovalRequest.decided_at), func.max(ApprovalRequest.decided_at))
        ).one()
    return (*map(str, projects), *map(str, decided))


def _times(engine: Engine, region: str, now: datetime, cache: Cache | None) -> ApprovalTimes:
    if cache is None:
        return _compute_times(engine, region, now)
    hour = now.strftime("%Y-%m-%dT%H")
    key = ("approval-times", database_key(engine), region, hour, approvals_version(engine))
    return cache.get(key, 0, lambda: _compute_times(engine, region, now))


def _compute_times(engine: Engine, region: str, now: datetime) -> ApprovalTimes:
    mart = read_approvals(engine, region=region, until=now)
    frames = {}
    if mart.num_rows:
        for by in ("region", "owner", "works"):
            frames[by] = compute_approvals(mart, now, formulas=[FORMULA], by=by).values()
    values: dict[str, dict[str, dict[str, float]]] = {}
    for by, frame in frames.items():
        for unit, period, value in frame[["unit", "period", "value"]].itertuples(index=False):
            values.setdefault(by, {}).setdefault(unit, {})[period] = value
    every = {p for units in values.values() for periods in units.values() for p in periods}
    periods = tuple(sorted(every, key=_order)[-QUARTERS_SHOWN:])

    def rows(by: str, names: dict[str, tuple[str | None, str | None]]) -> tuple[TimeRow, ...]:
        units = values.get(by, {})
        shown = [u for u in units if any(p in units[u] for p in periods)]
        return tuple(
            TimeRow(u, *names.get(u, (None, None)), tuple(units[u].get(p) for p in periods))
            for u in sorted(shown)
        )

    region_row = rows("region", {})
    overall = region_row[0] if region_row else TimeRow(region, None, None, (None,) * len(periods))
    return ApprovalTimes(
        region=region,
        as_of=now,
        periods=periods,
        overall=overall,
        by_owner=rows("owner", _body_names(engine, values.get("owner", {}))),
        by_works=rows("works", {}),
    )


def _order(period: str) -> tuple[int, int]:
    p = parse_period(period)
    return (p.year, p.sub)


def _statuses(engine: Engine, region: str) -> tuple[tuple[str, int], ...]:
    query = (
        select(ApprovalProject.status, func.count())
        .where(ApprovalProject.region == region)
        .group_by(ApprovalProject.status)
    )
    with engine.connect() as connection:
        counts = dict(connection.execute(query).all())
    return tuple((s, counts.get(s, 0)) for s in STATUSES)


def _backlog(engine: Engine, region: str, now: datetime) -> tuple[OwnerBacklog, ...]:
    r, p = ApprovalRequest, ApprovalProject
    query = (
        select(r.owner, func.count(), func.count().filter(Case.due_at < now))
        .join(p, p.id == r.project_id)
        .join(Case, Case.id == r.case_id)
        .where(p.region == region, p.status != "withdrawn", r.decision.is_(None))
        .group_by(r.owner)
    )
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    names = _body_names(engine, [owner for owner, _, _ in rows])
    rows.sort(key=lambda row: (-row[2], -row[1], row[0]))
    return tuple(
        OwnerBacklog(owner, *names.get(owner, (None, None)), n, late) for owner, n, late in rows
    )


def _notices(engine: Engine, region: str) -> tuple[tuple[NoticeView, ...], int]:
    n = ProactiveNotice
    private = select(func.count()).where(n.region == region, n.kind.in_(PRIVATE_NOTICES))
    with engine.connect() as connection:
        count = connection.execute(private).scalar_one()
    return tuple(list_notices(engine, region=region, limit=NOTICES_SHOWN)), count


def _body_names(engine: Engine, codes) -> dict[str, tuple[str | None, str | None]]:
    codes = list(codes)
    if not codes:
        return {}
    query = select(Body.code, Body.name_ru, Body.name_en).where(Body.code.in_(codes))
    with engine.connect() as connection:
        return {code: (ru, en) for code, ru, en in connection.execute(query)}
