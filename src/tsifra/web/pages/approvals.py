"""The applicant's approvals' pages: its projects, a new project drawn on the sketch map (or
typed, or a GeoJSON file), and a project's page with each owner's answer and deadline, the
total deadline, the events and, after a refusal, the revision form.

The owner's side (its queue, the answer) is `approval_answers`, whose routes are taken in here
first, so that `/approvals/queue` is never read as a project's number. The services
(`approvals.projects`, `answers`) decide who may see and do what; a refusal is the 403 page.
"""

from __future__ import annotations

import secrets
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from tsifra.accounts.users import can_file_approval
from tsifra.approvals.answers import revise_project
from tsifra.approvals.documents import DocumentDraft, document_path
from tsifra.approvals.policy import can_revise_project
from tsifra.approvals.projects import ProjectDraft, file_project, list_projects, read_project
from tsifra.approvals.sketch import region_extent, regions_with_zones
from tsifra.approvals.vocabulary import STATUSES, WORKS
from tsifra.kernel.problems import Forbidden, Problem, ValidationFailed
from tsifra.proactive.investors import read_proposal
from tsifra.reports.names import region_names
from tsifra.web.api.params import RowId
from tsifra.web.deps import DB, MaybeUser
from tsifra.web.pages import approval_answers
from tsifra.web.pages.approval_forms import (
    MAX_DOCUMENTS,
    SHAPES,
    choice,
    day_of,
    read_documents,
    site_fields,
    site_geometry,
)
from tsifra.web.pages.approval_map import bounds_of, plane_around, sketch
from tsifra.web.pages.approval_views import DONE_WORDS, project_sketch, template_words, to_login
from tsifra.web.pages.common import CSRF, NOT_FOUND, Lang, forbidden, render

router = APIRouter()
router.include_router(approval_answers.router)  # before `/approvals/{project_id}`
PAGE = 50
MAX_TEXT = 4000


@router.get("/approvals")
def projects_page(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    status: Annotated[str, Query(max_length=16)] = "",
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
):
    """An applicant's own projects; an owner's operators those holding a request of their body;
    a region's operators and admins the region's or all."""
    if user is None:
        return to_login(request)
    if status and status not in STATUSES:
        status = ""
    try:
        rows = list_projects(
            engine, account=user, status=status or None, limit=PAGE + 1, offset=(page - 1) * PAGE
        )
    except Forbidden:
        return forbidden(request, lang, user)
    return render(
        request,
        "approvals/list.html",
        lang,
        user,
        rows=rows[:PAGE],
        more=len(rows) > PAGE,
        page=page,
        status=status,
        statuses=STATUSES,
        may_file=can_file_approval(user),
        **template_words(lang),
    )


def _new_form(request, engine, lang, user, region: str, status_code=200, problems=None, **draft):
    names = region_names(lang)
    with_zones = regions_with_zones(engine)
    if region not in names:
        region = with_zones[0] if with_zones else next(iter(sorted(names)))
    site = draft.get("site")
    extent = region_extent(engine, region) or bounds_of([site] if site else [])
    plane = plane_around(extent, margin=0.1)
    proposal = draft.get("proposal")
    return render(
        request,
        "approvals/new.html",
        lang,
        user,
        status_code,
        region=region,
        regions=sorted(names.items(), key=lambda item: item[1]),
        works=WORKS,
        shapes=SHAPES,
        sketch=sketch(plane, lang, site),
        draft=draft,
        key=draft.get("key") or secrets.token_urlsafe(24),
        proposal=proposal,
        problems=problems,
        max_text=MAX_TEXT,
        max_documents=MAX_DOCUMENTS,
        **template_words(lang),
    )


@router.get("/approvals/new")
def new_project_page(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    region: Annotated[str, Query(max_length=64)] = "",
    proposal: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
):
    """The form; from an investor's proposal (`?proposal=`, its private notice) it comes filled
    in with the investment project's site, works and dates, and names the owners to ask."""
    if user is None:
        return to_login(request)
    if not can_file_approval(user):
        return forbidden(request, lang, user)
    if proposal is None:
        return _new_form(request, engine, lang, user, region, applicant_name=user.name)
    try:
        proposed = read_proposal(engine, proposal, account=user)
    except Forbidden:
        return forbidden(request, lang, user)
    except ValidationFailed:
        return render(request, "error.html", lang, user, 404, title=NOT_FOUND)
    draft = {
        "works": proposed.works, "title": proposed.title, "applicant_name": proposed.investor,
        "applicant_inn": proposed.inn or "", "starts_on": proposed.starts_on or "",
        "proposal": proposed,
        **site_fields(proposed.geometry, "", "", "point"),
    }  # fmt: skip
    return _new_form(request, engine, lang, user, proposed.region, **draft)


