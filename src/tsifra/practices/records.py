"""The registry's records: create and update a practice, move it through its stages, add a
replication, verify it, read it whole.

Each write is one transaction with its audit entry and the search index brought in step
(`search.index_practice`); a refused one is audited apart and changes nothing. The measured
effect is never typed: a write that can change it (regions, indicators, stages) measures the
practice again in the same transaction (`effects.measure_practices`); a change of the values is
`effects.refresh_effects`'s.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from tsifra.accounts.users import Account, can_write_practice, record_refusal
from tsifra.kernel.problems import Forbidden, Problem, ValidationFailed
from tsifra.practices import search
from tsifra.practices.drafts import (
    EvidenceDraft,
    IndicatorLink,
    PracticeDraft,
    ReplicationDraft,
    practice_problems,
    replication_problems,
)
from tsifra.practices.effects import Effect, effects_for, measure_practices
from tsifra.practices.indicators import indicator_directions
from tsifra.practices.vocabulary import STAGES, counts, is_stale
from tsifra.store import (
    Practice,
    PracticeEvidence,
    PracticeIndicator,
    PracticeRegion,
    PracticeReplication,
    PracticeStage,
    Unit,
    require_current,
    session_scope,
    utcnow,
)
from tsifra.store.audit import record

__all__ = [
    "EvidenceDraft",
    "IndicatorLink",
    "PracticeDraft",
    "PracticeView",
    "ReplicationDraft",
    "ReplicationView",
    "add_replication",
    "change_stage",
    "create_practice",
    "read_practice",
    "update_practice",
    "verify_practice",
]


@dataclass(frozen=True)
class StageView:
    stage: str
    since: date
    at: datetime
    actor: str | None
    note: str | None


@dataclass(frozen=True)
class IndicatorView:
    """A linked indicator: the effect expected by the author, and the effects measured in each of
    the practice's regions (before and after, in the indicator's unit)."""

    indicator: str
    expected_effect: float | None
    measured: tuple[Effect, ...]


@dataclass(frozen=True)
class EvidenceView:
    id: int
    kind: str
    title: str
    url: str | None
    sha256: str | None
    added_at: datetime
    added_by: str | None


@dataclass(frozen=True)
class ReplicationView:
    id: int
    region: str
    agency: str | None
    started_on: date
    status: str
    evidence_kind: str | None
    evidence_number: str | None
    evidence_date: date | None
    evidence_url: str | None
    evidence_sha256: str | None
    verified_at: date
    created_at: datetime
    created_by: str | None
    counted: bool  # only with evidence (`vocabulary.counts`)
    stale: bool


@dataclass(frozen=True)
class PracticeView:
    """A practice whole, as pages, the API and exports show it."""

    id: int
    title: str
    description: str
    problem: str
    sector: str
    cofog: str | None
    ai_kind: str | None
    technologies: tuple[str, ...]
    stage: str
    owner_agency: str | None
    capex: float | None
    opex: float | None
    software: str | None
    software_registry: str | None
    url: str | None
    licence: str | None
    verified_at: date
    verified_by: str | None
    created_at: datetime
    created_by: str | None
    updated_at: datetime
    synthetic: bool
    regions: tuple[str, ...]
    stages: tuple[StageView, ...]  # oldest first
    indicators: tuple[IndicatorView, ...]
    evidence: tuple[EvidenceView, ...]
    replications: tuple[ReplicationView, ...]
    replication_count: int  # counted ones only
    stale: bool
    effect: float | None  # the summary (% of the value before, direction-adjusted); see effects

    @property
    def stage_since(self) -> date | None:
        return self.stages[-1].since if self.stages else None

    def draft(self) -> PracticeDraft:
        """The practice as a draft again: what an edit form starts from."""
        return PracticeDraft(
            title=self.title,
            sector=self.sector,
            description=self.description,
            problem=self.problem,
            regions=self.regions,
            owner_agency=self.owner_agency,
            cofog=self.cofog,
            ai_kind=self.ai_kind,
            technologies=self.technologies,
            stage=self.stage,
            stage_since=self.stage_since,
            capex=self.capex,
            opex=self.opex,
            software=self.software,
            software_registry=self.software_registry,
            url=self.url,
            licence=self.licence,
            indicators=tuple(
                IndicatorLink(i.indicator, i.expected_effect) for i in self.indicators
            ),
            evidence=tuple(EvidenceDraft(e.kind, e.title, e.url, e.sha256) for e in self.evidence),
            verified_at=self.verified_at,
        )


# --- what the checks need to know -------------------------------------------------------------


@dataclass(frozen=True)
class Known:
    """The region and indicator codes a draft may name, read once per write or import."""

    regions: frozenset[str]
    indicators: frozenset[str]


def known(engine: Engine) -> Known:
    with session_scope(engine) as session:
        regions = frozenset(session.scalars(select(Unit.code).where(Unit.kind == "region")))
    return Known(regions, frozenset(indicator_directions(engine)))


def _refuse(engine: Engine, account: Account | None, action: str, target: str) -> None:
    record_refusal(engine, account, action, target)
    raise Forbidden(action)


def _allowed(account: Account | None, regions: Iterable[str]) -> bool:
    """None is a trusted caller (the CLI, the demo, an import run by an administrator)."""
    return account is None or can_write_practice(account, regions)


def _actor(account: Account | None, actor: str | None) -> str | None:
    return actor or (account.login if account else None)


def _unknown(practice_id: int) -> ValidationFailed:
    return ValidationFailed([Problem("practice_unknown", path="practice", value=practice_id)])


def _practice(session: Session, practice_id: int) -> Practice:
    practice = session.get(Practice, practice_id)
    if practice is None:
        raise _unknown(practice_id)
    return practice


def _regions_of(session: Session, practice_id: int) -> list[str]:
    return list(
        session.scalars(
            select(PracticeRegion.region).where(PracticeRegion.practice_id == practice_id)
        )
    )


# --- writing, inside a caller's transaction (the services below, and the workbook import) ------


def _fields(practice: Practice, draft: PracticeDraft) -> None:
    practice.title = draft.title.strip()
    practice.description = draft.description or ""
    practice.problem = draft.problem or ""
    practice.owner_agency = draft.owner_agency
    practice.sector = draft.sector
    practice.cofog = draft.cofog
    practice.ai_kind = draft.ai_kind
    practice.technologies = [t.strip() for t in draft.technologies]
    practice.capex = draft.capex
    practice.opex = draft.opex
    practice.software = draft.software
    practice.software_registry = draft.software_registry
    practice.url = draft.url
    practice.licence = draft.licence


def _links(session: Session, practice_id: int, draft: PracticeDraft, now: datetime, actor) -> None:
    """Regions, indicators and evidence as the draft says; evidence already there keeps the
    day and the person that added it."""
    for table in (PracticeRegion, PracticeIndicator):
        session.execute(delete(table).where(table.practice_id == practice_id))
    for region in dict.fromkeys(draft.regions):
        session.add(PracticeRegion(practice_id=practice_id, region=region))
    for link in draft.indicators:
        session.add(
            PracticeIndicator(
                practice_id=practice_id,
                indicator=link.indicator,
                expected_effect=link.expected_effect,
            )
        )
    kept = {
        (e.kind, e.title, e.url, e.sha256): e
        for e in session.scalars(
            select(PracticeEvidence).where(PracticeEvidence.practice_id == practice_id)
        )
    }
    wanted = [(e.kind, e.title.strip(), e.url, e.sha256) for e in draft.evidence]
    for key, row in kept.items():
        if key not in wanted:
            session.delete(row)
    for kind, title, url, sha256 in dict.fromkeys(wanted):
        if (kind, title, url, sha256) not in kept:
            session.add(
                PracticeEvidence(
                    practice_id=practice_id, kind=kind, title=title, url=url, sha256=sha256,
                    added_at=now, added_by=actor,
                )
            )  # fmt: skip


def insert_practice(
    session: Session,
    draft: PracticeDraft,
    *,
    actor: str | None,
    now: datetime,
    synthetic: bool = False,
) -> int:
    """A checked draft as a new practice, its first stage dated `stage_since` (today if not
    said). The caller has checked it and holds the transaction."""
    today = now.date()
    practice = Practice(
        stage=draft.stage,
        verified_at=draft.verified_at or today,
        verified_by=actor,
        created_at=now,
        created_by=actor,
        updated_at=now,
        synthetic=synthetic,
    )
    _fields(practice, draft)
    session.add(practice)
    session.flush()
    session.add(
        PracticeStage(
            practice_id=practice.id, stage=draft.stage, since=draft.stage_since or today,
            at=now, actor=actor,
        )
    )  # fmt: skip
    _links(session, practice.id, draft, now, actor)
    session.flush()
    record(session, actor, "practice.create", str(practice.id), {"title": practice.title})
    search.index_practice(session.connection(), practice.id)
    return practice.id


def replace_practice(
    session: Session, practice: Practice, draft: PracticeDraft, *, actor: str | None, now: datetime
) -> None:
    """A checked draft over an existing practice; a new stage is appended to its history, never
    rewritten, and `verified_at` moves only when the draft gives one."""
    _fields(practice, draft)
    practice.updated_at = now
    if draft.verified_at is not None and draft.verified_at != practice.verified_at:
        practice.verified_at = draft.verified_at
        practice.verified_by = actor
    if draft.stage != practice.stage:
        session.add(
            PracticeStage(
                practice_id=practice.id, stage=draft.stage, since=draft.stage_since or now.date(),
                at=now, actor=actor,
            )
        )  # fmt: skip
        practice.stage = draft.stage
    _links(session, practice.id, draft, now, actor)
    session.flush()
    record(session, actor, "practice.update", str(practice.id), {"title": practice.title})
    search.index_practice(session.connection(), practice.id)


# --- the services -----------------------------------------------------------------------------


def create_practice(
    engine: Engine,
    draft: PracticeDraft,
    *,
    account: Account | None,
    actor: str | None = None,
    now: datetime | None = None,
    synthetic: bool = False,
) -> int:
    """A new practice; its id. Operators write practices whose every region is theirs."""
    require_current(engine)
    if not _allowed(account, draft.regions):
        _refuse(engine, account, "practice.create", "practice")
    now = now or utcnow()
    k = known(engine)
    problems = practice_problems(
        draft, regions=k.regions, indicators=k.indicators, today=now.date()
    )
    if problems:
        raise ValidationFailed(problems)
    with session_scope(engine) as session:
        pid = insert_practice(
            session, draft, actor=_actor(account, actor), now=now, synthetic=synthetic
        )
        measure_practices(session.connection(), engine, [pid])
        return pid


def update_practice(
    engine: Engine,
    practice_id: int,
    draft: PracticeDraft,
    *,
    account: Account | None,
    actor: str | None = None,
    now: datetime | None = None,
) -> None:
    """The practice as the draft says. An operator must hold its regions before and after."""
    require_current(engine)
    now = now or utcnow()
    with session_scope(engine) as session:
        _practice(session, practice_id)
        before = _regions_of(session, practice_id)
    if not (_allowed(account, before) and _allowed(account, draft.regions)):
        _refuse(engine, account, "practice.update", str(practice_id))
    k = known(engine)
    problems = practice_problems(
        draft, regions=k.regions, indicators=k.indicators, today=now.date()
    )
    with session_scope(engine) as session:
        practice = _practice(session, practice_id)
        if draft.stage != practice.stage and draft.stage_since is not None:
            problems += _stage_order(session, practice_id, draft.stage_since, "stage_since")
        if problems:
            raise ValidationFailed(problems)
        replace_practice(session, practice, draft, actor=_actor(account, actor), now=now)
        measure_practices(session.connection(), engine, [practice_id])


def _stage_order(session: Session, practice_id: int, since: date, path: str) -> list[Problem]:
    last = session.scalar(
        select(PracticeStage.since)
        .where(PracticeStage.practice_id == practice_id)
        .order_by(PracticeStage.since.desc(), PracticeStage.id.desc())
        .limit(1)
    )
    if last is not None and since < last:
        return [Problem("practice_stage_before", path=path, value=since, params={"last": last})]
    return []


def change_stage(
    engine: Engine,
    practice_id: int,
    stage: str,
    since: date,
    *,
    account: Account | None,
    actor: str | None = None,
    note: str | None = None,
    now: datetime | None = None,
) -> None:
    """Append a dated stage to the practice's history; the history is never rewritten, so a
    stage may not begin before the one in force."""
    require_current(engine)
    now = now or utcnow()
    with session_scope(engine) as session:
        _practice(session, practice_id)
        regions = _regions_of(session, practice_id)
    if not _allowed(account, regions):
        _refuse(engine, account, "practice.stage", str(practice_id))
    who = _actor(account, actor)
    with session_scope(engine) as session:
        practice = _practice(session, practice_id)
        problems = []
        if stage not in STAGES:
            expected = ", ".join(STAGES)
            problems.append(
                Problem("literal_error", path="stage", value=stage, params={"expected": expected})
            )
        elif stage == practice.stage:
            problems.append(Problem("practice_stage_same", path="stage", value=stage))
        if since > now.date():
            problems.append(Problem("practice_future_date", path="since", value=since))
        problems += _stage_order(session, practice_id, since, "since")
        if note is not None and len(note) > 5000:
            problems.append(Problem("practice_text_too_long", path="note", params={"limit": 5000}))
        if problems:
            raise ValidationFailed(problems)
        session.add(
            PracticeStage(
                practice_id=practice_id, stage=stage, since=since, at=now, actor=who, note=note
            )
        )
        practice.stage = stage
        practice.updated_at = now
        session.flush()
        measure_practices(session.connection(), engine, [practice_id])
        record(
            session, who, "practice.stage", str(practice_id), {"stage": stage, "since": str(since)}
        )
        search.index_practice(session.connection(), practice_id)


def insert_replication(
    session: Session, practice_id: int, draft: ReplicationDraft, *, actor: str | None, now: datetime
) -> int:
    row = PracticeReplication(
        practice_id=practice_id,
        region=draft.region,
        agency=draft.agency,
        started_on=draft.started_on,
        status=draft.status,
        evidence_kind=draft.evidence_kind,
        evidence_number=draft.evidence_number,
        evidence_date=draft.evidence_date,
        evidence_url=draft.evidence_url,
        evidence_sha256=draft.evidence_sha256,
        verified_at=now.date(),
        created_at=now,
        created_by=actor,
    )
    session.add(row)
    session.flush()
    record(
        session, actor, "practice.replication", str(practice_id),
        {"replication": row.id, "region": draft.region, "counted": counts(row)},
    )  # fmt: skip
    search.index_practice(session.connection(), practice_id)
    return row.id


def add_replication(
    engine: Engine,
    practice_id: int,
    draft: ReplicationDraft,
    *,
    account: Account | None,
    actor: str | None = None,
    now: datetime | None = None,
) -> int:
    """A replication of the practice; its id. An operator adds one in their own region. It is
    listed whatever its evidence, and counted only with it."""
    require_current(engine)
    now = now or utcnow()
    with session_scope(engine) as session:
        _practice(session, practice_id)
    if not _allowed(account, [draft.region]):
        _refuse(engine, account, "practice.replication", str(practice_id))
    problems = replication_problems(draft, regions=known(engine).regions, today=now.date())
    if problems:
        raise ValidationFailed(problems)
    with session_scope(engine) as session:
        return insert_replication(
            session, practice_id, draft, actor=_actor(account, actor), now=now
        )


def verify_practice(
    engine: Engine,
    practice_id: int,
    *,
    account: Account | None,
    actor: str | None = None,
    today: date | None = None,
) -> None:
    """Someone checked the record today: the practice and its replications are fresh again."""
    require_current(engine)
    today = today or utcnow().date()
    with session_scope(engine) as session:
        _practice(session, practice_id)
        regions = _regions_of(session, practice_id)
    if not _allowed(account, regions):
        _refuse(engine, account, "practice.verify", str(practice_id))
    who = _actor(account, actor)
    with session_scope(engine) as session:
        practice = _practice(session, practice_id)
        practice.verified_at = today
        practice.verified_by = who
        for replication in session.scalars(
            select(PracticeReplication).where(PracticeReplication.practice_id == practice_id)
        ):
            replication.verified_at = today
        session.flush()
        record(session, who, "practice.verify", str(practice_id), {"on": str(today)})
        search.index_practice(session.connection(), practice_id)


def read_practice(engine: Engine, practice_id: int, *, today: date | None = None) -> PracticeView:
    """A practice whole, with the effects as last computed (`effects.refresh_effects` first
    where they must be current)."""
    require_current(engine)
    today = today or utcnow().date()
    with session_scope(engine) as session:
        practice = session.get(Practice, practice_id)
        if practice is None:
            raise _unknown(practice_id)
        regions = tuple(sorted(_regions_of(session, practice_id)))
        stages = session.scalars(
            select(PracticeStage)
            .where(PracticeStage.practice_id == practice_id)
            .order_by(PracticeStage.since, PracticeStage.id)
        ).all()
        links = session.scalars(
            select(PracticeIndicator)
            .where(PracticeIndicator.practice_id == practice_id)
            .order_by(PracticeIndicator.indicator)
        ).all()
        evidence = session.scalars(
            select(PracticeEvidence)
            .where(PracticeEvidence.practice_id == practice_id)
            .order_by(PracticeEvidence.id)
        ).all()
        replications = session.scalars(
            select(PracticeReplication)
            .where(PracticeReplication.practice_id == practice_id)
            .order_by(PracticeReplication.started_on, PracticeReplication.id)
        ).all()
    measured = effects_for(engine, [practice_id]).get(practice_id, [])
    shown = tuple(
        ReplicationView(
            id=r.id, region=r.region, agency=r.agency, started_on=r.started_on, status=r.status,
            evidence_kind=r.evidence_kind, evidence_number=r.evidence_number,
            evidence_date=r.evidence_date, evidence_url=r.evidence_url,
            evidence_sha256=r.evidence_sha256, verified_at=r.verified_at,
            created_at=r.created_at, created_by=r.created_by, counted=counts(r),
            stale=is_stale(r.verified_at, today),
        )
        for r in replications
    )  # fmt: skip
    return PracticeView(
        id=practice.id,
        title=practice.title,
        description=practice.description,
        problem=practice.problem,
        sector=practice.sector,
        cofog=practice.cofog,
        ai_kind=practice.ai_kind,
        technologies=tuple(practice.technologies or ()),
        stage=practice.stage,
        owner_agency=practice.owner_agency,
        capex=practice.capex,
        opex=practice.opex,
        software=practice.software,
        software_registry=practice.software_registry,
        url=practice.url,
        licence=practice.licence,
        verified_at=practice.verified_at,
        verified_by=practice.verified_by,
        created_at=practice.created_at,
        created_by=practice.created_by,
        updated_at=practice.updated_at,
        synthetic=practice.synthetic,
        regions=regions,
        stages=tuple(StageView(s.stage, s.since, s.at, s.actor, s.note) for s in stages),
        indicators=tuple(
            IndicatorView(
                link.indicator,
                link.expected_effect,
                tuple(e for e in measured if e.indicator == link.indicator),
            )
            for link in links
        ),
        evidence=tuple(
            EvidenceView(e.id, e.kind, e.title, e.url, e.sha256, e.added_at, e.added_by)
            for e in evidence
        ),
        replications=shown,
        replication_count=sum(r.counted for r in shown),
        stale=is_stale(practice.verified_at, today),
        effect=practice.effect,
    )
