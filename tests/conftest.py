"""Shared fixtures: the reference data sets in examples/, the databases of each kind, markers.

Markers select parts of the suite and never hide any from `make test`: `postgres` (the
PostgreSQL half of every database fixture), `spark` and `browser` (tests/web/browser) are set
here on collection, `slow` on the tests themselves; `make test-fast` leaves all four out.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

import postgres
from databases import Recipe, Templates
from mail_server import Inbox, smtp_server
from tsifra.outbox.outbox import SmtpSettings
from tsifra.store import make_engine

# Accounts made by tests hash their passwords with the cheapest argon2 parameters (≈0.1 ms
# instead of ≈0.3 s each); tests/accounts checks what a user gets without this setting. Set
# before any test runs, so every process a test starts inherits it too.
os.environ.setdefault("TSIFRA_PASSWORD_HASH", "fast")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
GENERATED_ROWS = 100_000  # per mart: enough for the engines to differ if they ever would


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    """The public reference data the examples carry (examples/desi2022, examples/asem), so a
    fresh clone runs every reference test."""
    return EXAMPLES


def _missing(reason: str) -> None:
    """A system component is missing: skip on a user's machine, fail in CI, which installs it."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; .ci/run must install it")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[postgres.Cluster]:
    """One throwaway PostgreSQL server for the whole test session."""
    bin_dir = postgres.find_bin()
    if bin_dir is None:
        _missing("PostgreSQL server binaries (initdb) not found")
    cluster = postgres.start(bin_dir)
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Templates:
    """The databases this session built once, to copy for each test."""
    return Templates(tmp_path_factory.mktemp("templates"))


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    """Every database fixture runs on SQLite and on PostgreSQL (marked `postgres`)."""
    return request.param


@pytest.fixture
def database_url(
    request: pytest.FixtureRequest, backend: str, templates: Templates, tmp_path: Path
) -> Iterator[str]:
    """An empty database of each kind: a fresh SQLite file, or a fresh PostgreSQL database."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'tsifra.db'}"
        return
    cluster = request.getfixturevalue("postgres_cluster")
    url = templates.empty_postgres(cluster)
    yield url
    templates.drop_postgres(cluster, url)


@pytest.fixture
def database_copy(
    request: pytest.FixtureRequest, backend: str, templates: Templates, tmp_path: Path
) -> Iterator[Callable[[Recipe | None], Engine]]:
    """A function making this test's own copy of a recipe's database (`builders.RatedDatabase`;
    None: migrated and empty), built once per session and backend."""
    engines: list[Engine] = []

    def copy(recipe: Recipe | None) -> Engine:
        if backend == "sqlite":
            url = templates.sqlite_copy(recipe, tmp_path / f"copy-{len(engines)}.db")
        else:
            url = templates.postgres_copy(recipe, request.getfixturevalue("postgres_cluster"))
        engines.append(make_engine(url))
        return engines[-1]

    yield copy
    for engine in engines:
        engine.dispose()
        if backend == "postgresql":
            cluster = request.getfixturevalue("postgres_cluster")
            templates.drop_postgres(cluster, engine.url.render_as_string(hide_password=False))


@pytest.fixture
def store(database_copy: Callable[[Recipe | None], Engine]) -> Engine:
    """A migrated database of each kind, with the reference regions loaded."""
    return database_copy(None)


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, SmtpSettings]]:
    """A real SMTP server on this machine for the test (tests/mail_server.py): its inbox, and the
    outbox's settings to reach it."""
    with smtp_server() as server:
        yield server


@pytest.fixture(autouse=True)
def _russian_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see the default language unless they switch it themselves."""
    monkeypatch.delenv("TSIFRA_LANG", raising=False)


@pytest.fixture(autouse=True)
def _private_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A command run by a test never touches var/, a user's TSIFRA_DATABASE_URL or TSIFRA_HOME."""
    monkeypatch.setenv("TSIFRA_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("TSIFRA_HOME", str(tmp_path / "home"))


FORECAST_PATHS = 100


@pytest.fixture(autouse=True)
def _fewer_forecast_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forecasts from the store (the region page's, the API's, a what-if on a later year) from
    at most 100 sample paths, not 1,000: each test's database is forecast anew (≈1 s instead
    of ≈7 s for every region), and these tests check how the answer is shaped and passed on;
    the forecast's accuracy is checked in tests/engine, whose calls this does not touch."""
    monkeypatch.setattr("tsifra.web.pages.region_analyses.FORECAST_SAMPLES", FORECAST_PATHS)
    from tsifra.analyses import forecast

    original = forecast.published_forecast
    signature = inspect.signature(original)
    if "samples" not in signature.parameters:
        return

    def fewer_paths(*args, **kwargs):
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        bound.arguments["samples"] = min(bound.arguments["samples"], FORECAST_PATHS)
        return original(*bound.args, **bound.kwargs)

    monkeypatch.setattr(forecast, "published_forecast", fewer_paths)


@pytest.fixture(scope="session")
def generated_marts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the three bundled marts generated from the demo panel, 100,000 rows each."""
    from tsifra.demo.marts import generate_marts

    folder = tmp_path_factory.mktemp("generated-marts")
    generate_marts(folder, GENERATED_ROWS, seed=2024)
    return folder


@pytest.fixture(scope="session")
def million_row_xlsx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An XLSX of a million rows of unit, period, indicator, value, as compact as XML allows (no
    cell references, numbers only), written straight into the zip in about a second: the kind
    of file that kept the server busy for 17 minutes before its size was checked."""
    from builders import write_xlsx

    row = b"<row><c><v>1</v></c><c><v>2025</v></c><c><v>7</v></c><c><v>91.5</v></c></row>"
    chunks = (row * 10_000 for _ in range(100))
    return write_xlsx(tmp_path_factory.mktemp("xlsx") / "million.xlsx", {"Лист1": chunks})


TESTS = Path(__file__).resolve().parent
BROWSER = TESTS / "web" / "browser"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark what needs a system component, from what each test uses."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and callspec.params.get("backend") == "postgresql":
            item.add_marker(pytest.mark.postgres)
        fixtures = getattr(item, "fixturenames", ())
        if "postgres_cluster" in fixtures:
            item.add_marker(pytest.mark.postgres)
        if "spark" in fixtures:
            item.add_marker(pytest.mark.spark)
        if item.path.is_relative_to(BROWSER):
            item.add_marker(pytest.mark.browser)
