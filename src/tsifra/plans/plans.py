"""A region's plan for a target year: chosen practices, the values they should reach, acceptance.

A plan is drafted by whoever may plan the region (`accounts.users.can_plan`): a practice is
chosen for one of the region's gaps with the value it is expected to reach (by default the
region's value plus the practice's measured effect elsewhere, within the indicator's valid
range and not beyond its target), and removed again. Accepting it turns every chosen practice
into a поручение on the dashboard, linked both ways (`tasks.plan_id`, `plan_items.task_id`), in
one transaction, and keeps the index and place what-if expected at that moment: the forecast
moves later, the plan's promise does not. An accepted plan is read-only.

Plans are the region's working papers, not published figures: signed-in officials of the
region and federal roles read them (`can_read_tasks`, as for поручения).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Engine, func, select

from tsifra.accounts.users import Account, can_plan, can_read_tasks, record_refusal
from tsifra.kernel.cache import Cache
from tsifra.kernel.language import word
from tsifra.kernel.problems import Forbidden, Problem, ValidationFailed
from tsifra.methodology import DEFAULT_METHODOLOGY
from tsifra.plans.candidates import Candidates, IndicatorCandidates, PracticeCandidate, candidates
from tsifra.plans.expected import Expected, expected_index, plan_changes
from tsifra.plans.scores import ScoreSummary, score_summaries
from tsifra.store import Plan, PlanItem, Practice, Task, Unit, session_scope, utcnow
from tsifra.store.audit import record
from tsifra.store.methodologies import stored_methodology
from tsifra.tasks.tasks import TaskDraft, draft_problems, insert_task

TITLE_LIMIT = 500
YEARS_AHEAD = 10  # a plan looks at most this far


@dataclass(frozen=True)
class ItemView:
    id: int
    indicator: str
    practice_id: int
    practice_title: str
    expected_value: float
    responsible: str | None
    deadline: date | None
    task_id: int | None


@dataclass(frozen=True)
class PlanSummary:
    id: int
    region: str
    target_year: int
    title: str
    status: str
    created_at: datetime
    created_by: str | None
    items: int
    expected_index: float | None
    expected_rank: int | None


@dataclass(frozen=True)
class PlanView:
    id: int
    region: str
    target_year: int
    methodology: str
    title: str
    status: str
    created_at: datetime
    created_by: str | None
    accepted_at: datetime | None
    accepted_by: str | None
    kept_index: float | None  # what-if's answer at acceptance
    kept_rank: int | None
    items: tuple[ItemView, ...]
    scores: dict[tuple[str, int], ScoreSummary]
    candidates: Candidates
    expected: Expected  # what-if's answer now, for the chosen values

    @property
    def draft(self) -> bool:
        return self.status == "draft"

    def chosen(self, indicator: str, practice_id: int) -> ItemView | None:
        return next(
            (i for i in self.items if i.indicator == indicator and i.practice_id == practice_id),
            None,
        )


def plan_row(engine: Engine, plan_id: int) -> Plan:
    """The stored plan, or the problem `plan_unknown` (path `plan`)."""
    with session_scope(engine) as session:
        plan = session.get(Plan, plan_id)
    if plan is None:
        raise ValidationFailed([Problem("plan_unknown", path="plan", value=plan_id)])
    return plan


def _refuse(engine: Engine, account: Account | None, action: str, plan: Plan | str) -> None:
    target = plan if isinstance(plan, str) else f"plan {plan.id}"
    record_refusal(engine, account, action, target)
    raise Forbidden(target)


def create_plan(
    engine: Engine,
    region: str,
    target_year: int,
    *,
    account: Account | None,
    title: str | None = None,
    methodology: str = DEFAULT_METHODOLOGY,
    now: datetime | None = None,
) -> int:
    """A new draft plan of `region` for `target_year` (this year up to ten ahead)."""
    if not can_plan(account, region):
        _refuse(engine, account, "plan.create", region)
    now = (now or utcnow()).replace(microsecond=0)
    title = (title or "").strip()
    problems = []
    if not now.year <= target_year <= now.year + YEARS_AHEAD:
        problems.append(Problem("plan_bad_year", path="target_year", value=target_year))
    if len(title) > TITLE_LIMIT:
        problems.append(Problem("plan_title_too_long", path="title"))
    with session_scope(engine) as session:
        if session.get(Unit, region) is None:
            problems.append(Problem("unknown_unit", path="region", value=region))
        if problems:
            raise ValidationFailed(problems)
        plan = Plan(
            region=region,
            target_year=target_year,
            methodology=methodology,
            title=title,
            status="draft",
            created_at=now,
            created_by=account.login,
        )
        session.add(plan)
        session.flush()
        record(session, account.login, "plan.create", f"plan {plan.id}", {"region": region})
        return plan.id


def plans_for(engine: Engine, region: str, *, account: Account | None) -> list[PlanSummary]:
    """The region's plans, newest first."""
    if not can_read_tasks(account, region):
        _refuse(engine, account, "plan.read", region)
    counted = (
        select(PlanItem.plan_id, func.count(PlanItem.id).label("n"))
        .group_by(PlanItem.plan_id)
        .subquery()
    )
    with session_scope(engine) as session:
        rows = session.execute(
            select(Plan, func.coalesce(counted.c.n, 0))
            .outerjoin(counted, counted.c.plan_id == Plan.id)
            .where(Plan.region == region)
            .order_by(Plan.id.desc())
        ).all()
    return [
        PlanSummary(p.id, p.region, p.target_year, p.title, p.status, p.created_at,
                    p.created_by, int(n), p.expected_index, p.expected_rank)
        for p, n in ((row[0], row[1]) for row in rows)
    ]  # fmt: skip


