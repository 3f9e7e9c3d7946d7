"""One data directory (TSIFRA_HOME) for the database, the session key and the demo's files,
whatever directory a command or the server is started from."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from builders import ROOT, invoke, write_values_csv
from tsifra.store import data_home, database_url, make_engine
from tsifra.store import database as database_module
from tsifra.web.settings import load_settings


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """TSIFRA_HOME set, no database URL: the database is the home's SQLite file."""
    monkeypatch.delenv("TSIFRA_DATABASE_URL")
    folder = tmp_path / "tsifra-home"
    monkeypatch.setenv("TSIFRA_HOME", str(folder))
    return folder


def test_commands_started_in_other_directories_share_one_database(home, tmp_path, monkeypatch):
    first, second = tmp_path / "office", tmp_path / "elsewhere"
    first.mkdir(), second.mkdir()
    monkeypatch.chdir(first)
    assert invoke("db", "upgrade").exit_code == 0
    values = write_values_csv(first / "q1.csv", [("RU-TA", "2024Q1", "health_emr", 91.5)])
    assert invoke("ingest", values, "--source", "region:RU-TA").exit_code == 0
    monkeypatch.chdir(second)
    r = invoke("history", "RU-TA", "2024Q1", "health_emr")
    assert r.exit_code == 0, r.text
    assert "region:RU-TA" in r.text and "91" in r.text
    assert (home / "tsifra.db").is_file()
    assert not (first / "var").exists() and not (second / "var").exists()


def test_the_server_keeps_its_database_and_session_key_wherever_it_starts(
    home, tmp_path, monkeypatch
):
    settings = []
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        monkeypatch.chdir(tmp_path / folder)
        settings.append(load_settings())
    assert settings[0] == settings[1]
    assert settings[0].database_url == f"sqlite:///{home / 'tsifra.db'}"
    key = home / "secret_key"
    assert key.read_text(encoding="utf-8").strip() == settings[0].secret_key
    assert stat.S_IMODE(key.stat().st_mode) == 0o600


def test_the_demo_writes_its_files_into_the_home(home, tmp_path, monkeypatch):
    from tsifra.demo import run_demo

    monkeypatch.chdir(tmp_path)
    files = run_demo(seed=1).files
    assert files["panel"] == home / "demo" / "demo-panel-synthetic.csv"
    assert files["panel"].is_file()


def test_a_relative_home_is_fixed_once_against_the_current_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TSIFRA_HOME", "data")
    assert data_home() == tmp_path / "data"


def test_by_default_a_checkout_keeps_its_data_in_its_own_var(tmp_path, monkeypatch):
    monkeypatch.delenv("TSIFRA_HOME")
    monkeypatch.delenv("TSIFRA_DATABASE_URL")
    seen = set()
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        monkeypatch.chdir(tmp_path / folder)
        seen.add(database_url())
    assert seen == {f"sqlite:///{ROOT / 'var' / 'tsifra.db'}"}


def test_an_installed_package_keeps_its_data_in_the_users_data_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("TSIFRA_HOME")
    installed = tmp_path / "site-packages" / "tsifra" / "store" / "database.py"
    monkeypatch.setattr(database_module, "__file__", str(installed))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    assert data_home() == tmp_path / "share" / "tsifra"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    assert data_home() == tmp_path / "user" / ".local" / "share" / "tsifra"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The commonest umask (022): without care, a new file would be readable by everyone."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def test_the_database_its_journal_files_and_the_key_are_their_owners_only(home, open_umask):
    """The database holds password hashes and token digests, the key signs every session: a
    fresh home, its SQLite file with the -wal and -shm files of WAL mode, and the key file are
    made 700 and 600 whatever the umask would allow."""
    settings = load_settings()
    engine = make_engine(settings.database_url)
    try:
        with engine.begin() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode=WAL").scalar() == "wal"
            connection.exec_driver_sql("CREATE TABLE secret (hash TEXT)")
            connection.exec_driver_sql("INSERT INTO secret VALUES ('argon2id$...')")
        with engine.connect() as reading:  # a reader keeps the -shm and -wal files in place
            assert reading.exec_driver_sql("SELECT count(*) FROM secret").scalar() == 1
            files = [home / "tsifra.db", home / "tsifra.db-wal", home / "tsifra.db-shm"]
            assert all(f.is_file() for f in files)
            assert {f.name: _mode(f) for f in files} == {f.name: 0o600 for f in files}
    finally:
        engine.dispose()
    assert _mode(home) == 0o700
    assert _mode(home / "secret_key") == 0o600
    assert load_settings().secret_key == settings.secret_key  # made once, then read
    assert [p.name for p in home.iterdir() if p.name.startswith(".")] == []  # no scratch left


def test_an_existing_folder_and_database_keep_the_mode_their_owner_chose(tmp_path, open_umask):
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o750)
    database = shared / "tsifra.db"
    database.touch(mode=0o640)
    make_engine(f"sqlite:///{database}").dispose()
    assert (_mode(shared), _mode(database)) == (0o750, 0o640)
