"""The owners a geometry touches: points, lines and polygons on the test map, a point on a zone's
edge, a MultiPolygon, the region filter, the kept index seeing a reload, and the same answer
with PostGIS and without it over a generated map."""

from __future__ import annotations

from datetime import datetime

import pytest

from tsifra.approvals.owners import OwnerHit, ZoneHit, owners_for
from tsifra.approvals.zones import has_shapes, load_zones
from tsifra.kernel.cache import Cache
from tsifra.kernel.problems import ValidationFailed
from zone_maps import TEST_MAP, feature, generated_queries, generated_zones, square, write_map

NOW = datetime(2026, 11, 30, 9, 0)


def point(lon: float, lat: float) -> dict:
    return {"type": "Point", "coordinates": [lon, lat]}


def codes(hits: list[OwnerHit]) -> list[str]:
    return [hit.owner for hit in hits]


def methods(engine) -> list[tuple[str, Cache | None]]:
    """Every way `owners_for` can answer on this database."""
    ways: list[tuple[str, Cache | None]] = [("strtree", None), ("strtree", Cache(background=False))]
    with engine.connect() as connection:
        if has_shapes(connection):
            ways.append(("postgis", None))
    return ways


@pytest.fixture
def test_map(store):
    load_zones(store, TEST_MAP, now=NOW)
    return store


@pytest.mark.parametrize(
    ("geometry", "expected"),
    [
        (point(49.109, 55.786), ["ru-ta-setevaya", "ru-ta-vodokanal"]),
        (point(49.122, 55.781), []),
        (point(49.140, 55.785), ["ru-ta-telecom"]),  # on the telecom zone's western edge
        (point(49.150, 55.790), ["ru-ta-telecom"]),  # its north-eastern corner
        (point(49.1225, 55.795), []),
        # a line from the water zone to the gas zone, above the power zone's lower edge
        ({"type": "LineString", "coordinates": [[49.105, 55.781], [49.130, 55.781]]},
         ["ru-ta-gaz", "ru-ta-vodokanal"]),
        # a line ending exactly on the gas zone's western edge
        ({"type": "LineString", "coordinates": [[49.121, 55.782], [49.125, 55.782]]},
         ["ru-ta-gaz"]),
        # a polygon between the zones, sharing only the power zone's eastern edge
        ({"type": "Polygon", "coordinates": [[[49.120, 55.791], [49.124, 55.791], [49.124, 55.799],
                                              [49.120, 55.799], [49.120, 55.791]]]},
         ["ru-ta-setevaya"]),
        # two parts: one in the gas zone, one in the telecom zone
        ({"type": "MultiPolygon", "coordinates": [
            [[[49.126, 55.781], [49.127, 55.781], [49.127, 55.782], [49.126, 55.781]]],
            [[[49.145, 55.781], [49.146, 55.781], [49.146, 55.782], [49.145, 55.781]]]]},
         ["ru-ta-gaz", "ru-ta-telecom"]),
        (square(49.0, 55.5, 0.5), ["ru-ta-gaz", "ru-ta-setevaya", "ru-ta-telecom",
                                   "ru-ta-vodokanal"]),
    ],
)  # fmt: skip
def test_owners_on_the_test_map(test_map, geometry, expected):
    for method, cache in methods(test_map):
        assert codes(owners_for(test_map, geometry, method=method, cache=cache)) == expected, method
    assert codes(owners_for(test_map, geometry)) == expected


def test_an_owner_comes_with_its_zones(test_map):
    (hit,) = owners_for(test_map, point(49.140, 55.785))
    assert (hit.owner, hit.name, hit.region) == ("ru-ta-telecom", "Связь (тест)", "RU-TA")
    (zone,) = hit.zones
    assert isinstance(zone, ZoneHit)
    assert (zone.network, zone.name) == ("telecom", "Кабельная канализация связи")


def test_only_the_region_asked(test_map, tmp_path):
    load_zones(test_map, write_map(tmp_path / "mow.geojson", [
        feature("mos-teplo", square(49.139, 55.784, 0.002), region="RU-MOW", network="heat"),
    ]), now=NOW)  # fmt: skip
    here = point(49.140, 55.785)
    assert codes(owners_for(test_map, here)) == ["mos-teplo", "ru-ta-telecom"]
    assert codes(owners_for(test_map, here, region="RU-TA")) == ["ru-ta-telecom"]
    assert codes(owners_for(test_map, here, region="RU-MOW")) == ["mos-teplo"]


def test_the_kept_index_sees_a_reload(test_map, tmp_path):
    cache = Cache(background=False)
    here = point(49.145, 55.785)
    assert codes(owners_for(test_map, here, method="strtree", cache=cache)) == ["ru-ta-telecom"]
    moved = write_map(tmp_path / "t.geojson", [
        feature("ru-ta-telecom", square(49.3, 55.3, 0.01), owner_name="Связь (тест)"),
    ])  # fmt: skip
    load_zones(test_map, moved, now=datetime(2026, 12, 1))
    assert owners_for(test_map, here, method="strtree", cache=cache) == []


def test_a_wrong_geometry_is_refused(test_map):
    with pytest.raises(ValidationFailed) as caught:
        owners_for(test_map, {"type": "Point", "coordinates": [200, 55]})
    assert caught.value.problems[0].code == "geo_lon_out_of_range"


def test_no_zones_no_owners(store):
    assert owners_for(store, point(49.1, 55.7), cache=Cache(background=False)) == []
    assert owners_for(store, point(49.1, 55.7)) == []


def test_postgis_asked_where_it_is_not(store, backend):
    with store.connect() as connection:
        if has_shapes(connection):
            pytest.skip("this database has PostGIS")
    with pytest.raises(ValidationFailed) as caught:
        owners_for(store, point(49.1, 55.7), method="postgis")
    assert caught.value.problems[0].code == "zone_no_postgis"


@pytest.mark.slow
def test_postgis_and_strtree_answer_the_same(store, backend, tmp_path):
    """A few hundred geometries (many on zones' corners and edges) over 600 generated zones:
    PostGIS's ST_Intersects and Shapely's STRtree find the same owners and zones."""
    if backend != "postgresql":
        pytest.skip("PostGIS is a PostgreSQL extension")
    load_zones(store, write_map(tmp_path / "gen.geojson", generated_zones(7, 600)), now=NOW)
    with store.connect() as connection:
        if not has_shapes(connection):
            from conftest import _missing

            _missing("PostGIS is not installed for this PostgreSQL")
    cache = Cache(background=False)
    found = 0
    for geometry in generated_queries(11, 400):
        postgis = owners_for(store, geometry, method="postgis")
        assert owners_for(store, geometry, method="strtree", cache=cache) == postgis, geometry
        assert owners_for(store, geometry, method="strtree") == postgis, geometry
        found += bool(postgis)
    assert 100 < found < 400  # the queries both hit and miss zones
