"""The owner's side of approvals: its queue of requests awaiting an answer (overdue first) and
the answer to one request (approve, approve with conditions, refuse with reasons).

Who answers for an owner is `approvals.policy.can_answer_request` (its own operators, admins);
the page of a request shows the project's public parts, the zones it touches and the form.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse

from tsifra.approvals.answers import answer_request
from tsifra.approvals.policy import can_answer_request
from tsifra.approvals.projects import read_project
from tsifra.approvals.queues import owner_queue
from tsifra.approvals.sketch import project_of_request
from tsifra.approvals.vocabulary import DECISIONS
from tsifra.kernel.problems import Forbidden, Problem, ValidationFailed
from tsifra.web.api.params import RowId
from tsifra.web.deps import DB, MaybeUser
from tsifra.web.pages.approval_forms import choice
from tsifra.web.pages.approval_views import DONE_WORDS, project_sketch, template_words, to_login
from tsifra.web.pages.common import CSRF, NOT_FOUND, Lang, forbidden, render

router = APIRouter()
PAGE = 50
MAX_TEXT = 4000


@router.get("/approvals/queue")
def queue_page(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    body: Annotated[str, Query(max_length=64)] = "",
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
):
    """The owner's requests awaiting an answer, overdue first, then by deadline."""
    if user is None:
        return to_login(request)
    if not (body or user.body):  # only an owner's operators have a queue; an admin picks one
        return forbidden(request, lang, user)
    try:
        rows = owner_queue(
            engine, user, body=body or None, limit=PAGE + 1, offset=(page - 1) * PAGE
        )
    except Forbidden:
        return forbidden(request, lang, user)
    except ValidationFailed:
        return render(request, "error.html", lang, user, 404, title=NOT_FOUND)
    return render(
        request,
        "approvals/queue.html",
        lang,
        user,
        rows=rows[:PAGE],
        more=len(rows) > PAGE,
        page=page,
        body=body,
        overdue=sum(1 for r in rows[:PAGE] if r.overdue),
        **template_words(lang),
    )


def _request_page(request, engine, lang, user, case_id, status_code=200, problems=None, **more):
    if user is None:
        return to_login(request)
    project_id = project_of_request(engine, case_id)
    if project_id is None:
        return render(request, "error.html", lang, user, 404, title=NOT_FOUND)
    try:
        view = read_project(engine, project_id, account=user)
    except Forbidden:
        return forbidden(request, lang, user)
    except ValidationFailed:
        return render(request, "error.html", lang, user, 404, title=NOT_FOUND)
    mine = next((o for o in view.owners if o.case_id == case_id), None)
    if mine is None:
        return render(request, "error.html", lang, user, 404, title=NOT_FOUND)
    may_answer = mine.decision is None and can_answer_request(user, mine.owner)
    return render(
        request,
        "approvals/request.html",
        lang,
        user,
        status_code,
        project=view,
        request_state=mine,
        case_id=case_id,
        may_answer=may_answer,
        sketch=project_sketch(engine, lang, user, view, request.app.state.cache),
        decisions=DECISIONS,
        problems=problems,
        done=DONE_WORDS.get(more.pop("done", "")),
        max_text=MAX_TEXT,
        **template_words(lang),
        **more,
    )


@router.get("/approvals/requests/{case_id}")
def request_page(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    case_id: RowId,
    done: Annotated[str, Query(max_length=16)] = "",
):
    return _request_page(request, engine, lang, user, case_id, done=done)


@router.post("/approvals/requests/{case_id}", dependencies=[CSRF])
def answer_form(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    case_id: RowId,
    decision: Annotated[str, Form(max_length=16)] = "",
    text: Annotated[str, Form(max_length=MAX_TEXT * 2)] = "",
):
    if user is None:
        return to_login(request)
    problems: list[Problem] = []
    choice(decision, DECISIONS, "decision", problems)
    try:
        if problems:
            raise ValidationFailed(problems)
        answer_request(engine, case_id, decision, account=user, text=text.strip() or None)
    except Forbidden:
        return forbidden(request, lang, user)
    except ValidationFailed as failed:
        return _request_page(
            request, engine, lang, user, case_id, 422, failed.problems, answer_text=text
        )
    return RedirectResponse(f"/approvals/requests/{case_id}?done=answered", status_code=303)
