"""The citizen's pages of the feedback platform: file an appeal, follow it by its tracking link,
rate the answer or reopen it; a case's public page and a region's public picture.

A citizen has no account: the tracking link (`/appeals/track/{token}`) is the key to the case,
shown once after sending, like a password reset link; only its SHA-256 is stored. Public pages
are built from public views (`CaseView.public()`, `cases.overview`): no name, e-mail, phone or
postal address, and the text only with the citizen's consent (59-ФЗ ст. 6 ч. 2).

The appeal form works without a script: before the first sending the server looks for open
cases like it (`cases.similar`) and, if it finds some, shows them on a confirm step with the
form filled in; appeals.js shows the same list while the citizen types and skips that step.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from tsifra.cases.cases import (
    CaseDraft,
    ContactDraft,
    attach_file,
    case_by_token,
    file_bytes,
    rate_case,
    reopen_case,
    submit_case,
)
from tsifra.cases.cases import public_case as public_view
from tsifra.cases.categories import categories, leaves
from tsifra.cases.deadlines import reopen_until
from tsifra.cases.deadlines import time_left as deadline_left
from tsifra.cases.files import MAX_BYTES as MAX_FILE_BYTES
from tsifra.cases.files import MAX_FILES, cleaned_file
from tsifra.cases.overview import region_overview
from tsifra.cases.similar import similar_open_cases
from tsifra.kernel.language import word_key
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.reports.names import region_names
from tsifra.store import utcnow
from tsifra.web.api.params import RowId
from tsifra.web.deps import DB, MaybeUser
from tsifra.web.pages.case_words import deadline_of, time_left, writers
from tsifra.web.pages.common import CSRF, NOT_FOUND, Lang, render

router = APIRouter()
MAX_TEXT = 4000
CITIZEN_KINDS = ("appeal", "message")  # incidents come from monitoring, not from this form
DONE_WORDS = {
    "rated": word_key("feedback_done_rated"),
    "reopened": word_key("feedback_done_reopened"),
}
PRIVATE = {"Cache-Control": "private, no-store"}  # a tracking page is the citizen's own


def _private(response: Response) -> Response:
    response.headers.update(PRIVATE)
    return response


def _not_found(request: Request, lang: str, user) -> Response:
    return render(request, "error.html", lang, user, 404, title=NOT_FOUND)


def _category_groups(lang: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The tree as a grouped select that works with no script: the top categories as groups,
    the leaves (a case is filed under one) as options named with their parent's name."""
    names = {node.code: node.name(lang) for node in categories()}
    groups: dict[str, list[tuple[str, str]]] = {}
    for node in leaves():
        top = node.code.split(".", 1)[0]
        groups.setdefault(names[top], []).append(
            (node.code, f"{names[node.parent]} — {node.name(lang)}")
        )
    return list(groups.items())


class _Draft(dict):
    """The form's values as sent, to fill it in again; missing ones are empty."""

    def __getattr__(self, name: str):
        return self.get(name, "")


def _form_page(request, engine, lang, user, draft, status_code=200, problems=None, **more):
    return _private(
        render(
            request,
            "appeals/new.html",
            lang,
            user,
            status_code,
            draft=draft,
            problems=problems,
            kinds=CITIZEN_KINDS,
            regions=sorted(region_names(lang).items(), key=lambda item: item[1]),
            category_groups=_category_groups(lang),
            max_text=MAX_TEXT,
            max_files=MAX_FILES,
            max_mb=MAX_FILE_BYTES // 2**20,
            suggestions=more.pop("suggestions", None),
            **writers(engine, lang),
            **more,
        )
    )


@router.get("/appeals/new")
def new_appeal(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    region: Annotated[str, Query(max_length=64)] = "",
    category: Annotated[str, Query(max_length=32)] = "",
):
    draft = _Draft(kind="appeal", region=region, category=category)
    return _form_page(request, engine, lang, user, draft)


def _coordinate(text: str, field: str, low: float, high: float, problems: list) -> float | None:
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        problems.append(Problem("feedback_bad_coordinate", path=field, value=text))
        return None
    return value


