"""Upload a data file: the problems in words if it is refused, the summary if accepted; the
template to fill; the refused file's problems as a workbook.

The rules (who may send, an operator only its own region, the source name, the size limit) are
`values.uploads.ingest_upload`'s, the same as the API's.

The problem list is downloadable without keeping anything on the server: the refused page
carries the problems, already in words, in a hidden field, compressed and sealed with an HMAC of
the application's secret bound to the signed-in login and the time it was made. «Download»
posts it back (with the CSRF token), and the server checks the seal, its owner and its age
(`SEAL_HOURS`) before it builds the XLSX. The refused file itself is never kept beyond the
request; a tampered, foreign or stale seal gets a page saying to upload the file again. At most
`MAX_CARRIED` problems are carried (the workbook says when the list was cut).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import zlib
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from tsifra.kernel.problems import Forbidden, Problem, ValidationFailed
from tsifra.reports.upload_files import ProblemRow, problems_workbook, template_workbook
from tsifra.values.uploads import MAX_UPLOAD, ingest_upload
from tsifra.web.deps import DB, MaybeUser
from tsifra.web.pages.common import CSRF, Lang, forbidden, render

router = APIRouter()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_CARRIED = 10_000
MAX_SEAL = 4 * 2**20  # characters of a sealed list: 10,000 problems compress far below it
SEAL_HOURS = 24


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
        rows = [_in_words(p, lang) for p in failed.problems]
        secret = request.app.state.settings.secret_key
        sealed = seal(rows[:MAX_CARRIED], shown, len(rows), user.login, secret) if user else ""
        return render(
            request,
            "upload.html",
            lang,
            user,
            422,
            report=None,
            problems=rows,
            file=shown,
            sealed=sealed,
        )
    return render(request, "upload.html", lang, user, report=report, problems=None, file=shown)


@router.post("/upload/problems.xlsx", dependencies=[CSRF])
def problems_xlsx(
    request: Request,
    lang: Lang,
    user: MaybeUser,
    problems: Annotated[str, Form(max_length=MAX_SEAL)] = "",
):
    if user is None:
        return RedirectResponse("/login?next=/upload", status_code=303)
    opened = unseal(problems, user.login, request.app.state.settings.secret_key)
    if opened is None:
        return render(
            request, "upload.html", lang, user, 400, report=None, problems=None, file="",
            expired=True,
        )  # fmt: skip
    rows, file, total = opened
    content = problems_workbook(rows, file, total, lang)
    return _attachment(content, "problems.xlsx")


@router.get("/upload/template.xlsx")
def template_xlsx(request: Request, engine: DB, lang: Lang, user: MaybeUser):
    if user is None:
        return RedirectResponse("/login?next=/upload", status_code=303)
    if not user.is_writer:
        return forbidden(request, lang, user)
    return _attachment(template_workbook(engine, user, lang), "tsifra-template.xlsx")


def seal(rows: list[ProblemRow], file: str, total: int, login: str, secret: str) -> str:
    """The problems as an opaque, signed text for a hidden field (the module's docstring)."""
    payload = {
        "f": file,
        "n": total,
        "u": login,
        "t": int(time.time()),
        "p": [[r.row, r.column, r.value, r.problem] for r in rows],
    }
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    body = base64.urlsafe_b64encode(zlib.compress(text.encode("utf-8"), 6)).decode("ascii")
    return f"{body}.{_mac(body, secret)}"


def unseal(
    sealed: str, login: str, secret: str, now: float | None = None
) -> tuple[list[ProblemRow], str, int] | None:
    """The problems of a seal made for `login` within `SEAL_HOURS`, else None. The seal is
    checked before anything is decompressed, so only what this server made is ever opened."""
    body, _, mac = sealed.partition(".")
    if not body or not hmac.compare_digest(mac, _mac(body, secret)):
        return None
    try:
        payload = json.loads(zlib.decompress(base64.urlsafe_b64decode(body)).decode("utf-8"))
    except (ValueError, zlib.error):
        return None
    now = time.time() if now is None else now
    if payload.get("u") != login or now - payload.get("t", 0) > SEAL_HOURS * 3600:
        return None
    rows = [ProblemRow(*row) for row in payload["p"]]
    return rows, str(payload["f"]), int(payload["n"])


def _mac(body: str, secret: str) -> str:
    key = hashlib.sha256(b"tsifra.upload.problems:" + secret.encode("utf-8")).digest()
    return hmac.new(key, body.encode("ascii"), hashlib.sha256).hexdigest()


def _in_words(problem: Problem, lang: str) -> ProblemRow:
    value = None if problem.value is None else str(problem.value)
    return ProblemRow(problem.row, problem.column or problem.path, value, problem.message(lang))


def _attachment(content: bytes, name: str) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(content, media_type=XLSX, headers=headers)
