"""Where the database is and how to open it: SQLite in the data directory, or PostgreSQL by URL.

The embedded SQLite file lets `make run` work on a fresh machine with nothing installed (in WAL
mode: tsifra.db-wal and tsifra.db-shm sit beside it while it is open); a data office points
`TSIFRA_DATABASE_URL` at PostgreSQL (``postgresql+psycopg://user@host/db``). Every
write of a batch happens in one transaction, so a killed process leaves no partial batch on either.

The data directory (`data_home`) holds the SQLite file, the session key and the demo's files. It
never depends on the current directory: a server started from another folder would otherwise
open a new, empty database with a new key, and nobody would notice until the rating was gone.
What Tsifra creates there is its owner's only (folders 700, files 600): the database holds
password hashes and token digests, the key signs every session. SQLite gives its -wal and -shm
files the database file's mode, so creating that file first with 600 covers them too.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session

URL_VARIABLE = "TSIFRA_DATABASE_URL"
HOME_VARIABLE = "TSIFRA_HOME"
DATABASE_FILE = "tsifra.db"
SECRET_VARIABLE = "TSIFRA_SECRET_KEY"


def data_home() -> Path:
    """Tsifra's data directory: `TSIFRA_HOME` if set (a relative path is taken from the current
    directory once, here); else `var/` of the source checkout Tsifra runs from (as `make` installs
    it, so each checkout keeps its own database and `make clean` clears it); else, for an
    installed package, `$XDG_DATA_HOME/tsifra` (by default `~/.local/share/tsifra`)."""
    home = os.environ.get(HOME_VARIABLE)
    if home:
        return Path(home).expanduser().resolve()
    checkout = Path(__file__).resolve().parents[3]
    if (checkout / "pyproject.toml").is_file() and (checkout / "src" / "tsifra").is_dir():
        return checkout / "var"
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "tsifra"


def database_url(url: str | None = None) -> str:
    """The URL given, else `TSIFRA_DATABASE_URL`, else the SQLite file tsifra.db in `data_home`.

    A bare ``postgresql://`` URL is read as psycopg 3, the only PostgreSQL driver installed.
    """
    url = url or os.environ.get(URL_VARIABLE) or f"sqlite:///{data_home() / DATABASE_FILE}"
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def make_engine(url: str | None = None) -> Engine:
    """An engine for the URL; for SQLite the folder and the file are created for their owner
    only, and foreign keys are enforced."""
    url = database_url(url)
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        path = Path(url.removeprefix("sqlite:///").partition("?")[0])
        private_folder(path.parent)
        private_file(path)
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def private_folder(path: Path) -> None:
    """Create a folder (and its parents) that only its owner may enter; an existing one is
    left as it is, since its mode is its owner's choice."""
    if not path.is_dir():
        path.mkdir(mode=0o700, parents=True, exist_ok=True)


def private_file(path: Path) -> bool:
    """Create an empty file readable by its owner only (600, whatever the umask allows more);
    False if it already exists, which is left as it is."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        return False
    return True


def _sqlite_pragmas(connection, _record) -> None:
    """Write-ahead logging, so that readers never wait for a writer: a batch of a million values
    (minutes of writing on a slow disk) must not stall the rating a citizen is reading. Readers
    see the last committed state; writers still queue one at a time (`values.ingest` takes the
    write lock first), each waiting up to the busy timeout rather than failing."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")  # a second writer waits instead of failing
    # Kept in the file once set; an in-memory database answers "memory" and stays as it is.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA journal_size_limit=67108864")  # the -wal file shrinks back to 64 MB
    cursor.execute("PRAGMA cache_size=-65536")  # 64 MB of pages: big batches stay in memory
    cursor.close()


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One unit of work: committed if the block ends normally, rolled back if it raises.

    A plain `Session`, not a `sessionmaker` per call: each sessionmaker makes a class of its own
    whose events SQLAlchemy sets up again (0.4 ms against 0.2 ms for an empty unit of work on
    SQLite, measured with timeit)."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
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


def secret_key() -> str:
    """The installation's signing key: `TSIFRA_SECRET_KEY`, else the one kept in the data
    directory. The web signs sessions with it, and a command-line run of a proactive rule signs
    the unsubscribe links of its warnings with it, so both must find the same key."""
    return os.environ.get(SECRET_VARIABLE) or stored_key(data_home() / "secret_key")


def stored_key(path: Path) -> str:
    """The key kept in `path`, made on first use. It is written to a file created 600 and then
    linked into place, so that the key file is never readable by others nor seen half-written,
    and of two servers starting at once both keep the one key that got there first."""
    if not path.is_file():
        private_folder(path.parent)
        made = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
        private_file(made)
        try:
            made.write_text(secrets.token_urlsafe(48), encoding="utf-8")
            os.link(made, path)
        except FileExistsError:
            pass
        finally:
            made.unlink(missing_ok=True)
    return path.read_text(encoding="utf-8").strip()
