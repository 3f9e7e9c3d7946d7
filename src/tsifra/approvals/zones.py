"""Network owners' zones as reference data: loaded from GeoJSON files, all or nothing.

A file is a FeatureCollection, one Feature per zone, whose properties name the owner (`owner`,
a body's code; `owner_name`; `region`; optional `email`, where requests are announced), the
kind of `network` and the zone's `name`. A file is the whole set of zones of every owner it
names: their earlier zones are replaced, other owners' are kept, so each owner (or each
exchange with a utility) can be loaded on its own. An owner not yet known becomes a body of kind
`organisation` in its region, whose operators then answer the approvals; a body already known is
left as it is (its name and address are the bodies file's business), except that an owner a
bodies file of its region deactivated (by leaving it out) is active again: a file of its zones
says it answers.

Every problem of the file is reported at once with the feature it is in
(`features[3].properties.network`), and nothing is written unless the whole file is right. On
PostgreSQL with PostGIS the shapes are copied into `network_zone_shapes` in the same transaction
(from the stored text, so both paths of `approvals.owners` read the very same coordinates).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, delete, insert, select, text
from sqlalchemy.orm import Session

from tsifra.approvals.geometry import AREAS, bounds, parse_geometry, to_geojson
from tsifra.approvals.vocabulary import NETWORKS
from tsifra.kernel.language import Lang, word, word_key
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.store import Unit, require_current, session_scope, utcnow
from tsifra.store.audit import record
from tsifra.store.models import Body, NetworkZone

# The kinds of networks in words (approvals.vocabulary.NETWORKS).
NETWORK_WORDS = {
    "water": word_key("zone_network_water"),
    "sewer": word_key("zone_network_sewer"),
    "heat": word_key("zone_network_heat"),
    "gas": word_key("zone_network_gas"),
    "power": word_key("zone_network_power"),
    "telecom": word_key("zone_network_telecom"),
    "other": word_key("zone_network_other"),
}
REQUIRED = ("owner", "owner_name", "region", "network", "name")
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
SHAPES = "network_zone_shapes"


@dataclass(frozen=True)
class LoadedZones:
    """What a load did: the owners the file names, the zones it holds, the zones it replaced."""

    owners: tuple[str, ...]
    zones: int
    replaced: int


@dataclass(frozen=True)
class _Zone:
    owner: str
    network: str
    name: str
    geometry: str
    bounds: tuple[float, float, float, float]


def load_zones(
    engine: Engine, path: str | Path, *, actor: str | None = None, now: datetime | None = None
) -> LoadedZones:
    """Replace the zones of every owner the file names with the file's zones."""
    require_current(engine)
    path = Path(path)
    name = path.name
    data, digest = _read(path)
    now = now or utcnow()
    with session_scope(engine) as session:
        regions = set(session.scalars(select(Unit.code).where(Unit.kind == "region")))
        zones, owners, problems = _features(data, name, regions)
        problems += _known_owners(session, owners, name)
        if problems:
            raise ValidationFailed(problems)
        reactivated = []
        for code, props in owners.items():
            body = session.get(Body, code)
            if body is None:
                session.add(_body(code, props))
            elif not body.active:  # a bodies file of its region left it out
                body.active = True
                reactivated.append(code)
        session.flush()
        replaced = session.execute(
            delete(NetworkZone).where(NetworkZone.owner.in_(owners))
        ).rowcount
        session.execute(insert(NetworkZone), [_row(z, name, digest, now) for z in zones])
        if has_shapes(session.connection()):
            _copy_shapes(session, sorted(owners))
        record(
            session,
            actor,
            "approvals.zones.load",
            name,
            {
                "owners": sorted(owners),
                "zones": len(zones),
                "replaced": replaced,
                "reactivated": reactivated,
                "sha256": digest,
            },
        )
    return LoadedZones(tuple(sorted(owners)), len(zones), replaced)


def network_word(network: str, lang: Lang) -> str:
    """A kind of network in words; a code this list does not know is shown as itself."""
    key = NETWORK_WORDS.get(network)
    return word(key, lang) if key else network


def has_shapes(connection: Connection) -> bool:
    """Whether the database keeps the zones' shapes for PostGIS (migration 0008 made the table
    only where PostGIS was there to install)."""
    if connection.dialect.name != "postgresql":
        return False
    found = connection.execute(text("SELECT to_regclass(:name) IS NOT NULL"), {"name": SHAPES})
    return bool(found.scalar())


def zones_version(connection: Connection) -> tuple:
    """What the zones as they stand depend on, read from the primary key alone (a count or a
    maximum of `loaded_at` would read 100,000 rows on every search): every load inserts at least
    one zone, after every row it keeps, stamped with the load's moment, so the last row's
    (id, loaded_at) changes with every load, even where SQLite gives a deleted last id again."""
    # Plain SQL: it runs before every search, where building a statement costs more than it.
    row = connection.exec_driver_sql(
        "SELECT id, loaded_at FROM network_zones ORDER BY id DESC LIMIT 1"
    ).first()
    return tuple(row) if row is not None else (0, None)


def _read(path: Path) -> tuple[Any, str]:
    name = path.name
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ValidationFailed([Problem("file_not_found", file=name)]) from None
    except OSError:
        raise ValidationFailed(
            [Problem("unreadable", file=name, params={"detail": name})]
        ) from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ValidationFailed([Problem("geo_not_json", file=name)]) from None
    return data, hashlib.sha256(raw).hexdigest()