def read_files(
    uploads: list[UploadFile], purpose: str, field: str, problems: list[Problem]
) -> list[tuple[str, bytes]]:
    """The files of a form as sent, each checked as the case core will check it (type by its
    bytes, size, an image that decodes; count) before anything is stored, so that a refused
    form leaves nothing half-written."""
    sent = [f for f in uploads if f.filename]
    if len(sent) > MAX_FILES:
        problems.append(Problem("feedback_too_many_files", path=field, params={"limit": MAX_FILES}))
        return []
    read: list[tuple[str, bytes]] = []
    for upload in sent:
        name = (upload.filename or "").replace("\\", "/").rsplit("/", 1)[-1][:255]
        data = upload.file.read(MAX_FILE_BYTES + 1)
        try:
            cleaned_file(name, data, purpose)  # decodes an image: a broken one is refused now
        except ValidationFailed as failed:
            problems.extend(replace(p, path=field) for p in failed.problems)
        read.append((name, data))
    return read


@router.post("/appeals/new", dependencies=[CSRF])
def send_appeal(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    region: Annotated[str, Form(max_length=64)] = "",
    category: Annotated[str, Form(max_length=32)] = "",
    text: Annotated[str, Form(max_length=MAX_TEXT * 2)] = "",
    kind: Annotated[str, Form(max_length=16)] = "appeal",
    address: Annotated[str, Form(max_length=500)] = "",
    latitude: Annotated[str, Form(max_length=20)] = "",
    longitude: Annotated[str, Form(max_length=20)] = "",
    surname: Annotated[str, Form(max_length=255)] = "",
    name: Annotated[str, Form(max_length=255)] = "",
    email: Annotated[str, Form(max_length=255)] = "",
    phone: Annotated[str, Form(max_length=64)] = "",
    postal_address: Annotated[str, Form(max_length=1000)] = "",
    publish_text: Annotated[str, Form(max_length=8)] = "",
    show_name: Annotated[str, Form(max_length=8)] = "",
    seen_similar: Annotated[str, Form(max_length=8)] = "",
    files: Annotated[list[UploadFile], File()] = [],  # noqa: B006 (FastAPI's way of "none")
):
    values = _Draft(
        kind=kind, region=region, category=category, text=text, address=address,
        latitude=latitude, longitude=longitude, surname=surname, name=name, email=email,
        phone=phone, postal_address=postal_address, publish_text=publish_text == "1",
        show_name=show_name == "1",
    )  # fmt: skip
    problems: list[Problem] = []
    lat = _coordinate(latitude, "latitude", -90, 90, problems)
    lon = _coordinate(longitude, "longitude", -180, 180, problems)
    sent_files = read_files(files, "attachment", "files", problems)
    if kind not in CITIZEN_KINDS:
        problems.append(Problem("feedback_bad_kind", path="kind", value=kind))
    if problems:
        return _form_page(request, engine, lang, user, values, 422, problems)
    if seen_similar != "1":
        found = similar_open_cases(engine, region, category, lat, lon, text)
        if found:
            return _form_page(
                request, engine, lang, user, values, suggestions=found, had_files=bool(sent_files)
            )
    contact_given = any(v.strip() for v in (surname, name, email, phone, postal_address))
    contact = (
        ContactDraft(
            surname=surname.strip() or None,
            name=name.strip() or None,
            email=email.strip() or None,
            phone=phone.strip() or None,
            postal_address=postal_address.strip() or None,
        )
        if contact_given
        else None
    )
    draft = CaseDraft(
        kind=kind, category=category, region=region, text=text, address=address.strip() or None,
        latitude=lat, longitude=lon, contact=contact, publish_text=values.publish_text,
        show_name=values.show_name, channel="web",
    )  # fmt: skip
    try:
        submitted = submit_case(engine, draft, actor="citizen")
    except ValidationFailed as failed:
        return _form_page(request, engine, lang, user, values, 422, failed.problems)
    refused: list[Problem] = []
    if submitted.created:  # a repeat of a sent appeal has its files already
        for file_name, data in sent_files:
            try:
                attach_file(engine, submitted.case_id, file_name, data, "attachment", "citizen")
            except ValidationFailed as failed:  # the case stands; the citizen learns which file
                refused.extend(failed.problems)
    return _sent_page(request, lang, user, submitted, refused)


def _sent_page(request, lang, user, submitted, problems=None):
    base = str(request.base_url).rstrip("/")
    return _private(
        render(
            request,
            "appeals/sent.html",
            lang,
            user,
            201 if submitted.created else 200,
            case_id=submitted.case_id,
            token=submitted.tracking_token,
            base_url=base,
            problems=problems,
        )
    )


