"""Bringing a database to the current schema, and filling what every database needs.

Migrations are Alembic scripts shipped inside the package, so `tsifra db upgrade` works from an
installed wheel without an alembic.ini. After migrating, the reference units (the federal
subjects) are added or refreshed: a value for an unknown region cannot be ingested, so the list of
regions is part of a usable database, not demo data.
"""

from __future__ import annotations

import functools
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS = Path(__file__).parent / "migrations"

# Made by migrations in each database's own terms, so no ORM model describes them: the registry's
# full-text index (an FTS5 table with its shadow tables on SQLite, a tsvector table on
# PostgreSQL) and the indexes its searches sort and count by (migration 0007); the zones' PostGIS
# shapes and PostGIS's own table of reference systems (0008).
NOT_MODELLED_TABLES = (
    "practice_fts",
    "practice_search",
    "network_zone_shapes",
    "spatial_ref_sys",
)
NOT_MODELLED_INDEXES = frozenset(
    {
        "ix_practices_effect",
        "ix_practices_verified_at",
        "ix_practices_title",
        "ix_practices_facets",
        "ix_practices_keys",
        "ix_practice_indicators_indicator_practice",
        "ix_practice_regions_region_practice",
    }
)


def modelled(obj, name: str | None, type_: str, reflected: bool, compare_to) -> bool:
    """Alembic's `include_object`: whether a schema object is one the models describe."""
    if type_ == "table" and name and name.startswith(NOT_MODELLED_TABLES):
        return False
    return not (type_ == "index" and name in NOT_MODELLED_INDEXES)


def _config(connection=None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine) -> str:
    """Migrate to the newest revision and load the reference units; returns the revision id."""
    with engine.begin() as connection:
        command.upgrade(_config(connection), "head")
    from tsifra.store.units import sync_reference_units

    sync_reference_units(engine)
    return current_revision(engine) or ""


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


@functools.cache
def head_revision() -> str:
    """The newest migration shipped with the package. Kept for the life of the process: finding
    it loads and compiles every migration script, which every service call would otherwise pay
    for (about 2 ms each, most of a fast request)."""
    return ScriptDirectory.from_config(_config()).get_current_head() or ""


def is_current(engine: Engine) -> bool:
    return current_revision(engine) == head_revision()


def require_current(engine: Engine) -> None:
    """Services call this first, so a user sees "run tsifra db upgrade", not an SQL error."""
    from tsifra.kernel.problems import Problem, ValidationFailed

    if not is_current(engine):
        raise ValidationFailed([Problem("database_not_ready")])
