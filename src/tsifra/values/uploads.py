"""A data file sent by a person through the API or the upload page: one set of rules for both.

Who may send what is decided here, not in the shells: only writers send; an operator's file may
hold its own region only and is stored under the source `region:<code>`, so a region's figures
always say which office sent them; nobody names a source in another's namespace (another
region's, a formula's, the demo's: `values.sources`); a refusal is recorded before it is raised.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import replace
from pathlib import Path

from sqlalchemy import Engine

from tsifra.accounts.users import Account, record_refusal
from tsifra.kernel.problems import Forbidden, Problem, ValidationFailed
from tsifra.values.ingest import IngestReport, ingest_file
from tsifra.values.reading import SUFFIXES
from tsifra.values.sources import check_upload_source, region_source

MAX_UPLOAD = 64 * 2**20  # 64 MB: a year of a region's data is a fraction of that


def ingest_upload(
    engine: Engine,
    account: Account | None,
    filename: str | None,
    data: bytes,
    source: str | None = None,
    reason: str | None = None,
) -> IngestReport:
    """Ingest the bytes of an uploaded file as one batch, under the rules of `ingest_file`.

    Problems name the file as the person knows it (`filename` without any folder), never the
    temporary copy. `data` longer than `MAX_UPLOAD` is refused before anything is parsed; the
    shells read at most one byte more than that, so a huge body is never held whole.
    """
    name = Path(filename or "upload.csv").name or "upload.csv"
    if account is None or not account.is_writer:
        record_refusal(engine, account, "values.ingest", name)
        raise Forbidden(name)
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise ValidationFailed([Problem("unsupported_format", file=name, value=suffix or name)])
    if len(data) > MAX_UPLOAD:
        raise ValidationFailed([Problem("too_large", file=name, params={"limit_mb": 64})])
    own = [account.region] if account.role == "operator" else None
    if source and source.strip():
        try:
            check_upload_source(source, account.region if own else None)
        except ValidationFailed:  # a write under another's name: audited like any refusal
            record_refusal(engine, account, "values.source", source)
            raise
    source = region_source(account.region) if own else (source or f"user:{account.login}")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / _tame(name)
        path.write_bytes(data)
        try:
            return ingest_file(
                engine, path, source, reason=reason, actor=account.login, only_units=own
            )
        except Forbidden:
            record_refusal(engine, account, "values.ingest", name)
            raise
        except ValidationFailed as failed:
            # The only file involved is the one sent: name it as the person knows it.
            renamed = [replace(p, file=name) if p.file else p for p in failed.problems]
            raise ValidationFailed(renamed) from None


def _tame(name: str) -> str:
    """The copy on disk gets a plain name with the original suffix (the reader goes by suffix)."""
    stem = re.sub(r"[^\w.-]", "_", Path(name).stem)[:80] or "upload"
    return stem + Path(name).suffix.lower()