@router.post("/approvals/new", dependencies=[CSRF])
def file_project_form(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    region: Annotated[str, Form(max_length=64)] = "",
    works: Annotated[str, Form(max_length=16)] = "",
    title: Annotated[str, Form(max_length=1000)] = "",
    description: Annotated[str, Form(max_length=MAX_TEXT * 2)] = "",
    applicant_name: Annotated[str, Form(max_length=1000)] = "",
    applicant_inn: Annotated[str, Form(max_length=24)] = "",
    starts_on: Annotated[str, Form(max_length=40)] = "",
    ends_on: Annotated[str, Form(max_length=40)] = "",
    shape: Annotated[str, Form(max_length=16)] = "point",
    geometry: Annotated[str, Form(max_length=4 * 2**20)] = "",
    coordinates: Annotated[str, Form(max_length=2**20)] = "",
    key: Annotated[str, Form(max_length=64)] = "",
    proposal: Annotated[int | None, Form(ge=1, le=2**31 - 1)] = None,
    geometry_file: Annotated[UploadFile | None, File()] = None,
    documents: Annotated[list[UploadFile], File()] = [],  # noqa: B006 (FastAPI's "none")
):
    """File the project; the same form sent twice (a double click, a reload) files it once,
    by the idempotency key the form was given."""
    if user is None:
        return to_login(request)
    if not can_file_approval(user):
        return forbidden(request, lang, user)
    problems: list[Problem] = []
    choice(works, WORKS, "works", problems)
    site, drawable = site_geometry(geometry_file, geometry, coordinates, shape, problems)
    starts, ends = day_of(starts_on, "starts_on", problems), day_of(ends_on, "ends_on", problems)
    read = read_documents(documents, "documents", problems)
    draft = {
        "works": works, "title": title, "description": description,
        "applicant_name": applicant_name, "applicant_inn": applicant_inn,
        "starts_on": starts_on, "ends_on": ends_on, "key": key,
        **site_fields(drawable, geometry, coordinates, shape),
    }  # fmt: skip
    try:
        # A project filed from a proposal names it (the recipient's own, read again here).
        proposed = read_proposal(engine, proposal, account=user) if proposal else None
        draft["proposal"] = proposed
        if problems:
            raise ValidationFailed(problems)
        project = ProjectDraft(
            region=region,
            works=works,
            title=title.strip(),
            geometry=site,
            applicant_name=applicant_name.strip(),
            applicant_inn=applicant_inn.strip() or None,
            description=description.strip(),
            starts_on=starts,
            ends_on=ends,
            documents=tuple(DocumentDraft(name, data) for name, data in read),
        )
        project_id = file_project(
            engine,
            project,
            account=user,
            idempotency_key=f"web:{user.login}:{key}" if key else None,
            proposed_by=proposed.notice_key if proposed else None,
        )
    except Forbidden:
        return forbidden(request, lang, user)
    except ValidationFailed as failed:
        return _new_form(request, engine, lang, user, region, 422, failed.problems, **draft)
    return RedirectResponse(f"/approvals/{project_id}?done=filed", status_code=303)


def _project_page(request, engine, lang, user, project_id, status_code=200, problems=None, **more):
    if user is None:
        return to_login(request)
    try:
        view = read_project(engine, project_id, account=user)
    except Forbidden:
        return forbidden(request, lang, user)
    except ValidationFailed:
        return render(request, "error.html", lang, user, 404, title=NOT_FOUND)
    done = more.pop("done", "")
    owner_names = {o.owner: o.name for o in view.owners}
    may_revise = view.status == "refused" and can_revise_project(user, view.applicant)
    return render(
        request,
        "approvals/project.html",
        lang,
        user,
        status_code,
        project=view,
        sketch=project_sketch(engine, lang, user, view, request.app.state.cache),
        may_revise=may_revise,
        done=DONE_WORDS.get(done),
        problems=problems,
        total_days=(view.total_seconds / 86400) if view.total_seconds is not None else None,
        max_documents=MAX_DOCUMENTS,
        owner_names=owner_names,
        **template_words(lang),
        **more,
    )


@router.get("/approvals/{project_id}")
def project_page(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    project_id: RowId,
    done: Annotated[str, Query(max_length=16)] = "",
):
    return _project_page(request, engine, lang, user, project_id, done=done)


@router.post("/approvals/{project_id}/revision", dependencies=[CSRF])
def revision_form(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    project_id: RowId,
    note: Annotated[str, Form(max_length=MAX_TEXT * 2)] = "",
    documents: Annotated[list[UploadFile], File()] = [],  # noqa: B006 (FastAPI's "none")
):
    """The revised documents go back only to the owners who refused (`revise_project`)."""
    if user is None:
        return to_login(request)
    problems: list[Problem] = []
    read = read_documents(documents, "documents", problems)
    try:
        if problems:
            raise ValidationFailed(problems)
        drafts = tuple(DocumentDraft(name, data) for name, data in read)
        revise_project(engine, project_id, drafts, account=user, note=note.strip() or None)
    except Forbidden:
        return forbidden(request, lang, user)
    except ValidationFailed as failed:
        return _project_page(request, engine, lang, user, project_id, 422, failed.problems)
    return RedirectResponse(f"/approvals/{project_id}?done=revised", status_code=303)


@router.get("/approvals/{project_id}/documents/{document_id}")
def project_document(
    request: Request, engine: DB, lang: Lang, user: MaybeUser, project_id: RowId, document_id: RowId
):
    """A project's document, to whoever may read the project."""
    if user is None:
        return to_login(request)
    try:
        view = read_project(engine, project_id, account=user)
    except Forbidden:
        return forbidden(request, lang, user)
    except ValidationFailed:
        return render(request, "error.html", lang, user, 404, title=NOT_FOUND)
    found = next((d for d in view.documents if d.id == document_id), None)
    if found is None:
        return render(request, "error.html", lang, user, 404, title=NOT_FOUND)
    data = document_path(found.sha256).read_bytes()
    disposition = f"attachment; filename*=UTF-8''{quote(found.name)}"
    return Response(data, media_type=found.media_type, headers={"Content-Disposition": disposition})
