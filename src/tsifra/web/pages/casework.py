"""The executor's pages: the queue of a body (or of a region's triage), overdue first with the
time left, and a case's page with the applicant's contact and a form for each step.

The services decide who may see and do what (`accounts.users.can_work_case`,
`can_read_case_contact`) and refuse the rest; a refusal becomes the 403 page. The contact is
shown only when the executor asks for it (`?contact=1`): each read is a `contact_read` event and
an audit-log entry (`cases.read_contact`), so a page view that does not need it leaves no trace
and reveals nothing over a shoulder.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Path, Query, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from tsifra.accounts.users import can_read_case_contact
from tsifra.cases.bodies import list_bodies
from tsifra.cases.cases import (
    answer_case,
    attach_file,
    close_case,
    comment_case,
    extend_case,
    file_bytes,
    forward_case,
    mark_duplicate,
    read_case,
    read_contact,
    register_case,
    reject_case,
    take_case,
)
from tsifra.cases.deadlines import time_left as deadline_left
from tsifra.cases.queues import body_queue, left_words, triage_queue
from tsifra.cases.regimes import regime
from tsifra.cases.states import allowed, may_act
from tsifra.kernel.language import case_step_word
from tsifra.kernel.problems import Forbidden, Problem, ValidationFailed
from tsifra.reports.names import region_names
from tsifra.store import utcnow
from tsifra.web.api.params import RowId
from tsifra.web.deps import DB, MaybeUser
from tsifra.web.pages.appeals import read_files
from tsifra.web.pages.case_words import deadline_of, time_left, writers
from tsifra.web.pages.common import CSRF, NOT_FOUND, Lang, forbidden, render

router = APIRouter()
MAX_TEXT = 4000
# The executor's steps, in the order the page offers them (`cases.states` says which apply).
STEPS = ("register", "take", "answer", "forward", "extend", "duplicate", "reject", "close",
         "comment")  # fmt: skip
Step = Annotated[str, Path(pattern="^(" + "|".join(STEPS) + ")$")]


def _label(text: str) -> str:
    return text[:1].upper() + text[1:]


def _to_login(request: Request) -> RedirectResponse:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target)}", status_code=303)


QUEUE_PAGE = 50


def _queue(engine, user, body: str, region: str, page: int):
    """The queue this reader works: its body's; a region operator's triage; an admin's chosen."""
    offset = (page - 1) * QUEUE_PAGE
    if body or user.body:
        return body_queue(engine, user, body or None, limit=QUEUE_PAGE, offset=offset)
    return triage_queue(engine, user, region or user.region, limit=QUEUE_PAGE, offset=offset)


@router.get("/casework")
def queue_page(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    body: Annotated[str, Query(max_length=64)] = "",
    region: Annotated[str, Query(max_length=64)] = "",
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
):
    """The signed-in operator's queue, overdue first; an admin picks `?body=` or `?region=`."""
    if user is None:
        return _to_login(request)
    if not (body or region or user.body or user.region):
        return forbidden(request, lang, user)
    try:
        queue = _queue(engine, user, body, region, page)
    except Forbidden:
        return forbidden(request, lang, user)
    extra = f"&body={quote(body)}" if body else f"&region={quote(region)}" if region else ""
    return render(
        request,
        "casework/queue.html",
        lang,
        user,
        queue=queue,
        page=page,
        extra=extra,
        left=lambda delta: left_words(delta, lang),
        step_name=lambda step: _label(case_step_word(step, lang)),
        region_name=region_names(lang).get(queue.region, queue.region),
        **writers(engine, lang),
    )


def _case_page(request, engine, lang, user, case_id, status_code=200, problems=None, **more):
    if user is None:
        return _to_login(request)
    try:
        view = read_case(engine, case_id, user)
    except Forbidden:
        return forbidden(request, lang, user)
    except ValidationFailed:
        return render(request, "error.html", lang, user, 404, title=NOT_FOUND)
    if view.kind == "compensation":  # its steps are the paying body's own (proactive.payouts)
        return RedirectResponse(f"/compensation/{case_id}", status_code=303)
    contact = None
    if more.pop("contact", False):
        try:
            contact = read_contact(engine, user, case_id)
        except Forbidden:
            return forbidden(request, lang, user)
    now = utcnow()
    due = deadline_of(view)
    left = deadline_left(due, now) if due else None
    steps = [
        step
        for step in STEPS
        if allowed(step, view.status) and may_act(user, step, view.region, view.body)
    ]
    extension = regime(view.kind)
    return render(
        request,
        "casework/case.html",
        lang,
        user,
        status_code,
        case=view,
        contact=contact,
        may_read_contact=can_read_case_contact(user, view.body),
        overdue=left is not None and left.total_seconds() < 0,
        left=time_left(left, lang) if left is not None else None,
        steps=steps,
        step_name=lambda step: _label(case_step_word(step, lang)),
        bodies=[(b.code, b.name(lang)) for b in list_bodies(engine, view.region) if b.active],
        max_extension=extension.extension_max_days or 30,
        max_text=MAX_TEXT,
        region_name=region_names(lang).get(view.region, view.region),
        problems=problems,
        **writers(engine, lang),
        **more,
    )


