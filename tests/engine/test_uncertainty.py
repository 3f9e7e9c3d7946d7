"""Uncertainty analysis: the declarations, the batched evaluator against a plain loop over
`compute`, and the JRC's robustness figures on COINr's ASEM example."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builders import ASEM_METHODOLOGY, asem_inputs, tiny_methodology
from tsifra.engine import compute
from tsifra.engine.uncertainty import (
    configure,
    design_width,
    run_uncertainty,
    sample_methodology,
    uncertain_inputs,
    uncertainty_of_design,
)
from tsifra.kernel.problems import ValidationFailed
from tsifra.methodology import Methodology, bundled_ids, load_methodology, parse_methodology

UNITS = [f"u{k:02d}" for k in range(12)]
EVERY_CHOICE = {
    "weights": [{"level": 1, "noise": 0.3}, {"level": 2, "noise": 0.5}],
    "imputation": ["mean", "median", "locf"],
    "winsorisation": {"min": 1, "max": 3},
    "normalisation": [
        {"method": "minmax", "range": [1, 100]},
        {"method": "zscore", "mean": 10, "sd": 2},
        {"method": "percentile_rank"},
    ],
    "aggregation": ["arithmetic", "geometric", "harmonic"],
    "drop_indicator": True,
}


def declare(m: Methodology, block: dict | None) -> Methodology:
    data = m.model_dump()
    data["uncertainty"] = block
    return Methodology.model_validate(data)


def tiny_values(seed: int = 3) -> pd.DataFrame:
    """12 units × 4 indicators × 2 years, skewed, with gaps for imputation to fill."""
    rng = np.random.default_rng(seed)
    values = rng.lognormal(3, 0.8, size=(2, len(UNITS), 4))
    values[rng.random(values.shape) < 0.1] = np.nan
    rows = [
        (u, str(2022 + p), f"i{c + 1}", values[p, k, c])
        for p in range(2)
        for k, u in enumerate(UNITS)
        for c in range(4)
    ]
    frame = pd.DataFrame(rows, columns=["unit", "period", "indicator", "value"])
    return frame.dropna(subset=["value"])


def tiny_uncertain() -> Methodology:
    return declare(tiny_methodology(treat={"method": "winsorise", "winmax": 3}), EVERY_CHOICE)


@pytest.fixture(scope="module")
def tiny():
    m = tiny_uncertain()
    values = tiny_values()
    return m, values, compute(m, values)


@pytest.fixture(scope="module")
def asem(reference_dir):
    m, values, units = asem_inputs(reference_dir)
    return m, values, units, compute(m, values, units)


def index_of(result, period: str | None = None) -> np.ndarray:
    pi = result.periods.index(period or result.periods[-1])
    return result.aggregated.values[pi, :, result.aggregated.codes.index(result.methodology.root)]


# --- the declaration ------------------------------------------------------------------------


def test_a_methodology_without_the_block_declares_nothing_uncertain():
    assert tiny_methodology().uncertainty is None
    assert uncertain_inputs(tiny_methodology()) == ()


def test_the_bundled_methodology_declares_what_its_rank_intervals_vary():
    assert "ru-digital-maturity" in bundled_ids()
    names = [i.name for i in uncertain_inputs(load_methodology("ru-digital-maturity"))]
    assert names == ["weights_level_1", "weights_level_2", "aggregation", "drop_indicator"]


def test_the_asem_example_declares_coinr_vignette_choices():
    m = load_methodology(ASEM_METHODOLOGY)
    names = [i.name for i in uncertain_inputs(m)]
    assert names == [
        "weights_level_2",
        "weights_level_3",
        "winsorisation",
        "normalisation",
        "aggregation",
    ]
    weights = uncertain_inputs(m)[0]
    assert set(weights.codes) == {n.code for n in m.nodes if n.parent in ("Conn", "Sust")}
    assert uncertain_inputs(m)[1].codes == ("Conn", "Sust")


def test_levels_count_from_the_indicators_up_as_coinr_does():
    m = load_methodology(ASEM_METHODOLOGY)
    assert {m.levels[c] for c in m.indicator_codes} == {1}
    assert m.levels["Physical"] == 2 and m.levels["Conn"] == 3 and m.levels["Index"] == 4


def test_an_alternative_names_only_what_changes():
    """`geometric` keeps the step's min_share; a mapping replaces just the keys it names."""
    m = load_methodology(ASEM_METHODOLOGY)
    by_name = {i.name: i for i in uncertain_inputs(m)}
    arithmetic, geometric = by_name["aggregation"].options
    assert (arithmetic.method, geometric.method) == ("arithmetic", "geometric")
    assert geometric.min_share == m.steps.aggregate.min_share == 0
    assert [t.winmax for t in by_name["winsorisation"].options] == [1, 2, 3, 4, 5]
    assert by_name["winsorisation"].options[0].skew_threshold == m.steps.treat.skew_threshold
    zscore = by_name["normalisation"].options[1]
    assert (zscore.method, zscore.mean, zscore.sd) == ("zscore", 10, 2)


