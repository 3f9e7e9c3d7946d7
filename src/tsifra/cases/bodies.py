"""Bodies that answer citizens, as reference data: a region's ministries, municipal
administrations and utilities, loaded from a file with their source.

A file is the whole list for each region it names: a body it carries is added or updated, a
body of that region it no longer carries is deactivated, never deleted (cases and operators
still name it). Every problem of the file is reported at once, with its row and column, and
nothing is written unless the whole file is right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from tsifra.cases.rows import Row, read_rows
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.store import Unit, require_current, session_scope
from tsifra.store.audit import record
from tsifra.store.models import Body

KINDS = ("regional", "municipal", "federal", "organisation")
COLUMNS = ("code", "region", "name_ru", "kind")  # and optionally name_en, oktmo, email, source
DATA = Path(__file__).parent / "data" / "bodies"

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_OKTMO = re.compile(r"^(\d{8}|\d{11})$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class BodyInfo:
    code: str
    region: str
    name_ru: str
    name_en: str | None
    kind: str
    oktmo: str | None
    email: str | None
    active: bool

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" and self.name_en else self.name_ru


@dataclass(frozen=True)
class LoadedBodies:
    """What a load changed, per the whole file."""

    regions: tuple[str, ...]
    added: int
    updated: int
    deactivated: int


def load_bodies(engine: Engine, path: str | Path, actor: str | None = None) -> LoadedBodies:
    """Upsert the file's bodies and deactivate the bodies of its regions it does not list."""
    require_current(engine)
    rows = read_rows(path, COLUMNS)
    name = Path(path).name
    with session_scope(engine) as session:
        regions = set(session.scalars(select(Unit.code).where(Unit.kind == "region")))
        known = {b.code: b for b in session.scalars(select(Body))}
        problems = _problems(rows, name, regions, known)
        if problems:
            raise ValidationFailed(problems)
        listed = {r.get("code"): r for r in rows}
        added = updated = deactivated = 0
        for code, row in listed.items():
            body = known.get(code)
            if body is None:
                body = Body(code=code)
                session.add(body)
                added += 1
            elif _changed(body, row):
                updated += 1
            _fill(body, row)
        file_regions = {r.get("region") for r in rows}
        for body in known.values():
            if body.region in file_regions and body.code not in listed and body.active:
                body.active = False
                deactivated += 1
        record(
            session,
            actor,
            "bodies.load",
            name,
            {"regions": sorted(file_regions), "added": added, "updated": updated},
        )
    return LoadedBodies(tuple(sorted(file_regions)), added, updated, deactivated)


def list_bodies(engine: Engine, region: str | None = None) -> list[BodyInfo]:
    """Bodies of a region (or all), active first, by code."""
    query = select(Body).order_by(Body.region, Body.active.desc(), Body.code)
    if region:
        query = query.where(Body.region == region)
    with session_scope(engine) as session:
        return [body_info(b) for b in session.scalars(query)]


def active_body(session: Session, code: str) -> Body | None:
    """The body of that code if it exists and is active: what an operator, a routing rule or a
    forwarded case may name."""
    body = session.get(Body, code)
    return body if body is not None and body.active else None


def _problems(rows: list[Row], name: str, regions: set[str], known: dict[str, Body]) -> list:
    problems: list[Problem] = []
    seen: set[str] = set()

    def bad(code: str, row: Row, column: str, **params) -> None:
        problems.append(row.problem(code, name, column, **params))

    for row in rows:
        for column in COLUMNS:
            if not row.get(column):
                bad("empty_value", row, column)
        code = row.get("code")
        if code and not _CODE.match(code):
            bad("queue_bad_body_code", row, "code")
        elif code in seen:
            bad("queue_body_twice", row, "code")
        seen.add(code)
        region = row.get("region")
        if region and region not in regions:
            bad("unknown_unit", row, "region")
        elif code in known and region and known[code].region != region:
            bad("queue_body_in_other_region", row, "region", other=known[code].region)
        if row.get("kind") and row.get("kind") not in KINDS:
            bad("queue_bad_body_kind", row, "kind", expected=", ".join(KINDS))
        if row.get("oktmo") and not _OKTMO.match(row.get("oktmo")):
            bad("queue_bad_oktmo", row, "oktmo")
        if row.get("email") and not _EMAIL.match(row.get("email")):
            bad("queue_bad_body_email", row, "email")
        if len(row.get("name_ru")) > 500 or len(row.get("name_en")) > 500:
            bad("queue_name_too_long", row, "name_ru")
    return problems


def _changed(body: Body, row: Row) -> bool:
    return (body.name_ru, body.name_en, body.kind, body.oktmo, body.email, body.active) != (
        row.get("name_ru"),
        row.get("name_en") or None,
        row.get("kind"),
        row.get("oktmo") or None,
        row.get("email") or None,
        True,
    )


def _fill(body: Body, row: Row) -> None:
    body.region = row.get("region")
    body.name_ru = row.get("name_ru")
    body.name_en = row.get("name_en") or None
    body.kind = row.get("kind")
    body.oktmo = row.get("oktmo") or None
    body.email = row.get("email") or None
    body.active = True


def body_info(body: Body) -> BodyInfo:
    return BodyInfo(
        body.code,
        body.region,
        body.name_ru,
        body.name_en,
        body.kind,
        body.oktmo,
        body.email,
        body.active,
    )
