"""The citizen's steps, by the tracking token: follow the case, rate the answer, reopen it.

The token is the citizen's only credential (like a password-reset link): it is shown once, at
submission, and only its SHA-256 is stored, so the database cannot give it back and a lookup
compares digests. Whoever holds it follows the case and acts as «citizen».

Rating: 1 to 5 and whether the problem is solved, once per answer (a new answer after a
reopening may be rated again). Reopening: within the regime's `reopen_days` (calendar days)
after the answer, with a reason; the case goes back to in_progress with a fresh answer term
(the body answers anew), and `reopened_count` counts the times an answer did not hold.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from tsifra.cases.views import CaseView, FileView, load_view
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.store import Case, session_scope, utcnow

CITIZEN = "citizen"
REASON_LIMIT = 2000


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _case_id(engine: Engine, token: str) -> int:
    found = None
    if isinstance(token, str) and 16 <= len(token) <= 128:
        with session_scope(engine) as session:
            found = session.scalar(
                select(Case.id).where(Case.tracking_sha256 == token_digest(token))
            )
    if found is None:
        raise ValidationFailed([Problem("case_token_unknown", path="token")])
    return found


def case_by_token(engine: Engine, token: str) -> CaseView:
    """The citizen's own case: its text and every step the citizen may see, not who in the
    body works it, and not the bodies' internal notes."""
    case_id = _case_id(engine, token)
    with session_scope(engine) as session:
        view = load_view(session, case_id)
    events = tuple(replace(e, actor=None) for e in view.events if e.public)
    return replace(view, executor=None, events=events)


def rate_case(
    engine: Engine, token: str, rating: int, solved: bool, now: datetime | None = None
) -> CaseView:
    from tsifra.cases.steps import take_step

    problems = []
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        problems.append(Problem("case_rating", path="rating", value=rating))
    if not isinstance(solved, bool):
        problems.append(Problem("case_solved", path="solved", value=solved))
    if problems:
        raise ValidationFailed(problems)
    case_id = _case_id(engine, token)

    def apply(session: Session, case: Case):
        case.rating, case.solved, case.rated_at = rating, solved, now or utcnow()
        return None, {"rating": rating, "solved": solved}, True

    take_step(engine, None, case_id, "rate", apply, now, actor=CITIZEN)
    return case_by_token(engine, token)


def reopen_case(engine: Engine, token: str, reason: str, now: datetime | None = None) -> CaseView:
    from tsifra.cases import deadlines
    from tsifra.cases.regimes import regime
    from tsifra.cases.steps import _text, take_step

    reason = _text(reason, "reason", REASON_LIMIT)
    case_id = _case_id(engine, token)
    moment = now or utcnow()

    def apply(session: Session, case: Case):
        days = regime(case.kind).reopen_days
        if case.answered_at is None or moment > deadlines.reopen_until(case.kind, case.answered_at):
            raise ValidationFailed(
                [Problem("case_reopen_late", path="reason", params={"days": days})]
            )
        case.reopened_count = (case.reopened_count or 0) + 1
        case.due_at = deadlines.answer_due(case.kind, case.category, moment)
        # The case is unanswered again: the answer found wanting stays in the history (this
        # event), and the figures see an open case with its new term, not an answer given long
        # before that term, which would count even a late first answer as on time.
        answered_before = case.answered_at.isoformat()
        case.answered_at = None
        return reason, {"answered_at": answered_before}, True

    take_step(engine, None, case_id, "reopen", apply, moment, actor=CITIZEN)
    return case_by_token(engine, token)


def attach_citizen_file(
    engine: Engine, token: str, name: str, data: bytes, now: datetime | None = None
) -> FileView:
    """The citizen's photo or document of the problem, while the case is open."""
    from tsifra.cases.files import attach_file
    from tsifra.cases.states import OPEN

    case_id = _case_id(engine, token)
    with session_scope(engine) as session:
        status = session.get(Case, case_id).status
    if status not in OPEN:
        raise ValidationFailed([Problem("case_file_final", path="file", params={"status": status})])
    return attach_file(engine, case_id, name, data, "attachment", CITIZEN, now)