def _features(
    data: Any, name: str, regions: set[str]
) -> tuple[list[_Zone], dict[str, dict], list[Problem]]:
    """The file's zones and owners (by code, their first description), and its problems."""
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        return [], {}, [Problem("zone_not_collection", file=name)]
    features = data.get("features")
    if not isinstance(features, list) or not features:
        return [], {}, [Problem("zone_no_features", file=name, path="features")]
    zones: list[_Zone] = []
    owners: dict[str, dict] = {}
    problems: list[Problem] = []
    for i, feature in enumerate(features):
        where = f"features[{i}]"
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problems.append(Problem("zone_not_feature", file=name, path=where))
            continue
        props = feature.get("properties")
        props = props if isinstance(props, dict) else {}
        found = _properties(props, name, where, regions)
        shape = None
        if feature.get("geometry") is None:
            found.append(Problem("geo_no_geometry", file=name, path=f"{where}.geometry"))
        else:
            try:
                shape = parse_geometry(feature["geometry"], where=f"{where}.geometry")
            except ValidationFailed as exc:
                found += [_in_file(p, name) for p in exc.problems]
        if shape is not None and shape.geom_type not in AREAS:
            found.append(
                Problem("zone_not_area", file=name, path=f"{where}.geometry", value=shape.geom_type)
            )
        if not found:
            found = _same_owner(owners, props, name, where)
        problems += found
        if not found:
            owners.setdefault(props["owner"].strip(), {**props, "_where": where})
            zones.append(
                _Zone(
                    props["owner"].strip(),
                    props["network"],
                    props["name"].strip(),
                    to_geojson(shape),
                    bounds(shape),
                )
            )
    return zones, owners, problems


def _properties(props: dict, name: str, where: str, regions: set[str]) -> list[Problem]:
    problems: list[Problem] = []

    def bad(code: str, key: str, value: object = None, **params: object) -> None:
        path = f"{where}.properties.{key}"
        problems.append(Problem(code, file=name, path=path, value=value, params=params))

    for key in REQUIRED:
        value = props.get(key)
        if not isinstance(value, str) or not value.strip():
            bad("zone_missing_property", key)
    owner, region = props.get("owner"), props.get("region")
    if isinstance(owner, str) and owner.strip() and not _CODE.match(owner.strip()):
        bad("zone_bad_owner", "owner", owner)
    if isinstance(region, str) and region.strip() and region not in regions:
        bad("unknown_unit", "region", region)
    network = props.get("network")
    if isinstance(network, str) and network.strip() and network not in NETWORKS:
        bad("zone_bad_network", "network", network, known=", ".join(NETWORKS))
    for key in ("owner_name", "name"):
        if isinstance(props.get(key), str) and len(props[key].strip()) > 500:
            bad("zone_too_long", key)
    email = props.get("email")
    if email is not None and (not isinstance(email, str) or not _EMAIL.match(email)):
        bad("zone_bad_email", "email", email)
    return problems


def _same_owner(owners: dict[str, dict], props: dict, name: str, where: str) -> list[Problem]:
    """An owner is one body: every feature naming it describes it alike."""
    first = owners.get(props["owner"].strip())
    if first is None:
        return []
    problems = []
    for key in ("owner_name", "region", "email"):
        if (first.get(key) or None) != (props.get(key) or None):
            problems.append(
                Problem(
                    "zone_owner_differs",
                    file=name,
                    path=f"{where}.properties.{key}",
                    value=props.get(key),
                    params={"owner": props["owner"], "other": first.get(key)},
                )
            )
    return problems


def _known_owners(session: Session, owners: dict[str, dict], name: str) -> list[Problem]:
    """An owner already known must be the same body: a code of another region is a mistake."""
    if not owners:
        return []
    known = session.execute(select(Body.code, Body.region).where(Body.code.in_(owners))).all()
    return [
        Problem(
            "zone_owner_other_region",
            file=name,
            path=f"{owners[code]['_where']}.properties.owner",
            value=code,
            params={"other": region},
        )
        for code, region in known
        if region != owners[code]["region"]
    ]


def _body(code: str, props: dict) -> Body:
    return Body(
        code=code,
        region=props["region"],
        name_ru=props["owner_name"].strip(),
        name_en=None,
        kind="organisation",
        oktmo=None,
        email=props.get("email") or None,
        active=True,
    )


def _row(zone: _Zone, source: str, digest: str, now: datetime) -> dict:
    min_lon, min_lat, max_lon, max_lat = zone.bounds
    return {
        "owner": zone.owner,
        "network": zone.network,
        "name": zone.name,
        "geometry": zone.geometry,
        "min_lon": min_lon,
        "min_lat": min_lat,
        "max_lon": max_lon,
        "max_lat": max_lat,
        "source": source[:255],
        "source_sha256": digest,
        "loaded_at": now,
    }


def _copy_shapes(session: Session, owners: list[str]) -> None:
    """The new zones' shapes for PostGIS, parsed by PostGIS from the text just stored."""
    statement = text(
        f"INSERT INTO {SHAPES} (zone_id, shape) "
        "SELECT id, ST_SetSRID(ST_GeomFromGeoJSON(geometry), 4326) FROM network_zones "
        "WHERE owner IN :owners"
    ).bindparams(bindparam("owners", expanding=True))
    session.execute(statement, {"owners": owners})


def _in_file(problem: Problem, name: str) -> Problem:
    return Problem(
        problem.code, file=name, path=problem.path, value=problem.value, params=problem.params
    )
