"""What the command line loads before it answers: `tsifra --help` and `tsifra methodology check`
must not pay for pandas, the database or the analyses (issue 10: the help took 7 s of CPU).

Each case runs the command in a fresh interpreter and lists, as it exits, every module it
imported (`sys.modules`: complete, whereas `python -X importtime` misses modules loaded through
`importlib.import_module`), and asserts on that list, never on a time: how long an import takes
depends on the machine, which modules are imported does not.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

# Libraries a command imports only when it needs them: none is needed to print the help.
HEAVY = (
    "pandas",
    "numpy",
    "scipy",
    "SALib",
    "sqlalchemy",
    "alembic",
    "fastapi",
    "duckdb",
    "ibis",
    "pyspark",
    "matplotlib",
    "weasyprint",
    "openpyxl",
)
# Checking a methodology needs pydantic and YAML, not tables or a database.
NOT_FOR_CHECK = ("pandas", "numpy", "scipy", "sqlalchemy", "alembic")

# What the console script `tsifra` does with the arguments given, then the modules it loaded.
RUN = """\
import atexit, sys
atexit.register(lambda: print(*sorted(sys.modules), sep="\\n", file=sys.stderr))
from tsifra.cli import app
sys.exit(app(sys.argv[1:], prog_name="tsifra"))
"""


def imported(*args: str) -> set[str]:
    """Every module the command imported, by its full dotted name; the command must succeed."""
    done = subprocess.run(
        [sys.executable, "-c", RUN, *args], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return set(done.stderr.split())


def top_level(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


@pytest.fixture(scope="module")
def help_modules() -> set[str]:
    return imported("--help")


def test_the_help_loads_no_heavy_library(help_modules):
    assert {"tsifra.cli", "tsifra.cli.index", "typer"} <= help_modules  # the list is real
    assert top_level(help_modules) & set(HEAVY) == set()


def test_the_help_loads_no_service(help_modules):
    """The command modules import their services inside the commands: were one to import a
    service at its top, the help would load it (and, through it, the libraries above)."""
    services = ("ratings", "analyses", "store", "values", "marts", "demo", "web", "reports")
    loaded = {m for m in help_modules if m.startswith(tuple(f"tsifra.{s}" for s in services))}
    assert loaded == set()
    assert "tsifra.methodology.schema" not in help_modules  # the default id needs no pydantic


def test_methodology_check_loads_the_schema_and_no_tables():
    modules = imported("methodology", "check", "ru-digital-maturity")
    assert {"tsifra.methodology.schema", "tsifra.methodology.loader", "yaml"} <= modules
    assert top_level(modules) & set(NOT_FOR_CHECK) == set()
