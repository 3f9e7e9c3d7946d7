"""The approvals' sketch map: a plain coordinate plane in SVG, since there is no base map.

The machines have no internet and no tile server, so a site is drawn on a grid of longitude and
latitude. One degree of longitude is shorter than one of latitude by the cosine of the latitude:
the plane stretches by it, so a square zone looks square. The same plane is drawn by the server
(a project's page works without scripts) and read by `static/approval-map.js` from the SVG's
`data-*` attributes when a person draws on the new project's page.

The viewBox is `WIDTH` units wide, about a phone's width in CSS pixels, so the grid's labels
(`LABEL` units) stay readable when the picture is scaled to a 390 px screen.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from tsifra.kernel import formatting

WIDTH = 360.0
LABEL = 12  # the grid labels' font size, in viewBox units
MARGIN = 0.15  # of the shown span, around what is drawn
SMALLEST_SPAN = 0.01  # degrees: a point or a short line still gets a readable plane
STEPS = (0.0005, 0.001, 0.002, 0.0025, 0.005, 0.01, 0.02, 0.025, 0.05, 0.1, 0.2, 0.25, 0.5,
         1.0, 2.0, 5.0, 10.0)  # fmt: skip
MOST_LINES = 7  # grid lines across the plane, at most
FLATTEST, TALLEST = 0.6, 1.2  # the plane's height to its width, at least and at most
# Where nothing is known of a region (no zones loaded): a small plane on central Moscow.
FALLBACK = (37.56, 55.72, 37.68, 55.78)

Bounds = tuple[float, float, float, float]  # min_lon, min_lat, max_lon, max_lat


@dataclass(frozen=True)
class Plane:
    """The part of the Earth shown, and how it maps onto the viewBox."""

    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float

    @property
    def width(self) -> float:
        return WIDTH

    @property
    def height(self) -> float:
        middle = math.radians((self.min_lat + self.max_lat) / 2)
        span_x = (self.max_lon - self.min_lon) * math.cos(middle)
        return round(WIDTH * (self.max_lat - self.min_lat) / span_x, 1)

    def x(self, lon: float) -> float:
        return round((lon - self.min_lon) / (self.max_lon - self.min_lon) * self.width, 2)

    def y(self, lat: float) -> float:
        return round((self.max_lat - lat) / (self.max_lat - self.min_lat) * self.height, 2)


def plane_around(bounds: Bounds | None, margin: float = MARGIN) -> Plane:
    """A plane showing `bounds` with a margin, at least `SMALLEST_SPAN` each way."""
    min_lon, min_lat, max_lon, max_lat = bounds or FALLBACK
    span_lon = max(max_lon - min_lon, SMALLEST_SPAN)
    span_lat = max(max_lat - min_lat, SMALLEST_SPAN / 2)
    mid_lon, mid_lat = (min_lon + max_lon) / 2, (min_lat + max_lat) / 2
    half_lon, half_lat = span_lon * (0.5 + margin), span_lat * (0.5 + margin)
    shrink = math.cos(math.radians(mid_lat))  # a degree of longitude is this much shorter
    half_lat = max(half_lat, half_lon * shrink * FLATTEST)  # neither a strip nor a tower
    half_lon = max(half_lon, half_lat / (shrink * TALLEST))
    return Plane(
        max(mid_lon - half_lon, -180.0),
        max(mid_lat - half_lat, -89.0),
        min(mid_lon + half_lon, 180.0),
        min(mid_lat + half_lat, 89.0),
    )


@dataclass(frozen=True)
class GridLine:
    """One line of the grid: where it is drawn and its label in the reader's convention."""

    at: float  # x for a meridian, y for a parallel, in viewBox units
    label: str


def _step(span: float) -> float:
    return next((s for s in STEPS if span / s <= MOST_LINES), STEPS[-1])


def _ticks(low: float, high: float) -> tuple[list[float], int]:
    step = _step(high - low)
    digits = len(f"{step:.6f}".rstrip("0").split(".")[1])  # as many as the step has
    first = math.ceil(low / step - 1e-9)
    values = []
    k = first
    while k * step <= high + 1e-9:
        values.append(round(k * step, 6))
        k += 1
    return values, digits


