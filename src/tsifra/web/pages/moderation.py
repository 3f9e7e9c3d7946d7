"""Moderation of cases: the queue of flags and held texts, a case's hide and redact forms, and
the citizen's flag form.

Moderators are admins, analysts and the responsible body's operators (`cases.moderation`
decides and audits a refusal, which becomes the 403 page); anyone signed out is sent to sign in
first. Every form is a POST with the session's CSRF token; a moderator's reason is required,
because the citizen reads it on the tracking page. Flagging needs no account: the flagger's
address is kept only as a keyed digest, one open flag per address and case.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse

from tsifra.cases import moderation
from tsifra.kernel.language import word_keys
from tsifra.kernel.problems import Forbidden, ValidationFailed
from tsifra.web.api.params import RowId
from tsifra.web.deps import DB, MaybeUser
from tsifra.web.pages.common import CSRF, NOT_FOUND, Lang, forbidden, render

router = APIRouter()
# Looked up by a variable in the templates: a flag's reason, a text's moderation state.
REASON_WORDS = word_keys(
    "protect_reason_offensive",
    "protect_reason_personal_data",
    "protect_reason_not_a_problem",
    "protect_reason_other",
)
STATE_WORDS = word_keys(
    "protect_state_none", "protect_state_held", "protect_state_hidden", "protect_state_redacted"
)
Reason = Annotated[str, Form(max_length=2000)]


def _sign_in(request: Request) -> RedirectResponse:
    return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)


@router.get("/moderation")
def moderation_queue(request: Request, engine: DB, lang: Lang, user: MaybeUser):
    if user is None:
        return _sign_in(request)
    if not (user.role in ("admin", "analyst") or (user.role == "operator" and user.body)):
        return forbidden(request, lang, user)
    return render(
        request,
        "moderation/queue.html",
        lang,
        user,
        flags=moderation.open_flags(engine, user),
        held=moderation.held_cases(engine, user),
        done=request.query_params.get("done", ""),
    )


def _case_page(request, engine, lang, user, case_id, status_code=200, **form):
    if user is None:
        return _sign_in(request)
    try:
        case = moderation.case_for_moderation(engine, user, case_id)
    except Forbidden:
        return forbidden(request, lang, user)
    except ValidationFailed:
        return render(request, "error.html", lang, user, 404, title=NOT_FOUND)
    return render(
        request,
        "moderation/case.html",
        lang,
        user,
        status_code,
        case=case,
        failed=form.get("failed", ""),
        problems=form.get("problems") or [],
        typed=form.get("typed") or {},
        done=request.query_params.get("done", ""),
    )


@router.get("/moderation/cases/{case_id}")
def moderation_case(request: Request, engine: DB, lang: Lang, user: MaybeUser, case_id: RowId):
    return _case_page(request, engine, lang, user, case_id)


def _act(request, engine, lang, user, case_id, form: str, step, typed: dict):
    """Run one moderator's step; the case page again, with the outcome or the problems."""
    if user is None:
        return _sign_in(request)
    try:
        step()
    except Forbidden:
        return forbidden(request, lang, user)
    except ValidationFailed as failed:
        return _case_page(
            request, engine, lang, user, case_id, 422,
            failed=form, problems=failed.problems, typed=typed,
        )  # fmt: skip
    return RedirectResponse(f"/moderation/cases/{case_id}?done={form}", status_code=303)


@router.post("/moderation/cases/{case_id}/hide", dependencies=[CSRF])
def hide(
    request: Request, engine: DB, lang: Lang, user: MaybeUser, case_id: RowId, reason: Reason = ""
):
    def step():
        moderation.hide_text(engine, user, case_id, reason)

    return _act(request, engine, lang, user, case_id, "hide", step, {"reason": reason})


@router.post("/moderation/cases/{case_id}/redact", dependencies=[CSRF])
def redact(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    case_id: RowId,
    redacted: Annotated[str, Form(max_length=8000)] = "",
    reason: Reason = "",
):
    def step():
        moderation.redact_text(engine, user, case_id, redacted, reason)

    typed = {"reason": reason, "redacted": redacted}
    return _act(request, engine, lang, user, case_id, "redact", step, typed)


@router.post("/moderation/cases/{case_id}/release", dependencies=[CSRF])
def release(request: Request, engine: DB, lang: Lang, user: MaybeUser, case_id: RowId):
    def step():
        moderation.release_text(engine, user, case_id)

    return _act(request, engine, lang, user, case_id, "release", step, {})


@router.post("/moderation/cases/{case_id}/files/{file_id}/hide", dependencies=[CSRF])
def hide_one_file(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    case_id: RowId,
    file_id: RowId,
    reason: Reason = "",
):
    def step():
        moderation.hide_file(engine, user, file_id, reason)

    typed = {"reason": reason, "file": file_id}
    return _act(request, engine, lang, user, case_id, f"file-{file_id}", step, typed)


@router.post("/moderation/flags/{flag_id}/handled", dependencies=[CSRF])
def flag_handled(request: Request, engine: DB, lang: Lang, user: MaybeUser, flag_id: RowId):
    if user is None:
        return _sign_in(request)
    try:
        moderation.handle_flag(engine, user, flag_id)
    except Forbidden:
        return forbidden(request, lang, user)
    except ValidationFailed:
        return render(request, "error.html", lang, user, 404, title=NOT_FOUND)
    return RedirectResponse(f"/moderation?done={flag_id}", status_code=303)


# --- the citizen's flag ----------------------------------------------------------------------


def _flag_page(request, lang, user, case_id, status_code=200, **context):
    return render(
        request,
        "moderation/flag.html",
        lang,
        user,
        status_code,
        case_id=case_id,
        reasons=moderation.FLAG_REASONS,
        **context,
    )


@router.get("/moderation/flag/{case_id}")
def flag_form(request: Request, lang: Lang, user: MaybeUser, case_id: RowId):
    return _flag_page(request, lang, user, case_id)


@router.post("/moderation/flag/{case_id}", dependencies=[CSRF])
def flag_sent(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    case_id: RowId,
    reason: Annotated[str, Form(max_length=32)] = "",
):
    address = request.client.host if request.client else None
    key = request.app.state.settings.secret_key
    try:
        moderation.flag_case(engine, case_id, reason, address, key=key)
    except ValidationFailed as failed:
        return _flag_page(request, lang, user, case_id, 422, problems=failed.problems)
    return _flag_page(request, lang, user, case_id, sent=True)
