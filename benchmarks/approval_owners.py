"""Finding the network owners of 10,000 projects against 100,000 zone polygons, on the SQLite
default (Shapely's STRtree) and on a throwaway PostgreSQL cluster with PostGIS where its binaries
are installed (PostGIS's GiST index, and the STRtree on the same database for comparison).

The map is synthetic: 1,000 owners in RU-TA, each with 100 zones — convex polygons of 8 to 16
vertices, 50 m to 600 m across, scattered over a box of about 63 × 67 km around Kazan, so a
point touches a zone or two on average, as in a city. It
is loaded as the owners send it, a GeoJSON file through `approvals.zones.load_zones` (timed:
parsing and checking every polygon, the rows, and on PostGIS the shapes). The projects are what
applicants file: 40 % points, 30 % lines of 2 to 6 vertices up to 2 km, 30 % polygons (sites) up
to 500 m across, over the same box. A call is `owners_for` as the API makes it: the geometry
already parsed, the owners with their zones read back from the database. Medians and p95 of
every call on one core; "the index build" is reading every zone's box into the STRtree, what
the first call after a load pays once (`owners.read_index`, 3 reads); each zone's shape is then
parsed by the first call that needs it, inside that call's time.
"""

from __future__ import annotations

import json
import math
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from benchmarks.timing import RESULTS, one_core, timed

ZONES = 100_000
OWNERS = 1_000
PROJECTS = 10_000
NEAR_PROJECTS = 1_000  # the path without a kept index reads zones per call: fewer calls
BOX = (48.8, 55.5, 49.8, 56.1)  # lon/lat: Kazan and around, where networks are dense
METRES = 1 / 111_000  # degrees of latitude per metre
TESTS = Path(__file__).resolve().parents[1] / "tests"


def _polygon(rng: random.Random, lon: float, lat: float, radius_m: float) -> list:
    """A convex polygon: points at sorted angles on an ellipse-ish ring, closed."""
    n = rng.randint(8, 16)
    angles = sorted(rng.uniform(0, 2 * math.pi) for _ in range(n))
    scale = math.cos(math.radians(lat))
    ring = [
        [round(lon + radius_m * METRES * math.cos(a) / scale, 7),
         round(lat + radius_m * METRES * math.sin(a), 7)]
        for a in angles
    ]  # fmt: skip
    return [[*ring, ring[0]]]


def _spot(rng: random.Random) -> tuple[float, float]:
    return rng.uniform(BOX[0], BOX[2]), rng.uniform(BOX[1], BOX[3])


def write_map(path: Path) -> None:
    rng = random.Random(15)
    networks = ("water", "sewer", "heat", "gas", "power", "telecom", "other")
    features = []
    for i in range(ZONES):
        owner = i % OWNERS
        lon, lat = _spot(rng)
        props = {"owner": f"bench-{owner:04d}", "owner_name": f"Сетевая организация {owner}",
                 "region": "RU-TA", "network": networks[owner % len(networks)],
                 "name": f"Охранная зона {i}"}  # fmt: skip
        geometry = {"type": "Polygon", "coordinates": _polygon(rng, lon, lat, rng.uniform(25, 300))}
        features.append({"type": "Feature", "properties": props, "geometry": geometry})
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), "utf-8")


def projects(count: int) -> list:
    from tsifra.approvals.geometry import parse_geometry

    rng = random.Random(16)
    shapes = []
    for _ in range(count):
        lon, lat = _spot(rng)
        kind = rng.random()
        if kind < 0.4:
            value = {"type": "Point", "coordinates": [lon, lat]}
        elif kind < 0.7:
            line = [[lon, lat]]
            for _ in range(rng.randint(1, 5)):
                step = rng.uniform(50, 400) * METRES
                angle = rng.uniform(0, 2 * math.pi)
                line.append(
                    [line[-1][0] + step * math.cos(angle), line[-1][1] + step * math.sin(angle)]
                )
            value = {"type": "LineString", "coordinates": line}
        else:
            value = {
                "type": "Polygon",
                "coordinates": _polygon(rng, lon, lat, rng.uniform(20, 250)),
            }
        shapes.append(parse_geometry(value))
    return shapes


def _load(url: str, path: Path) -> float:
    from tsifra.approvals.zones import load_zones
    from tsifra.store import make_engine, upgrade

    engine = make_engine(url)
    upgrade(engine)
    started = time.perf_counter()
    load_zones(engine, path, actor="bench", now=datetime(2026, 11, 30))
    took = time.perf_counter() - started
    from sqlalchemy import text

    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        vacuum = "VACUUM ANALYZE" if connection.dialect.name == "postgresql" else "ANALYZE"
        connection.execute(text(vacuum))
    engine.dispose()
    return took


