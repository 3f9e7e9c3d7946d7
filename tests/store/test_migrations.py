"""The schema comes from the migrations, matches the models, and keeps history append-only."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, func, insert, select, text, update
from sqlalchemy.exc import DBAPIError

from tsifra.store import (
    AuditEntry,
    Base,
    Unit,
    current_revision,
    head_revision,
    is_current,
    make_engine,
    upgrade,
    utcnow,
)
from tsifra.store.migrate import modelled


def test_upgrade_reaches_head_and_loads_the_regions(store: Engine) -> None:
    assert current_revision(store) == head_revision()
    assert is_current(store)
    with store.connect() as connection:
        count = connection.scalar(select(func.count()).select_from(Unit))
        moscow = connection.scalar(select(Unit.name_ru).where(Unit.code == "RU-MOW"))
    assert count == 83
    assert moscow == "Москва"


def test_upgrade_twice_changes_nothing(store: Engine) -> None:
    upgrade(store)
    with store.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Unit)) == 83


def test_models_and_migrations_agree(store: Engine) -> None:
    with store.connect() as connection:
        opts = {"compare_type": True, "include_object": modelled}
        context = MigrationContext.configure(connection, opts=opts)
        assert compare_metadata(context, Base.metadata) == []


def test_the_audit_log_refuses_updates_and_deletes(store: Engine) -> None:
    with store.begin() as connection:
        connection.execute(insert(AuditEntry).values(at=utcnow(), action="test", actor="t"))
    for statement in (
        update(AuditEntry).values(actor="someone else"),
        text("DELETE FROM audit_log"),
    ):
        with pytest.raises(DBAPIError, match="append-only"), store.begin() as connection:
            connection.execute(statement)
    with store.connect() as connection:
        assert connection.scalar(select(AuditEntry.actor)) == "t"


def test_a_fresh_database_is_not_current(database_url: str) -> None:
    engine = make_engine(database_url)
    assert current_revision(engine) is None
    assert not is_current(engine)
    engine.dispose()


def test_0003_gives_old_tokens_an_expiry_and_goes_back_cleanly(database_url: str) -> None:
    """A server upgraded with tokens in use: each gets 90 days from its creation (one older
    than that is expired at once), every account a session version; and 0003 reverses."""
    from datetime import datetime, timedelta

    from alembic import command
    from alembic.config import Config

    from tsifra.store.migrate import MIGRATIONS

    engine = make_engine(database_url)

    def migrate(step, target: str) -> None:
        with engine.begin() as connection:
            config = Config()
            config.set_main_option("script_location", str(MIGRATIONS))
            config.attributes["connection"] = connection
            step(config, target)

    migrate(command.upgrade, "0002")
    created = datetime(2026, 1, 10, 12, 0)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO users (id, login, name, role, password_hash, active, created_at) "
                "VALUES (1, 'fed', 'fed', 'analyst', 'x', :yes, :at)"
            ),
            {"yes": True, "at": created},
        )
        connection.execute(
            text(
                "INSERT INTO api_tokens (user_id, token_sha256, label, created_at) "
                "VALUES (1, :digest, 'api', :at)"
            ),
            {"digest": "0" * 64, "at": created},
        )
    migrate(command.upgrade, "head")
    with engine.connect() as connection:
        expires = connection.scalar(text("SELECT expires_at FROM api_tokens"))
        version = connection.scalar(text("SELECT session_version FROM users"))
    if isinstance(expires, str):  # SQLite hands a text column back as written
        expires = datetime.fromisoformat(expires)
    assert expires == created + timedelta(days=90) and version == 0
    migrate(command.downgrade, "0002")
    assert current_revision(engine) == "0002"
    with engine.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM api_tokens")) == 1
    migrate(command.upgrade, "head")
    assert is_current(engine)
    engine.dispose()


def test_0004_makes_done_tasks_accepted_and_goes_back_cleanly(database_url: str) -> None:
    """A task «done» before tasks had a review becomes «accepted», accepted when it was marked
    done, so "done on time" stays what it was; every task gets the source «other»; 0004
    reverses to «done»."""
    from datetime import date, datetime

    from alembic import command
    from alembic.config import Config

    from tsifra.store.migrate import MIGRATIONS

    engine = make_engine(database_url)

    def migrate(step, target: str) -> None:
        with engine.begin() as connection:
            config = Config()
            config.set_main_option("script_location", str(MIGRATIONS))
            config.attributes["connection"] = connection
            step(config, target)

    migrate(command.upgrade, "0003")
    done_at = datetime(2026, 2, 1, 9, 30)
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO units (code, kind, name_ru) VALUES ('RU-TA', 'region', 'Татарстан')")
        )
        for task_id, status in ((1, "done"), (2, "in_progress")):
            connection.execute(
                text(
                    "INSERT INTO tasks (id, title, region, responsible, deadline, status, "
                    "created_at) VALUES (:id, 't', 'RU-TA', 'r', :deadline, :status, :at)"
                ),
                {"id": task_id, "deadline": date(2026, 3, 1), "status": status, "at": done_at},
            )
        connection.execute(
            text(
                "INSERT INTO task_events (task_id, at, status) VALUES (1, :a, 'new'), "
                "(1, :b, 'done'), (2, :a, 'new')"
            ),
            {"a": datetime(2026, 1, 5), "b": done_at},
        )
    migrate(command.upgrade, "head")
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT id, status, accepted_at, source FROM tasks ORDER BY id")
        ).all()
    accepted_at = rows[0][2]
    if isinstance(accepted_at, str):  # SQLite hands a text column back as written
        accepted_at = datetime.fromisoformat(accepted_at)
    assert (rows[0][1], accepted_at, rows[0][3]) == ("accepted", done_at, "other")
    assert (rows[1][1], rows[1][2]) == ("in_progress", None)
    migrate(command.downgrade, "0003")
    with engine.connect() as connection:
        statuses = connection.execute(text("SELECT status FROM tasks ORDER BY id")).scalars()
        assert list(statuses) == ["done", "in_progress"]
    migrate(command.upgrade, "head")
    assert is_current(engine)
    engine.dispose()
