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

import hashlib
import io
import os
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath

from tsifra.kernel.problems import Problem
from tsifra.store import data_home
from tsifra.store.database import private_folder

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


def safe_name(name: str) -> str:
    """The file's own name without any folder, as shown and offered on download."""
    base = PurePath((name or "").replace("\\", "/")).name.strip()
    return base[:200] or "file"


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


def folder() -> Path:
    return data_home() / FOLDER


def path_of(sha256: str) -> Path:
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError("not a SHA-256 digest")
    return folder() / sha256[:2] / sha256


def keep(name: str, data: bytes) -> KeptFile:
    """Write the bytes (checked by `problems` first) under their digest, readable by the owner
    only; a file already kept is left as it is. Written to a temporary name and renamed, so a
    reader never sees half a file."""
    digest = hashlib.sha256(data).hexdigest()
    target = path_of(digest)
    private_folder(folder())
    private_folder(target.parent)
    if not target.is_file():
        temporary = target.with_name(f".{digest}.{os.getpid()}.tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(temporary, target)
    return KeptFile(digest, safe_name(name), media_type(name, data) or "", len(data))
