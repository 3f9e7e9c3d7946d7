"""Reading the approvals' forms: the site of works as drawn, typed or uploaded, the documents,
the dates; each problem located by its field (and line), in the reader's language.

The site comes three ways, and the first given wins: an uploaded GeoJSON file, the `geometry`
field the map script fills as a person draws, the `coordinates` a keyboard user types (the script
keeps them in step with the drawing, so a person sees the points the server will read). The
coordinates are written as maps show them, latitude first, one point a line; the geometry they
make is GeoJSON (longitude first). Whether a geometry is valid (in range, not self-crossing, not
too many vertices) is decided once, by `approvals.geometry` when the project is filed.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from fastapi import UploadFile

from tsifra.kernel.problems import Problem

SHAPES = ("point", "line", "polygon")
LEAST_POINTS = {"point": 1, "line": 2, "polygon": 3}
NUMBER = re.compile(r"[-+−]?\d+(?:[.,]\d+)?")
MAX_GEOJSON_BYTES = 5 * 2**20  # a site of 10,000 vertices is well under this
MAX_DOCUMENT_MB = 20
MAX_DOCUMENTS = 20


def geometry_from_coordinates(text: str, shape: str, problems: list[Problem]) -> dict | None:
    """The GeoJSON geometry of typed points («55.785, 49.105» a line) as a `shape`; a polygon's
    ring is closed here, so a person types each corner once."""
    points: list[list[float]] = []
    bad = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        found = NUMBER.findall(line)
        if len(found) != 2 or NUMBER.sub("", line).strip(" ,;\t") != "":
            problems.append(
                Problem(
                    "apage_coordinates_line",
                    path="coordinates",
                    value=line.strip()[:80],
                    params={"line": number},
                )
            )
            bad = True
            continue
        lat, lon = (float(n.replace(",", ".").replace("−", "-")) for n in found)
        points.append([lon, lat])
    if not points or bad:  # the lines that do not read are what to fix first
        return None
    if shape not in SHAPES:
        shape = "point" if len(points) == 1 else "line"
    least = LEAST_POINTS[shape]
    if len(points) < least:
        problems.append(
            Problem(
                "apage_coordinates_count",
                path="coordinates",
                params={"least": least, "n": len(points)},
            )
        )
        return None
    if shape == "point":
        if len(points) > 1:
            return {"type": "MultiPoint", "coordinates": points}
        return {"type": "Point", "coordinates": points[0]}
    if shape == "line":
        return {"type": "LineString", "coordinates": points}
    ring = points if points[0] == points[-1] else [*points, points[0]]
    return {"type": "Polygon", "coordinates": [ring]}


def coordinates_text(geometry: dict | None) -> str:
    """The typed form of a geometry (latitude, longitude a line), to put back into the field."""
    if not geometry:
        return ""
    kind, c = geometry.get("type"), geometry.get("coordinates") or []
    points = {"Point": [c], "MultiPoint": c, "LineString": c}.get(kind)
    if kind == "Polygon" and c:
        points = c[0][:-1] if len(c[0]) > 1 and c[0][0] == c[0][-1] else c[0]
    return "\n".join(f"{p[1]:.6f}, {p[0]:.6f}" for p in points or [])


def site_fields(drawable: dict | None, drawn: str, typed: str, shape: str) -> dict[str, Any]:
    """The place's fields to put back into a form: as typed points where they can be (the map
    script draws them again), else as the hidden GeoJSON (a multipolygon from a file, say), which
    the server draws (`site`)."""
    if drawable is None:
        return {"shape": shape, "geometry": drawn, "coordinates": typed, "site": None}
    text = coordinates_text(drawable)
    return {
        "shape": shape_of(drawable),
        "geometry": "" if text else json.dumps(drawable),
        "coordinates": text,
        "site": None if text else drawable,
    }


def shape_of(geometry: dict | None) -> str:
    kind = (geometry or {}).get("type", "")
    return {"LineString": "line", "Polygon": "polygon"}.get(kind, "point")


def geometry_from_upload(upload: UploadFile | None, problems: list[Problem]) -> Any:
    """The geometry of an uploaded GeoJSON: a bare geometry, a Feature, or a collection of one
    Feature; the geometry's own checks come when the project is filed."""
    if upload is None or not upload.filename:
        return None
    data = upload.file.read(MAX_GEOJSON_BYTES + 1)
    if len(data) > MAX_GEOJSON_BYTES:
        problems.append(
            Problem(
                "apage_file_too_large",
                path="geometry_file",
                value=upload.filename,
                params={"limit": MAX_GEOJSON_BYTES // 2**20},
            )
        )
        return None
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        problems.append(Problem("apage_geometry_not_json", path="geometry_file"))
        return None
    if isinstance(value, dict) and value.get("type") == "FeatureCollection":
        features = value.get("features")
        count = len(features) if isinstance(features, list) else 0
        if count != 1:
            problems.append(
                Problem("apage_geometry_features", path="geometry_file", params={"n": count})
            )
            return None
        value = features[0]
    if isinstance(value, dict) and value.get("type") == "Feature":
        value = value.get("geometry")
    return value if value is not None else {}


def site_geometry(
    upload: UploadFile | None, drawn: str, typed: str, shape: str, problems: list[Problem]
) -> tuple[Any, dict | None]:
    """The site as the form gives it (the upload, the drawing, the typed points, in that order),
    and the same as a dict to draw again on a refused form; `None` with a problem when none."""
    before = len(problems)
    uploaded = geometry_from_upload(upload, problems)
    if uploaded is not None:
        return uploaded, uploaded if isinstance(uploaded, dict) else None
    if len(problems) > before:  # a file was sent and refused: that is the problem to show
        return None, None
    if drawn.strip():
        try:
            parsed = json.loads(drawn)
        except ValueError:
            parsed = None
        if isinstance(parsed, dict):
            return parsed, parsed
    if typed.strip():
        typed_geometry = geometry_from_coordinates(typed, shape, problems)
        return typed_geometry, typed_geometry
    if drawn.strip():  # a drawing that does not read and nothing typed: the service says why
        return drawn, None
    problems.append(Problem("apage_geometry_missing", path="geometry"))
    return None, None


def read_documents(
    uploads: list[UploadFile], field: str, problems: list[Problem]
) -> list[tuple[str, bytes]]:
    """The documents as sent (name, bytes), each at most `MAX_DOCUMENT_MB`; which kinds are
    accepted (by their bytes) is the approvals' service's to say."""
    sent = [f for f in uploads if f.filename][:MAX_DOCUMENTS]
    read: list[tuple[str, bytes]] = []
    limit = MAX_DOCUMENT_MB * 2**20
    for upload in sent:
        name = (upload.filename or "").replace("\\", "/").rsplit("/", 1)[-1][:255]
        data = upload.file.read(limit + 1)
        if len(data) > limit:
            problems.append(
                Problem(
                    "apage_file_too_large",
                    path=field,
                    value=name,
                    params={"limit": MAX_DOCUMENT_MB},
                )
            )
            continue
        read.append((name, data))
    return read


def day_of(text: str, field: str, problems: list[Problem]) -> date | None:
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        problems.append(Problem("apage_bad_date", path=field, value=text[:40]))
        return None


def choice(value: str, allowed: tuple[str, ...], field: str, problems: list[Problem]) -> str:
    if value not in allowed:
        problems.append(Problem("apage_bad_choice", path=field, value=value[:40]))
    return value