def region_candidates(
    engine: Engine,
    region: str,
    target_year: int,
    *,
    account: Account | None,
    lang: str,
    cache: Cache | None = None,
    today: date | None = None,
) -> Candidates:
    """`candidates` for a reader who may see the region's plans."""
    if not can_read_tasks(account, region):
        _refuse(engine, account, "plan.read", region)
    return candidates(engine, region, target_year, lang=lang, cache=cache, today=today)


def read_plan(
    engine: Engine,
    plan_id: int,
    *,
    account: Account | None,
    lang: str,
    cache: Cache | None = None,
    today: date | None = None,
) -> PlanView:
    """The plan with its candidates, chosen items, experts' scores and the index expected now."""
    plan = plan_row(engine, plan_id)
    if not can_read_tasks(account, plan.region):
        _refuse(engine, account, "plan.read", plan)
    found = candidates(engine, plan.region, plan.target_year, methodology=plan.methodology,
                       lang=lang, cache=cache, today=today)  # fmt: skip
    with engine.connect() as connection:
        items = tuple(
            ItemView(r.id, r.indicator, r.practice_id, r.title, r.expected_value,
                     r.responsible, r.deadline, r.task_id)
            for r in connection.execute(
                select(PlanItem.id, PlanItem.indicator, PlanItem.practice_id, Practice.title,
                       PlanItem.expected_value, PlanItem.responsible, PlanItem.deadline,
                       PlanItem.task_id)
                .join(Practice, Practice.id == PlanItem.practice_id)
                .where(PlanItem.plan_id == plan_id)
                .order_by(PlanItem.id)
            )
        )  # fmt: skip
        scores = score_summaries(connection, plan_id)
    return PlanView(
        id=plan.id,
        region=plan.region,
        target_year=plan.target_year,
        methodology=plan.methodology,
        title=plan.title,
        status=plan.status,
        created_at=plan.created_at,
        created_by=plan.created_by,
        accepted_at=plan.accepted_at,
        accepted_by=plan.accepted_by,
        kept_index=plan.expected_index,
        kept_rank=plan.expected_rank,
        items=items,
        scores=scores,
        candidates=found,
        expected=_expected(engine, plan, items, found, lang, cache),
    )


