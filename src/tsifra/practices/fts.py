"""The full-text index of the registry on each database, kept in step with the records.

SQLite: the FTS5 table `practice_fts` (rowid = the practice's id) holds the Snowball stems of
each field, written by `fts_words.document`. PostgreSQL: `practice_search` holds one `tsvector`
per practice in the `russian` configuration (weights: title A, problem and tags B, description
C) under a GIN index, computed in SQL from the row. Both are made by migration 0007; neither is
an ORM model. A query is matched the same way on both (`fts_words.query_terms`).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, Float, Integer, bindparam, column, select, text
from sqlalchemy.sql.elements import TextClause
from sqlalchemy.sql.selectable import TextualSelect

from tsifra.practices.fts_words import Term, document, fts5_match, tsquery
from tsifra.store.models import Practice

FTS_TABLE = "practice_fts"
PG_TABLE = "practice_search"
# bm25 weights of title, problem, description, technologies, owner, software
BM25 = "bm25(practice_fts, 8.0, 3.0, 1.0, 3.0, 2.0, 2.0)"

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


def matching_ids(dialect: str, groups: list[tuple[Term, ...]]) -> TextClause:
    """The ids of the practices whose text matches the query, as a subquery."""
    if dialect == "postgresql":
        return text(
            "SELECT practice_id AS id FROM practice_search WHERE document @@ CAST(:tsq AS tsquery)"
        ).bindparams(tsq=tsquery(groups))
    return text("SELECT rowid AS id FROM practice_fts WHERE practice_fts MATCH :match").bindparams(
        match=fts5_match(groups)
    )


def title_matching_ids(dialect: str, groups: list[tuple[Term, ...]]) -> TextClause:
    """The ids of the practices whose title holds every word of the query."""
    if dialect == "postgresql":
        matching = "SELECT practice_id AS id FROM practice_search WHERE document @@ "
        return text(matching + "CAST(:title AS tsquery)").bindparams(
            title=tsquery(groups, weight="A")
        )
    return text("SELECT rowid AS id FROM practice_fts WHERE practice_fts MATCH :title").bindparams(
        title="title : (" + fts5_match(groups) + ")"
    )


def ranked(dialect: str, groups: list[tuple[Term, ...]]) -> TextualSelect:
    """The matching practices as (id, rank), better matches with a smaller rank: FTS5's bm25
    is smaller for better matches, PostgreSQL's ts_rank larger, so it is negated."""
    if dialect == "postgresql":
        sub = text(
            "SELECT practice_id AS id, -ts_rank(document, CAST(:tsq AS tsquery)) AS rank "
            "FROM practice_search WHERE document @@ CAST(:tsq AS tsquery)"
        ).bindparams(tsq=tsquery(groups))
    else:
        sub = text(
            f"SELECT rowid AS id, {BM25} AS rank FROM practice_fts WHERE practice_fts MATCH :match"
        ).bindparams(match=fts5_match(groups))
    return sub.columns(column("id", Integer), column("rank", Float))
