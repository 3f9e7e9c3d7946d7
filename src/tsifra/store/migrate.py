"""Bringing a database to the current schema, and filling what every database needs.

Migrations are Alembic scripts shipped inside the package, so `tsifra db upgrade` works from an
installed wheel without an alembic.ini. After migrating, the reference units (the federal
subjects) are added or refreshed: a value for an unknown region cannot be ingested, so the list of
regions is part of a usable database, not demo data.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, select

from tsifra.reference import load_regions
from tsifra.store.database import session_scope
from tsifra.store.models import Unit

MIGRATIONS = Path(__file__).parent / "migrations"


def _config(connection=None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine) -> str:
    """Migrate to the newest revision and load the reference units; returns the revision id."""
    with engine.begin() as connection:
        command.upgrade(_config(connection), "head")
    sync_reference_units(engine)
    return current_revision(engine) or ""


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    return ScriptDirectory.from_config(_config()).get_current_head() or ""


def is_current(engine: Engine) -> bool:
    return current_revision(engine) == head_revision()


def require_current(engine: Engine) -> None:
    """Services call this first, so a user sees "run tsifra db upgrade", not an SQL error."""
    from tsifra.problems import Problem, ValidationFailed

    if not is_current(engine):
        raise ValidationFailed([Problem("database_not_ready")])


def sync_reference_units(engine: Engine) -> int:
    """Insert or refresh every federal subject from the bundled reference list; returns how many."""
    regions = load_regions()
    with session_scope(engine) as session:
        existing = {u.code: u for u in session.scalars(select(Unit))}
        for code, row in regions.iterrows():
            unit = existing.get(code) or Unit(code=code)
            unit.kind = "region"
            unit.name_ru = row["name_ru"]
            unit.name_en = row["name_en"]
            unit.federal_district = row["federal_district"]
            unit.okato = str(row["okato"])
            unit.population = int(row["population"])
            session.add(unit)
    return len(regions)
