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
        context = MigrationContext.configure(connection, opts={"compare_type": True})
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
