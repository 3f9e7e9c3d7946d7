"""A project's documents: drawings and letters as PDF, DWG or images, checked by their first
bytes (not by the name), kept once by SHA-256 in the data directory (`approval-files/`).

Pictures are written anew without their metadata (`cases.files.without_metadata`: a phone's
photo of a site carries its GPS position and the camera's serial number); PDF and DWG are kept
as sent. Every document of a filing or a revision is checked before anything is written, so a
bad one refuses the whole request with its position (`documents[2]`). The bytes are written
before the rows: a failed transaction leaves at most an unreferenced file under its digest,
never a row without its file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from tsifra.cases.files import without_metadata
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.store import ApprovalDocument
from tsifra.store.blobs import blob_path, keep_blob, safe_name

FOLDER = "approval-files"
MAX_BYTES = 50 * 1024 * 1024  # a DWG of a network plan is larger than a photo
MAX_DOCUMENTS = 20  # in one filing or revision
IMAGES = {"image/jpeg": "JPEG", "image/png": "PNG"}
DWG_VERSIONS = (b"AC1012", b"AC1014", b"AC1015", b"AC1018", b"AC1021", b"AC1024", b"AC1027",
                b"AC1032")  # fmt: skip


@dataclass(frozen=True)
class DocumentDraft:
    name: str
    data: bytes


@dataclass(frozen=True)
class Checked:
    name: str
    media_type: str
    data: bytes


@dataclass(frozen=True)
class DocumentView:
    id: int
    round: int
    name: str
    media_type: str
    size: int
    sha256: str
    uploaded_at: datetime


def media_type(data: bytes) -> str | None:
    """The type of an accepted document by its first bytes; None for anything else."""
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data[:6] in DWG_VERSIONS:
        return "image/vnd.dwg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    return None


def checked_documents(documents: tuple[DocumentDraft, ...] | list[DocumentDraft]) -> list[Checked]:
    """Every document checked and cleaned, or `ValidationFailed` naming each bad one."""
    problems: list[Problem] = []
    if len(documents) > MAX_DOCUMENTS:
        problems.append(
            Problem("appr_documents_too_many", path="documents", params={"limit": MAX_DOCUMENTS})
        )
    checked: list[Checked] = []
    for i, document in enumerate(documents):
        where = f"documents[{i}]"
        data = document.data if isinstance(document.data, bytes) else b""
        shown = safe_name(document.name)
        if len(data) > MAX_BYTES:
            limit = MAX_BYTES // (1024 * 1024)
            problems.append(
                Problem("appr_document_too_big", path=where, value=shown, params={"limit": limit})
            )
            continue
        kind = media_type(data)
        if kind is None:
            problems.append(Problem("appr_document_type", path=where, value=shown))
            continue
        if kind in IMAGES:
            data = without_metadata(data, IMAGES[kind])
            if data is None:
                problems.append(Problem("appr_document_broken", path=where, value=shown))
                continue
        checked.append(Checked(shown, kind, data))
    if problems:
        raise ValidationFailed(problems)
    return checked


def keep_documents(
    session: Session,
    project_id: int,
    round_: int,
    documents: list[Checked],
    *,
    by: str | None,
    now: datetime,
) -> None:
    """The checked documents' bytes kept and their rows added to the caller's transaction."""
    for document in documents:
        digest = keep_blob(FOLDER, document.data)
        session.add(
            ApprovalDocument(
                project_id=project_id,
                round=round_,
                sha256=digest,
                name=document.name,
                media_type=document.media_type,
                size=len(document.data),
                uploaded_at=now,
                uploaded_by=by,
            )
        )


def document_path(sha256: str) -> Path:
    return blob_path(FOLDER, sha256)


def document_view(row: ApprovalDocument) -> DocumentView:
    return DocumentView(
        row.id, row.round, row.name, row.media_type, row.size, row.sha256, row.uploaded_at
    )
