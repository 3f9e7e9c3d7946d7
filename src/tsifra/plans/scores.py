"""Experts' scores of a plan's candidates: each expert's own score kept, the mean and spread shown.

A session of experts («цифровая прокачка») scores each candidate — a practice for an indicator —
from 1 to 5 with a comment. Every expert has one score per candidate: scoring again replaces
that expert's own, never another's. The plan shows how many scored, the mean, the range and the
standard deviation (population: the experts who scored are the whole panel, not a sample).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Engine, select

from tsifra.accounts.users import Account, can_score_plan, record_refusal
from tsifra.kernel.problems import Forbidden, Problem, ValidationFailed
from tsifra.plans.candidates import candidates
from tsifra.store import Plan, PlanScore, session_scope, utcnow
from tsifra.store.audit import record

SCORES = (1, 2, 3, 4, 5)
COMMENT_LIMIT = 2000


@dataclass(frozen=True)
class Score:
    expert: str
    score: int
    comment: str | None
    at: datetime


@dataclass(frozen=True)
class ScoreSummary:
    """The experts' scores of one candidate."""

    scores: tuple[Score, ...]  # by expert

    @property
    def experts(self) -> int:
        return len(self.scores)

    @property
    def mean(self) -> float | None:
        return statistics.fmean(s.score for s in self.scores) if self.scores else None

    @property
    def low(self) -> int | None:
        return min(s.score for s in self.scores) if self.scores else None

    @property
    def high(self) -> int | None:
        return max(s.score for s in self.scores) if self.scores else None

    @property
    def stdev(self) -> float | None:
        return statistics.pstdev(s.score for s in self.scores) if self.scores else None

    def of(self, expert: str) -> Score | None:
        return next((s for s in self.scores if s.expert == expert), None)


def score_candidate(
    engine: Engine,
    plan_id: int,
    indicator: str,
    practice_id: int,
    score: int,
    comment: str | None = None,
    *,
    account: Account | None,
    lang: str,
    cache=None,
    now: datetime | None = None,
) -> None:
    """Keep `account`'s score of a candidate (replacing its own earlier one). Only a candidate
    of the plan may be scored, only while the plan is a draft, only by whoever may score the
    region's plans (`accounts.users.can_score_plan`)."""
    from tsifra.plans.plans import plan_row

    plan = plan_row(engine, plan_id)
    if not can_score_plan(account, plan.region):
        record_refusal(engine, account, "plan.score", f"plan {plan_id}")
        raise Forbidden(plan.region)
    problems = []
    if plan.status != "draft":
        problems.append(Problem("plan_not_draft", path="plan", value=plan_id))
    if score not in SCORES:
        problems.append(Problem("plan_bad_score", path="score", value=score))
    comment = (comment or "").strip() or None
    if comment is not None and len(comment) > COMMENT_LIMIT:
        problems.append(Problem("plan_comment_too_long", path="comment"))
    found = candidates(engine, plan.region, plan.target_year, methodology=plan.methodology,
                       lang=lang, cache=cache)  # fmt: skip
    if found.practice(indicator, practice_id) is None:
        problems.append(
            Problem("plan_not_candidate", path="practice", value=f"{indicator}/{practice_id}")
        )
    if problems:
        raise ValidationFailed(problems)
    at = (now or utcnow()).replace(microsecond=0)
    with session_scope(engine) as session:
        session.get(Plan, plan_id, with_for_update=True)  # one writer of a plan at a time
        kept = session.scalars(
            select(PlanScore).where(
                PlanScore.plan_id == plan_id,
                PlanScore.indicator == indicator,
                PlanScore.practice_id == practice_id,
                PlanScore.expert == account.login,
            )
        ).one_or_none()
        if kept is None:
            session.add(
                PlanScore(
                    plan_id=plan_id,
                    indicator=indicator,
                    practice_id=practice_id,
                    expert=account.login,
                    score=score,
                    comment=comment,
                    at=at,
                )
            )
        else:
            kept.score, kept.comment, kept.at = score, comment, at
        record(session, account.login, "plan.score", f"plan {plan_id}",
               {"indicator": indicator, "practice": practice_id, "score": score})  # fmt: skip


def score_summaries(connection: Connection, plan_id: int) -> dict[tuple[str, int], ScoreSummary]:
    """Every scored candidate of the plan: (indicator, practice id) → its experts' scores."""
    rows = connection.execute(
        select(
            PlanScore.indicator,
            PlanScore.practice_id,
            PlanScore.expert,
            PlanScore.score,
            PlanScore.comment,
            PlanScore.at,
        )
        .where(PlanScore.plan_id == plan_id)
        .order_by(PlanScore.indicator, PlanScore.practice_id, PlanScore.expert)
    )
    grouped: dict[tuple[str, int], list[Score]] = {}
    for r in rows:
        grouped.setdefault((r.indicator, r.practice_id), []).append(
            Score(r.expert, r.score, r.comment, r.at)
        )
    return {key: ScoreSummary(tuple(scores)) for key, scores in grouped.items()}
