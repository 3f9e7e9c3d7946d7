"""Searching the registry on SQLite and PostgreSQL alike: Russian word forms, facets counted
disjunctively, filters, sort orders, pages, and hostile queries that never reach the database's
query syntax."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, update

from practice_search_registry import TODAY, add_practice, small_registry
from tsifra.kernel.problems import ValidationFailed
from tsifra.practices.search import PracticeQuery, search_practices
from tsifra.store.models import PracticeEffect


@pytest.fixture
def registry(store: Engine) -> tuple[Engine, dict[str, int]]:
    """The small registry, its effects current with the (no) values stored."""
    return store, small_registry(store)


def test_the_search_refreshes_the_effects_first(store: Engine) -> None:
    """Effects computed from values that have changed since are computed again before the
    registry is sorted by them: with no values stored, nothing is measurable."""
    ids = small_registry(store)
    assert search_practices(store, PracticeQuery(), today=TODAY).items[0].effect == 12.0
    with store.begin() as connection:
        connection.execute(update(PracticeEffect).values(data_version="older values"))
    result = search_practices(store, PracticeQuery(), today=TODAY)
    assert {i.id for i in result.items} == set(ids.values())
    assert all(item.effect is None for item in result.items)


def found(engine: Engine, **query) -> set[int]:
    result = search_practices(engine, PracticeQuery(**query), per_page=100, today=TODAY)
    assert result.total == len(result.items)
    return {item.id for item in result.items}


def named(ids: dict[str, int], *names: str) -> set[int]:
    return {ids[n] for n in names}


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("больница", ("beds", "sick_leave", "clinic")),  # больницах, больничный, больницы
        ("больницах", ("beds", "sick_leave", "clinic")),
        ("больничный", ("beds", "sick_leave", "clinic")),  # and back from the adjective
        ("школа", ("journal", "bus")),  # школ, школьный, школами
        ("школьный", ("journal", "bus")),
        ("боль", ("voice",)),  # only «боль»: not больница, not болото
        ("болото", ("swamp",)),  # болота, болоте
        ("БОЛЬНИЦА школа", ()),  # every word must match
        ("свободная койка", ("beds",)),
        ("ГЛОНАСС", ("bus",)),  # technologies
        ("министерство", ("voice",)),  # the owner agency
        ("медпортал", ("clinic",)),  # the software
        ("цифровой", ("voice",)),  # цифрового
    ],
)
def test_russian_word_forms(registry, q: str, expected: tuple[str, ...]) -> None:
    engine, ids = registry
    assert found(engine, q=q) == named(ids, *expected)


@pytest.mark.parametrize(
    "q",
    [
        '"',
        "*",
        "NEAR",
        "NEAR(больница школа)",
        ":",
        "title:больница",
        "&|!",
        "!больница & !школа",
        "больница*",
        '"больница" OR "школа"',
        "больница) OR (школа",
        "'; DROP TABLE practices; --",
        "^больница",
        "больница:*",
        "\\",
        "-больница",
        "больница " * 50,
        "ш" * 400,
    ],
)
def test_hostile_queries_are_words_only(registry, q: str) -> None:
    engine, ids = registry
    hits = found(engine, q=q)  # never a syntax error from FTS5 or to_tsquery
    if "больница" in q and "школа" not in q and "title" not in q and "near" not in q.lower():
        assert hits == named(ids, "beds", "sick_leave", "clinic")
    assert found(engine) == set(ids.values())  # and the table is still there


def test_a_query_too_long_is_refused_where_it_is(store: Engine) -> None:
    with pytest.raises(ValidationFailed) as caught:
        search_practices(store, PracticeQuery(q="я" * 501))
    assert [(p.code, p.path) for p in caught.value.problems] == [("psearch_query_too_long", "q")]


def test_only_punctuation_finds_nothing(registry) -> None:
    engine, _ = registry
    result = search_practices(engine, PracticeQuery(q='"*:'), today=TODAY)
    assert result.total == 0 and result.items == []
    assert sum(f.count for f in result.facets["sector"]) == 0


def test_facet_counts_are_disjunctive(registry) -> None:
    engine, _ = registry
    result = search_practices(engine, PracticeQuery(sector=("health",)), today=TODAY)
    assert result.total == 3
    counts = {name: {f.value: f.count for f in facet} for name, facet in result.facets.items()}
    # its own facet: counted without its own filter, every sector listed
    assert counts["sector"] == {
        "health": 3, "education": 1, "gov": 1, "transport": 1, "city": 1, "other": 0,
    }  # fmt: skip
    # the other facets: within health only
    assert counts["stage"] == {
        "idea": 0, "pilot": 0, "production": 2, "scaled": 1, "retired": 0,
    }  # fmt: skip
    assert counts["ai_kind"] == {
        "vision": 1, "text": 0, "speech": 0, "prediction": 0, "recommendation": 0, "none": 2,
    }  # fmt: skip
    assert counts["region"] == {"RU-MOW": 2, "RU-TA": 1}
    assert counts["indicator"] == {"health_beds": 2, "gov_online": 1}
    # regions ordered by count, most first
    assert [f.value for f in result.facets["region"]] == ["RU-MOW", "RU-TA"]


def test_facet_counts_with_words_and_two_facets(registry) -> None:
    engine, ids = registry
    query = PracticeQuery(q="школа", region=("RU-KLU",), stage=("production", "pilot"))
    result = search_practices(engine, query, today=TODAY)
    assert {i.id for i in result.items} == named(ids, "bus")
    counts = {name: {f.value: f.count for f in facet} for name, facet in result.facets.items()}
    # region counted with the words and the stages, not with the region chosen
    assert counts["region"] == {"RU-TA": 1, "RU-MOW": 1, "RU-KLU": 1}
    # stage counted with the words and the region, not with the stages chosen
    assert counts["stage"]["production"] == 1 and counts["stage"]["pilot"] == 0
    # a chosen value with nothing left is still listed, with 0
    query = PracticeQuery(q="школа", region=("RU-SPE",))
    result = search_practices(engine, query, today=TODAY)
    assert result.total == 0
    assert ("RU-SPE", 0) in [(f.value, f.count) for f in result.facets["region"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"sector": ("health", "education")}, ("beds", "sick_leave", "journal", "clinic")),
        (
            {"sector": ("health", "education"), "region": ("RU-MOW",)},
            ("sick_leave", "journal", "clinic"),
        ),
        ({"ai_kind": ("none",)}, ("sick_leave", "swamp", "clinic")),
        ({"ai_kind": ("none", "vision")}, ("beds", "sick_leave", "swamp", "clinic")),
        ({"stage": ("idea", "pilot")}, ("journal", "swamp")),
        ({"indicator": ("edu_digital",)}, ("journal", "bus")),
        (
            {"indicator": ("edu_digital", "gov_online"), "ai_kind": ("text", "speech")},
            ("journal", "voice"),
        ),
        ({"region": ("RU-TA", "RU-KLU"), "q": "болото"}, ("swamp",)),
        ({"region": ("RU-SPE",)}, ()),
    ],
)
def test_filters_and_across_facets_or_within_one(registry, query, expected) -> None:
    engine, ids = registry
    assert found(engine, **query) == named(ids, *expected)


def test_sort_orders(registry) -> None:
    engine, ids = registry
    back = {v: k for k, v in ids.items()}

    def order(sort: str | None, **query) -> list[str]:
        result = search_practices(engine, PracticeQuery(**query), sort=sort, today=TODAY)
        return [back[item.id] for item in result.items]

    # effect, best first, ties by id, unmeasured last (by id)
    by_effect = ["beds", "sick_leave", "clinic", "bus", "swamp", "journal", "voice"]
    assert order(None) == by_effect
    assert order("effect") == by_effect
    assert order("relevance") == by_effect  # no words: nothing to be relevant to
    assert order("title") == sorted(ids, key=lambda n: {
        "beds": "Свободные", "sick_leave": "Больничный", "journal": "Электронный",
        "swamp": "Осушение", "bus": "Школьный", "voice": "Голосовой", "clinic": "Запись",
    }[n])  # fmt: skip
    verified = order("verified")
    assert verified[-2:] == ["journal", "sick_leave"]  # the oldest verification last
    assert verified[0] == "swamp"  # 01.06.2026, the earliest id among the newest
    # words given: relevance by default, the title's match first
    assert order(None, q="больница")[-1] == "clinic"  # only in its description
    assert order("effect", q="больница") == ["beds", "sick_leave", "clinic"]


def test_relevance_weighs_where_each_word_is(store: Engine) -> None:
    """A word in the title counts most, in the problem (or tags, owner, software) less, in the
    description least; each word counts where its practice holds it best, the words add up,
    and equal relevance goes by measured effect, then id: on both databases alike."""
    first = add_practice(store, "Маршруты школьных автобусов", effect=1.0)  # both words
    title = add_practice(store, "Школьный журнал", description="Автобус у школы.", effect=2.0)
    problem = add_practice(store, "Сервис", problem="Маршрут автобуса до школы", effect=40.0)
    body = add_practice(store, "Сервис", description="Маршрут автобуса до школы", effect=90.0)
    twice = add_practice(store, "Автобус", description="Маршрут до школы", effect=90.0)
    add_practice(store, "Школьная столовая", effect=99.0)  # no bus: not found
    result = search_practices(store, PracticeQuery(q="школа автобус"), today=TODAY)
    # 4 + 4; 4 + 1; 2 + 2 (problem); 4 + 1 with more effect than `title`; 1 + 1
    assert [i.id for i in result.items] == [first, twice, title, problem, body]
    same = search_practices(store, PracticeQuery(q="школа автобус"), sort="relevance")
    assert [i.id for i in same.items] == [first, twice, title, problem, body]
    by_effect = search_practices(store, PracticeQuery(q="школа автобус"), sort="effect")
    assert [i.id for i in by_effect.items] == [body, twice, problem, title, first]


def test_relevance_of_the_small_registry(registry) -> None:
    engine, ids = registry
    back = {v: k for k, v in ids.items()}

    def order(q: str) -> list[str]:
        result = search_practices(engine, PracticeQuery(q=q), today=TODAY)
        return [back[i.id] for i in result.items]

    assert order("больница") == ["beds", "sick_leave", "clinic"]  # titles by effect, then body
    assert order("врач") == ["clinic", "voice"]  # «к врачу» in the title
    assert order("расписание") == ["bus", "clinic"]  # title, then description


def test_pages_cover_every_practice_once(registry) -> None:
    engine, ids = registry
    seen = []
    for page in (1, 2, 3, 4):
        result = search_practices(engine, PracticeQuery(), page=page, per_page=2, today=TODAY)
        assert result.total == 7
        seen += [item.id for item in result.items]
    assert sorted(seen) == sorted(ids.values())
    assert search_practices(engine, PracticeQuery(), page=9, per_page=2).items == []


def test_rows_carry_regions_counted_replications_stale_and_snippet(registry) -> None:
    engine, ids = registry
    result = search_practices(engine, PracticeQuery(q="койка"), today=TODAY)
    (beds,) = result.items
    assert beds.replication_count == 2  # a contract by number and date; an act by link
    assert beds.regions == ("RU-TA",) and beds.effect == 12.0 and not beds.stale
    assert beds.snippet is not None and "койки" in beds.snippet
    rows = {i.id: i for i in search_practices(engine, PracticeQuery(), today=TODAY).items}
    assert rows[ids["sick_leave"]].stale  # verified 29.11.2025
    assert not rows[ids["journal"]].stale  # verified 30.11.2025: twelve months exactly
    assert rows[ids["journal"]].regions == ("RU-MOW", "RU-TA")
    assert rows[ids["journal"]].replication_count == 0
    assert rows[ids["journal"]].snippet is None


@pytest.mark.parametrize(
    ("kwargs", "code", "path"),
    [
        ({"sort": "random"}, "psearch_sort_unknown", "sort"),
        ({"page": 0}, "psearch_page_bad", "page"),
        ({"per_page": 101}, "psearch_per_page_bad", "per_page"),
        ({"per_page": 0}, "psearch_per_page_bad", "per_page"),
        ({"query": PracticeQuery(sector=("hospitals",))}, "psearch_value_unknown", "sector"),
        ({"query": PracticeQuery(ai_kind=("robot",))}, "psearch_value_unknown", "ai_kind"),
        ({"query": PracticeQuery(stage=("done",))}, "psearch_value_unknown", "stage"),
        ({"query": PracticeQuery(region=("",))}, "psearch_value_bad", "region"),
        ({"query": PracticeQuery(region=("RU-TA\x00",))}, "psearch_value_bad", "region"),
        ({"query": PracticeQuery(indicator=("a\nb",))}, "psearch_value_bad", "indicator"),
        ({"query": PracticeQuery(indicator=("x" * 129,))}, "psearch_value_bad", "indicator"),
        ({"query": PracticeQuery(region=("RU-TA",) * 101)}, "psearch_too_many_values", "region"),
    ],
)
def test_bad_requests_are_refused_where_they_are(store: Engine, kwargs, code, path) -> None:
    kwargs = dict(kwargs)  # shared by both databases' runs
    query = kwargs.pop("query", PracticeQuery())
    with pytest.raises(ValidationFailed) as caught:
        search_practices(store, query, **kwargs)
    assert [(p.code, p.path) for p in caught.value.problems] == [(code, path)]
