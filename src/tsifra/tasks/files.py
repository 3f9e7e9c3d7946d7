"""Files attached to a task's report: checked, then kept once by SHA-256 in the data directory.

Only what an office sends as evidence is taken: PDF, PNG and JPEG pictures, Word and Excel
(DOCX, XLSX) and OpenDocument text (ODT), each at most `MAX_BYTES`, at most `MAX_FILES` to a
report. The type is read from the bytes, not the name: a file whose name says PDF but whose
content does not is refused. Files live in `task-files/` of the data directory (folders 700,
files 600), named by their digest, so the same file sent twice is kept once and no name a user
chose ever becomes a path. Downloading goes through `tasks.downloads`, which checks that the
reader may read the task.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath

from tsifra.kernel.problems import Problem
from tsifra.store.blobs import blob_path, keep_blob, safe_name

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 5
FOLDER = "task-files"
OOXML = {
    ".docx": ("word/", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".xlsx": ("xl/", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}
ODT = "application/vnd.oasis.opendocument.text"


@dataclass(frozen=True)
class KeptFile:
    sha256: str
    name: str
    media_type: str
    size: int


def media_type(name: str, data: bytes) -> str | None:
    """The type of an accepted file, judged by its bytes (and, for zip-based office files, by
    what the zip holds); None for anything else."""
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if "mimetype" in names and archive.read("mimetype").strip() == ODT.encode():
                return ODT
            suffix = PurePath(name).suffix.lower()
            if suffix in OOXML and "[Content_Types].xml" in names:
                folder, kind = OOXML[suffix]
                if any(n.startswith(folder) for n in names):
                    return kind
    except (zipfile.BadZipFile, KeyError, OSError):
        return None
    return None


def problems(files: Sequence[tuple[str, bytes]]) -> list[Problem]:
    found = []
    if len(files) > MAX_FILES:
        found.append(Problem("task_too_many_files", path="files", params={"limit": MAX_FILES}))
    for name, data in files:
        shown = safe_name(name)
        if len(data) > MAX_BYTES:
            limit = MAX_BYTES // (1024 * 1024)
            found.append(
                Problem("task_file_too_big", path="files", value=shown, params={"limit": limit})
            )
        elif media_type(name, data) is None:
            found.append(Problem("task_file_type", path="files", value=shown))
    return found


def path_of(sha256: str) -> Path:
    return blob_path(FOLDER, sha256)


def keep(name: str, data: bytes) -> KeptFile:
    """Keep the bytes (checked by `problems` first) under their digest (`store.blobs`)."""
    digest = keep_blob(FOLDER, data)
    return KeptFile(digest, safe_name(name), media_type(name, data) or "", len(data))
