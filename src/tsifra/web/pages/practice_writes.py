"""The registry's write pages: a new practice, its edit, a replication, the XLSX import.

Each form posts to its own address with the session's CSRF token and calls one service of
`practices.records` (or `practices.sheets`); a refusal is the 403 page with nothing written, a
problem brings the form back with what was typed and the problem beside its field.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse

from tsifra.accounts.users import can_write_practice
from tsifra.kernel.problems import Forbidden, Problem, ValidationFailed
from tsifra.practices.records import (
    ReplicationDraft,
    add_replication,
    create_practice,
    update_practice,
)
from tsifra.practices.sheet_import import import_workbook
from tsifra.practices.vocabulary import (
    AI_KINDS,
    EVIDENCE_KINDS,
    REPLICATION_EVIDENCE_KINDS,
    REPLICATION_STATUSES,
    SECTORS,
    STAGES,
)
from tsifra.tasks.listing import indicator_names, region_names
from tsifra.values.uploads import MAX_UPLOAD
from tsifra.web.api.params import RowId
from tsifra.web.deps import DB, MaybeUser
from tsifra.web.pages.common import CSRF, Lang, forbidden, render
from tsifra.web.pages.practice_forms import (
    PracticeForm,
    by_field,
    day_of,
    draft_of,
    draft_problems,
    form_of,
    read_form,
    with_kept_files,
)
from tsifra.web.pages.practice_words import labels, practice_or_page, to_login

router = APIRouter()
Text = Annotated[str, Form(max_length=1000)]
LongText = Annotated[str, Form(max_length=20_000)]
Rows = Annotated[list[str], Form(max_length=200)]


def practice_fields(
    title: Annotated[str, Form(max_length=500)] = "",
    sector: Annotated[str, Form(max_length=32)] = "",
    description: LongText = "",
    problem: LongText = "",
    regions: Rows = [],  # noqa: B006 (FastAPI's way of "none")
    owner_agency: Text = "",
    cofog: Annotated[str, Form(max_length=8)] = "",
    ai_kind: Annotated[str, Form(max_length=16)] = "",
    technologies: Text = "",
    stage: Annotated[str, Form(max_length=16)] = "idea",
    stage_since: Annotated[str, Form(max_length=10)] = "",
    capex: Annotated[str, Form(max_length=32)] = "",
    opex: Annotated[str, Form(max_length=32)] = "",
    software: Text = "",
    software_registry: Annotated[str, Form(max_length=32)] = "",
    url: Text = "",
    licence: Annotated[str, Form(max_length=64)] = "",
    indicator: Rows = [],  # noqa: B006
    expected_effect: Rows = [],  # noqa: B006
    evidence_kind: Rows = [],  # noqa: B006
    evidence_title: Rows = [],  # noqa: B006
    evidence_url: Rows = [],  # noqa: B006
    verified_at: Annotated[str, Form(max_length=10)] = "",
) -> PracticeForm:
    return read_form(locals())


Fields = Annotated[PracticeForm, Depends(practice_fields)]


def _may_add(user) -> bool:
    """Whether the reader may add a practice at all (an operator: of its own region)."""
    return can_write_practice(user, [user.region] if user and user.region else [])


def _form_page(request, engine, lang, user, form: PracticeForm, practice_id=None,
               problems=None, status_code=200):  # fmt: skip
    return render(
        request,
        "practices/form.html",
        lang,
        user,
        status_code,
        form=form,
        practice_id=practice_id,
        problems=problems or [],
        field_problems=by_field(problems),
        sectors=SECTORS,
        ai_kinds=AI_KINDS,
        stages=STAGES,
        evidence_kinds=EVIDENCE_KINDS,
        region_names=region_names(lang),
        indicator_names=indicator_names(engine, lang),
        **labels(lang),
    )


@router.get("/practices/new")
def new_form(request: Request, engine: DB, lang: Lang, user: MaybeUser):
    if user is None:
        return to_login(request)
    if not _may_add(user):
        return forbidden(request, lang, user)
    regions = (user.region,) if user.role == "operator" and user.region else ()
    return _form_page(request, engine, lang, user, PracticeForm(regions=regions))


@router.post("/practices/new", dependencies=[CSRF])
def create(request: Request, engine: DB, lang: Lang, user: MaybeUser, form: Fields):
    if user is None:  # never the service's trusted caller (account None): sign in first
        return to_login(request)
    problems: list[Problem] = []
    draft = draft_of(form, problems)
    try:
        if problems:
            raise ValidationFailed(problems + draft_problems(engine, draft))
        practice_id = create_practice(engine, draft, account=user)
    except Forbidden:
        return forbidden(request, lang, user)
    except ValidationFailed as failed:
        return _form_page(request, engine, lang, user, form, None, failed.problems, 422)
    return RedirectResponse(f"/practices/{practice_id}", status_code=303)


@router.get("/practices/import")
def import_form(request: Request, lang: Lang, user: MaybeUser):
    if user is None:
        return to_login(request)
    if not _may_add(user):
        return forbidden(request, lang, user)
    return render(request, "practices/import.html", lang, user, problems=None, report=None)


@router.post("/practices/import", dependencies=[CSRF])
def import_sheet(
    request: Request, engine: DB, lang: Lang, user: MaybeUser, file: Annotated[UploadFile, File()]
):
    """The whole workbook is checked before anything is written: every problem with its sheet,
    row and column, or every row imported (a row with an id updates that practice)."""
    if user is None:
        return to_login(request)
    name = PurePath((file.filename or "practices.xlsx").replace("\\", "/")).name
    data = file.file.read(MAX_UPLOAD + 1)
    try:
        if len(data) > MAX_UPLOAD:
            raise ValidationFailed([Problem("registry_file_too_big", file=name)])
        report = import_workbook(engine, data, file_name=name, account=user)
    except Forbidden:
        return forbidden(request, lang, user)
    except ValidationFailed as failed:
        return render(
            request, "practices/import.html", lang, user, 422,
            problems=failed.problems, report=None,
        )  # fmt: skip
    return render(request, "practices/import.html", lang, user, problems=None, report=report)


def _stored(request, engine, lang, user, practice_id: int) -> tuple[Any, Any]:
    """The practice and None, or None and the page to answer (sign in, refused, missing)."""
    if user is None:
        return None, to_login(request)
    view, missing = practice_or_page(request, engine, lang, user, practice_id)
    if missing is not None:
        return None, missing
    if not can_write_practice(user, view.regions):
        return None, forbidden(request, lang, user)
    return view, None


@router.get("/practices/{practice_id}/edit")
def edit_form(request: Request, engine: DB, lang: Lang, user: MaybeUser, practice_id: RowId):
    view, answer = _stored(request, engine, lang, user, practice_id)
    if answer is not None:
        return answer
    return _form_page(request, engine, lang, user, form_of(view), practice_id)


@router.post("/practices/{practice_id}/edit", dependencies=[CSRF])
def update(
    request: Request, engine: DB, lang: Lang, user: MaybeUser, practice_id: RowId, form: Fields
):
    view, answer = _stored(request, engine, lang, user, practice_id)
    if answer is not None:
        return answer
    form = with_kept_files(form, view)
    problems: list[Problem] = []
    draft = draft_of(form, problems)
    try:
        if problems:
            raise ValidationFailed(problems + draft_problems(engine, draft))
        update_practice(engine, practice_id, draft, account=user)
    except Forbidden:
        return forbidden(request, lang, user)
    except ValidationFailed as failed:
        return _form_page(request, engine, lang, user, form, practice_id, failed.problems, 422)
    return RedirectResponse(f"/practices/{practice_id}", status_code=303)


def _replication_page(request, engine, lang, user, view, typed: dict, problems=None,
                      status_code=200):  # fmt: skip
    return render(
        request,
        "practices/replication.html",
        lang,
        user,
        status_code,
        practice=view,
        typed=typed,
        problems=problems or [],
        field_problems=by_field(problems),
        statuses=REPLICATION_STATUSES,
        evidence_kinds=REPLICATION_EVIDENCE_KINDS,
        region_names=region_names(lang),
        **labels(lang),
    )


@router.get("/practices/{practice_id}/replications/new")
def replication_form(request: Request, engine: DB, lang: Lang, user: MaybeUser, practice_id: RowId):
    if user is None:
        return to_login(request)
    view, missing = practice_or_page(request, engine, lang, user, practice_id)
    if missing is not None:
        return missing
    if not _may_add(user):
        return forbidden(request, lang, user)
    typed = {"region": user.region or "", "status": "production", "evidence_kind": "contract"}
    return _replication_page(request, engine, lang, user, view, typed)


@router.post("/practices/{practice_id}/replications/new", dependencies=[CSRF])
def replicate(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    practice_id: RowId,
    region: Annotated[str, Form(max_length=64)] = "",
    started_on: Annotated[str, Form(max_length=10)] = "",
    status: Annotated[str, Form(max_length=16)] = "",
    agency: Text = "",
    evidence_kind: Annotated[str, Form(max_length=16)] = "",
    evidence_number: Annotated[str, Form(max_length=128)] = "",
    evidence_date: Annotated[str, Form(max_length=10)] = "",
    evidence_url: Text = "",
):
    if user is None:
        return to_login(request)
    typed = {k: v.strip().replace("\x00", "") for k, v in locals().items() if isinstance(v, str)}
    problems: list[Problem] = []
    started = day_of(started_on, "started_on", problems)
    if started is None and not problems:
        problems.append(Problem("registry_date_required", path="started_on"))
    draft = ReplicationDraft(
        region=typed["region"],
        started_on=started,
        status=typed["status"],
        agency=typed["agency"] or None,
        evidence_kind=typed["evidence_kind"] or None,
        evidence_number=typed["evidence_number"] or None,
        evidence_date=day_of(evidence_date, "evidence_date", problems),
        evidence_url=typed["evidence_url"] or None,
    )
    try:
        if problems:
            raise ValidationFailed(problems)
        add_replication(engine, practice_id, draft, account=user)
    except Forbidden:
        return forbidden(request, lang, user)
    except ValidationFailed as failed:
        view, missing = practice_or_page(request, engine, lang, user, practice_id)
        if missing is not None:
            return missing
        return _replication_page(request, engine, lang, user, view, typed, failed.problems, 422)
    return RedirectResponse(f"/practices/{practice_id}#replications", status_code=303)