def meridians(plane: Plane, lang: str) -> list[GridLine]:
    values, digits = _ticks(plane.min_lon, plane.max_lon)
    return [GridLine(plane.x(v), formatting.number(v, lang, digits)) for v in values]


def parallels(plane: Plane, lang: str) -> list[GridLine]:
    values, digits = _ticks(plane.min_lat, plane.max_lat)
    return [GridLine(plane.y(v), formatting.number(v, lang, digits)) for v in values]


@dataclass(frozen=True)
class Shape:
    """A geometry drawn on the plane: a dot (`x`, `y`) or a path (`d`), closed for areas."""

    kind: str  # point | line | area
    d: str = ""
    x: float = 0.0
    y: float = 0.0


def _path(plane: Plane, ring: Sequence[Sequence[float]], closed: bool) -> str:
    steps = [f"{plane.x(p[0])},{plane.y(p[1])}" for p in ring]
    return "M" + " L".join(steps) + (" Z" if closed else "")


def shapes(plane: Plane, geometry: dict[str, Any] | None) -> list[Shape]:
    """A GeoJSON geometry (as stored: WGS 84 longitude, latitude) as shapes on the plane; a
    kind this sketch does not draw (a GeometryCollection) gives its parts, or nothing."""
    if not geometry:
        return []
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    if kind == "GeometryCollection":
        return [s for part in geometry.get("geometries", []) for s in shapes(plane, part)]
    parts = {
        "Point": lambda c: [Shape("point", x=plane.x(c[0]), y=plane.y(c[1]))],
        "MultiPoint": lambda c: [Shape("point", x=plane.x(p[0]), y=plane.y(p[1])) for p in c],
        "LineString": lambda c: [Shape("line", _path(plane, c, False))],
        "MultiLineString": lambda c: [Shape("line", _path(plane, line, False)) for line in c],
        "Polygon": lambda c: [Shape("area", " ".join(_path(plane, r, True) for r in c))],
        "MultiPolygon": lambda c: [
            Shape("area", " ".join(_path(plane, r, True) for r in poly)) for poly in c
        ],
    }
    draw = parts.get(kind)
    return draw(coordinates) if draw and coordinates is not None else []


def bounds_of(geometries: Iterable[dict[str, Any]]) -> Bounds | None:
    """The box around every coordinate of the geometries, None when there is none."""
    lons: list[float] = []
    lats: list[float] = []

    def walk(c: Any) -> None:
        if isinstance(c, (list, tuple)) and c and isinstance(c[0], (int, float)):
            lons.append(float(c[0]))
            lats.append(float(c[1]))
        elif isinstance(c, (list, tuple)):
            for part in c:
                walk(part)

    for geometry in geometries:
        if geometry.get("type") == "GeometryCollection":
            found = bounds_of(geometry.get("geometries", []))
            if found:
                lons += [found[0], found[2]]
                lats += [found[1], found[3]]
        else:
            walk(geometry.get("coordinates"))
    return (min(lons), min(lats), max(lons), max(lats)) if lons else None


@dataclass(frozen=True)
class ZoneDrawing:
    """A network owner's zone as an official sees it on the sketch, named in its tooltip."""

    id: int
    owner: str
    network: str
    title: str
    shapes: list[Shape]


@dataclass(frozen=True)
class Sketch:
    """Everything the `_map.html` macro draws."""

    plane: Plane
    meridians: list[GridLine]
    parallels: list[GridLine]
    site: list[Shape]
    zones: list[ZoneDrawing]


def sketch(
    plane: Plane,
    lang: str,
    site: dict[str, Any] | None = None,
    zones: Iterable[tuple[int, str, str, str, dict[str, Any]]] = (),
) -> Sketch:
    """The plane with its grid, the project's site and the zones (id, owner, network, title,
    geometry) drawn on it."""
    drawn = [ZoneDrawing(i, o, n, t, shapes(plane, g)) for i, o, n, t, g in zones]
    return Sketch(plane, meridians(plane, lang), parallels(plane, lang), shapes(plane, site), drawn)
