"""The network owners a project's geometry touches: whose approval the works need.

A geometry touches a zone when they share at least one point — a point on a zone's edge, a
line along it, polygons meeting at a corner all count (closed sets: `ST_Intersects` and Shapely's
`intersects` agree on this), since works on the edge of a protected zone are works in it.

Two ways to find them, with the same answer (tests/approvals/test_owners.py holds them equal):

- `postgis`: `ST_Intersects` over `network_zone_shapes` and its GiST index, where migration
  0008 found PostGIS; the query geometry is sent as WKB, so not a bit of it changes on the way.
- `strtree`: Shapely's STRtree over every zone's bounding box, built once per version of the
  zones and kept in the application's one cache (`kernel.cache`), each zone's shape parsed the
  first time a search needs it (`ZoneIndex`); a caller without a cache (the command line, a
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
CHUNK = 10_000  # zone ids per query: SQLite and PostgreSQL both cap a statement's parameters


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
    """Every zone in memory: an STRtree over their bounding boxes (built from the stored box
    columns in a fraction of a second) and, by the tree's positions, their ids and GeoJSON.
    A zone's shape is parsed the first time a search's box meets its box, and kept: a search
    after a load does not wait for 100,000 shapes to be parsed, only for the few it needs."""

    tree: shapely.STRtree
    ids: np.ndarray
    texts: np.ndarray  # GeoJSON, as stored
    shapes: np.ndarray  # Shapely geometries, None until first needed

    def touching(self, geometry: BaseGeometry) -> np.ndarray:
        """Positions of the zones the geometry shares a point with (closed sets)."""
        near = self.tree.query(geometry)  # boxes meeting the geometry's box, edges included
        if not len(near):
            return near
        missing = near[shapely.is_missing(self.shapes[near])]
        if len(missing):  # two searches may parse the same shape at once: the same value
            self.shapes[missing] = shapely.from_geojson(self.texts[missing])
        return near[shapely.intersects(self.shapes[near], geometry)]


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
        shapes = _has_shapes(engine, connection, cache)
        if method == "postgis" and not shapes:
            raise ValidationFailed([Problem("zone_no_postgis", path="method")])
        if method == "postgis" or (method == "auto" and shapes):
            return _postgis(connection, geometry, region)
        if cache is not None:
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
    """Every zone's id, box and GeoJSON, in one pass of the cursor; the tree over the boxes."""
    rows = connection.exec_driver_sql(
        "SELECT id, min_lon, min_lat, max_lon, max_lat, geometry FROM network_zones ORDER BY id"
    ).fetchall()
    ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    boxes = np.array([r[1:5] for r in rows], dtype=np.float64).reshape(-1, 4)
    texts = np.empty(len(rows), dtype=object)
    texts[:] = [r[5] for r in rows]
    return ZoneIndex(
        shapely.STRtree(shapely.box(boxes[:, 0], boxes[:, 1], boxes[:, 2], boxes[:, 3])),
        ids,
        texts,
        np.full(len(rows), None, dtype=object),
    )


def _has_shapes(engine: Engine, connection: Connection, cache: Cache | None) -> bool:
    """`zones.has_shapes`, asked once per database where a cache is held: the table exists from
    the migration on, and a search should not pay a catalogue query for it."""
    if cache is None:
        return has_shapes(connection)
    key = (database_key(engine), "network_zone_shapes")
    return cache.get(key, 0, lambda: has_shapes(connection))


def _postgis(connection: Connection, geometry: BaseGeometry, region: str | None) -> list[OwnerHit]:
    """One query: the zones PostGIS finds, with their owners (the same rows `_hits` reads)."""
    found = connection.execute(
        text(
            "SELECT z.id, z.network, z.name, b.code, b.name_ru, b.region "
            "FROM network_zone_shapes s JOIN network_zones z ON z.id = s.zone_id "
            "JOIN bodies b ON b.code = z.owner "
            "WHERE ST_Intersects(s.shape, ST_GeomFromWKB(:wkb, 4326)) "
            "AND (CAST(:region AS text) IS NULL OR b.region = :region)"
        ),
        {"wkb": shapely.to_wkb(geometry), "region": region},
    )
    grouped: dict[str, tuple[str, str, list[ZoneHit]]] = {}
    _grouped(found, grouped)
    return _owners(grouped)


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
    grouped: dict[str, tuple[str, str, list[ZoneHit]]] = {}
    ids = sorted(set(zone_ids))
    for start in range(0, len(ids), CHUNK):
        _group(connection, ids[start : start + CHUNK], region, grouped)
    return _owners(grouped)


def _owners(grouped: dict[str, tuple[str, str, list[ZoneHit]]]) -> list[OwnerHit]:
    """By owner code, each owner's zones by id: the same order whichever way they were found."""
    return [
        OwnerHit(owner, name, owner_region, tuple(sorted(zones, key=lambda z: z.id)))
        for owner, (name, owner_region, zones) in sorted(grouped.items())
    ]


def _grouped(rows, grouped: dict[str, tuple[str, str, list[ZoneHit]]]) -> None:
    for zone_id, network, name, owner, owner_name, owner_region in rows:
        grouped.setdefault(owner, (owner_name, owner_region, []))[2].append(
            ZoneHit(int(zone_id), network, name)
        )


def _group(
    connection: Connection,
    zone_ids: list[int],
    region: str | None,
    grouped: dict[str, tuple[str, str, list[ZoneHit]]],
) -> None:
    query = (
        select(NetworkZone.id, NetworkZone.network, NetworkZone.name, Body.code, Body.name_ru,
               Body.region)
        .join(Body, Body.code == NetworkZone.owner)
        .where(NetworkZone.id.in_(zone_ids))
    )  # fmt: skip
    if region is not None:
        query = query.where(Body.region == region)
    _grouped(connection.execute(query), grouped)
