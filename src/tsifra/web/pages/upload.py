"""Upload a data file: the validation table if it is rejected, the summary if accepted.

The rules (who may send, an operator only its own region, the source name, the size limit) are
`values.uploads.ingest_upload`'s, the same as the API's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse

from tsifra.kernel.problems import Forbidden, ValidationFailed
from tsifra.values.uploads import MAX_UPLOAD, ingest_upload
from tsifra.web.deps import DB, MaybeUser
from tsifra.web.pages.common import CSRF, Lang, forbidden, render

router = APIRouter()


@router.get("/upload")
def upload_form(request: Request, lang: Lang, user: MaybeUser):
    if user is None:
        return RedirectResponse("/login?next=/upload", status_code=303)
    return render(request, "upload.html", lang, user, report=None, problems=None, file="")


@router.post("/upload", dependencies=[CSRF])
def upload(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    file: Annotated[UploadFile, File()],
    source: Annotated[str, Form(max_length=128)] = "",
    reason: Annotated[str, Form(max_length=1000)] = "",
):
    shown = Path(file.filename or "upload.csv").name
    # A plain `def`: run in a worker thread, so other pages are served during the ingest.
    data = file.file.read(MAX_UPLOAD + 1)
    try:
        report = ingest_upload(engine, user, shown, data, source or None, reason or None)
    except Forbidden:
        return forbidden(request, lang, user)
    except ValidationFailed as failed:
        return render(
            request,
            "upload.html",
            lang,
            user,
            422,
            report=None,
            problems=failed.problems,
            file=shown,
        )
    return render(request, "upload.html", lang, user, report=report, problems=None, file=shown)
