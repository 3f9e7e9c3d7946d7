"""The layer map holds: `lint-imports` keeps the contracts, fails on a forbidden import, and
ARCHITECTURE.md names every package under src/tsifra/."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(src: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=src,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def source_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("src")
    shutil.copytree(ROOT / "src" / "tsifra", src / "tsifra", ignore=shutil.ignore_patterns("*.pyc"))
    return src


def test_the_contracts_hold_on_the_code_as_it_is(source_copy: Path) -> None:
    done = _lint(source_copy)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        # the engine is pure: it never reaches the store
        ("engine/rank.py", "import tsifra.store.models", "tsifra.engine"),
        # a domain package never calls a shell
        ("values/ingest.py", "import tsifra.web.app", "tsifra.values"),
        # shells go through the services, not into the engine
        ("web/pages/rating.py", "import tsifra.engine.pipeline", "tsifra.web"),
        # and the pure core imports no database library
        ("kernel/periods.py", "import sqlalchemy", "tsifra.kernel"),
    ],
)
def test_a_forbidden_import_breaks_a_contract(
    source_copy: Path, tmp_path: Path, module: str, line: str, broken: str
) -> None:
    src = tmp_path / "src"
    shutil.copytree(source_copy, src)
    target = src / "tsifra" / module
    target.write_text(target.read_text() + f"\n{line}  # noqa\n", encoding="utf-8")
    done = _lint(src)
    assert done.returncode == 1, done.stdout
    assert "BROKEN" in done.stdout
    assert f"{broken} is not allowed to import" in done.stdout or broken in done.stdout


def test_architecture_names_every_package() -> None:
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    packages = sorted(
        p.name for p in (ROOT / "src" / "tsifra").iterdir() if (p / "__init__.py").is_file()
    )
    missing = [p for p in packages if not re.search(rf"`{p}/`", text)]
    assert packages and not missing, f"ARCHITECTURE.md does not name: {missing}"
