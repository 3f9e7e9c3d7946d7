"""How SQLite is opened: write-ahead logging, so that readers never wait for a writer."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from tsifra.store import make_engine, upgrade


def test_sqlite_is_opened_in_wal_mode_with_a_busy_timeout(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'tsifra.db'}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 30000
    engine.dispose()
    # The mode is kept in the file: a plain sqlite3 connection, as a backup tool opens it, sees it.
    with sqlite3.connect(tmp_path / "tsifra.db") as plain:
        assert plain.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_reader_is_not_kept_waiting_by_a_writer_holding_the_lock(tmp_path: Path) -> None:
    """A writer takes the exclusive lock and writes, uncommitted; a reader that may not wait at
    all (busy timeout 0) still reads the last committed state. In the rollback-journal mode
    this read fails at once with "database is locked": that is how readers waited for ingest."""
    url = f"sqlite:///{tmp_path / 'tsifra.db'}"
    engine = make_engine(url)
    upgrade(engine)
    writer = engine.raw_connection()
    try:
        writer.execute("BEGIN EXCLUSIVE")
        writer.execute("INSERT INTO units (code, kind, name_ru) VALUES ('X-1', 'region', 'Проба')")
        reader = engine.raw_connection()
        try:
            reader.execute("PRAGMA busy_timeout=0")
            count = reader.execute("SELECT count(*) FROM units WHERE code = 'X-1'").fetchone()[0]
            assert count == 0  # what is committed, without waiting
        finally:
            reader.close()
    finally:
        writer.rollback()
        writer.close()
        engine.dispose()


def test_writers_still_take_turns(tmp_path: Path) -> None:
    """WAL lets readers through but never two writers: the second waits for the first's
    commit (its busy timeout), then goes on; nothing fails."""
    engine = make_engine(f"sqlite:///{tmp_path / 'tsifra.db'}")
    upgrade(engine)
    first = engine.raw_connection()
    first.execute("BEGIN IMMEDIATE")
    first.execute("INSERT INTO units (code, kind, name_ru) VALUES ('X-1', 'region', 'Первый')")
    finished = threading.Event()

    def second_writer() -> None:
        with engine.begin() as connection:
            connection.execute(
                text("INSERT INTO units (code, kind, name_ru) VALUES ('X-2', 'region', 'Второй')")
            )
        finished.set()

    thread = threading.Thread(target=second_writer)
    thread.start()
    try:
        assert not finished.wait(0.5), "a second writer went ahead while the first held the lock"
    finally:
        first.commit()
        first.close()
    thread.join(30)
    assert finished.is_set()
    with engine.connect() as connection:
        codes = connection.execute(text("SELECT code FROM units WHERE code LIKE 'X-%'")).scalars()
        assert sorted(codes) == ["X-1", "X-2"]
    engine.dispose()


@pytest.mark.parametrize("url", ["sqlite:///:memory:"])
def test_an_in_memory_database_still_opens(url: str) -> None:
    engine = make_engine(url)
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "memory"
    engine.dispose()
