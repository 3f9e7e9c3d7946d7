"""What the sketch map reads beside a project: the box of a region's networks for everyone
(only a box), the shapes of zones for operators and admins only, a request's project."""

from __future__ import annotations

from sqlalchemy import select

from approval_page_rows import PDF, WATER, add_owners_and_accounts
from tsifra.accounts.users import Account
from tsifra.approvals.documents import DocumentDraft
from tsifra.approvals.projects import ProjectDraft, file_project
from tsifra.approvals.sketch import (
    may_see_zones,
    project_of_request,
    region_extent,
    regions_with_zones,
    zone_shapes,
)
from tsifra.store import session_scope
from tsifra.store.models import ApprovalRequest, NetworkZone

OPERATOR = Account(0, "vodokanal", "Водоканал", "operator", "RU-TA", WATER)


def test_a_regions_extent_is_the_box_of_its_zones(store) -> None:
    assert region_extent(store, "RU-TA") is None and regions_with_zones(store) == []
    add_owners_and_accounts(store)
    assert region_extent(store, "RU-TA") == (49.100, 55.780, 49.150, 55.795)
    assert region_extent(store, "RU-MOW") is None
    assert regions_with_zones(store) == ["RU-TA"]


def test_zone_shapes_are_for_operators_and_admins_only(store) -> None:
    applicant = add_owners_and_accounts(store)
    with session_scope(store) as session:
        hits = list(session.scalars(select(NetworkZone.id)))
    shown = zone_shapes(store, hits, OPERATOR)
    assert sorted(z.owner for z in shown) == sorted(
        ["ru-ta-vodokanal", "ru-ta-setevaya", "ru-ta-gaz", "ru-ta-telecom"]
    )
    assert all(z.geometry["type"] == "Polygon" for z in shown)
    assert zone_shapes(store, hits, applicant) == []
    for role, sees in (("admin", True), ("operator", True), ("analyst", False),
                       ("viewer", False), ("applicant", False)):  # fmt: skip
        assert may_see_zones(Account(0, "x", "x", role, None)) is sees
    assert not may_see_zones(None)


def test_a_request_names_its_project(store) -> None:
    applicant = add_owners_and_accounts(store)
    draft = ProjectDraft(
        region="RU-TA",
        works="connection",
        title="Подключение дома",
        geometry={"type": "Point", "coordinates": [49.105, 55.785]},
        applicant_name="ООО «Стройка»",
        documents=(DocumentDraft("a.pdf", PDF),),
    )
    project = file_project(store, draft, account=applicant)
    with session_scope(store) as session:
        case_id = session.scalar(select(ApprovalRequest.case_id))
    assert project_of_request(store, case_id) == project
    assert project_of_request(store, case_id + 1000) is None
