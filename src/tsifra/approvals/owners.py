"""The network owners a project's geometry touches: whose approval the works need.

A geometry touches a zone when they share at least one point — a point on a zone's edge, a
line along it, polygons meeting at a corner all count (closed sets: `ST_Intersects` and Shapely's
`intersects` agree on this), since works on the edge of a protected zone are works in it.

Two ways to find them, with the same answer (tests/approvals/test_owners.py holds them equal):

- `postgis`: `ST_Intersects` over `network_zone_shapes` and its GiST index, where migration
  0008 found PostGIS; the query geometry is sent as WKB, so not a bit of it changes on the way.
- `strtree`: Shapely's STRtree over every zone, built once per version of the zones and kept in
  the application's one cache (`kernel.cache`); a caller without a cache (the command line, a
  single filing) reads only the zones whose bounding box meets the geometry's and tests those.

`auto` takes PostGIS where the database has the shapes, else the tree.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry
from sqlalchemy import Connection, Engine, select, text

from tsifra.approvals.geometry import bounds, parse_geometry
from tsifra.approvals.zones import has_shapes, zones_version
from tsifra.kernel.cache import Cache
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.store.models import Body, NetworkZone
from tsifra.store.versions import database_key

METHODS = ("auto", "postgis", "strtree")


@dataclass(frozen=True)
class ZoneHit:
    id: int
    network: str
    name: str


@dataclass(frozen=True)
class OwnerHit:
    owner: str  # the body's code
    name: str  # the body's name (Russian: owners' names are proper names)
    region: str
    zones: tuple[ZoneHit, ...]  # by id


@dataclass(frozen=True)
class ZoneIndex:
    """Every zone in memory: a tree over their shapes and, by the tree's positions, their ids,
    owners, networks and names."""

    tree: shapely.STRtree
    ids: np.ndarray
    owners: tuple[str, ...]
    networks: tuple[str, ...]
    names: tuple[str, ...]

    def touching(self, geometry: BaseGeometry) -> list[int]:
        """Positions of the zones the geometry shares a point with."""
        return [int(i) for i in self.tree.query(geometry, predicate="intersects")]


def owners_for(
    engine: Engine,
    geometry: BaseGeometry | dict | str,
    *,
    region: str | None = None,
    method: str = "auto",
    cache: Cache | None = None,
) -> list[OwnerHit]:
    """Every owner (of `region`, if given) with a zone the geometry touches, by owner code,
    each with the zones touched. `geometry` is a Shapely geometry or GeoJSON (checked by
    `approvals.geometry.parse_geometry`)."""
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; known: {METHODS}")
    if not isinstance(geometry, BaseGeometry):
        geometry = parse_geometry(geometry)
    with engine.connect() as connection:
        shapes = has_shapes(connection)
        if method == "postgis" and not shapes:
            raise ValidationFailed([Problem("zone_no_postgis", path="method")])
        if method == "postgis" or (method == "auto" and shapes):
            zone_ids = _postgis(connection, geometry)
        elif cache is not None:
            index = zone_index(engine, connection, cache)
            zone_ids = [int(index.ids[i]) for i in index.touching(geometry)]
        else:
            zone_ids = _near(connection, geometry)
        return _hits(connection, zone_ids, region)


def zone_index(engine: Engine, connection: Connection, cache: Cache) -> ZoneIndex:
    """The tree over the zones as they stand, built once per version of the zones (a reader
    after a load gets the new zones at once: `exact`)."""
    key = (database_key(engine), "network_zone_index")
    version = zones_version(connection)
    return cache.answer(key, version, lambda: read_index(connection), exact=True).value


def read_index(connection: Connection) -> ZoneIndex:
    """Every zone read in one pass of the DBAPI cursor, their GeoJSON parsed by GEOS at once."""
    rows = connection.execute(
        select(NetworkZone.id, NetworkZone.owner, NetworkZone.network, NetworkZone.name,
               NetworkZone.geometry).order_by(NetworkZone.id)
    ).all()  # fmt: skip
    ids, owners, networks, names, texts = zip(*rows, strict=True) if rows else ((),) * 5
    shapes = shapely.from_geojson(np.asarray(texts, dtype=object)) if rows else np.array([])
    return ZoneIndex(
        shapely.STRtree(shapes),
        np.asarray(ids, dtype=np.int64),
        tuple(owners),
        tuple(networks),
        tuple(names),
    )


def _postgis(connection: Connection, geometry: BaseGeometry) -> list[int]:
    found = connection.execute(
        text(
            "SELECT zone_id FROM network_zone_shapes "
            "WHERE ST_Intersects(shape, ST_GeomFromWKB(:wkb, 4326))"
        ),
        {"wkb": shapely.to_wkb(geometry)},
    )
    return [int(i) for i in found.scalars()]


def _near(connection: Connection, geometry: BaseGeometry) -> list[int]:
    """Without a kept tree: the zones whose bounding box meets the geometry's (one scan of four
    numbers per zone), then the exact test on those alone."""
    min_lon, min_lat, max_lon, max_lat = bounds(geometry)
    rows = connection.execute(
        select(NetworkZone.id, NetworkZone.geometry).where(
            NetworkZone.min_lon <= max_lon,
            NetworkZone.max_lon >= min_lon,
            NetworkZone.min_lat <= max_lat,
            NetworkZone.max_lat >= min_lat,
        )
    ).all()
    if not rows:
        return []
    shapes = shapely.from_geojson(np.asarray([r.geometry for r in rows], dtype=object))
    touching = shapely.intersects(shapes, geometry)
    return [int(r.id) for r, hit in zip(rows, touching, strict=True) if hit]


def _hits(connection: Connection, zone_ids: list[int], region: str | None) -> list[OwnerHit]:
    """The zones found, grouped by owner, with the owner's name and region from `bodies`."""
    if not zone_ids:
        return []
    query = (
        select(NetworkZone.id, NetworkZone.network, NetworkZone.name, Body.code, Body.name_ru,
               Body.region)
        .join(Body, Body.code == NetworkZone.owner)
        .where(NetworkZone.id.in_(sorted(set(zone_ids))))
        .order_by(Body.code, NetworkZone.id)
    )  # fmt: skip
    if region is not None:
        query = query.where(Body.region == region)
    grouped: dict[str, tuple[str, str, list[ZoneHit]]] = {}
    for zone_id, network, name, owner, owner_name, owner_region in connection.execute(query):
        grouped.setdefault(owner, (owner_name, owner_region, []))[2].append(
            ZoneHit(zone_id, network, name)
        )
    return [
        OwnerHit(owner, name, owner_region, tuple(zones))
        for owner, (name, owner_region, zones) in grouped.items()
    ]
