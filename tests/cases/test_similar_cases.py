"""Open cases like a draft: near it, of its category group, alike in Russian word forms; only
public views, never the applicant's data."""

from __future__ import annotations

import pytest

from feedback_rows import MARKED, add_case
from tsifra.cases.similar import distance_m, similar_open_cases

# A yard in Kaluga and points around it: 0.001° of latitude is about 111 m.
LAT, LON = 54.5138, 36.2612


def test_distance_is_the_great_circle_one():
    """Moscow to Kaluga is about 163 km as the crow flies."""
    assert distance_m(LAT, LON, LAT + 0.001, LON) == pytest.approx(111.2, abs=0.5)
    assert distance_m(LAT, LON, LAT, LON + 0.001) == pytest.approx(64.6, abs=0.5)
    assert distance_m(55.7558, 37.6173, 54.5138, 36.2612) == pytest.approx(162_800, rel=0.01)


@pytest.fixture
def yard(store):
    """Cases around the point: which of them a draft about a pit in the yard should see."""
    ids = {
        "near_same": add_case(store, text="Глубокие ямы во дворах, машины бьются",
                              latitude=LAT + 0.001, longitude=LON),
        "near_sibling": add_case(store, category="roads.pits.road", text="Ямой разбит въезд",
                                 latitude=LAT, longitude=LON + 0.002),
        "far": add_case(store, text="Яма во дворе", latitude=LAT + 0.02, longitude=LON),
        "closed": add_case(store, text="Яма во дворе", status="closed",
                           latitude=LAT, longitude=LON),
        "other_region": add_case(store, region="RU-TUL", text="Яма во дворе",
                                 latitude=LAT, longitude=LON),
        "other_group": add_case(store, category="lighting.street", text="Яма, темно во дворе",
                                latitude=LAT, longitude=LON),
        "no_point_alike": add_case(store, text="Во дворе дома 5 огромная яма",
                                   status="in_progress"),
        "no_point_unlike": add_case(store, text="Не вывозят мусор"),
        "published": add_case(store, text="Яма у подъезда во дворе", publish_text=True,
                              latitude=LAT - 0.001, longitude=LON, status="submitted"),
    }  # fmt: skip
    return store, ids


def test_near_open_cases_of_the_group_are_found_and_the_rest_are_not(yard):
    engine, ids = yard
    found = similar_open_cases(engine, "RU-KLU", "roads.pits.yard", LAT, LON, "Яма во дворе дома")
    got = {s.case.id for s in found}
    assert {ids["near_same"], ids["near_sibling"], ids["published"], ids["no_point_alike"]} <= got
    for name in ("far", "closed", "other_region", "other_group", "no_point_unlike"):
        assert ids[name] not in got, name
    by_id = {s.case.id: s for s in found}
    assert by_id[ids["near_same"]].distance_m == pytest.approx(111.2, abs=1)
    assert by_id[ids["no_point_alike"]].distance_m is None
    # word forms: «ямы во дворах» shares its stems with «яма во дворе»
    assert by_id[ids["near_same"]].similarity > 0
    # the same category, nearer and more alike, ranks above the sibling category's case
    order = [s.case.id for s in found]
    assert order.index(ids["near_same"]) < order.index(ids["near_sibling"])


def test_a_radius_and_a_limit_bound_the_answer(yard):
    engine, ids = yard
    found = similar_open_cases(
        engine, "RU-KLU", "roads.pits.yard", LAT, LON, "яма", radius_m=2_500, limit=10
    )
    assert ids["far"] in {s.case.id for s in found}  # 2.2 km away: inside 2.5 km
    assert len(similar_open_cases(engine, "RU-KLU", "roads.pits.yard", LAT, LON, "яма",
                                  limit=2)) == 2  # fmt: skip


def test_without_a_point_the_words_decide(yard):
    engine, ids = yard
    found = similar_open_cases(engine, "RU-KLU", "roads.pits.yard", None, None, "ямы во дворе")
    got = {s.case.id for s in found}
    assert ids["no_point_alike"] in got
    assert ids["no_point_unlike"] not in got
    assert similar_open_cases(engine, "RU-KLU", "roads.pits.yard", None, None, "") == []


def test_only_public_views_come_back(yard):
    engine, ids = yard
    found = similar_open_cases(engine, "RU-KLU", "roads.pits.yard", LAT, LON, "яма во дворе")
    texts = {s.case.id: s.case.public_text for s in found}
    assert texts[ids["published"]] == "Яма у подъезда во дворе"
    assert texts[ids["near_same"]] is None  # not published: the text stays with the body
    assert all(s.case.text == s.case.public_text for s in found)  # no more than the public
    written = repr(found)
    for value in MARKED.values():
        assert value not in written