def _expected(
    engine: Engine,
    plan: Plan,
    items: tuple[ItemView, ...],
    found: Candidates,
    lang: str,
    cache: Cache | None,
) -> Expected:
    directions = {c.indicator: c.direction for c in found.indicators}
    m = None
    for item in items:
        if item.indicator not in directions:  # a gap closed since: the methodology says
            m = m or stored_methodology(engine, plan.methodology).methodology
            directions[item.indicator] = int(m.indicator(item.indicator).direction)
    changes = plan_changes(((i.indicator, i.expected_value) for i in items), directions)
    return expected_index(engine, plan.region, plan.target_year, changes,
                          methodology=plan.methodology, lang=lang, cache=cache)  # fmt: skip


def default_value(gap: IndicatorCandidates, practice: PracticeCandidate) -> float | None:
    """The region's value moved by the practice's measured effect — never below where the
    forecast already leads by the target year — kept within the indicator's valid range and
    not beyond the target year's target (a plan promises no more than the target asks)."""
    sign = gap.direction
    if gap.value is None:
        value = gap.forecast if gap.forecast is not None else gap.target_then
    else:
        value = gap.value + practice.raw_effect
        if gap.forecast is not None and sign * (gap.forecast - value) > 0:
            value = gap.forecast
    if value is None:
        return None
    cap = gap.target_then if gap.target_then is not None else gap.target
    if cap is not None and sign * (value - cap) > 0:
        value = cap
    if gap.valid_range is not None:
        low, high = gap.valid_range
        value = min(max(value, low), high)
    return value


def add_item(
    engine: Engine,
    plan_id: int,
    indicator: str,
    practice_id: int,
    *,
    account: Account | None,
    lang: str,
    expected_value: float | None = None,
    responsible: str | None = None,
    deadline: date | None = None,
    cache: Cache | None = None,
    today: date | None = None,
) -> int:
    """Choose a candidate practice for one of the plan's indicators, with the value expected
    (the default of `default_value` when none is given)."""
    plan = plan_row(engine, plan_id)
    if not can_plan(account, plan.region):
        _refuse(engine, account, "plan.item", plan)
    found = candidates(engine, plan.region, plan.target_year, methodology=plan.methodology,
                       lang=lang, cache=cache, today=today)  # fmt: skip
    gap = found.of(indicator)
    practice = found.practice(indicator, practice_id)
    problems = []
    if plan.status != "draft":
        problems.append(Problem("plan_not_draft", path="plan", value=plan_id))
    if practice is None:
        problems.append(
            Problem("plan_not_candidate", path="practice", value=f"{indicator}/{practice_id}")
        )
    else:
        if expected_value is None:
            expected_value = default_value(gap, practice)
        if expected_value is None:
            problems.append(Problem("plan_value_needed", path="expected_value"))
        elif gap.valid_range and not gap.valid_range[0] <= expected_value <= gap.valid_range[1]:
            low, high = gap.valid_range
            problems.append(
                Problem("out_of_range", path="expected_value", value=expected_value,
                        params={"low": low, "high": high})
            )  # fmt: skip
    responsible = (responsible or "").strip() or None
    if responsible is not None and len(responsible) > 255:
        problems.append(Problem("plan_responsible_too_long", path="responsible"))
    if deadline is not None and deadline.year > plan.target_year:
        problems.append(Problem("plan_deadline_after_year", path="deadline", value=deadline))
    if problems:
        raise ValidationFailed(problems)
    with session_scope(engine) as session:
        locked = session.get(Plan, plan_id, with_for_update=True)
        if locked.status != "draft":
            raise ValidationFailed([Problem("plan_not_draft", path="plan", value=plan_id)])
        exists = session.scalar(
            select(PlanItem.id).where(
                PlanItem.plan_id == plan_id,
                PlanItem.indicator == indicator,
                PlanItem.practice_id == practice_id,
            )
        )
        if exists is not None:
            raise ValidationFailed(
                [Problem("plan_item_exists", path="practice", value=practice_id)]
            )
        item = PlanItem(
            plan_id=plan_id,
            indicator=indicator,
            practice_id=practice_id,
            expected_value=float(expected_value),
            responsible=responsible,
            deadline=deadline,
        )
        session.add(item)
        session.flush()
        record(session, account.login, "plan.item", f"plan {plan_id}",
               {"indicator": indicator, "practice": practice_id})  # fmt: skip
        return item.id


