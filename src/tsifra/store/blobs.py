"""Files kept by their SHA-256 in the data directory: a task's report files, a case's photos.

One folder per kind of file under `TSIFRA_HOME`, then the digest's first two characters, then
the digest: a name no user chose, so none becomes a path, and the same bytes are kept once. The
row that says whose file it is, under what name, lives in the database.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path, PurePath

from tsifra.store.database import data_home, private_folder

HEX = frozenset("0123456789abcdef")


def blob_path(folder: str, sha256: str) -> Path:
    """Where the bytes with this digest are kept; a text that is no digest is refused, so no
    caller can be made to read another path."""
    if len(sha256) != 64 or not set(sha256) <= HEX:
        raise ValueError("not a SHA-256 digest")
    return data_home() / folder / sha256[:2] / sha256


def keep_blob(folder: str, data: bytes) -> str:
    """Write the bytes under their digest, readable by the owner only, through a temporary name
    flushed to disk, so a reader never sees half a file and an acknowledged file survives a
    crash; a file already kept is left as it is. Returns the digest."""
    digest = hashlib.sha256(data).hexdigest()
    target = blob_path(folder, digest)
    private_folder(data_home() / folder)
    private_folder(target.parent)
    if not target.is_file():
        temporary = target.with_name(f".{digest}.{os.getpid()}.tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    return digest


def safe_name(name: str) -> str:
    """A file's own name without any folder or unprintable character, as shown and offered on
    download (at most 200 characters; "file" when nothing is left)."""
    base = PurePath((name or "").replace("\\", "/")).name
    base = "".join(c for c in base if c.isprintable()).strip()
    return base[:200] or "file"
