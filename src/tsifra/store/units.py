"""The units a database knows: the federal subjects from the reference list, later agencies."""

from __future__ import annotations

from sqlalchemy import Engine, select

from tsifra.reference import load_regions
from tsifra.store.database import session_scope
from tsifra.store.migrate import require_current
from tsifra.store.models import Unit


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


def list_units(engine: Engine) -> list[Unit]:
    """Every unit, by code; detached rows, safe to read after the session closes."""
    require_current(engine)
    with session_scope(engine) as session:
        return list(session.scalars(select(Unit).order_by(Unit.code)))
