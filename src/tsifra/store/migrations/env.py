"""Alembic's entry point; the connection comes from `tsifra.store.migrate`, not an ini file."""

from __future__ import annotations

from alembic import context

from tsifra.store.migrate import modelled
from tsifra.store.models import Base

config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
    compare_type=True,
    include_object=modelled,  # the full-text structures are made per database by hand
)
with context.begin_transaction():
    context.run_migrations()
