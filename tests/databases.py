"""Test databases built once per session and backend, and copied for each test.

Building a rated database takes seconds (migrations, ingest, two ratings, accounts); copying one
takes milliseconds: a file copy for SQLite, `CREATE DATABASE … TEMPLATE …` for PostgreSQL. A
recipe is any hashable object with `build(engine)`, called on a migrated, empty database; `None`
is the migrated database alone. Each worker process (pytest-xdist) keeps templates of its own.
"""

from __future__ import annotations

import itertools
import os
import shutil
import threading
from pathlib import Path
from typing import Protocol

from sqlalchemy import text

import postgres
from tsifra.store import make_engine, upgrade


class Recipe(Protocol):
    """Hashable too: equal recipes share one template."""

    def build(self, engine) -> None: ...


class Templates:
    """The templates of one session: SQLite files in `folder`, databases in the cluster."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._built: dict[tuple[str, Recipe | None], str] = {}
        self._numbers = itertools.count()
        self._lock = threading.Lock()

    def empty_postgres(self, cluster: postgres.Cluster) -> str:
        """The URL of a new, empty PostgreSQL database."""
        name = self._name("test")
        _admin(cluster, f"CREATE DATABASE {name}")
        return cluster.url_for(name)

    def sqlite_copy(self, recipe: Recipe | None, path: Path) -> str:
        """The URL of a copy of the recipe's SQLite template at `path`."""
        shutil.copyfile(self._sqlite_template(recipe), path)
        return f"sqlite:///{path}"

    def postgres_copy(self, recipe: Recipe | None, cluster: postgres.Cluster) -> str:
        """The URL of a new PostgreSQL database copied from the recipe's template."""
        template = self._postgres_template(recipe, cluster)
        name = self._name("test")
        _admin(cluster, f"CREATE DATABASE {name} TEMPLATE {template}")
        return cluster.url_for(name)

    def drop_postgres(self, cluster: postgres.Cluster, url: str) -> None:
        """Drop a test's database, so that a session keeps only the templates in memory."""
        name = url.rsplit("/", 1)[-1]
        _admin(cluster, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def _sqlite_template(self, recipe: Recipe | None) -> str:
        with self._lock:
            key = ("sqlite", recipe)
            if key not in self._built:
                path = self.folder / f"{self._name('template')}.db"
                _fill(f"sqlite:///{path}", recipe)
                self._built[key] = str(path)
            return self._built[key]

    def _postgres_template(self, recipe: Recipe | None, cluster: postgres.Cluster) -> str:
        with self._lock:
            key = ("postgresql", recipe)
            if key not in self._built:
                name = self._name("template")
                _admin(cluster, f"CREATE DATABASE {name}")
                _fill(cluster.url_for(name), recipe)
                self._built[key] = name
            return self._built[key]

    def _name(self, prefix: str) -> str:
        return f"{prefix}_{os.getpid()}_{next(self._numbers)}"


def _fill(url: str, recipe: Recipe | None) -> None:
    """Migrate and build; every connection is closed after, as a template needs."""
    engine = make_engine(url)
    try:
        upgrade(engine)
        if recipe is not None:
            recipe.build(engine)
    finally:
        engine.dispose()


def _admin(cluster: postgres.Cluster, statement: str) -> None:
    admin = make_engine(cluster.url).execution_options(isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(statement))
    finally:
        admin.dispose()
