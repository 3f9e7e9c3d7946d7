"""The facets in memory: kept in the one cache, never older than the registry a reader sees,
and counting what the database counts."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import func, select

from practice_search_registry import TODAY, add_practice, small_registry
from tsifra.kernel.cache import Cache
from tsifra.practices.drafts import PracticeDraft
from tsifra.practices.records import create_practice
from tsifra.practices.search import PracticeQuery, search_practices
from tsifra.store import Practice, PracticeRegion, session_scope


@pytest.fixture
def cache():
    kept = Cache(background=True)  # as the web application holds it
    yield kept
    kept.close()


def counts(result, facet: str) -> dict[str, int]:
    return {f.value: f.count for f in result.facets[facet] if f.count}


def test_a_write_is_counted_at_once_through_the_cache(store, cache) -> None:
    small_registry(store)
    before = search_practices(store, PracticeQuery(), today=TODAY, cache=cache)
    again = search_practices(store, PracticeQuery(), today=TODAY, cache=cache)
    assert again.total == before.total and again.facets == before.facets
    draft = PracticeDraft(title="Цифровой двойник дорог", sector="transport", regions=("RU-KLU",))
    made = create_practice(store, draft, account=None, actor="test")
    after = search_practices(store, PracticeQuery(), today=TODAY, cache=cache)
    assert after.total == before.total + 1
    assert counts(after, "sector")["transport"] == counts(before, "sector").get("transport", 0) + 1
    assert counts(after, "region")["RU-KLU"] == counts(before, "region").get("RU-KLU", 0) + 1
    assert made in {i.id for i in search_practices(
        store, PracticeQuery(region=("RU-KLU",)), today=TODAY, cache=cache).items}  # fmt: skip


@pytest.mark.parametrize("seed", [1, 2])
def test_counts_in_memory_equal_the_databases(store, seed) -> None:
    """Random filters over a random registry: every total and every facet count equals a
    count made in SQL, on SQLite and PostgreSQL."""
    rng = random.Random(seed)
    sectors, stages = ("health", "gov", "city", "other"), ("idea", "pilot", "production")
    regions = ("RU-TA", "RU-KLU", "RU-MOW", "RU-CHE")
    for n in range(60):
        add_practice(
            store, f"Практика {n}", rng.choice(sectors),
            ai_kind=rng.choice((None, "vision", "text")), stage=rng.choice(stages),
            regions=tuple(rng.sample(regions, rng.randint(1, 2))),
        )  # fmt: skip
    for _ in range(12):
        query = PracticeQuery(
            sector=tuple(rng.sample(sectors, rng.randint(0, 2))),
            stage=tuple(rng.sample(stages, rng.randint(0, 2))),
            region=tuple(rng.sample(regions, rng.randint(0, 2))),
        )
        result = search_practices(store, query, today=TODAY, per_page=100)
        with session_scope(store) as session:
            total = session.scalar(select(func.count()).select_from(Practice).where(*where(query)))
            by_sector = dict(session.execute(
                select(Practice.sector, func.count()).where(*where(query, "sector"))
                .group_by(Practice.sector)).all())  # fmt: skip
            by_region = dict(session.execute(
                select(PracticeRegion.region, func.count())
                .join(Practice, Practice.id == PracticeRegion.practice_id)
                .where(*where(query, "region")).group_by(PracticeRegion.region)).all())  # fmt: skip
        assert result.total == total == len(result.items)
        assert counts(result, "sector") == by_sector
        assert counts(result, "region") == by_region


def where(query: PracticeQuery, *but: str) -> list:
    """The query's filters in SQL, except the facets named."""
    conditions = []
    if query.sector and "sector" not in but:
        conditions.append(Practice.sector.in_(query.sector))
    if query.stage and "stage" not in but:
        conditions.append(Practice.stage.in_(query.stage))
    if query.region and "region" not in but:
        linked = select(PracticeRegion.practice_id).where(PracticeRegion.region.in_(query.region))
        conditions.append(Practice.id.in_(linked))
    return conditions


@pytest.mark.parametrize("sort", ["effect", "verified", "title", "relevance"])
def test_pages_chosen_in_part_follow_the_whole_order(store, sort) -> None:
    """A page is sorted only as far as it shows: its pages, one after the other, are the
    order of the whole list, ties by id, on both databases."""
    rng = random.Random(7)
    for n in range(45):
        add_practice(
            store, rng.choice(("Школа", "Школьный автобус", "Журнал")) + f" {n % 5}",
            description=rng.choice(("", "для школы")), effect=rng.choice((None, 1.0, 2.0)),
            verified_at=rng.choice((TODAY.replace(month=1), TODAY.replace(month=6))),
        )  # fmt: skip
    query = PracticeQuery(q="школа") if sort == "relevance" else PracticeQuery()
    whole = search_practices(store, query, sort=sort, per_page=100, today=TODAY).items
    paged = []
    for page in range(1, 13):  # 12 pages of 4 hold the 45
        paged += search_practices(store, query, sort=sort, page=page, per_page=4).items
    assert [i.id for i in paged] == [i.id for i in whole]
    if sort == "title":
        assert [i.title for i in whole] == sorted(i.title for i in whole)
    if sort == "effect":
        measured = [i.effect for i in whole if i.effect is not None]
        assert measured == sorted(measured, reverse=True)
        assert all(i.effect is None for i in whole[len(measured) :])
