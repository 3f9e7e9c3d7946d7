"""Files of a case: the citizen's attachments and the executor's photos, checked, cleaned, kept
once by SHA-256 in the data directory.

Only pictures and PDF are taken — JPEG, PNG, WebP, PDF — judged by their first bytes, not by the
name; each at most `MAX_BYTES`, at most `MAX_FILES` of one purpose to a case. A picture is
decoded and written anew by Pillow without its metadata, so the EXIF block (with the GPS
position of the phone that took it, the camera's serial number) never reaches the store; its
orientation is applied first, so it still shows the right way up. A picture larger than
`MAX_PIXELS` is refused before it is decoded (a small file can unpack into gigabytes). PDFs are
kept as sent. Files live in `case-files/` of the data directory (folders 700, files 600), named
by their digest, so no name a user chose becomes a path.

`attach_file` checks no permission (a service calls it after deciding who may);
`attach_official_file` is for the bodies (whoever may work the case) and
`cases.citizen.attach_citizen_file` for the citizen, by the tracking token, while the case is
open.
"""

from __future__ import annotations

import io
import warnings
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, func, select

from tsifra.accounts.users import Account, can_work_case, record_refusal
from tsifra.cases.locks import locked_case
from tsifra.cases.states import FINAL
from tsifra.cases.views import FileView, file_view
from tsifra.kernel.problems import Forbidden, Problem, ValidationFailed
from tsifra.store import Case, CaseFile, session_scope, utcnow
from tsifra.store.blobs import blob_path, keep_blob, safe_name

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 5
MAX_PIXELS = 40_000_000
FOLDER = "case-files"
PURPOSES = ("attachment", "before", "after", "answer")
OFFICIAL_PURPOSES = ("before", "after", "answer")
IMAGES = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}


def media_type(data: bytes) -> str | None:
    """The type of an accepted file by its first bytes; None for anything else."""
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def without_metadata(data: bytes, kind: str) -> bytes | None:
    """The picture written anew without EXIF, XMP or comments; None if it does not decode."""
    from PIL import Image, ImageOps

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    return None
                image.load()
                shown = ImageOps.exif_transpose(image)
                out = io.BytesIO()
                options = {"quality": 90} if kind != "PNG" else {}
                if kind == "JPEG" and shown.mode not in ("RGB", "L", "CMYK"):
                    shown = shown.convert("RGB")
                shown.save(out, format=kind, **options)
                return out.getvalue()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, Warning):
        return None


def file_problems(name: str, data: bytes, purpose: str) -> list[Problem]:
    shown = safe_name(name)
    found = []
    if purpose not in PURPOSES:
        found.append(
            Problem(
                "case_file_purpose",
                path="purpose",
                value=purpose,
                params={"expected": ", ".join(PURPOSES)},
            )
        )
    if len(data) > MAX_BYTES:
        limit = MAX_BYTES // (1024 * 1024)
        found.append(
            Problem("case_file_too_big", path="file", value=shown, params={"limit": limit})
        )
    elif not data or media_type(data) is None:
        found.append(Problem("case_file_type", path="file", value=shown))
    return found


def path_of(sha256: str) -> Path:
    return blob_path(FOLDER, sha256)


def keep(data: bytes) -> str:
    return keep_blob(FOLDER, data)


def cleaned_file(name: str, data: bytes, purpose: str) -> tuple[str, bytes]:
    """The checked file's type and the bytes to keep, or `ValidationFailed`."""
    problems = file_problems(name, data, purpose)
    if problems:
        raise ValidationFailed(problems)
    kind = media_type(data)
    if kind in IMAGES:
        clean = without_metadata(data, IMAGES[kind])
        if clean is None:
            raise ValidationFailed(
                [Problem("case_file_broken", path="file", value=safe_name(name))]
            )
        return kind, clean
    return kind, data


def attach_file(
    engine: Engine,
    case_id: int,
    name: str,
    data: bytes,
    purpose: str,
    actor: str,
    now: datetime | None = None,
    event_id: int | None = None,
) -> FileView:
    """Check, clean and keep one file of a case (see the module's note on who may)."""
    kind, clean = cleaned_file(name, data, purpose)
    digest = keep(clean)
    now = now or utcnow()
    with session_scope(engine) as session:
        case = locked_case(session, case_id)
        if case is None:
            raise ValidationFailed([Problem("case_unknown", path="case", value=case_id)])
        if case.status in FINAL:
            raise ValidationFailed(
                [Problem("case_file_final", path="file", params={"status": case.status})]
            )
        count = session.scalar(
            select(func.count())
            .select_from(CaseFile)
            .where(CaseFile.case_id == case_id, CaseFile.purpose == purpose)
        )
        if count >= MAX_FILES:
            raise ValidationFailed(
                [Problem("case_too_many_files", path="file", params={"limit": MAX_FILES})]
            )
        stored = CaseFile(
            case_id=case_id,
            event_id=event_id,
            purpose=purpose,
            sha256=digest,
            name=safe_name(name),
            media_type=kind,
            size=len(clean),
            uploaded_at=now,
            uploaded_by=actor,
        )
        session.add(stored)
        case.updated_at = now
        session.flush()
        return file_view(stored)


def attach_official_file(
    engine: Engine,
    account: Account | None,
    case_id: int,
    name: str,
    data: bytes,
    purpose: str,
    now: datetime | None = None,
) -> FileView:
    """An executor's photo before or after the fix, or a scan of the answer: for whoever may
    work the case (`accounts.users.can_work_case`); anyone else is refused and recorded."""
    with session_scope(engine) as session:
        case = session.get(Case, case_id)
        if case is None:
            raise ValidationFailed([Problem("case_unknown", path="case", value=case_id)])
        region, body = case.region, case.body
    if not can_work_case(account, region, body):
        record_refusal(engine, account, "case.attach", f"case {case_id}")
        raise Forbidden(f"case {case_id}")
    if purpose == "attachment":  # the citizen's purpose: an official's file says what it shows
        raise ValidationFailed(
            [
                Problem(
                    "case_file_purpose",
                    path="purpose",
                    value=purpose,
                    params={"expected": ", ".join(OFFICIAL_PURPOSES)},
                )
            ]
        )
    return attach_file(engine, case_id, name, data, purpose, account.login, now)


def file_bytes(
    engine: Engine, file_id: int, *, case_id: int | None = None, include_hidden: bool = False
) -> tuple[FileView, bytes]:
    """A kept file and its bytes. Given `case_id` (a URL naming the case and the file), a file
    of another case is unknown. A file moderation hid is refused unless `include_hidden` (for
    the bodies that work the case: the caller has checked the reader)."""
    with session_scope(engine) as session:
        stored = session.get(CaseFile, file_id)
        if stored is None or (case_id is not None and stored.case_id != case_id):
            raise ValidationFailed([Problem("case_file_unknown", path="file", value=file_id)])
        view, digest = file_view(stored), stored.sha256
    if view.hidden_reason is not None and not include_hidden:
        raise ValidationFailed([Problem("case_file_hidden", path="file", value=file_id)])
    try:
        return view, path_of(digest).read_bytes()
    except FileNotFoundError:
        raise ValidationFailed([Problem("case_file_missing", path="file", value=file_id)]) from None
