"""The registry's words in memory: they match what the database's own full-text index matches,
a write is found by the next search without reading the whole index again, and a bulk write or
too many writes since have it read anew."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import Engine, text

from practice_search_registry import TODAY, add_practice, small_registry
from tsifra.kernel.cache import Cache
from tsifra.practices import word_index
from tsifra.practices.drafts import PracticeDraft
from tsifra.practices.fts_words import Term, query_terms
from tsifra.practices.records import create_practice, update_practice
from tsifra.practices.search import PracticeQuery, search_practices
from tsifra.store import session_scope
from tsifra.store.audit import record
from tsifra.store.versions import database_key


@pytest.fixture
def cache():
    kept = Cache(background=True)  # as the web application holds it
    yield kept
    kept.close()


def kept(engine: Engine, cache: Cache) -> word_index.WordIndex:
    value = cache.kept_value((database_key(engine), "practice_words"))
    assert isinstance(value, word_index.WordIndex)
    return value


def hits(engine: Engine, q: str, cache: Cache | None = None) -> set[int]:
    result = search_practices(engine, PracticeQuery(q=q), per_page=100, today=TODAY, cache=cache)
    assert result.total == len(result.items)
    return {i.id for i in result.items}


def database_hits(engine: Engine, groups: list[tuple[Term, ...]]) -> set[int]:
    """The same terms asked of the database's own index: FTS5's MATCH, PostgreSQL's @@."""
    postgres = engine.dialect.name == "postgresql"
    parts = []
    for group in groups:
        if postgres:
            terms = [f"'{t.text}'" + (":*" if t.prefix else "") for t in group]
        else:
            terms = [f'"{t.text}"' + ("*" if t.prefix else "") for t in group]
        parts.append("(" + (" | " if postgres else " OR ").join(terms) + ")")
    if postgres:
        sql = "SELECT practice_id FROM practice_search WHERE document @@ CAST(:q AS tsquery)"
    else:
        sql = "SELECT rowid FROM practice_fts WHERE practice_fts MATCH :q"
    joined = (" & " if postgres else " AND ").join(parts)
    with engine.connect() as connection:
        return set(connection.execute(text(sql), {"q": joined}).scalars())


TEXT = (
    "больница больницах больничный поликлиника боль болото болоте школа школьный школами "
    "дорога дорожный дороги светофор светофоров журнал журналы врач врачу запись записи "
    "цифровой цифровая система систем платформа данные ГИС OCR 1С covid19"
)
WORDS = TEXT.split()


@pytest.mark.parametrize("seed", [1, 2])
def test_words_in_memory_match_the_databases_index(store: Engine, cache, seed: int) -> None:
    """Random texts and random queries of one to three words: the practices found in memory
    are those the database's own full-text index finds, with a cache and without."""
    rng = random.Random(seed)

    def words(count: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(count))

    for _ in range(60):
        add_practice(
            store, words(rng.randint(1, 4)), description=words(rng.randint(0, 12)),
            problem=words(rng.randint(0, 4)), technologies=[rng.choice(WORDS)],
        )  # fmt: skip
    for _ in range(25):
        q = words(rng.randint(1, 3))
        expected = database_hits(store, query_terms(q))
        assert hits(store, q) == expected, q
        assert hits(store, q, cache) == expected, q


def test_a_write_is_found_at_once_without_reading_everything(store: Engine, cache) -> None:
    ids = small_registry(store)
    assert hits(store, "больница", cache) == {ids["beds"], ids["sick_leave"], ids["clinic"]}
    base = kept(store, cache).base
    draft = PracticeDraft(title="Цифровой двойник дорог", sector="transport", regions=("RU-KLU",))
    made = create_practice(store, draft, account=None, actor="test")
    assert hits(store, "двойники", cache) == {made}
    assert hits(store, "дорожный", cache) == {made}
    assert kept(store, cache).base is base  # the write read alone, not the whole index
    assert kept(store, cache).recent.tolist() == [made]
    # a practice of the base rewritten: its old words no longer find it, its new ones do
    cache.clear()
    assert hits(store, "двойник", cache) == {made}
    base = kept(store, cache).base
    changed = PracticeDraft(title="Табло на вокзале", sector="transport", regions=("RU-KLU",))
    update_practice(store, made, changed, account=None, actor="test")
    assert hits(store, "двойник", cache) == set()
    assert hits(store, "вокзалы", cache) == {made}
    assert kept(store, cache).base is base
    assert hits(store, "больница", cache) == {ids["beds"], ids["sick_leave"], ids["clinic"]}


def test_past_the_limit_the_whole_index_is_read_again(store: Engine, cache, monkeypatch) -> None:
    small_registry(store)
    hits(store, "школа", cache)
    base = kept(store, cache).base
    monkeypatch.setattr(word_index, "RECENT_AT_MOST", 1)
    draft = PracticeDraft(title="Школьный двор", sector="education", regions=("RU-KLU",))
    made = create_practice(store, draft, account=None, actor="test")
    other = create_practice(store, draft, account=None, actor="test")
    assert {made, other} <= hits(store, "школа", cache)
    assert kept(store, cache).base is not base
    assert len(kept(store, cache).recent) == 0


def test_a_bulk_write_has_the_whole_index_read_again(store: Engine, cache) -> None:
    """A write the audit log names no single practice for (the demo's load) is not followed
    practice by practice: everything is read again."""
    small_registry(store)
    hits(store, "школа", cache)
    base = kept(store, cache).base
    with session_scope(store) as session:
        record(session, "demo", "practice.demo", None, {"practices": 1})
    made = add_practice(store, "Школьный стадион")
    assert made in hits(store, "школьный", cache)
    assert kept(store, cache).base is not base
