"""The full-text index follows the records (in the writer's transaction), migration 0007 indexes
the practices a database already holds and goes back cleanly, and both databases reduce words to
the same stems, so a query built once matches alike."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, delete, inspect, text, update

from practice_search_registry import TODAY, add_practice
from tsifra.practices import fts_words
from tsifra.practices.search import PracticeQuery, index_practice, search_practices
from tsifra.store import make_engine, session_scope
from tsifra.store.migrate import MIGRATIONS
from tsifra.store.models import Practice, PracticeRegion


def hits(engine: Engine, q: str) -> set[int]:
    return {i.id for i in search_practices(engine, PracticeQuery(q=q), today=TODAY).items}


def test_index_follows_an_edit_and_a_deletion(store: Engine) -> None:
    practice = add_practice(store, "Электронная очередь в поликлинику", "health")
    assert hits(store, "поликлиники") == {practice}
    with session_scope(store) as session:
        session.execute(
            update(Practice).where(Practice.id == practice).values(title="Табло на вокзале")
        )
        index_practice(session.connection(), practice)
    assert hits(store, "поликлиника") == set()
    assert hits(store, "вокзалах") == {practice}
    with session_scope(store) as session:
        session.execute(delete(PracticeRegion).where(PracticeRegion.practice_id == practice))
        session.execute(delete(Practice).where(Practice.id == practice))
        index_practice(session.connection(), practice)
    assert hits(store, "вокзал") == set()


def test_an_index_write_rolls_back_with_its_transaction(store: Engine) -> None:
    practice = add_practice(store, "Умные светофоры", "transport")
    with pytest.raises(RuntimeError), session_scope(store) as session:
        session.execute(
            update(Practice).where(Practice.id == practice).values(title="Ямочный ремонт")
        )
        index_practice(session.connection(), practice)
        raise RuntimeError("the registry's write failed after indexing")
    assert hits(store, "светофор") == {practice}
    assert hits(store, "ремонт") == set()


def _migrate(engine: Engine, step, target: str) -> None:
    with engine.begin() as connection:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = connection
        step(config, target)


def test_0007_indexes_existing_practices_and_goes_back_cleanly(database_url: str) -> None:
    engine = make_engine(database_url)
    _migrate(engine, command.upgrade, "0006")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO practices (id, title, description, problem, sector, stage, "
                "technologies, verified_at, created_at, updated_at) VALUES (1, 'Телемедицина "
                "для сёл', 'Консультации врачей больниц', '', 'health', 'pilot', :tags, "
                ":day, :at, :at)"
            ),
            {"tags": '["видеосвязь"]', "day": TODAY, "at": "2026-01-01 00:00:00"},
        )
    _migrate(engine, command.upgrade, "0007")
    assert hits(engine, "больничный") == {1}
    assert hits(engine, "видеосвязи") == {1}  # technologies, from the JSON list
    _migrate(engine, command.downgrade, "0006")
    names = set(inspect(engine).get_table_names())
    assert not {n for n in names if n.startswith(("practice_fts", "practice_search"))}
    indexes = {i["name"] for i in inspect(engine).get_indexes("practices")}
    assert "ix_practices_effect" not in indexes
    _migrate(engine, command.upgrade, "head")
    assert hits(engine, "телемедицинский") == {1}
    engine.dispose()


# Words of the registry in many forms: PostgreSQL's `russian` configuration must reduce each
# to the stem `fts_words` writes into SQLite's index and builds queries from.
VOCABULARY = [
    "больница",
    "больницах",
    "больничный",
    "школа",
    "школами",
    "школьный",
    "болото",
    "боль",
    "ёлка",
    "дорожный",
    "дорога",
    "цифровой",
    "распознавание",
    "изображений",
    "медицинских",
    "снимков",
    "телемедицина",
    "светофоров",
    "госуслуги",
    "обращений",
    "приёмной",
    "поликлиники",
    "recognition",
    "vision",
    "OCR",
    "ГИС",
    "ИИ",
    "5G",
    "нейросеть",
]


def test_postgresql_stems_words_as_the_index_does(store: Engine) -> None:
    if store.dialect.name != "postgresql":
        pytest.skip("compares PostgreSQL's russian configuration with SQLite's stems")
    with store.connect() as connection:
        for word_ in VOCABULARY:
            lexemes = connection.scalar(
                text("SELECT tsvector_to_array(to_tsvector('russian', :w))"), {"w": word_}
            )
            assert lexemes == [fts_words.document(word_)], word_
