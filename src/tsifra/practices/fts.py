"""The full-text index of the registry on each database, kept in step with the records.

SQLite: the FTS5 table `practice_fts` (rowid = the practice's id) holds the Snowball stems of
each field, written by `fts_words.document`. PostgreSQL: `practice_search` holds one `tsvector`
per practice in the `russian` configuration (weights: title A, problem and tags B, description
C) under a GIN index, computed in SQL from the row. Both are made by migration 0007; neither is
an ORM model. A search does not query them: it reads what they hold once into memory
(`stored_words`, inverted by `word_index`) and matches there, the same way on both
(`fts_words.query_terms`).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, bindparam, select, text

from tsifra.practices.fts_words import document
from tsifra.store.models import Practice

FTS_TABLE = "practice_fts"
PG_TABLE = "practice_search"

DOCUMENT = """
    setweight(to_tsvector('russian', coalesce(p.title, '')), 'A')
    || setweight(to_tsvector('russian', coalesce(p.problem, '')), 'B')
    || setweight(to_tsvector('russian', coalesce(p.description, '')), 'C')
    || setweight(to_tsvector('russian', concat_ws(' ',
        CASE WHEN json_typeof(p.technologies) = 'array' THEN
            (SELECT string_agg(t, ' ') FROM json_array_elements_text(p.technologies) AS t)
        END,
        p.owner_agency, p.software)), 'B')
"""
_PG_UPSERT = text(
    f"INSERT INTO practice_search (practice_id, document) SELECT p.id, {DOCUMENT} "
    "FROM practices AS p WHERE p.id = :id "
    "ON CONFLICT (practice_id) DO UPDATE SET document = excluded.document"
)

_PG_INSERT_ALL = text(
    f"INSERT INTO practice_search (practice_id, document) SELECT p.id, {DOCUMENT} "
    "FROM practices AS p"
)


def _fields(title, problem, description, technologies, owner, software) -> dict[str, str]:
    tags = " ".join(str(t) for t in technologies) if isinstance(technologies, list) else ""
    return {
        "title": document(title or ""),
        "problem": document(problem or ""),
        "description": document(description or ""),
        "technologies": document(tags),
        "owner": document(owner or ""),
        "software": document(software or ""),
    }


_COLUMNS = (
    Practice.id,
    Practice.title,
    Practice.problem,
    Practice.description,
    Practice.technologies,
    Practice.owner_agency,
    Practice.software,
)
_FTS_INSERT = text(
    "INSERT INTO practice_fts (rowid, title, problem, description, technologies, owner, "
    "software) VALUES (:id, :title, :problem, :description, :technologies, :owner, :software)"
)


def index_practices(connection: Connection, practice_ids: Iterable[int]) -> None:
    """Bring the index of these practices in step with their records, in the caller's
    transaction; an id with no record leaves no entry behind."""
    ids = sorted(set(practice_ids))
    if not ids:
        return
    if connection.dialect.name == "postgresql":
        for practice_id in ids:
            connection.execute(_PG_UPSERT, {"id": practice_id})
        stale = text("DELETE FROM practice_search WHERE practice_id IN :ids AND practice_id NOT IN "
                     "(SELECT id FROM practices WHERE id IN :ids)")  # fmt: skip
        connection.execute(stale.bindparams(bindparam("ids", expanding=True)), {"ids": ids})
        return
    delete = text("DELETE FROM practice_fts WHERE rowid IN :ids")
    connection.execute(delete.bindparams(bindparam("ids", expanding=True)), {"ids": ids})
    rows = connection.execute(select(*_COLUMNS).where(Practice.id.in_(ids))).all()
    if rows:
        connection.execute(_FTS_INSERT, [{"id": r[0], **_fields(*r[1:])} for r in rows])


def index_all(connection: Connection, chunk: int = 5_000) -> None:
    """Build the whole index anew (after a bulk load or by the migration)."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("DELETE FROM practice_search"))
        connection.execute(_PG_INSERT_ALL)
        return
    connection.execute(text("DELETE FROM practice_fts"))
    result = connection.execute(select(*_COLUMNS).order_by(Practice.id))
    while rows := result.fetchmany(chunk):
        connection.execute(_FTS_INSERT, [{"id": r[0], **_fields(*r[1:])} for r in rows])


_STORED = {
    # the stems of the title, of the problem, tags, owner and software, of the description
    "sqlite": "SELECT rowid, title, "
    + " || ' ' || ".join(
        f"coalesce({c}, '')" for c in ("problem", "technologies", "owner", "software")
    )
    + ", description FROM practice_fts",
    "postgresql": "SELECT practice_id, "
    + ", ".join(
        f"array_to_string(tsvector_to_array(ts_filter(document, '{{{w}}}')), ' ')" for w in "abc"
    )
    + " FROM practice_search",
}
_STORED_ID = {"sqlite": "rowid", "postgresql": "practice_id"}


def stored_words(connection: Connection, ids: Iterable[int] | None = None) -> list[tuple]:
    """What the index holds of each practice (all, or these): (id, the stems of the title, of
    the problem, tags, owner and software, of the description), each a space-separated string.
    Read with the driver's own cursor: no row objects for 100,000 practices."""
    dialect = connection.dialect.name
    sql = _STORED[dialect]
    if ids is not None:
        wanted = sorted({int(i) for i in ids})
        if not wanted:
            return []
        # ids made integers above: nothing a reader typed reaches this text
        sql += f" WHERE {_STORED_ID[dialect]} IN ({', '.join(str(i) for i in wanted)})"
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql)
        return cursor.fetchall()
    finally:
        cursor.close()
