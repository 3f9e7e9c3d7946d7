"""Methodology versions kept in the database, so every stored value and result names the exact text.

A methodology is stored once per distinct text (by SHA-256); loading the same file again is a
no-op, and the newest stored version of an id is what ingest validates against by default.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Connection, Engine, insert, select

from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.methodology import Methodology, load_methodology
from tsifra.methodology.loader import methodology_hash, parse_methodology, resolve
from tsifra.store import StoredMethodology, session_scope, utcnow
from tsifra.store.audit import record


@lru_cache(maxsize=32)
def _parsed(text: str, name: str) -> Methodology:
    """Parsing YAML is the slow part of reading a stored version; models are immutable, so one
    parse serves every batch and computation that uses the same text."""
    return parse_methodology(text, name)


@dataclass(frozen=True)
class MethodologyVersion:
    id: int | None  # the database row; None for a bundled version not stored yet
    sha256: str
    methodology: Methodology
    created: bool  # False when this exact text was stored before
    text: str | None = None  # kept only while not stored, so `persist` can store it


def store_methodology(
    engine: Engine, source: str | Path, actor: str | None = None
) -> MethodologyVersion:
    """Validate a methodology file (or bundled id) and keep its text; returns the stored version."""
    m = load_methodology(source)
    text = resolve(source).read_text(encoding="utf-8")
    digest = methodology_hash(text)
    with session_scope(engine) as session:
        row = session.scalar(
            select(StoredMethodology).where(
                StoredMethodology.code == m.id, StoredMethodology.sha256 == digest
            )
        )
        if row is not None:
            return MethodologyVersion(row.id, digest, m, created=False)
        row = StoredMethodology(
            code=m.id,
            version=m.version,
            title=m.title,
            yaml=text,
            sha256=digest,
            stored_at=utcnow(),
        )
        session.add(row)
        session.flush()
        record(session, actor, "methodology.store", f"{m.id}@{m.version}", {"sha256": digest})
        return MethodologyVersion(row.id, digest, m, created=True)


def stored_methodology(engine: Engine, code: str) -> MethodologyVersion:
    """The newest stored version of methodology `code`.

    A bundled methodology that was never stored comes back with `id=None`; whoever writes with
    it stores it in the same transaction (`persist`), so that a rejected file changes nothing.
    """
    with session_scope(engine) as session:
        row = session.scalars(
            select(StoredMethodology)
            .where(StoredMethodology.code == code)
            .order_by(StoredMethodology.id.desc())
            .limit(1)
        ).first()
    if row is None:
        if resolve(code) is not None and not Path(code).is_file():
            text = resolve(code).read_text(encoding="utf-8")
            m = _parsed(text, code)
            return MethodologyVersion(None, methodology_hash(text), m, False, text)
        raise ValidationFailed([Problem("unknown_methodology", value=code)])
    return MethodologyVersion(row.id, row.sha256, _parsed(row.yaml, code), False)


def methodology_version(engine: Engine, row_id: int) -> MethodologyVersion:
    """A stored version by its row id, exactly as it was stored (for reproducing results)."""
    with session_scope(engine) as session:
        row = session.get(StoredMethodology, row_id)
        if row is None:
            raise ValidationFailed([Problem("unknown_methodology", value=str(row_id))])
        return MethodologyVersion(row.id, row.sha256, _parsed(row.yaml, row.code), False)


def persist(bind: Connection, version: MethodologyVersion, actor: str | None = None) -> int:
    """The row id of `version`, storing it first (inside the caller's transaction) if needed."""
    if version.id is not None:
        return version.id
    m = version.methodology
    known = bind.scalar(
        select(StoredMethodology.id).where(
            StoredMethodology.code == m.id, StoredMethodology.sha256 == version.sha256
        )
    )
    if known is not None:  # stored earlier in the same transaction
        return known
    row_id = bind.execute(
        insert(StoredMethodology)
        .values(
            code=m.id,
            version=m.version,
            title=m.title,
            yaml=version.text,
            sha256=version.sha256,
            stored_at=utcnow(),
        )
        .returning(StoredMethodology.id)
    ).scalar_one()
    record(bind, actor, "methodology.store", f"{m.id}@{m.version}", {"sha256": version.sha256})
    return row_id


def list_methodologies(engine: Engine) -> list[StoredMethodology]:
    """Every stored version, oldest first (detached rows)."""
    with session_scope(engine) as session:
        return list(session.scalars(select(StoredMethodology).order_by(StoredMethodology.id)))
