"""The compute service: what it finds, what it skips and why, what it returns to ingest."""

from __future__ import annotations

import pytest
from mart_records import APPEALS, PERMITS, write_mart

from tsifra.kernel.problems import ValidationFailed
from tsifra.marts.compute import compute_marts
from tsifra.marts.formulas.registry import file_formulas


def test_a_broken_mart_is_reported_and_the_others_still_compute(tmp_path):
    write_mart(tmp_path, "building_permits", PERMITS)
    broken = [APPEALS[0], (*APPEALS[1][:2], "telegram", *APPEALS[1][3:]), APPEALS[0]]
    write_mart(tmp_path, "appeals", broken, form="csv")
    result = compute_marts(tmp_path)
    assert [(p.code, p.column, p.row) for p in result.problems] == [
        ("literal_error", "channel", 3),
        ("duplicate_key", "appeal_id", 4),
    ]
    assert result.problems[0].file == str(tmp_path / "appeals.csv")
    assert result.skipped == ["mszu_requests_online", "pos_answered_on_time"]  # absent, broken
    assert sorted(r.formula for r in result.runs) == ["permit_issue_days", "permits_issued_online"]
    assert not result.checks["appeals"].ok and result.checks["building_permits"].ok


def test_what_a_run_carries_for_ingest(tmp_path):
    write_mart(tmp_path, "building_permits", PERMITS)
    result = compute_marts(tmp_path, formulas=["permit_issue_days"])
    (run,) = result.runs
    assert (run.formula, run.mart, run.indicator, run.source) == (
        "permit_issue_days",
        "building_permits",
        "city_permit_days",
        "formula:permit_issue_days",
    )
    assert run.rows_read == len(PERMITS) and run.seconds > 0
    assert list(run.values.columns) == ["unit", "period", "indicator", "value"]
    assert result.engine == "duckdb" and not result.synthetic
    assert result.values().equals(run.values)


def test_generated_marts_are_flagged_synthetic(tmp_path):
    from tsifra.demo.marts import generate_marts

    generate_marts(tmp_path, 500, marts=["service_requests"])
    result = compute_marts(tmp_path)
    assert result.synthetic and [r.formula for r in result.runs] == ["mszu_requests_online"]


def test_a_folder_without_marts(tmp_path):
    (tmp_path / "notes.txt").write_text("nothing here")
    result = compute_marts(tmp_path)
    assert [p.code for p in result.problems] == ["no_marts"]
    assert "appeals.parquet" in result.problems[0].message("ru")
    assert result.runs == [] and sorted(result.skipped) == sorted(f.name for f in file_formulas())
    assert list(result.values().columns) == ["unit", "period", "indicator", "value"]


def test_a_missing_folder_or_an_unknown_formula(tmp_path):
    with pytest.raises(ValidationFailed) as caught:
        compute_marts(tmp_path / "absent")
    assert [p.code for p in caught.value] == ["file_not_found"]
    with pytest.raises(ValidationFailed) as caught:
        compute_marts(tmp_path, formulas=["nonsense"])
    assert [(p.code, p.value) for p in caught.value] == [("literal_error", "nonsense")]


def test_an_unknown_engine(tmp_path):
    with pytest.raises(ValueError, match="unknown engine"):
        compute_marts(tmp_path, engine="polars")
