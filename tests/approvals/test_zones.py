"""Loading owners' zones: the test map, owners created as bodies, reloads replacing an owner's
zones only, every problem of a file located, nothing written when one is wrong."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from sqlalchemy import func, select, text

from tsifra.approvals.zones import has_shapes, load_zones
from tsifra.kernel.problems import ValidationFailed
from tsifra.store import session_scope
from tsifra.store.models import AuditEntry, Body, NetworkZone
from zone_maps import OWNERS, TEST_MAP, feature, square, write_map

NOW = datetime(2026, 11, 30, 9, 0)
LATER = datetime(2026, 12, 1, 9, 0)


def zones_of(engine) -> list[tuple[str, str, str]]:
    with session_scope(engine) as session:
        rows = session.execute(
            select(NetworkZone.owner, NetworkZone.network, NetworkZone.name).order_by(
                NetworkZone.owner, NetworkZone.name
            )
        )
        return [tuple(r) for r in rows]


def test_the_test_map_loads_with_its_owners_as_bodies(store):
    loaded = load_zones(store, TEST_MAP, actor="tester", now=NOW)
    assert loaded.owners == OWNERS
    assert (loaded.zones, loaded.replaced) == (4, 0)
    with session_scope(store) as session:
        body = session.get(Body, "ru-ta-vodokanal")
        assert (body.region, body.kind, body.name_ru, body.active) == (
            "RU-TA", "organisation", "Водоканал (тест)", True
        )  # fmt: skip
        zone = session.scalars(
            select(NetworkZone).where(NetworkZone.owner == "ru-ta-telecom")
        ).one()
        assert (zone.min_lon, zone.min_lat, zone.max_lon, zone.max_lat) == (
            49.14, 55.78, 49.15, 55.79
        )  # fmt: skip
        assert zone.source == "test-map.geojson" and len(zone.source_sha256) == 64
        assert zone.loaded_at == NOW
        audit = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "approvals.zones.load")
        )
        assert audit.one().details["zones"] == 4


def test_a_reload_replaces_only_the_owners_it_names(store, tmp_path):
    load_zones(store, TEST_MAP, now=NOW)
    again = write_map(tmp_path / "gaz.geojson", [
        feature("ru-ta-gaz", square(49.2, 55.8, 0.01), network="gas", name="Новая зона А",
                owner_name="Газораспределение (тест)"),
        feature("ru-ta-gaz", square(49.3, 55.8, 0.01), network="gas", name="Новая зона Б",
                owner_name="Газораспределение (тест)"),
    ])  # fmt: skip
    loaded = load_zones(store, again, now=LATER)
    assert (loaded.owners, loaded.zones, loaded.replaced) == (("ru-ta-gaz",), 2, 1)
    zones = zones_of(store)
    assert [z for z in zones if z[0] == "ru-ta-gaz"] == [
        ("ru-ta-gaz", "gas", "Новая зона А"),
        ("ru-ta-gaz", "gas", "Новая зона Б"),
    ]
    assert {z[0] for z in zones} == set(OWNERS)  # the other owners' zones kept


def test_a_known_body_is_left_as_it_is(store, tmp_path):
    with session_scope(store) as session:
        session.add(Body(code="ru-ta-vodokanal", region="RU-TA", name_ru="АО «Водоканал»",
                         kind="municipal", email="vk@example.org"))  # fmt: skip
    load_zones(store, TEST_MAP, now=NOW)
    with session_scope(store) as session:
        body = session.get(Body, "ru-ta-vodokanal")
        assert (body.name_ru, body.kind, body.email) == (
            "АО «Водоканал»",
            "municipal",
            "vk@example.org",
        )


def test_every_problem_is_located_and_nothing_is_written(store, tmp_path):
    load_zones(store, TEST_MAP, now=NOW)
    open_ring = {
        "type": "Polygon",
        "coordinates": [[[49, 55], [49.1, 55], [49.1, 55.1], [49, 55.1]]],
    }
    bad = write_map(tmp_path / "bad.geojson", [
        feature("ru-ta-gaz", square(49.2, 55.8, 0.01), owner_name="Газораспределение (тест)"),
        feature("ru-ta-gaz", open_ring, owner_name="Газораспределение (тест)"),
        feature("ru-ta-new", square(49.2, 55.8, 0.01), network="steam", region="RU-XX"),
        feature("bad code!", {"type": "Point", "coordinates": [49.2, 55.8]}, name=""),
        feature("ru-ta-gaz", square(49.4, 55.8, 0.01), owner_name="Другое имя"),
        {"type": "Feature", "properties": {"owner": "x"}},
        ["not a feature"],
        feature("ru-ta-email", square(49.4, 55.8, 0.01), email="no-at-sign"),
    ])  # fmt: skip
    with pytest.raises(ValidationFailed) as caught:
        load_zones(store, bad, now=LATER)
    found = {(p.code, p.path) for p in caught.value.problems}
    assert found >= {
        ("geo_ring_open", "features[1].geometry.coordinates[0]"),
        ("zone_bad_network", "features[2].properties.network"),
        ("unknown_unit", "features[2].properties.region"),
        ("zone_bad_owner", "features[3].properties.owner"),
        ("zone_missing_property", "features[3].properties.name"),
        ("zone_not_area", "features[3].geometry"),
        ("zone_owner_differs", "features[4].properties.owner_name"),
        ("zone_missing_property", "features[5].properties.network"),
        ("geo_no_geometry", "features[5].geometry"),
        ("zone_not_feature", "features[6]"),
        ("zone_bad_email", "features[7].properties.email"),
    }
    assert all(p.file == "bad.geojson" for p in caught.value.problems)
    assert zones_of(store) == sorted(zones_of(store)) and len(zones_of(store)) == 4
    with session_scope(store) as session:
        assert session.get(Body, "ru-ta-email") is None


def test_an_owner_of_another_region_is_refused(store, tmp_path):
    with session_scope(store) as session:
        session.add(Body(code="mosvodokanal", region="RU-MOW", name_ru="Мосводоканал",
                         kind="organisation"))  # fmt: skip
    other = write_map(tmp_path / "z.geojson", [feature("mosvodokanal", square(49, 55, 0.01))])
    with pytest.raises(ValidationFailed) as caught:
        load_zones(store, other, now=NOW)
    assert [(p.code, p.value) for p in caught.value.problems] == [
        ("zone_owner_other_region", "mosvodokanal")
    ]


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"\xff\xfe not utf-8", "geo_not_json"),
        (b"{", "geo_not_json"),
        (b'{"type": "Feature"}', "zone_not_collection"),
        (b'{"type": "FeatureCollection", "features": []}', "zone_no_features"),
    ],
)
def test_a_file_that_is_not_a_collection_of_zones(store, tmp_path, content, code):
    path = tmp_path / "zones.geojson"
    path.write_bytes(content)
    with pytest.raises(ValidationFailed) as caught:
        load_zones(store, path)
    assert [(p.code, p.file) for p in caught.value.problems] == [(code, "zones.geojson")]


def test_a_missing_file(store, tmp_path):
    with pytest.raises(ValidationFailed) as caught:
        load_zones(store, tmp_path / "absent.geojson")
    assert caught.value.problems[0].code == "file_not_found"


def test_postgis_keeps_the_same_shapes(store, tmp_path, backend):
    """Where PostGIS is installed, the shapes table holds each zone parsed from the very text
    the zone row holds, and a reload replaces them with the zones."""
    load_zones(store, TEST_MAP, now=NOW)
    with store.connect() as connection:
        if not has_shapes(connection):
            assert backend == "sqlite"
            return
        same = connection.execute(text(
            "SELECT count(*) FROM network_zones z JOIN network_zone_shapes s ON s.zone_id = z.id "
            "WHERE ST_Equals(s.shape, ST_SetSRID(ST_GeomFromGeoJSON(z.geometry), 4326)) "
            "AND ST_SRID(s.shape) = 4326"
        )).scalar()  # fmt: skip
        assert same == 4
    load_zones(store, write_map(tmp_path / "t.geojson", [
        feature("ru-ta-telecom", square(49.5, 55.5, 0.01), owner_name="Связь (тест)")
    ]), now=LATER)  # fmt: skip
    with store.connect() as connection:
        shapes = connection.execute(text("SELECT count(*) FROM network_zone_shapes")).scalar()
        zones = connection.execute(select(func.count()).select_from(NetworkZone)).scalar()
    assert shapes == zones == 4


def test_postgis_is_there_in_ci(backend, store):
    """CI installs PostGIS (.ci/run): the PostgreSQL half must have the shapes table there."""
    if backend != "postgresql":
        pytest.skip("PostGIS is a PostgreSQL extension")
    with store.connect() as connection:
        if not has_shapes(connection):
            from conftest import _missing

            _missing("PostGIS is not installed for this PostgreSQL")
    assert json.dumps(True)