def _case_context(engine, lang, view, now) -> dict:
    due = deadline_of(view)
    left = deadline_left(due, now) if due else None
    return {
        "case": view,
        "overdue": left is not None and left.total_seconds() < 0,
        "left": time_left(left, lang) if left is not None else None,
        "region_name": region_names(lang).get(view.region, view.region),
        **writers(engine, lang),
    }


def _reopen_open(view, now) -> bool:
    """Whether the reopen form is worth showing: the service decides, this only hides a form
    that it would refuse anyway."""
    if view.status not in ("answered", "rated") or view.answered_at is None:
        return False
    return now <= reopen_until(view.kind, view.answered_at)


def _track_page(request, engine, lang, user, token, status_code=200, problems=None, done=None):
    try:
        view = case_by_token(engine, token)
    except ValidationFailed:
        return _private(_not_found(request, lang, user))
    now = utcnow()
    return _private(
        render(
            request,
            "appeals/track.html",
            lang,
            user,
            status_code,
            token=token,
            own_text=view.text,
            files=[f for f in view.files if not f.hidden_reason],
            file_url=lambda f: f"/appeals/track/{quote(token)}/files/{f.id}",
            may_rate=view.status == "answered" and view.rating is None,
            may_reopen=_reopen_open(view, now),
            problems=problems,
            done=DONE_WORDS.get(done or ""),
            **_case_context(engine, lang, view, now),
        )
    )


@router.get("/appeals/track/{token}")
def track(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    token: str,
    done: Annotated[str, Query(max_length=16)] = "",
):
    if len(token) > 128:
        return _private(_not_found(request, lang, user))
    return _track_page(request, engine, lang, user, token, done=done)


@router.post("/appeals/track/{token}/rating", dependencies=[CSRF])
def rate(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    token: str,
    rating: Annotated[int, Form(ge=1, le=5)],
    solved: Annotated[str, Form(pattern="^(yes|no)$")],
):
    try:
        rate_case(engine, token, rating, solved == "yes")
    except ValidationFailed as failed:
        return _track_page(request, engine, lang, user, token, 422, failed.problems)
    return RedirectResponse(f"/appeals/track/{quote(token)}?done=rated", status_code=303)


@router.post("/appeals/track/{token}/reopen", dependencies=[CSRF])
def reopen(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    token: str,
    reason: Annotated[str, Form(min_length=1, max_length=2000)],
):
    try:
        reopen_case(engine, token, reason)
    except ValidationFailed as failed:
        return _track_page(request, engine, lang, user, token, 422, failed.problems)
    return RedirectResponse(f"/appeals/track/{quote(token)}?done=reopened", status_code=303)


@router.get("/appeals/track/{token}/files/{file_id}")
def track_file(
    request: Request, engine: DB, lang: Lang, user: MaybeUser, token: str, file_id: RowId
):
    """A file of the citizen's own case (an attachment, the body's photos), not a hidden one."""
    try:
        view = case_by_token(engine, token)
    except ValidationFailed:
        return _private(_not_found(request, lang, user))
    if not any(f.id == file_id and not f.hidden_reason for f in view.files):
        return _private(_not_found(request, lang, user))
    found, data = file_bytes(engine, file_id)
    disposition = f"attachment; filename*=UTF-8''{quote(found.name)}"
    return _private(
        Response(data, media_type=found.media_type, headers={"Content-Disposition": disposition})
    )


@router.get("/appeals/case/{case_id}")
def public_case(request: Request, engine: DB, lang: Lang, user: MaybeUser, case_id: RowId):
    try:
        view = public_view(engine, case_id)
    except ValidationFailed:
        return _not_found(request, lang, user)
    context = _case_context(engine, lang, view, utcnow())
    return render(request, "appeals/case.html", lang, user, files=None, **context)


@router.get("/appeals/region/{code}")
def region_page(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    code: str,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
):
    names = region_names(lang)
    if code not in names:
        return _not_found(request, lang, user)
    overview = region_overview(engine, code, page=page, now=utcnow())
    return render(
        request,
        "appeals/region.html",
        lang,
        user,
        o=overview,
        region_name=names[code],
        **writers(engine, lang),
    )
