"""Formula results stored as batches, on SQLite and PostgreSQL; Spark agrees to the stored value."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from builders import database_state
from tsifra.demo.marts import generate_marts
from tsifra.kernel.problems import ValidationFailed
from tsifra.marts.publish import ingest_marts
from tsifra.values.revisions import effective_values


@pytest.fixture(scope="module")
def small_marts(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("small-marts")
    generate_marts(folder, 5_000, seed=3)
    return folder


def test_each_formula_becomes_a_batch_of_its_own_source(store: Engine, small_marts: Path) -> None:
    done = ingest_marts(store, small_marts)
    assert [r.source for r in done.reports] == [run.source for run in done.computation.runs]
    assert all(r.batch_id is not None and r.new == len(run.values) for r, run in
               zip(done.reports, done.computation.runs, strict=True))  # fmt: skip
    stored = effective_values(store).frame
    assert set(stored["source"]) == {run.source for run in done.computation.runs}
    assert len(stored) == sum(r.new for r in done.reports)


def test_spark_computes_what_duckdb_stored(store: Engine, small_marts: Path, spark) -> None:
    ingest_marts(store, small_marts, engine="duckdb")
    before = database_state(store)
    again = ingest_marts(store, small_marts, engine="spark")
    assert all(r.batch_id is None and r.new == 0 and r.corrected == 0 for r in again.reports)
    assert database_state(store) == before


def test_recomputed_marts_are_corrections_that_need_a_reason(
    store: Engine, small_marts: Path, tmp_path: Path
) -> None:
    ingest_marts(store, small_marts)
    generate_marts(tmp_path, 5_000, seed=4)  # the same marts, re-extracted with other records
    before = database_state(store)
    with pytest.raises(ValidationFailed) as caught:
        ingest_marts(store, tmp_path)
    codes = {p.code for p in caught.value.problems}
    assert codes == {"correction_needs_reason"}
    assert database_state(store) == before  # no formula's batch landed, not even the first
    done = ingest_marts(store, tmp_path, reason="витрины перевыгружены")
    assert all(r.corrected > 0 for r in done.reports)
