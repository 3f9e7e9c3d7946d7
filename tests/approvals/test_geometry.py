"""A location in GeoJSON: what is accepted, what is refused and where, and that writing it back
loses nothing."""

from __future__ import annotations

import json

import pytest
import shapely

from tsifra.approvals.geometry import (
    MAX_VERTICES,
    bounds,
    parse_geometry,
    representative,
    single_geometry,
    to_geojson,
)
from tsifra.kernel.problems import ValidationFailed

SQUARE = [[[49.1, 55.78], [49.11, 55.78], [49.11, 55.79], [49.1, 55.79], [49.1, 55.78]]]


def problems(value, **kwargs) -> list[tuple[str, str | None]]:
    with pytest.raises(ValidationFailed) as caught:
        parse_geometry(value, **kwargs)
    return [(p.code, p.path) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ({"type": "Point", "coordinates": [49.14, 55.785]}, "Point"),
        ({"type": "LineString", "coordinates": [[49.1, 55.7], [49.2, 55.8]]}, "LineString"),
        ({"type": "Polygon", "coordinates": SQUARE}, "Polygon"),
        ({"type": "MultiPoint", "coordinates": [[49.1, 55.7], [49.2, 55.8]]}, "MultiPoint"),
        (
            {"type": "MultiLineString", "coordinates": [[[49.1, 55.7], [49.2, 55.8]]]},
            "MultiLineString",
        ),
        ({"type": "MultiPolygon", "coordinates": [SQUARE]}, "MultiPolygon"),
    ],
)
def test_every_kind_of_location_is_read(value, kind):
    geometry = parse_geometry(value)
    assert geometry.geom_type == kind
    assert parse_geometry(json.dumps(value)).equals_exact(geometry, 0)


def test_a_height_is_dropped():
    geometry = parse_geometry({"type": "Point", "coordinates": [49.14, 55.785, 120.5]})
    assert not geometry.has_z
    assert (geometry.x, geometry.y) == (49.14, 55.785)


def test_written_back_it_is_the_same_to_the_last_bit():
    value = {"type": "Point", "coordinates": [49.123456789012345, 55.1 + 0.2]}
    geometry = parse_geometry(value)
    again = parse_geometry(to_geojson(geometry))
    assert again.equals_exact(geometry, 0)
    assert shapely.from_geojson(to_geojson(geometry)).equals_exact(geometry, 0)
    assert (again.x, again.y) == (49.123456789012345, 55.1 + 0.2)


def test_bounds_and_a_point_on_the_geometry():
    polygon = parse_geometry({"type": "Polygon", "coordinates": SQUARE})
    assert bounds(polygon) == (49.1, 55.78, 49.11, 55.79)
    lon, lat = representative(polygon)
    assert polygon.contains(shapely.Point(lon, lat))
    assert representative(parse_geometry({"type": "Point", "coordinates": [1, 2]})) == (1, 2)


def test_an_open_ring_is_refused_with_its_place():
    ring = [[49.1, 55.78], [49.11, 55.78], [49.11, 55.79], [49.1, 55.79]]
    found = problems({"type": "Polygon", "coordinates": [ring]}, where="features[3].geometry")
    assert found == [("geo_ring_open", "features[3].geometry.coordinates[0]")]


def test_a_self_intersecting_polygon_is_refused_near_the_crossing():
    bow = [[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]]
    with pytest.raises(ValidationFailed) as caught:
        parse_geometry({"type": "Polygon", "coordinates": bow})
    (problem,) = caught.value.problems
    assert (problem.code, problem.path, problem.value) == (
        "geo_self_intersection",
        "geometry",
        "1, 1",
    )
    assert "1, 1" in problem.message("ru") and "GEOS" not in problem.message("ru")


def test_coordinates_out_of_range_are_refused_each_where_it_is():
    line = {"type": "LineString", "coordinates": [[55.78, 49.1], [200, 55.0], [49.1, -91]]}
    assert problems(line) == [
        ("geo_lon_out_of_range", "geometry.coordinates[1]"),
        ("geo_lat_out_of_range", "geometry.coordinates[2]"),
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("{not json", [("geo_not_json", "geometry")]),
        ("[1, 2]", [("geo_not_object", "geometry")]),
        ({"coordinates": [1, 2]}, [("geo_no_type", "geometry.type")]),
        ({"type": "Circle", "coordinates": [1, 2]}, [("geo_bad_type", "geometry.type")]),
        ({"type": "GeometryCollection", "geometries": []}, [("geo_bad_type", "geometry.type")]),
        (
            {"type": "Point", "coordinates": ["49", 55]},
            [("geo_not_number", "geometry.coordinates")],
        ),
        (
            {"type": "Point", "coordinates": [True, 55]},
            [("geo_not_number", "geometry.coordinates")],
        ),
        ({"type": "Point", "coordinates": [49]}, [("geo_bad_position", "geometry.coordinates")]),
        ({"type": "Point"}, [("geo_bad_position", "geometry.coordinates")]),
        ({"type": "Polygon", "coordinates": []}, [("geo_empty", "geometry.coordinates")]),
        (
            {"type": "LineString", "coordinates": [[1, 2]]},
            [("geo_line_too_short", "geometry.coordinates")],
        ),
        (
            {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [0, 0]]]},
            [("geo_ring_too_short", "geometry.coordinates[0]")],
        ),
    ],
)
def test_what_is_not_a_location_is_refused_and_located(value, expected):
    assert problems(value) == expected


def test_every_wrong_position_is_reported_at_once():
    line = {"type": "LineString", "coordinates": [[1, 2], ["a", 2], [1, 2], [500, 2]]}
    assert [code for code, _ in problems(line)] == ["geo_not_number", "geo_lon_out_of_range"]


def test_too_many_vertices_are_refused_once():
    ring = [[i * 1e-5, 0.0] for i in range(MAX_VERTICES)] + [[0.0, 1.0], [0.0, 0.0]]
    found = problems({"type": "Polygon", "coordinates": [ring]})
    assert found == [("geo_too_many_vertices", "geometry")]
    line = {"type": "LineString", "coordinates": [[i * 1e-5, 0.0] for i in range(MAX_VERTICES)]}
    assert parse_geometry(line).geom_type == "LineString"  # exactly the limit is accepted


def test_a_polygon_with_a_hole_outside_is_malformed():
    outside = [[5, 5], [6, 5], [6, 6], [5, 6], [5, 5]]
    found = problems({"type": "Polygon", "coordinates": [*SQUARE, outside]})
    assert found == [("geo_invalid_polygon", "geometry")]


def test_a_feature_or_a_collection_of_one_is_a_location():
    point = {"type": "Point", "coordinates": [49.14, 55.785]}
    feature = {"type": "Feature", "properties": {}, "geometry": point}
    assert single_geometry(feature).equals(parse_geometry(point))
    collection = {"type": "FeatureCollection", "features": [feature]}
    assert single_geometry(json.dumps(collection)).equals(parse_geometry(point))
    with pytest.raises(ValidationFailed) as caught:
        single_geometry({"type": "FeatureCollection", "features": [feature, feature]})
    assert caught.value.problems[0].code == "geo_not_one_feature"
    bad = {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {}}]}
    with pytest.raises(ValidationFailed) as caught:
        single_geometry(bad)
    assert caught.value.problems[0].path == "geometry.features[0].geometry.type"
