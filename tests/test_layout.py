"""The tests mirror the packages: a folder of tests/ is named after the package it tests.

A reader looking for the tests of `src/tsifra/values/` finds them in `tests/values/`; a test
folder with no package (a leftover of a move, or a new folder beside the map) fails here, so
the map of ARCHITECTURE.md stays the map of the tests too. Folders inside a package's tests
group its tests by how they run (`tests/web/browser/`: the pages in a real browser).
"""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent
PACKAGES = TESTS.parent / "src" / "tsifra"
# Not tests: what a run leaves behind, and folders of data the tests read.
NOT_TESTS = {"artifacts"}
# Folders that group a package's tests by how they run, not by what they test.
BY_HOW = {"browser"}


def folders(root: Path) -> set[str]:
    """Sub-folders holding Python files (a folder left with only __pycache__ after a move is
    not one)."""
    return {
        p.name
        for p in root.iterdir()
        if p.is_dir() and not p.name.startswith(".") and any(p.glob("*.py"))
    }


def test_every_test_folder_is_a_package_of_tsifra() -> None:
    packages = {name for name in folders(PACKAGES) if (PACKAGES / name / "__init__.py").is_file()}
    strays = sorted(folders(TESTS) - NOT_TESTS - packages)
    assert not strays, f"tests/{strays[0]}/ names no package of src/tsifra/: move its tests"


def test_a_package_folder_inside_tests_only_groups_how_its_tests_run() -> None:
    for package in folders(TESTS) - NOT_TESTS:
        inner = folders(TESTS / package) - NOT_TESTS
        assert inner <= BY_HOW, f"tests/{package}/ holds {sorted(inner - BY_HOW)}"


def test_every_test_module_has_a_name_of_its_own() -> None:
    """pytest imports test modules by their file name (the folders are not packages): two
    `test_sheets.py` in two folders pass alone and fail together, in a whole run only."""
    seen: dict[str, Path] = {}
    for path in sorted(TESTS.rglob("*.py")):
        if NOT_TESTS & set(path.relative_to(TESTS).parts) or path.name == "conftest.py":
            continue
        twin = seen.setdefault(path.name, path)
        assert twin == path, f"{twin.relative_to(TESTS)} and {path.relative_to(TESTS)}: rename one"
