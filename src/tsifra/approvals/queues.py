"""An owner's queue: the requests it has still to answer, the overdue first, then by deadline.

The queue is the owner's body queue restricted to approvals, read from the requests (awaited:
no decision in their round) with their cases' deadlines. Who reads it is who answers for the
owner (`policy.can_answer_request`); consent by silence is recorded first, so a request whose
silence became consent is no longer shown as waiting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, case, select

from tsifra.accounts.users import Account, record_refusal
from tsifra.approvals.answers import lapse_overdue
from tsifra.approvals.policy import can_answer_request
from tsifra.kernel.problems import Forbidden, Problem, ValidationFailed
from tsifra.store import ApprovalProject, ApprovalRequest, Case, session_scope, utcnow

MAX_LIMIT = 500


@dataclass(frozen=True)
class RequestRow:
    case_id: int
    project_id: int
    owner: str
    title: str
    works: str
    region: str
    applicant_name: str
    round: int  # > 1: a revision after this owner's refusal
    sent_at: datetime
    due_at: datetime | None
    overdue: bool


def owner_queue(
    engine: Engine,
    account: Account,
    *,
    body: str | None = None,
    now: datetime | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[RequestRow]:
    """The awaited requests of `body` (the account's own body unless given): overdue first,
    then the nearest deadline first."""
    owner = body if body is not None else getattr(account, "body", None)
    problems = []
    if not owner:
        problems.append(Problem("appr_queue_body", path="body"))
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        problems.append(Problem("appr_limit", path="limit", value=limit, params={"max": MAX_LIMIT}))
    if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
        problems.append(Problem("appr_offset", path="offset", value=offset))
    if owner and not can_answer_request(account, owner):
        record_refusal(engine, account, "approval.queue", f"body {owner}")
        raise Forbidden(f"body {owner}")
    if problems:
        raise ValidationFailed(problems)
    now = now or utcnow()
    lapse_overdue(engine, now=now)
    overdue = case((Case.due_at < now, 0), else_=1)
    query = (
        select(ApprovalRequest, ApprovalProject, Case.due_at)
        .join(Case, Case.id == ApprovalRequest.case_id)
        .join(ApprovalProject, ApprovalProject.id == ApprovalRequest.project_id)
        .where(
            ApprovalRequest.owner == owner,
            ApprovalRequest.decision.is_(None),
            ApprovalProject.status != "withdrawn",
        )
        .order_by(overdue, Case.due_at, ApprovalRequest.case_id)
        .limit(limit)
        .offset(offset)
    )
    with session_scope(engine) as session:
        return [
            RequestRow(
                case_id=request.case_id,
                project_id=project.id,
                owner=request.owner,
                title=project.title,
                works=project.works,
                region=project.region,
                applicant_name=project.applicant_name,
                round=request.round,
                sent_at=request.sent_at,
                due_at=due,
                overdue=due is not None and due < now,
            )
            for request, project, due in session.execute(query).all()
        ]
