"""Filing on the real test map (examples/approvals/test-map.geojson loaded with `load_zones`):
the owners are found by the geometry itself — a line crossing the water and power zones goes to
both, a point on the telecom zone's edge to telecom, a place outside every zone is refused —
and a bad geometry is refused with its location, writing nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, func, select

from approval_rows import applicant, draft, moscow
from tsifra.approvals.projects import file_project, read_project
from tsifra.approvals.zones import load_zones
from tsifra.kernel.problems import ValidationFailed
from tsifra.store import ApprovalProject, Case, session_scope
from zone_maps import TEST_MAP

FILED = moscow(2026, 3, 2)


@pytest.fixture
def mapped(store: Engine) -> Engine:
    load_zones(store, TEST_MAP)
    return store


def test_a_line_goes_to_every_owner_it_crosses(mapped: Engine) -> None:
    builder = applicant(mapped)
    line = {"type": "LineString", "coordinates": [[49.105, 55.786], [49.115, 55.792]]}
    project_id = file_project(mapped, draft(geometry=line), account=builder, now=FILED)
    view = read_project(mapped, project_id, account=builder, now=FILED)
    assert [o.owner for o in view.owners] == ["ru-ta-setevaya", "ru-ta-vodokanal"]
    assert view.geometry == line
    assert view.bounds == (49.105, 55.786, 49.115, 55.792)
    with session_scope(mapped) as session:
        points = session.execute(select(Case.longitude, Case.latitude)).all()
    assert all(49.105 <= lon <= 49.115 and 55.786 <= lat <= 55.792 for lon, lat in points)


def test_a_point_on_a_zones_edge_and_a_polygon(mapped: Engine) -> None:
    builder = applicant(mapped)
    edge = {"type": "Point", "coordinates": [49.140, 55.785]}
    project_id = file_project(mapped, draft(geometry=edge), account=builder, now=FILED)
    assert [o.owner for o in read_project(mapped, project_id, account=builder).owners] == [
        "ru-ta-telecom"
    ]
    west, east = 49.118, 49.127  # between the power and gas zones, reaching into gas only
    ring = [[west, 55.781], [east, 55.781], [east, 55.783], [west, 55.783], [west, 55.781]]
    polygon = {"type": "Polygon", "coordinates": [ring]}
    project_id = file_project(mapped, draft(geometry=polygon), account=builder, now=FILED)
    assert [o.owner for o in read_project(mapped, project_id, account=builder).owners] == [
        "ru-ta-gaz"
    ]


def test_nobody_to_ask_and_a_bad_geometry_are_refused(mapped: Engine) -> None:
    builder = applicant(mapped)
    nowhere = {"type": "Point", "coordinates": [49.122, 55.781]}
    with pytest.raises(ValidationFailed) as caught:
        file_project(mapped, draft(geometry=nowhere), account=builder, now=FILED)
    assert [(p.code, p.path) for p in caught.value.problems] == [("appr_no_owners", "geometry")]
    broken = {"type": "Point", "coordinates": [249.0, 55.0]}
    with pytest.raises(ValidationFailed) as caught:
        file_project(mapped, draft(geometry=broken, works="digging"), account=builder, now=FILED)
    paths = {p.path for p in caught.value.problems}
    assert "works" in paths and any(p.startswith("geometry") for p in paths)
    with session_scope(mapped) as session:
        assert session.scalar(select(func.count()).select_from(ApprovalProject)) == 0
