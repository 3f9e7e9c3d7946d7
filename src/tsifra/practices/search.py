"""Full-text search of the registry with Russian word forms, facets and their counts.

A placeholder until the search is built: the registry's writes call `index_practice` in their
transaction so that the index never lags the records.
"""

from __future__ import annotations

from sqlalchemy import Connection


def index_practice(connection: Connection, practice_id: int) -> None:
    """Bring the full-text index of one practice in step with its record (same transaction)."""