BAD = """
uncertainty:
  weights: [{level: 3, noise: 0.2}, {level: 1, noise: 0.1}, {level: 1, noise: 0.3}]
  imputation: [mean, group_mean]
  winsorisation: {min: 4, max: 2}
  normalisation: [{method: goalposts}, rank, rank]
  aggregation: [arithmetic, generalised]
  drop_indicator: [i1, nope]
"""

TINY_YAML = """
id: t
title: T
version: "1"
indicators:
  - {code: i1, name: A, parent: X}
  - {code: i2, name: B, parent: X, goalposts: {min: 0, max: 1}}
nodes:
  - {code: X, name: X, parent: root}
  - {code: root, name: Root}
"""


def problems_of(text: str) -> list:
    with pytest.raises(ValidationFailed) as caught:
        parse_methodology(textwrap.dedent(text), file="m.yaml")
    return caught.value.problems


def test_bad_declarations_are_reported_each_with_its_key_path():
    problems = problems_of(TINY_YAML + BAD)
    assert sorted((p.path, p.code) for p in problems) == [
        ("uncertainty.aggregation[1]", "needs_power"),
        ("uncertainty.drop_indicator[1]", "unknown_indicator"),
        ("uncertainty.imputation[1].group", "needs_group"),
        ("uncertainty.normalisation[0]", "needs_goalposts"),
        ("uncertainty.normalisation[2]", "duplicate_alternative"),
        ("uncertainty.weights[0].level", "bad_weight_level"),
        ("uncertainty.weights[2].level", "duplicate_level"),
        ("uncertainty.winsorisation", "bad_range"),
        ("uncertainty.winsorisation", "needs_winsorisation"),
    ]
    shown = {p.path: str(p) for p in problems}
    assert shown["uncertainty.weights[0].level"] == (
        "m.yaml, uncertainty.weights[0].level: уровень 3 не подходит для шума весов: "
        "веса есть на уровнях от 1 (показатели) до 2"
    )
    assert "«i1»" in shown["uncertainty.normalisation[0]"]  # i2 has its goalposts
    assert "повторяет uncertainty.normalisation[1]" in shown["uncertainty.normalisation[2]"]


LONE_CHILD = """
id: t
title: T
version: "1"
indicators:
  - {code: i1, name: A, parent: X}
  - {code: i2, name: B, parent: X}
  - {code: i3, name: C, parent: Y}
nodes:
  - {code: X, name: X, parent: root}
  - {code: Y, name: Y, parent: root}
  - {code: root, name: Root}
"""


def test_an_only_child_is_never_dropped():
    """Leaving out an indicator must not remove its parent node with it."""
    m = parse_methodology(LONE_CHILD + "uncertainty:\n  drop_indicator: true\n")
    assert uncertain_inputs(m)[0].options == (None, "i1", "i2")
    problems = problems_of(LONE_CHILD + "uncertainty:\n  drop_indicator: [i1, i3]\n")
    assert [(p.path, p.code) for p in problems] == [
        ("uncertainty.drop_indicator[1]", "drop_only_child")
    ]
    assert "единственный в узле «Y»" in problems[0].message("ru")


