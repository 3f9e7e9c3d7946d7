"""Upload a data file: the validation table if it is rejected, the summary if accepted.

A regional operator's file may hold only its own region (`only_units`); anything else is refused
whole and the refusal recorded, as in the API.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse

from tsifra.accounts.users import record_refusal
from tsifra.marts.ingest import ingest_file
from tsifra.problems import Forbidden, Problem, ValidationFailed
from tsifra.web.deps import DB, MaybeUser
from tsifra.web.pages.common import CSRF, Lang, forbidden, render

router = APIRouter()
SUFFIXES = (".csv", ".xlsx", ".parquet", ".json")


@router.get("/upload")
def upload_form(request: Request, lang: Lang, user: MaybeUser):
    if user is None:
        return RedirectResponse("/login?next=/upload", status_code=303)
    return render(request, "upload.html", lang, user, report=None, problems=None, file="")


@router.post("/upload", dependencies=[CSRF])
async def upload(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    file: Annotated[UploadFile, File()],
    source: Annotated[str, Form(max_length=128)] = "region",
    reason: Annotated[str, Form(max_length=1000)] = "",
):
    shown = Path(file.filename or "upload.csv").name
    if user is None or not user.is_writer:
        record_refusal(engine, user, "values.ingest", shown)
        return forbidden(request, lang, user)
    only = {user.region} if user.role == "operator" else None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / _safe_name(shown)
        path.write_bytes(await file.read())
        try:
            report = ingest_file(
                engine, path, source, reason=reason or None, actor=user.login, only_units=only
            )
        except Forbidden:
            record_refusal(engine, user, "values.ingest", shown)
            return forbidden(request, lang, user)
        except ValidationFailed as failed:
            problems = [_located(p, shown) for p in failed.problems]
            return render(
                request, "upload.html", lang, user, 422, report=None, problems=problems, file=shown
            )
    return render(request, "upload.html", lang, user, report=report, problems=None, file=shown)


def _safe_name(name: str) -> str:
    """The file on disk gets a tame name with the original suffix (the reader goes by suffix)."""
    suffix = Path(name).suffix.lower()
    stem = re.sub(r"[^\w.-]", "_", Path(name).stem)[:80] or "upload"
    return stem + (suffix if suffix in SUFFIXES else ".csv")


def _located(problem: Problem, shown: str) -> Problem:
    return replace(problem, file=shown) if problem.file else problem
