"""Store fixtures: a file large enough that writing it takes a moment."""

from __future__ import annotations

from pathlib import Path

import pytest

from tsifra.demo.panel import generate_panel
from tsifra.methodology import load_methodology
from tsifra.reference import load_regions


@pytest.fixture(scope="session")
def large_file(tmp_path_factory) -> tuple[Path, int]:
    panel = generate_panel(
        load_methodology("ru-digital-maturity"), load_regions(), start="2016Q1", end="2025Q4"
    )
    path = tmp_path_factory.mktemp("kill") / "large.csv"
    panel.to_csv(path, index=False)
    return path, len(panel)