def remove_item(engine: Engine, plan_id: int, item_id: int, *, account: Account | None) -> None:
    """Take a chosen practice out of a draft plan."""
    plan = plan_row(engine, plan_id)
    if not can_plan(account, plan.region):
        _refuse(engine, account, "plan.item", plan)
    with session_scope(engine) as session:
        locked = session.get(Plan, plan_id, with_for_update=True)
        if locked.status != "draft":
            raise ValidationFailed([Problem("plan_not_draft", path="plan", value=plan_id)])
        item = session.get(PlanItem, item_id)
        if item is None or item.plan_id != plan_id:
            raise ValidationFailed([Problem("plan_item_unknown", path="item", value=item_id)])
        session.delete(item)
        record(session, account.login, "plan.item.remove", f"plan {plan_id}", {"item": item_id})


def accept_plan(
    engine: Engine,
    plan_id: int,
    *,
    account: Account | None,
    lang: str,
    cache: Cache | None = None,
    now: datetime | None = None,
) -> tuple[int, ...]:
    """Turn every chosen practice into a поручение linked to the plan, keep the expected index
    and place, and close the plan for edits — all in one transaction. Returns the task ids."""
    view = read_plan(engine, plan_id, account=account, lang=lang, cache=cache)
    if not can_plan(account, view.region):
        _refuse(engine, account, "plan.accept", f"plan {plan_id}")
    problems = []
    if not view.draft:
        problems.append(Problem("plan_not_draft", path="plan", value=plan_id))
    if not view.items:
        problems.append(Problem("plan_empty", path="plan", value=plan_id))
    if problems:
        raise ValidationFailed(problems)
    m = stored_methodology(engine, view.methodology).methodology
    drafts = []
    for item in view.items:
        title = word("plan_task_title", lang, practice=item.practice_title,
                     indicator=m.name_of(item.indicator, lang))[:TITLE_LIMIT]  # fmt: skip
        draft = TaskDraft(
            title=title,
            region=view.region,
            responsible=item.responsible or account.name or account.login,
            deadline=item.deadline or date(view.target_year, 12, 31),
            indicator=item.indicator,
            target_value=item.expected_value,
        )
        problems += [
            Problem(p.code, path=f"item {item.id}: {p.path}", value=p.value, params=p.params)
            for p in draft_problems(draft)
        ]
        drafts.append((item.id, draft))
    if problems:
        raise ValidationFailed(problems)
    at = (now or utcnow()).replace(microsecond=0)
    created = []
    with session_scope(engine) as session:
        plan = session.get(Plan, plan_id, with_for_update=True)
        if plan.status != "draft":  # accepted meanwhile by someone else
            raise ValidationFailed([Problem("plan_not_draft", path="plan", value=plan_id)])
        for item_id, draft in drafts:
            task_id = insert_task(session, account.login, draft)
            session.get(Task, task_id).plan_id = plan_id
            session.get(PlanItem, item_id).task_id = task_id
            created.append(task_id)
        plan.status = "accepted"
        plan.accepted_at = at
        plan.accepted_by = account.login
        plan.expected_index = view.expected.index_after
        plan.expected_rank = view.expected.rank_after
        record(session, account.login, "plan.accept", f"plan {plan_id}",
               {"tasks": created, "expected_index": view.expected.index_after})  # fmt: skip
    return tuple(created)
