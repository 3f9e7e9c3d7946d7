"""Where the database is and how to open it: SQLite under ./var by default, PostgreSQL by URL.

The embedded SQLite file lets `make run` work on a fresh machine with nothing installed; a data
office points `TSIFRA_DATABASE_URL` at PostgreSQL (``postgresql+psycopg://user@host/db``). Every
write of a batch happens in one transaction, so a killed process leaves no partial batch on either.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

DEFAULT_PATH = Path("var") / "tsifra.db"
URL_VARIABLE = "TSIFRA_DATABASE_URL"


def database_url(url: str | None = None) -> str:
    """The URL given, else `TSIFRA_DATABASE_URL`, else the SQLite file ./var/tsifra.db.

    A bare ``postgresql://`` URL is read as psycopg 3, the only PostgreSQL driver installed.
    """
    url = url or os.environ.get(URL_VARIABLE) or f"sqlite:///{DEFAULT_PATH}"
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def make_engine(url: str | None = None) -> Engine:
    """An engine for the URL; for SQLite the folder is created and foreign keys are enforced."""
    url = database_url(url)
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(connection, _record) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")  # a second writer waits instead of failing
    cursor.execute("PRAGMA cache_size=-65536")  # 64 MB of pages: big batches stay in memory
    cursor.close()


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One unit of work: committed if the block ends normally, rolled back if it raises."""
    factory = sessionmaker(engine, expire_on_commit=False)
    with factory() as session, session.begin():
        yield session


def utcnow() -> datetime:
    """Timestamps are stored as naive UTC so SQLite and PostgreSQL compare them alike."""
    return datetime.now(UTC).replace(tzinfo=None)


def as_utc(moment: datetime) -> datetime:
    """A user's timestamp as naive UTC; a timestamp without an offset is read as UTC."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def parse_moment(text: str, where: str = "--as-of") -> datetime:
    """A user's "as of" moment: ISO date or date-time, UTC unless an offset is given.

    A bare date means the end of that day, which is what "as of 31 March" means to a reader.
    """
    from tsifra.kernel.problems import Problem, ValidationFailed

    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValidationFailed([Problem("bad_timestamp", path=where, value=text)]) from None
    if len(text.strip()) == 10:  # a date only
        moment = moment.replace(hour=23, minute=59, second=59, microsecond=999999)
    return as_utc(moment)


def shown_url(url: str) -> str:
    """The database URL without its password, for printing."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