def _figures(times: list[float], owners_found: int, calls: int) -> dict[str, float]:
    times = sorted(times)
    return {
        "calls": calls,
        "owners_per_call": owners_found / calls,
        "median_ms": statistics.median(times) * 1000,
        "p95_ms": times[int(0.95 * (len(times) - 1))] * 1000,
        "total_s": sum(times),
    }


def _measure(url: str, shapes: list) -> tuple[dict[str, dict], float]:
    from tsifra.approvals.owners import owners_for, read_index
    from tsifra.approvals.zones import has_shapes
    from tsifra.kernel.cache import Cache
    from tsifra.store import make_engine

    engine = make_engine(url)
    figures: dict[str, dict] = {}
    with one_core():

        def build():
            with engine.connect() as connection:
                return read_index(connection)

        builds = sorted(timed(build, 3))
        cache = Cache(background=False)  # one cache, as the web application holds
        with engine.connect() as connection:
            ways = [("postgis", cache)] if has_shapes(connection) else []
        owners_for(engine, shapes[0], method="strtree", cache=cache)  # the index, built once
        ways += [("strtree", cache), ("bbox then exact (no kept index)", None)]
        for name, kept in ways:
            method = "postgis" if name == "postgis" else "strtree"
            chosen = shapes[:NEAR_PROJECTS] if kept is None and method == "strtree" else shapes
            owners_for(engine, chosen[0], method=method, cache=kept)  # warm-up
            times, found = [], 0
            for shape in chosen:
                started = time.perf_counter()
                hits = owners_for(engine, shape, method=method, cache=kept)
                times.append(time.perf_counter() - started)
                found += len(hits)
            figures[name] = _figures(times, found, len(chosen))
            print(f"  {name}: {figures[name]}", flush=True)
    engine.dispose()
    return figures, statistics.median(builds)


def _postgres():
    sys.path.insert(0, str(TESTS))
    import postgres  # tests/postgres.py: a throwaway cluster from Debian's binaries

    bin_dir = postgres.find_bin()
    if bin_dir is None:
        return None
    return postgres.start(bin_dir)


def run() -> None:
    results: dict[str, dict] = {}
    loads: dict[str, float] = {}
    builds: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as home:
        os.environ.setdefault("TSIFRA_HOME", home)
        path = Path(home) / "zones.geojson"
        write_map(path)
        shapes = projects(PROJECTS)
        url = f"sqlite:///{home}/zones.db"
        loads["SQLite"] = _load(url, path)
        print(f"SQLite: {ZONES:,} zones loaded in {loads['SQLite']:.1f} s", flush=True)
        results["SQLite"], builds["SQLite"] = _measure(url, shapes)
        cluster = _postgres()
        if cluster is not None:
            try:
                loads["PostgreSQL"] = _load(cluster.url, path)
                print(f"PostgreSQL: loaded in {loads['PostgreSQL']:.1f} s", flush=True)
                results["PostgreSQL"], builds["PostgreSQL"] = _measure(cluster.url, shapes)
            finally:
                cluster.stop()
    RESULTS.mkdir(exist_ok=True)
    payload = {"owners_for": results, "load_s": loads, "index_build_s": builds}
    (RESULTS / "approval_owners.json").write_text(json.dumps(payload, indent=1), "utf-8")
    lines = [
        f"The network owners of {PROJECTS:,} projects (40 % points, 30 % lines, 30 % polygons) "
        f"against {ZONES:,} zone polygons of {OWNERS:,} owners (`python -m benchmarks "
        "approval_owners`). A call is `owners_for` as the API makes it (owners and zones read "
        "back from the database); medians and p95 on one core. The path without a kept index "
        f"(a command-line call) is timed over the first {NEAR_PROJECTS:,} projects.",
        "",
        "| database | method | calls | owners per call | median ms | p95 ms | total s |",
        "|---|---|---|---|---|---|---|",
    ]
    for database, figures in results.items():
        for name, f in figures.items():
            lines.append(
                f"| {database} | {name} | {f['calls']:,} | {f['owners_per_call']:.2f} "
                f"| {f['median_ms']:.2f} | {f['p95_ms']:.2f} | {f['total_s']:.1f} |"
            )
    lines += ["", f"Loading the {ZONES:,} zones from one GeoJSON file (`load_zones`, all checks):"]
    lines += [f"- {database}: {seconds:.1f} s" for database, seconds in loads.items()]
    lines += [
        "",
        "Building the STRtree over every zone's box (what the first call after a load pays; "
        "shapes are parsed later, by the calls that first need them):",
    ]
    lines += [f"- {database}: {seconds:.2f} s" for database, seconds in builds.items()]
    lines += [
        "",
        f"Measured on a shared machine (2 cores; load average {os.getloadavg()[0]:.1f} at the "
        "end of the run): compare the figures with each other.",
    ]
    if "PostgreSQL" not in results:
        lines += ["", "PostgreSQL: not measured (no server binaries on this machine)."]
    (RESULTS / "approval_owners.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
