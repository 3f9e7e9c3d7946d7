"""A throwaway PostgreSQL cluster for one test session, started from Debian's binaries.

initdb refuses to run as root, so as root the cluster belongs to the `postgres` user (runuser);
as anyone else it is the caller's own. The socket and data live in one temporary folder that is
removed when the session ends.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


def find_bin() -> Path | None:
    """The newest installed PostgreSQL server binaries, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_major)
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _major(path: str) -> int:
    try:
        return int(Path(path).parts[-3])
    except ValueError:
        return 0


@dataclass
class Cluster:
    bin: Path
    folder: Path
    port: int

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def url_for(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def stop(self) -> None:
        _run(self.bin / "pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)


MEMORY = Path("/dev/shm")  # a RAM disk on Linux: nothing the tests write reaches the disk


def start(bin_dir: Path) -> Cluster:
    """Start a cluster in memory where the machine has a RAM disk: a test session creates a
    database per test, and writing, then deleting, gigabytes on a disk mounted with `discard`
    took a minute at the end of a run."""
    in_memory = MEMORY.is_dir() and os.access(MEMORY, os.W_OK)
    folder = Path(tempfile.mkdtemp(prefix="tsifra-pg-", dir=MEMORY if in_memory else None))
    as_root = os.geteuid() == 0
    if as_root:
        shutil.chown(folder, "postgres", "postgres")
    data = folder / "data"
    _run(
        bin_dir / "initdb",
        *("-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8"),
        *("--locale=C.UTF-8", "--no-sync"),
        as_postgres=as_root,
    )
    port = _free_port()
    options = (
        f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off"
    )
    _run(
        bin_dir / "pg_ctl",
        *("-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start"),
        as_postgres=as_root,
    )
    return Cluster(bin_dir, folder, port)


def _run(*command, as_postgres: bool | None = None) -> None:
    if as_postgres is None:
        as_postgres = os.geteuid() == 0
    argv = [str(c) for c in command]
    if as_postgres:
        argv = ["runuser", "-u", "postgres", "--", *argv]
    subprocess.run(argv, check=True, capture_output=True, text=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
