"""Alembic's entry point; the connection comes from `tsifra.store.migrate`, not an ini file."""

from __future__ import annotations

from alembic import context

from tsifra.store.models import Base

config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
