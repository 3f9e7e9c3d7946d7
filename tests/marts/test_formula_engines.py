"""Every shipped formula gives the same values on DuckDB and on Spark (local mode).

The Ibis way: one expression, one shared test, every engine. Values are compared to 1e-9, though
the formulas are built to agree to the last bit (integer counts, one division).
"""

from __future__ import annotations

import numpy as np
import pytest
from mart_records import APPEALS, PERMITS, write_mart

from tsifra.marts.compute import MartComputation, compute_marts
from tsifra.marts.formulas.registry import file_formulas

KEY = ["unit", "period", "indicator"]


@pytest.fixture(scope="module")
def computed(spark, generated_marts) -> dict[str, MartComputation]:
    return {engine: compute_marts(generated_marts, engine) for engine in ("duckdb", "spark")}


def same_values(duck: MartComputation, spark: MartComputation, name: str) -> int:
    (a,) = [r.values for r in duck.runs if r.formula == name]
    (b,) = [r.values for r in spark.runs if r.formula == name]
    assert a[KEY].equals(b[KEY])
    np.testing.assert_allclose(a["value"], b["value"], rtol=0, atol=1e-9)
    return len(a)


@pytest.mark.parametrize("name", sorted(f.name for f in file_formulas()))
def test_the_same_values_on_both_engines(computed, name):
    duck, spark = computed["duckdb"], computed["spark"]
    assert duck.problems == [] and spark.problems == []
    assert same_values(duck, spark, name) > 1_500  # most of 83 regions × 20 quarters
    (run,) = [r for r in spark.runs if r.formula == name]
    assert run.rows_read >= 100_000


def test_csv_and_part_files_on_spark(spark, tmp_path):
    """CSV text is parsed by the same rules on both engines; parts are read as one table."""
    write_mart(tmp_path, "appeals", APPEALS, form="csv")
    write_mart(tmp_path, "building_permits", PERMITS, form="parts")
    duck, sp = compute_marts(tmp_path, "duckdb"), compute_marts(tmp_path, "spark")
    assert [r.formula for r in sp.runs] == [r.formula for r in duck.runs]
    for run in duck.runs:
        assert same_values(duck, sp, run.formula) > 0
