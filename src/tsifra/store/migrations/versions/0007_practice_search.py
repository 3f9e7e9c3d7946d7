"""Full-text search of the registry of practices: on SQLite an FTS5 table of Snowball stems
(written by `practices.fts`), on PostgreSQL a table of `tsvector` documents in the `russian`
configuration with a GIN index. Neither is an ORM model: `store.migrate.modelled` leaves them
out of the comparison of models and schema.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# Frozen here as this revision made them (the live copies are in `practices.fts`).
FTS5 = (
    "CREATE VIRTUAL TABLE practice_fts USING fts5("
    "title, problem, description, technologies, owner, software, "
    "tokenize = 'unicode61 remove_diacritics 0')"
)
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


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(
            "CREATE TABLE practice_search ("
            "practice_id integer PRIMARY KEY REFERENCES practices (id) ON DELETE CASCADE, "
            "document tsvector NOT NULL)"
        )
        op.execute(
            "CREATE INDEX ix_practice_search_document ON practice_search USING gin (document)"
        )
        op.execute(
            f"INSERT INTO practice_search (practice_id, document) SELECT p.id, {DOCUMENT} "
            "FROM practices AS p"
        )
        # Sorting by the measured effect (NULLs last) and by verification date pages by index.
        op.execute("CREATE INDEX ix_practices_effect ON practices (effect DESC NULLS LAST, id)")
    else:
        op.execute(FTS5)
        from tsifra.practices.fts import index_all

        index_all(bind)
        op.execute("CREATE INDEX ix_practices_effect ON practices (effect DESC, id)")
    op.execute("CREATE INDEX ix_practices_verified_at ON practices (verified_at DESC, id)")
    op.execute("CREATE INDEX ix_practices_title ON practices (title, id)")
    op.execute("CREATE INDEX ix_practices_facets ON practices (sector, ai_kind, stage)")
    # The facets of a set of ids (the words' matches) without reading the wide rows.
    op.execute("CREATE INDEX ix_practices_keys ON practices (id, sector, ai_kind, stage)")
    op.execute(
        "CREATE INDEX ix_practice_indicators_indicator_practice "
        "ON practice_indicators (indicator, practice_id)"
    )
    op.execute(
        "CREATE INDEX ix_practice_regions_region_practice ON practice_regions (region, practice_id)"
    )


def downgrade() -> None:
    for index in (
        "ix_practice_regions_region_practice",
        "ix_practice_indicators_indicator_practice",
        "ix_practices_keys",
        "ix_practices_facets",
        "ix_practices_title",
        "ix_practices_verified_at",
        "ix_practices_effect",
    ):
        op.execute(f"DROP INDEX {index}")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TABLE practice_search")
    else:
        op.execute("DROP TABLE practice_fts")
