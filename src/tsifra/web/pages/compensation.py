"""The paying body's page of a compensation case opened without an application: what the
register says and which rule opened it, the amount due, the forms to approve and to pay (by the
payment document, with its scan), the history.

The services decide who may see and do what (`proactive.payouts`): the page shows the forms to
the paying body's operators only, and a refusal becomes the 403 page. The household's contact
is shown only when an operator asks for it (`?contact=1`): each read is a `contact_read` event
and an audit entry (`cases.read_contact`), so a page view that does not need it leaves no trace.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import RedirectResponse

from tsifra.accounts.users import can_read_case_contact
from tsifra.cases.cases import read_contact
from tsifra.kernel import formatting
from tsifra.kernel.language import word, word_key
from tsifra.kernel.problems import Forbidden, Problem, ValidationFailed
from tsifra.proactive.payouts import (
    approve_compensation,
    may_pay,
    pay_compensation,
    read_compensation,
    roubles,
)
from tsifra.reports.names import region_names
from tsifra.web.api.params import RowId
from tsifra.web.deps import DB, MaybeUser
from tsifra.web.pages.appeals import read_files
from tsifra.web.pages.case_words import writers
from tsifra.web.pages.common import CSRF, NOT_FOUND, Lang, forbidden, render

router = APIRouter()
STAGE_WORDS = {
    "opened": word_key("comp_stage_opened"),
    "approved": word_key("comp_stage_approved"),
    "paid": word_key("comp_stage_paid"),
    "rejected": word_key("comp_stage_rejected"),
}
DAMAGE_WORDS = {"partial": word_key("comp_damage_partial"), "total": word_key("comp_damage_total")}
ACTION_WORDS = {
    "opened": word_key("comp_action_opened"),
    "approved": word_key("comp_action_approved"),
    "paid": word_key("comp_action_paid"),
}


def _to_login(request: Request) -> RedirectResponse:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target)}", status_code=303)


def _page(request, engine, lang, user, case_id, status_code=200, problems=None, **more):
    if user is None:
        return _to_login(request)
    try:
        view = read_compensation(engine, case_id, account=user)
    except Forbidden:
        return forbidden(request, lang, user)
    except ValidationFailed:
        return render(request, "error.html", lang, user, 404, title=NOT_FOUND)
    contact = None
    if more.pop("contact", False):
        try:
            contact = read_contact(engine, user, case_id)
        except Forbidden:
            return forbidden(request, lang, user)
    helpers = writers(engine, lang)
    core_action = helpers["action_name"]
    return render(
        request,
        "compensation/case.html",
        lang,
        user,
        status_code,
        view=view,
        case=view.case,
        contact=contact,
        may_read_contact=can_read_case_contact(user, view.case.body),
        may_act=may_pay(user, view.case.body),
        stage_name=word(STAGE_WORDS[view.stage], lang),
        damage_name=word(DAMAGE_WORDS[view.damage], lang) if view.damage in DAMAGE_WORDS else "",
        money=lambda amount: roubles(amount, lang),
        day=lambda when: formatting.day(when, lang),
        event_name=lambda a: word(ACTION_WORDS[a], lang) if a in ACTION_WORDS else core_action(a),
        region_name=region_names(lang).get(view.case.region, view.case.region),
        problems=problems,
        today=date.today().isoformat(),
        **{k: v for k, v in helpers.items() if k in ("msk", "status_name", "body_name")},
        **more,
    )


@router.get("/compensation/{case_id}")
def case_page(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    case_id: RowId,
    contact: Annotated[str, Query(max_length=1)] = "",
    done: Annotated[str, Query(max_length=1)] = "",
):
    return _page(request, engine, lang, user, case_id, contact=contact == "1", done=done == "1")


@router.post("/compensation/{case_id}/approve", dependencies=[CSRF])
def approve_form(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    case_id: RowId,
    amount: Annotated[str, Form(max_length=32)] = "",
):
    if user is None:
        return _to_login(request)
    try:
        approve_compensation(engine, case_id, account=user, amount=_amount(amount))
    except Forbidden:
        return forbidden(request, lang, user)
    except ValidationFailed as failed:
        return _page(request, engine, lang, user, case_id, 422, failed.problems)
    return RedirectResponse(f"/compensation/{case_id}?done=1", status_code=303)


@router.post("/compensation/{case_id}/pay", dependencies=[CSRF])
def pay_form(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    case_id: RowId,
    document_number: Annotated[str, Form(max_length=200)] = "",
    document_date: Annotated[str, Form(max_length=10)] = "",
    document: Annotated[list[UploadFile], File()] = [],  # noqa: B006 (FastAPI's way of "none")
):
    if user is None:
        return _to_login(request)
    problems: list[Problem] = []
    scans = read_files(document[:1], "answer", "document", problems)
    when = _date(document_date, problems)
    try:
        if problems:
            raise ValidationFailed(problems)
        scan = Scan(*scans[0]) if scans else None
        pay_compensation(
            engine, case_id, account=user, document_number=document_number,
            document_date=when, document=scan,
        )  # fmt: skip
    except Forbidden:
        return forbidden(request, lang, user)
    except ValidationFailed as failed:
        return _page(request, engine, lang, user, case_id, 422, failed.problems)
    return RedirectResponse(f"/compensation/{case_id}?done=1", status_code=303)


@dataclass(frozen=True)
class Scan:
    """The payment document's scan as the form sent it."""

    name: str
    data: bytes


def _amount(text: str) -> float | str:
    """«80 000», «80000,50» as a form's user types them; anything else goes on as text, and the
    service refuses it with a located problem."""
    compact = "".join(text.split()).replace(",", ".")
    try:
        return float(compact)
    except ValueError:
        return text


def _date(text: str, problems: list[Problem]) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        problems.append(Problem("comp_document_date", path="document_date", value=text))
        return None