@pytest.mark.parametrize(
    ("block", "path", "code"),
    [
        ("weights: [{level: 1, noise: 1.5}]", "uncertainty.weights[0].noise", "less_than_equal"),
        ("weights: [{level: 0, noise: 0.1}]", "uncertainty.weights[0].level", "greater_than_equal"),
        ("weights: [{level: 1, noise: 0}]", "uncertainty.weights[0].noise", "greater_than"),
        ("aggregation: [geometric]", "uncertainty.aggregation", "too_short"),
        ("aggregation: [arithmetic, mean]", "uncertainty.aggregation[1].method", "literal_error"),
        ("normalise: [minmax, rank]", "uncertainty.normalise", "extra_forbidden"),
        ("winsorisation: {min: 1}", "uncertainty.winsorisation.max", "missing"),
    ],
)
def test_malformed_blocks_get_typed_messages(block, path, code):
    problems = problems_of(TINY_YAML + "uncertainty:\n  " + block + "\n")
    assert (path, code) in {(p.path, p.code) for p in problems}
    assert all(not p.message("ru").startswith(p.code) for p in problems)


def test_english_messages_are_available():
    problems = problems_of(TINY_YAML + "uncertainty:\n  weights: [{level: 3, noise: 0.1}]\n")
    assert problems[0].message("en") == (
        "level 3 cannot take weight noise: weights exist at levels 1 (indicators) to 2"
    )


# --- the evaluator --------------------------------------------------------------------------


def test_weight_noise_stays_in_its_band_and_drop_removes_one_indicator(tiny):
    m, _, _ = tiny
    inputs = uncertain_inputs(m)
    design = np.random.default_rng(0).random((400, design_width(inputs)))
    config = configure(m, inputs, design)
    nominal = np.array([m.weights[c] for c in config.items])
    ratio = config.weights / nominal
    level1 = [config.items.index(c) for c in m.indicator_codes]
    level2 = [config.items.index(c) for c in ("A", "B")]
    kept = ratio[:, level1][ratio[:, level1] > 0]
    assert kept.min() >= 0.7 and kept.max() <= 1.3
    assert ratio[:, level2].min() >= 0.5 and ratio[:, level2].max() <= 1.5
    assert np.all(ratio[:, config.items.index("index")] == 1)
    dropped = (ratio[:, level1] == 0).sum(axis=1)
    assert set(dropped) == {0, 1}
    assert 0.1 < np.mean(dropped == 0) < 0.3  # "none" is one of five equally likely options


def test_no_uncertainty_gives_the_nominal_ranks_with_zero_width(tiny):
    m, values, _ = tiny
    plain = declare(m, None)
    result = compute(plain, values)
    analysis = run_uncertainty(result, 40, seed=1)
    table = analysis.frame().set_index("unit")
    nominal = result.rating().set_index("unit")
    assert (table["nominal_rank"] == nominal["rank"]).all()
    for column in ("median_rank", "rank_p05", "rank_p95"):
        assert (table[column] == table["nominal_rank"]).all()
    assert (table["score_p95"] - table["score_p05"]).abs().max() == 0
    assert np.all(analysis.rank_shift() == 0)
    assert (table["samples"] == 40).all()


def test_the_batched_evaluator_equals_a_loop_over_compute(tiny):
    _, values, result = tiny
    analysis = run_uncertainty(result, 24, seed=5)
    assert analysis.samples().nunique().min() > 1  # the samples differ in every choice
    for s in range(analysis.n):
        single = compute(analysis.sample_methodology(s), values)
        np.testing.assert_allclose(analysis.scores[s], index_of(single), rtol=1e-12, atol=1e-9)


WIDTH = design_width(uncertain_inputs(tiny_uncertain()))
design_rows = st.lists(
    st.lists(st.floats(0, 1, exclude_max=True), min_size=WIDTH, max_size=WIDTH),
    min_size=1,
    max_size=4,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=design_rows, seed=st.integers(0, 50), period=st.sampled_from(["2022", "2023"]))
def test_any_design_evaluates_as_compute_does(rows, seed, period):
    m = tiny_uncertain()
    values = tiny_values(seed)
    result = compute(m, values)
    inputs = uncertain_inputs(m)
    design = np.array(rows)
    analysis = uncertainty_of_design(result, inputs, design, seed=0, period=period)
    for s, row in enumerate(design):
        single = compute(sample_methodology(m, inputs, row), values)
        expected = index_of(single, period)
        np.testing.assert_allclose(analysis.scores[s], expected, rtol=1e-12, atol=1e-9)
        ranked = ~np.isnan(expected)
        assert np.array_equal(np.isnan(analysis.ranks[s]), ~ranked)


