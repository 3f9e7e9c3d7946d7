"""Agencies as units of the store, so the agency rating's values can be ingested and rated like
a region's.

An agency is a unit of kind `agency`: a federal body has no parent, a regional one has its region
as parent (the region's pages and the agency's go together). Loading is an upsert: a list loaded
twice changes nothing, an agency a later list omits stays (its values and runs still name it).
Every problem of the lists is reported at once and nothing is written unless all are right.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select

from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.reference.agencies import Agency, read_agencies
from tsifra.store import Unit, require_current, session_scope
from tsifra.store.audit import record

KIND = "agency"


@dataclass(frozen=True)
class LoadedAgencies:
    """What a load changed."""

    added: int
    updated: int
    unchanged: int
    federal: int  # agencies in the lists without a region
    regional: int


@dataclass(frozen=True)
class AgencyUnit:
    """An agency as the store holds it; `region` None for a federal body."""

    code: str
    name_ru: str
    name_en: str | None
    region: str | None

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" and self.name_en else self.name_ru


def load_agencies(
    engine: Engine, paths: Iterable[str | Path] | None = None, *, actor: str | None = None
) -> LoadedAgencies:
    """Store the agencies of the files (the bundled federal and regional lists by default)."""
    require_current(engine)
    paths = None if paths is None else list(paths)
    agencies = read_agencies(paths)
    target = "bundled" if paths is None else ", ".join(Path(p).name for p in paths)
    return store_agencies(engine, agencies, actor=actor, target=target)


def store_agencies(
    engine: Engine, agencies: Sequence[Agency], *, actor: str | None = None, target: str = ""
) -> LoadedAgencies:
    """Upsert agencies read elsewhere (`read_agencies`, the demo's bodies) as units."""
    require_current(engine)
    added = updated = unchanged = 0
    with session_scope(engine) as session:
        units = {u.code: u for u in session.scalars(select(Unit))}
        problems = _problems(agencies, units)
        if problems:
            raise ValidationFailed(problems)
        for agency in agencies:
            unit = units.get(agency.code)
            wanted = (KIND, agency.name_ru, agency.name_en, agency.region)
            if unit is None:
                unit = Unit(code=agency.code)
                session.add(unit)
                units[agency.code] = unit
                added += 1
            elif (unit.kind, unit.name_ru, unit.name_en, unit.parent) == wanted:
                unchanged += 1
                continue
            else:
                updated += 1
            unit.kind, unit.name_ru, unit.name_en, unit.parent = wanted
        federal = sum(a.federal for a in agencies)
        details = {"added": added, "updated": updated, "federal": federal}
        record(session, actor, "agencies.load", target or None, details)
    return LoadedAgencies(added, updated, unchanged, federal, len(agencies) - federal)


def list_agencies(engine: Engine, region: str | None = None) -> list[AgencyUnit]:
    """The agencies stored: federal ones first, then by region; only a region's with `region`."""
    require_current(engine)
    query = select(Unit).where(Unit.kind == KIND)
    if region:
        query = query.where(Unit.parent == region)
    with session_scope(engine) as session:
        found = [AgencyUnit(u.code, u.name_ru, u.name_en, u.parent) for u in session.scalars(query)]
    return sorted(found, key=lambda a: (a.region is not None, a.region or "", a.code))


def _problems(agencies: Sequence[Agency], units: dict[str, Unit]) -> list[Problem]:
    """What only the store can tell: a code some other unit holds, a region it lacks."""
    problems = []
    for agency in agencies:
        unit = units.get(agency.code)
        where = {"file": agency.file, "row": agency.row}
        if unit is not None and unit.kind != KIND:
            problems.append(Problem("agency_code_taken", column="code", value=agency.code, **where))
        region = units.get(agency.region) if agency.region else None
        if agency.region and (region is None or region.kind != "region"):
            problems.append(
                Problem("agency_unknown_region", column="region", value=agency.region, **where)
            )
    return problems
