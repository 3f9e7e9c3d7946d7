"""The same values as files and as a stored rating: the two loaders of a computed index."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine

from tsifra.demo.panel import generate_panel
from tsifra.methodology import load_methodology
from tsifra.ratings.computed import ComputedIndex, from_files, from_run
from tsifra.ratings.stored import compute_from_store
from tsifra.reference import load_regions
from tsifra.values.ingest import ingest_frame, unit_table

M = "ru-digital-maturity"
LAST = "2025Q4"


@pytest.fixture(scope="session")
def eight_quarters() -> pd.DataFrame:
    """Twenty regions over eight quarters: enough history for the forecast to estimate spreads."""
    regions = load_regions().iloc[::4].head(20)
    return generate_panel(load_methodology(M), regions, seed=3, start="2024Q1", end=LAST)


@pytest.fixture
def both(
    store: Engine, eight_quarters: pd.DataFrame, tmp_path: Path
) -> tuple[ComputedIndex, ComputedIndex]:
    """(from files, from the stored run) of the same values: the panel as a CSV file with the
    database's unit list beside it, and the same panel ingested and rated for its last quarter."""
    ingest_frame(store, eight_quarters, "region")
    run = compute_from_store(store, M, period=LAST)
    data = tmp_path / "values.csv"
    eight_quarters.to_csv(data, index=False)
    units = tmp_path / "units.csv"
    unit_table(store).reset_index().to_csv(units, index=False)
    return from_files(M, data, units), from_run(store, run.run_id)
