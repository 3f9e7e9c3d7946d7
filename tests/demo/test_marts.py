"""Synthetic marts: exact sizes, marked synthetic, reproducible, and near the demo panel."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest

from tsifra.demo import generate_panel
from tsifra.demo.marts import generate_marts
from tsifra.marts.compute import compute_marts
from tsifra.methodology import load_methodology
from tsifra.reference import load_regions


def test_exact_row_counts_whatever_the_chunk_size(tmp_path):
    made = generate_marts(tmp_path, 12_345, seed=7, marts=["appeals"], chunk_rows=1_000)
    assert [(m.mart, m.path.name, m.rows) for m in made] == [("appeals", "appeals.parquet", 12_345)]
    meta = pq.read_metadata(made[0].path)
    assert meta.num_rows == 12_345
    assert meta.num_row_groups > 12  # written a slice at a time, never all at once
    assert not list(tmp_path.glob("*.partial"))


def test_marked_synthetic(tmp_path):
    (made,) = generate_marts(tmp_path, 100, marts=["service_requests"])
    meta = pq.read_schema(made.path).metadata
    assert meta[b"tsifra.synthetic"] == b"true"
    assert "Демонстрационные данные" in meta[b"tsifra.note"].decode()


def test_same_seed_same_records(tmp_path):
    first = generate_marts(tmp_path / "a", 2_000, seed=3, marts=["building_permits"])[0]
    again = generate_marts(tmp_path / "b", 2_000, seed=3, marts=["building_permits"])[0]
    other = generate_marts(tmp_path / "c", 2_000, seed=4, marts=["building_permits"])[0]
    assert pq.read_table(first.path).equals(pq.read_table(again.path))
    assert not pq.read_table(first.path).equals(pq.read_table(other.path))


def test_timestamps_are_naive_microseconds_and_labels_dictionary_encoded(tmp_path):
    (made,) = generate_marts(tmp_path, 100, marts=["appeals"])
    schema = pq.read_schema(made.path)
    assert str(schema.field("created").type) == "timestamp[us]"
    assert str(schema.field("region").type).startswith("dictionary")


def test_unknown_mart_or_negative_rows(tmp_path):
    with pytest.raises(ValueError, match="no generator"):
        generate_marts(tmp_path, 10, marts=["parking_fines"])
    with pytest.raises(ValueError, match="non-negative"):
        generate_marts(tmp_path, -1)


def test_formulas_land_near_the_demo_panel(generated_marts):
    """No bias, and noise as sampling predicts: a large region has ~200-450 records a quarter."""
    values = compute_marts(generated_marts).values()
    panel = generate_panel(load_methodology("ru-digital-maturity"), load_regions(), missing_share=0)
    both = values.merge(panel, on=["unit", "period", "indicator"], suffixes=("", "_panel"))
    assert set(both["indicator"]) == {
        "gov_pos_on_time",
        "gov_mszu_requests_online",
        "city_permits_online",
        "city_permit_days",
    }
    large = both[both["unit"].isin(["RU-MOW", "RU-MOS", "RU-SPE", "RU-KDA"])]
    error = (large["value"] - large["value_panel"]).groupby(large["indicator"])
    bias, spread = error.mean(), error.apply(lambda e: e.abs().mean())
    assert bias.abs().max() < 1.0  # points or days, over 80 region-quarters
    assert spread["city_permit_days"] < 0.5  # days: Poisson noise around the panel's mean
    assert spread.drop("city_permit_days").max() < 4.0  # percentage points: binomial noise


def test_an_empty_mart_is_reported_not_computed(tmp_path):
    generate_marts(tmp_path, 0, marts=["appeals"])
    result = compute_marts(tmp_path)
    assert [(p.code, p.file) for p in result.problems] == [
        ("no_data", str(tmp_path / "appeals.parquet"))
    ]
    assert result.runs == []
