"""Zone files for tests of approvals: the example test map and generated maps of many owners.

The test map (examples/approvals/test-map.geojson) holds four owners in RU-TA; a generated map
holds random rectangles, triangles and two-part zones on a small grid whose coordinates are
multiples of 0.001°, so edges and corners of zones and of query geometries meet exactly.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEST_MAP = ROOT / "examples" / "approvals" / "test-map.geojson"
OWNERS = ("ru-ta-gaz", "ru-ta-setevaya", "ru-ta-telecom", "ru-ta-vodokanal")
NETWORKS = ("water", "sewer", "heat", "gas", "power", "telecom", "other")


def feature(owner: str, geometry: dict, *, network: str = "water", name: str = "Зона",
            region: str = "RU-TA", owner_name: str | None = None, **extra) -> dict:  # fmt: skip
    properties = {"owner": owner, "owner_name": owner_name or f"Владелец {owner}",
                  "region": region, "network": network, "name": name, **extra}  # fmt: skip
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def square(lon: float, lat: float, size: float) -> dict:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def write_map(path: Path, features: list[dict]) -> Path:
    path.write_text(
        json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False),
        encoding="utf-8",
    )
    return path


def _grid(rng: random.Random, cells: int) -> float:
    return round(49.0 + rng.randrange(cells) * 0.001, 3)


def generated_zones(seed: int, count: int, owners: int = 20, cells: int = 200) -> list[dict]:
    """`count` zones of `owners` owners on a grid of `cells`² points of 0.001°."""
    rng = random.Random(seed)
    features = []
    for i in range(count):
        lon, lat = _grid(rng, cells), round(_grid(rng, cells) + 6.78, 3)
        w, h = rng.randint(1, 8) * 0.001, rng.randint(1, 8) * 0.001
        kind = rng.random()
        if kind < 0.6:
            ring = [[lon, lat], [lon + w, lat], [lon + w, lat + h], [lon, lat + h], [lon, lat]]
            geometry = {"type": "Polygon", "coordinates": [_rounded(ring)]}
        elif kind < 0.85:
            ring = [[lon, lat], [lon + w, lat], [lon, lat + h], [lon, lat]]
            geometry = {"type": "Polygon", "coordinates": [_rounded(ring)]}
        else:
            far = lon + w + 0.002
            geometry = {"type": "MultiPolygon", "coordinates": [
                [_rounded([[lon, lat], [lon + w, lat], [lon + w, lat + h], [lon, lat]])],
                [_rounded([[far, lat], [far + w, lat], [far + w, lat + h], [far, lat]])],
            ]}  # fmt: skip
        owner = f"gen-{i % owners:03d}"
        features.append(feature(owner, geometry, network=NETWORKS[i % len(NETWORKS)],
                                name=f"Зона {i}"))  # fmt: skip
    return features


def generated_queries(seed: int, count: int, cells: int = 200) -> list[dict]:
    """Points (some on grid corners and edges), lines and polygons over the generated map."""
    rng = random.Random(seed)
    queries = []
    for i in range(count):
        lon, lat = _grid(rng, cells), round(_grid(rng, cells) + 6.78, 3)
        kind = i % 4
        if kind == 0:  # a grid point: often a zone's corner or on its edge
            queries.append({"type": "Point", "coordinates": [lon, lat]})
        elif kind == 1:  # anywhere
            queries.append(
                {
                    "type": "Point",
                    "coordinates": [lon + rng.random() * 0.001, lat + rng.random() * 0.001],
                }
            )
        elif kind == 2:
            end = [
                round(lon + rng.randint(-5, 5) * 0.001, 3),
                round(lat + rng.randint(-5, 5) * 0.001, 3),
            ]
            queries.append({"type": "LineString", "coordinates": [[lon, lat], end]})
        else:
            w, h = rng.randint(1, 3) * 0.001, rng.randint(1, 3) * 0.001
            ring = [[lon, lat], [lon + w, lat], [lon + w, lat + h], [lon, lat + h], [lon, lat]]
            queries.append({"type": "Polygon", "coordinates": [_rounded(ring)]})
    return queries


def _rounded(ring: list[list[float]]) -> list[list[float]]:
    return [[round(x, 3), round(y, 3)] for x, y in ring]