def test_the_same_seed_gives_the_same_samples(tiny):
    _, _, result = tiny
    a, b = run_uncertainty(result, 30, seed=11), run_uncertainty(result, 30, seed=11)
    c = run_uncertainty(result, 30, seed=12)
    assert np.array_equal(a.ranks, b.ranks) and np.array_equal(a.design, b.design)
    assert not np.array_equal(a.design, c.design)
    pd.testing.assert_frame_equal(a.frame(), b.frame())


def test_without_a_seed_one_is_drawn_and_kept(tiny):
    _, _, result = tiny
    first = run_uncertainty(result, 10)
    again = run_uncertainty(result, 10, seed=first.seed)
    assert np.array_equal(first.ranks, again.ranks)


def test_at_least_one_sample_is_needed(tiny):
    with pytest.raises(ValueError, match="at least 1, got 0"):
        run_uncertainty(tiny[2], 0)


def test_views_for_export(tiny):
    _, _, result = tiny
    analysis = run_uncertainty(result, 50, seed=2, top=3)
    table = analysis.frame()
    assert list(table.columns) == [
        "unit",
        "nominal_rank",
        "median_rank",
        "rank_p05",
        "rank_p95",
        "mean_rank",
        "top3_share",
        "nominal_score",
        "median_score",
        "score_p05",
        "score_p95",
        "samples",
    ]
    assert table["nominal_rank"].is_monotonic_increasing
    assert (table["rank_p05"] <= table["median_rank"]).all()
    assert (table["median_rank"] <= table["rank_p95"]).all()
    assert table["top3_share"].between(0, 1).all()
    assert np.isclose(table["top3_share"].sum(), np.mean(np.sum(analysis.ranks <= 3, axis=1)))
    long = analysis.long()
    assert len(long) == 50 * len(UNITS) and list(long.columns) == [
        "sample",
        "unit",
        "score",
        "rank",
    ]
    samples = analysis.samples()
    assert list(samples.columns) == [
        "sample",
        "imputation",
        "winsorisation",
        "normalisation",
        "aggregation",
        "drop_indicator",
    ]
    assert set(samples["drop_indicator"]) <= {"—", "i1", "i2", "i3", "i4"}
    assert set(samples["normalisation"]) <= {"minmax 1–100", "zscore 10±2", "percentile_rank"}


# --- COINr's ASEM example -------------------------------------------------------------------


def test_asem_vectorised_equals_a_loop_over_compute(asem):
    _, values, units, result = asem
    analysis = run_uncertainty(result, 6, seed=3, units=units)
    for s in range(analysis.n):
        single = compute(analysis.sample_methodology(s), values, units)
        np.testing.assert_allclose(analysis.scores[s], index_of(single), rtol=1e-12, atol=1e-9)
        np.testing.assert_array_equal(analysis.ranks[s], single.ranks.values[0, :, -1])


def test_asem_without_uncertainty_is_the_nominal_ranking(asem):
    m, values, units, _ = asem
    result = compute(declare(m, None), values, units)
    table = run_uncertainty(result, 25, seed=0, units=units).frame()
    assert (table["rank_p95"] - table["rank_p05"]).max() == 0
    assert list(table["unit"].head(6)) == ["CHE", "NLD", "DNK", "NOR", "BEL", "SWE"]


def test_asem_median_ranks_of_the_top_units_are_stable_across_seeds(asem):
    _, _, units, result = asem
    tables = [
        run_uncertainty(result, 400, seed=seed, units=units).frame().set_index("unit")
        for seed in (1, 2, 3)
    ]
    top = tables[0].index[:10]
    medians = pd.DataFrame({k: t.loc[top, "median_rank"] for k, t in enumerate(tables)})
    assert (medians.max(axis=1) - medians.min(axis=1)).max() <= 1
    for t in tables:  # the nominal leader stays in front in nearly every sample
        assert t.loc["CHE", "top10_share"] == 1 and t.loc["CHE", "rank_p95"] <= 2
        width = t["rank_p95"] - t["rank_p05"]
        assert width.max() > 0
