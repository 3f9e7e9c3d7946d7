"""The approvals' sketch map and forms, without a server: the plane keeps a square square, the
grid is labelled in the reader's convention, typed coordinates become the GeoJSON the map
script would make, and each problem names its field and line."""

from __future__ import annotations

import io
import json
import math

import pytest
from fastapi import UploadFile

from tsifra.web.pages.approval_forms import (
    coordinates_text,
    geometry_from_coordinates,
    read_documents,
    shape_of,
    site_geometry,
)
from tsifra.web.pages.approval_map import bounds_of, meridians, parallels, plane_around, shapes

TEST_MAP = (49.100, 55.780, 49.150, 55.795)  # the four owners of examples/approvals


def upload(name: str, data: bytes) -> UploadFile:
    return UploadFile(io.BytesIO(data), filename=name)


def test_a_degree_of_longitude_is_drawn_shorter_by_the_cosine_of_latitude() -> None:
    plane = plane_around(TEST_MAP)
    # The water zone: 0.01° of longitude by 0.01° of latitude at 55.78° north.
    square = shapes(plane, {"type": "Polygon", "coordinates": [[
        [49.100, 55.780], [49.110, 55.780], [49.110, 55.790], [49.100, 55.790], [49.100, 55.780]
    ]]})  # fmt: skip
    assert [s.kind for s in square] == ["area"]
    assert square[0].d.startswith(f"M{plane.x(49.1)},{plane.y(55.78)} L") and square[0].d.endswith(
        "Z"
    )
    width = plane.x(49.110) - plane.x(49.100)
    height = plane.y(55.780) - plane.y(55.790)
    assert width == pytest.approx(height * math.cos(math.radians(55.785)), rel=0.01)
    assert plane.min_lon < 49.100 and plane.max_lon > 49.150  # the whole map, with a margin
    assert plane.min_lat < 55.780 and plane.max_lat > 55.795


def test_the_grid_is_labelled_in_the_readers_convention() -> None:
    plane = plane_around(TEST_MAP)
    russian = [line.label for line in meridians(plane, "ru")]
    english = [line.label for line in meridians(plane, "en")]
    assert "49,12" in russian and "49.12" in english
    assert all(0 <= line.at <= plane.width for line in meridians(plane, "ru"))
    lats = parallels(plane, "ru")
    assert [line.label for line in lats][:2] == ["55,780", "55,785"]
    assert lats[0].at > lats[1].at  # north is up


def test_a_point_gets_a_plane_of_its_own() -> None:
    plane = plane_around(bounds_of([{"type": "Point", "coordinates": [49.14, 55.785]}]))
    assert plane.min_lon < 49.14 < plane.max_lon and plane.min_lat < 55.785 < plane.max_lat
    assert plane.max_lon - plane.min_lon >= 0.01
    assert 0.5 * plane.width <= plane.height <= 1.3 * plane.width


def test_typed_points_become_geojson_longitude_first() -> None:
    problems: list = []
    line = geometry_from_coordinates("55.787, 49.105\n\n55,789 49,115\n", "line", problems)
    assert problems == []
    assert line == {"type": "LineString", "coordinates": [[49.105, 55.787], [49.115, 55.789]]}
    area = geometry_from_coordinates("55.781 49.101\n55.781 49.104\n55.784 49.104", "polygon", [])
    assert area["type"] == "Polygon"
    assert area["coordinates"][0][0] == area["coordinates"][0][-1] == [49.101, 55.781]
    assert coordinates_text(area).splitlines() == [
        "55.781000, 49.101000", "55.781000, 49.104000", "55.784000, 49.104000"
    ]  # fmt: skip
    assert shape_of(area) == "polygon" and shape_of(line) == "line"


def test_a_line_that_does_not_read_is_named_by_its_number() -> None:
    problems: list = []
    assert geometry_from_coordinates("55.78, 49.10\nКазань\n55.79", "line", problems) is None
    assert [(p.code, p.path, p.params["line"]) for p in problems] == [
        ("apage_coordinates_line", "coordinates", 2),
        ("apage_coordinates_line", "coordinates", 3),
    ]
    too_few: list = []
    geometry_from_coordinates("55.78, 49.10\n55.79, 49.11", "polygon", too_few)
    assert [(p.code, p.params["least"], p.params["n"]) for p in too_few] == [
        ("apage_coordinates_count", 3, 2)
    ]
    assert "не меньше 3 точек" in too_few[0].message("ru")


def test_the_upload_wins_then_the_drawing_then_the_typed_points() -> None:
    drawn = json.dumps({"type": "Point", "coordinates": [49.109, 55.786]})
    feature = {"type": "Feature", "properties": {}, "geometry": {
        "type": "Point", "coordinates": [49.14, 55.785]}}  # fmt: skip
    collection = json.dumps({"type": "FeatureCollection", "features": [feature]}).encode()
    site, _ = site_geometry(upload("site.geojson", collection), drawn, "55.1, 49.1", "point", [])
    assert site == feature["geometry"]
    site, _ = site_geometry(None, drawn, "55.1, 49.1", "point", [])
    assert site == {"type": "Point", "coordinates": [49.109, 55.786]}
    site, _ = site_geometry(None, "", "55.1, 49.1", "point", [])
    assert site == {"type": "Point", "coordinates": [49.1, 55.1]}
    problems: list = []
    assert site_geometry(None, "", "  ", "point", problems) == (None, None)
    assert [(p.code, p.path) for p in problems] == [("apage_geometry_missing", "geometry")]


def test_a_file_that_is_not_one_geojson_feature_is_refused_by_name() -> None:
    problems: list = []
    site_geometry(upload("site.geojson", b"\xff\xfe not json"), "", "", "point", problems)
    two = json.dumps({"type": "FeatureCollection", "features": [{}, {}]}).encode()
    site_geometry(upload("two.geojson", two), "", "", "point", problems)
    assert [(p.code, p.path) for p in problems] == [
        ("apage_geometry_not_json", "geometry_file"),
        ("apage_geometry_features", "geometry_file"),
    ]
    assert "2 объектов" in problems[1].message("ru")


def test_documents_are_read_whole_and_unnamed_fields_skipped() -> None:
    problems: list = []
    read = read_documents(
        [upload("C:\\plans\\scheme.pdf", b"%PDF-1.7 ..."), upload("", b"")], "documents", problems
    )
    assert read == [("scheme.pdf", b"%PDF-1.7 ...")] and problems == []