@router.get("/casework/{case_id}")
def case_page(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    case_id: RowId,
    contact: Annotated[str, Query(max_length=1)] = "",
    done: Annotated[str, Query(max_length=1)] = "",
):
    return _case_page(
        request, engine, lang, user, case_id, contact=contact == "1", done=done == "1"
    )


def take_step(engine, user, case_id: int, step: str, form: dict) -> None:
    """One executor's step by its name in the URL, with the fields its form sends."""
    reason = form.get("reason") or None
    if step == "register":
        register_case(engine, user, case_id)
    elif step == "take":
        take_case(engine, user, case_id)
    elif step == "forward":
        forward_case(engine, user, case_id, form.get("body") or "", reason or "")
    elif step == "extend":
        extend_case(engine, user, case_id, form["days"], reason or "")
    elif step == "answer":
        answer_case(engine, user, case_id, form.get("text") or "", form.get("promised_on"))
    elif step == "duplicate":
        mark_duplicate(engine, user, case_id, form["of_case"], reason or "")
    elif step == "reject":
        reject_case(engine, user, case_id, reason or "")
    elif step == "close":
        close_case(engine, user, case_id)
    elif step == "comment":
        comment_case(engine, user, case_id, reason or "")


@router.post("/casework/{case_id}/{step}", dependencies=[CSRF])
def step_form(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    case_id: RowId,
    step: Step,
    reason: Annotated[str, Form(max_length=2000)] = "",
    body: Annotated[str, Form(max_length=64)] = "",
    days: Annotated[str, Form(max_length=4)] = "",
    text: Annotated[str, Form(max_length=MAX_TEXT * 2)] = "",
    promised_on: Annotated[str, Form(max_length=10)] = "",
    of_case: Annotated[str, Form(max_length=12)] = "",
    before: Annotated[list[UploadFile], File()] = [],  # noqa: B006 (FastAPI's way of "none")
    after: Annotated[list[UploadFile], File()] = [],  # noqa: B006
):
    if user is None:
        return _to_login(request)
    problems: list[Problem] = []
    form = {"reason": reason.strip(), "body": body, "text": text}
    form["days"] = _whole(days, "days", problems) if step == "extend" else None
    form["of_case"] = _whole(of_case, "of_case", problems) if step == "duplicate" else None
    form["promised_on"] = _day(promised_on, "promised_on", problems)
    photos = []
    if step == "answer":
        photos += [("before", f) for f in read_files(before, "before", "before", problems)]
        photos += [("after", f) for f in read_files(after, "after", "after", problems)]
    try:
        if problems:
            raise ValidationFailed(problems)
        take_step(engine, user, case_id, step, form)
        for purpose, (name, data) in photos:
            attach_file(engine, case_id, name, data, purpose, user.login)
    except Forbidden:
        return forbidden(request, lang, user)
    except ValidationFailed as failed:
        return _case_page(request, engine, lang, user, case_id, 422, failed.problems)
    return RedirectResponse(f"/casework/{case_id}?done=1", status_code=303)


def _whole(text: str, field: str, problems: list) -> int | None:
    try:
        value = int(text.strip())
    except ValueError:
        problems.append(Problem("feedback_bad_number", path=field, value=text))
        return None
    if not 1 <= value <= 2**31 - 1:
        problems.append(Problem("feedback_bad_number", path=field, value=text))
        return None
    return value


def _day(text: str, field: str, problems: list) -> date | None:
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        problems.append(Problem("feedback_bad_date", path=field, value=text))
        return None


@router.get("/casework/{case_id}/files/{file_id}")
def case_file(
    request: Request, engine: DB, lang: Lang, user: MaybeUser, case_id: RowId, file_id: RowId
):
    if user is None:
        return _to_login(request)
    try:
        view = read_case(engine, case_id, user)
    except Forbidden:
        return forbidden(request, lang, user)
    except ValidationFailed:
        return render(request, "error.html", lang, user, 404, title=NOT_FOUND)
    if not any(f.id == file_id for f in view.files):
        return render(request, "error.html", lang, user, 404, title=NOT_FOUND)
    found, data = file_bytes(engine, file_id)
    disposition = f"attachment; filename*=UTF-8''{quote(found.name)}"
    return Response(data, media_type=found.media_type, headers={"Content-Disposition": disposition})
