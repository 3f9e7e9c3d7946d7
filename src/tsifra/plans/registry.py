"""What a plan reads of the registry: counted replications, the stale mark, fresh effects.

The rules are the registry's (`tsifra.practices`): a replication counts only with evidence, a
practice not verified for twelve months is stale, and the measured effects are recomputed when
the stored values changed before anyone ranks by them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import Connection, Engine, select

from tsifra.store import PracticeReplication


def refresh(engine: Engine) -> None:
    """Bring `practice_effects` up to the stored values before ranking by them."""
    try:
        from tsifra.practices.effects import refresh_effects
    except ImportError:  # the registry's effects are not there yet: the stored ones stand
        return
    refresh_effects(engine)


def counts(replication) -> bool:
    """A replication counts iff its evidence kind is set and it is backed by a number with a
    date, a link or a kept file."""
    r = replication
    if not r.evidence_kind:
        return False
    return bool((r.evidence_number and r.evidence_date) or r.evidence_url or r.evidence_sha256)


def counted_replications(connection: Connection, practice_ids: Iterable[int]) -> dict[int, int]:
    """Counted replications per practice (those with evidence only)."""
    ids = list(practice_ids)
    out: dict[int, int] = {}
    if not ids:
        return out
    rows = connection.execute(
        select(
            PracticeReplication.practice_id,
            PracticeReplication.evidence_kind,
            PracticeReplication.evidence_number,
            PracticeReplication.evidence_date,
            PracticeReplication.evidence_url,
            PracticeReplication.evidence_sha256,
        ).where(PracticeReplication.practice_id.in_(ids))
    )
    for row in rows:
        if counts(row):
            out[row.practice_id] = out.get(row.practice_id, 0) + 1
    return out


def is_stale(verified_at: date | None, today: date) -> bool:
    """Not verified in the twelve calendar months before `today` (same day, clamped)."""
    if verified_at is None:
        return True
    year = today.year - 1
    day = today.day
    while True:
        try:
            limit = today.replace(year=year, day=day)
            break
        except ValueError:  # 29 February a year before
            day -= 1
    return verified_at < limit
