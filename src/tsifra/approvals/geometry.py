"""A project's or a zone's location as GeoJSON: read with every problem located, written back
without losing a bit.

A location comes from people (drawn on a map, exported from a CAD or GIS program), so it is
checked here before any owner is looked for: a GeoJSON Point, LineString, Polygon or their Multi*
forms in WGS 84 longitude/latitude, at most `MAX_VERTICES` positions, every polygon closed and
valid (a self-intersecting outline has no inside, and PostGIS and GEOS would each answer
something different for it). A third coordinate (height) is accepted and dropped. Shapely would
close an open ring silently, so rings are checked on the positions as sent.

Coordinates are written back with Python's shortest round-trip form of each double
(`to_geojson`), so a geometry stored as text and read again — by Shapely or by PostGIS's
`ST_GeomFromGeoJSON` — is the same geometry to the last bit: a point on a zone's edge stays on
it.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

from tsifra.kernel.problems import Problem, ValidationFailed

MAX_VERTICES = 10_000
# The GeoJSON types a location may be, with how deeply their positions nest.
DEPTHS = {
    "Point": 0,
    "MultiPoint": 1,
    "LineString": 1,
    "MultiLineString": 2,
    "Polygon": 2,
    "MultiPolygon": 3,
}
AREAS = ("Polygon", "MultiPolygon")
SHOWN_POSITION_PROBLEMS = 100  # a file of 10,000 wrong positions is not worth 10,000 lines
_SPOT = re.compile(r"\[\s*(-?[\d.eE+-]+)\s+(-?[\d.eE+-]+)\s*\]")


def parse_geometry(value: dict | str, *, where: str = "geometry") -> BaseGeometry:
    """The Shapely geometry of a GeoJSON geometry (a dict or its JSON text), or
    `ValidationFailed` with every problem located under `where` (`features[3].geometry`; an
    empty `where` locates them from the top: `coordinates[0]`)."""
    problems: list[Problem] = []
    data = _object(value, where, problems)
    if data is None:
        raise ValidationFailed(problems)
    kind = data.get("type")
    if kind not in DEPTHS:
        code = "geo_no_type" if kind is None else "geo_bad_type"
        problems.append(Problem(code, path=_at(where, "type"), value=_shown(kind)))
        raise ValidationFailed(problems)
    walk = _Walk(where)
    coordinates = walk.nested(data.get("coordinates"), DEPTHS[kind], _at(where, "coordinates"))
    if not walk.problems:
        walk.shape_rules(kind, coordinates, _at(where, "coordinates"))
    if walk.problems:
        raise ValidationFailed(walk.problems)
    geometry = shape({"type": kind, "coordinates": coordinates})
    if kind in AREAS and not shapely.is_valid(geometry):
        raise ValidationFailed([_invalid(geometry, where)])
    return geometry


def single_geometry(value: dict | str, *, where: str = "geometry") -> BaseGeometry:
    """The geometry of what a person sends as "a location": a GeoJSON geometry, a Feature, or a
    FeatureCollection holding one Feature (what map programs export for one drawn shape)."""
    problems: list[Problem] = []
    data = _object(value, where, problems)
    if data is None:
        raise ValidationFailed(problems)
    if data.get("type") == "FeatureCollection":
        features = data.get("features")
        if not isinstance(features, list) or len(features) != 1:
            count = len(features) if isinstance(features, list) else None
            raise ValidationFailed([Problem("geo_not_one_feature", path=where, value=count)])
        data, where = features[0], _at(where, "features[0]")
        if not isinstance(data, dict):
            raise ValidationFailed([Problem("geo_not_object", path=where)])
    if data.get("type") == "Feature":
        geometry = data.get("geometry")
        if not isinstance(geometry, dict):
            raise ValidationFailed([Problem("geo_no_geometry", path=_at(where, "geometry"))])
        return parse_geometry(geometry, where=_at(where, "geometry"))
    return parse_geometry(data, where=where)


def bounds(geometry: BaseGeometry) -> tuple[float, float, float, float]:
    """(min_lon, min_lat, max_lon, max_lat): what a spatial index or a SQL filter compares."""
    min_lon, min_lat, max_lon, max_lat = geometry.bounds
    return (min_lon, min_lat, max_lon, max_lat)


def to_geojson(geometry: BaseGeometry) -> str:
    """The geometry as GeoJSON text whose numbers read back to the same doubles."""
    return json.dumps(mapping(geometry), separators=(",", ":"))


def representative(geometry: BaseGeometry) -> tuple[float, float]:
    """(lon, lat) of a point on the geometry (inside a polygon, on a line): where a case of it
    is placed on a map."""
    point = geometry.representative_point()
    return (point.x, point.y)


class _Walk:
    """Checks nested positions, collecting located problems and the 2D positions found."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.problems: list[Problem] = []
        self.vertices = 0
        self.shown = 0

    def nested(self, value: Any, depth: int, path: str) -> Any:
        if self.vertices > MAX_VERTICES:
            return None
        if depth == 0:
            return self.position(value, path)
        if not isinstance(value, list):
            self.problems.append(Problem("geo_not_list", path=path))
            return None
        if not value:
            self.problems.append(Problem("geo_empty", path=path))
            return None
        return [self.nested(item, depth - 1, f"{path}[{i}]") for i, item in enumerate(value)]

    def position(self, value: Any, path: str) -> tuple[float, float] | None:
        self.vertices += 1
        if self.vertices == MAX_VERTICES + 1:
            self.problems.append(
                Problem("geo_too_many_vertices", path=self.where, params={"limit": MAX_VERTICES})
            )
            return None
        if not isinstance(value, list) or len(value) not in (2, 3):
            return self.wrong("geo_bad_position", path, value)
        if not all(_number(v) for v in value):
            return self.wrong("geo_not_number", path, value)
        lon, lat = float(value[0]), float(value[1])
        if not -180 <= lon <= 180:
            return self.wrong("geo_lon_out_of_range", path, value[0])
        if not -90 <= lat <= 90:
            return self.wrong("geo_lat_out_of_range", path, value[1])
        return (lon, lat)

    def wrong(self, code: str, path: str, value: Any) -> None:
        self.shown += 1
        if self.shown <= SHOWN_POSITION_PROBLEMS:
            self.problems.append(Problem(code, path=path, value=_shown(value)))
        return None

    def shape_rules(self, kind: str, coordinates: Any, path: str) -> None:
        """What GeoJSON asks of lines and rings beyond well-formed positions."""
        if kind == "LineString":
            self.line(coordinates, path)
        elif kind == "MultiLineString":
            for i, line in enumerate(coordinates):
                self.line(line, f"{path}[{i}]")
        elif kind == "Polygon":
            self.polygon(coordinates, path)
        elif kind == "MultiPolygon":
            for i, polygon in enumerate(coordinates):
                self.polygon(polygon, f"{path}[{i}]")

    def line(self, positions: list, path: str) -> None:
        if len(positions) < 2:
            self.problems.append(Problem("geo_line_too_short", path=path))

    def polygon(self, rings: list, path: str) -> None:
        for i, ring in enumerate(rings):
            if len(ring) < 4:
                self.problems.append(Problem("geo_ring_too_short", path=f"{path}[{i}]"))
            elif ring[0] != ring[-1]:
                self.problems.append(Problem("geo_ring_open", path=f"{path}[{i}]"))


def _object(value: dict | str, where: str, problems: list[Problem]) -> dict | None:
    if isinstance(value, str | bytes):
        try:
            value = json.loads(value)
        except (ValueError, RecursionError):
            problems.append(Problem("geo_not_json", path=where))
            return None
    if not isinstance(value, dict):
        problems.append(Problem("geo_not_object", path=where))
        return None
    return value


def _at(where: str, key: str) -> str:
    """The path of `key` under `where`; an empty `where` is the top of what was sent."""
    return f"{where}.{key}" if where else key


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _invalid(geometry: BaseGeometry, where: str) -> Problem:
    """GEOS's reason, turned into a catalogue problem: its words are not shown to users, only
    the place it names."""
    reason = shapely.is_valid_reason(geometry)
    spot = _SPOT.search(reason)
    at = f"{float(spot.group(1)):.7g}, {float(spot.group(2)):.7g}" if spot else None
    if "self-intersection" in reason.lower():
        return Problem("geo_self_intersection", path=where, value=at)
    return Problem("geo_invalid_polygon", path=where, value=at)


def _shown(value: Any) -> str | None:
    """A wrong value as a problem quotes it: short, whatever it was."""
    if value is None:
        return None
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return text if len(text) <= 80 else f"{text[:77]}..."
