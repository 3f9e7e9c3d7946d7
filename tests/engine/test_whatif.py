"""What-if: a change replays the whole pipeline and agrees with a recomputation from scratch."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builders import asem_inputs, long_frame, tiny_methodology
from tsifra.engine import Panel, compute, explain
from tsifra.engine.changes import describe, resolve_period
from tsifra.engine.whatif import carried_forward, compare, evaluate, whatif
from tsifra.kernel.problems import ValidationFailed
from tsifra.methodology import Methodology, load_methodology

DATA = {
    "a": (10.0, 20.0, 30.0, 95.0),
    "b": (50.0, 60.0, 70.0, 80.0),
    "c": (90.0, 85.0, 40.0, 10.0),
}
fast = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def rows(data: dict = DATA, period: str = "2022") -> pd.DataFrame:
    return long_frame(
        [(u, period, f"i{k + 1}", v) for u, vals in data.items() for k, v in enumerate(vals)]
    )


@pytest.fixture
def result():
    m = tiny_methodology(
        normalise={"method": "target_achievement", "scale": 100}, weights=(1, 3, 1, 1)
    )
    return compute(m, rows())


def recomputed(result, data: pd.DataFrame, unit: str, period: str) -> dict[str, float]:
    """Every node's score and the index rank of `unit` from a computation from scratch."""
    again = compute(result.methodology, data)
    table = again.table("aggregated", period).loc[unit]
    nodes = {n: table[n] for n in result.methodology.node_codes}
    return nodes | {"rank": again.ranks.frame(period).loc[unit, result.methodology.root]}


def assert_same_as_recomputed(w, expected: dict[str, float]) -> None:
    assert w.index_after == pytest.approx(expected[w.index.node], rel=1e-12, abs=1e-12)
    assert w.rank_after == expected["rank"]
    for sector in w.sectors:
        assert sector.after == pytest.approx(expected[sector.node], rel=1e-12, abs=1e-12)


# --- agreement with a recomputation ----------------------------------------------------------


def test_no_change_leaves_everything_as_computed(result):
    w = whatif(result, "a", {}, lang="ru")
    scores = result.table("aggregated", "2022").loc["a"]
    assert w.index_before == w.index_after == pytest.approx(scores["index"], rel=1e-15)
    assert w.rank_before == w.rank_after == result.ranks.frame("2022").loc["a", "index"]
    assert [(s.node, s.before) for s in w.sectors] == [(s.node, s.after) for s in w.sectors]
    assert w.index_change == 0 and w.rank_change == 0 and w.indicators == ()


def test_a_value_set_to_what_it_is_changes_nothing(result):
    w = whatif(result, "b", {"i1": 50.0, "i3": "70"}, lang="ru")
    assert w.index_after == w.index_before
    assert [i.after for i in w.indicators] == [50.0, 70.0]


def test_a_change_equals_computing_again_with_the_new_value(result):
    w = whatif(result, "a", {"i1": 70.0, "i3": 88.5}, lang="ru")
    data = rows({**DATA, "a": (70.0, 20.0, 88.5, 95.0)})
    assert_same_as_recomputed(w, recomputed(result, data, "a", "2022"))
    assert w.index_after > w.index_before
    assert [(i.indicator, i.before, i.after) for i in w.indicators] == [
        ("i1", 10.0, 70.0),
        ("i3", 30.0, 88.5),
    ]


def test_other_units_move_too_where_normalisation_compares_units():
    """Min-max rescales the whole column, so a change of one unit moves another's score: only a
    replay over all units gets the changed unit's rank right."""
    m = tiny_methodology()
    r = compute(m, rows())
    w = whatif(r, "c", {"i1": 200.0}, lang="ru")  # c becomes the new maximum of i1
    data = rows({**DATA, "c": (200.0, 85.0, 40.0, 10.0)})
    assert_same_as_recomputed(w, recomputed(r, data, "c", "2022"))


@pytest.mark.parametrize("unit", ["a", "b", "c"])
def test_reaching_the_target_gains_what_explain_says(result, unit):
    gains = explain(result, unit).indicators.set_index("indicator")["gain_to_target"]
    for code, gain in gains.items():
        w = whatif(result, unit, {code: "target"}, lang="ru")
        if np.isnan(gain):  # already at target: the value stays
            assert w.indicators[0].after == w.indicators[0].before
            assert w.index_change == 0
        else:
            assert w.index_change == pytest.approx(gain, rel=1e-12, abs=1e-12)
            assert w.indicators[0].after == w.indicators[0].target


def test_reaching_the_target_on_the_bundled_methodology_gains_what_explain_says(bundled):
    unit = bundled.units[7]
    e = explain(bundled, unit)
    gains = e.indicators.set_index("indicator")["gain_to_target"].dropna()
    scenarios = {code: {code: "цель"} for code in gains.index}
    for code, w in zip(gains.index, compare(bundled, unit, scenarios, lang="ru"), strict=True):
        assert w.scenario == code
        assert w.index_change == pytest.approx(gains[code], rel=1e-9, abs=1e-12)


def test_a_batch_of_scenarios_equals_one_at_a_time(result):
    scenarios = {
        "project A": {"i1": 60.0},
        "project B": {"i2": "target", "i4": 99.0},
        "both": {"i1": 60.0, "i2": "target", "i4": 99.0},
        "nothing": {},
    }
    batch = compare(result, "a", scenarios, lang="ru")
    assert [w.scenario for w in batch] == list(scenarios)
    for w in batch:
        alone = whatif(result, "a", scenarios[w.scenario], lang="ru")
        assert (w.index, w.sectors, w.indicators) == (alone.index, alone.sectors, alone.indicators)
    assert batch[2].index_after > max(batch[0].index_after, batch[1].index_after)


def test_sectors_are_every_aggregate_below_the_index_depth_first(asem):
    m, r, units = asem
    w = whatif(r, r.units[0], {}, units=units, lang="ru")
    order = [s.node for s in w.sectors]
    assert set(order) == set(m.node_codes) - {m.root}
    for k, s in enumerate(w.sectors):  # each node follows its parent
        if s.parent != m.root:
            assert order.index(s.parent) < k


# --- the full replay on ASEM: imputation from other units, denominators, screening -----------


@pytest.fixture(scope="module")
def asem(request):
    reference = request.getfixturevalue("reference_dir")
    m, values, units = asem_inputs(reference)
    return m, compute(m, values, units), units


@pytest.fixture(scope="module")
def asem_values(request):
    return asem_inputs(request.getfixturevalue("reference_dir"))[1]


@pytest.mark.parametrize("code", ["Pat", "ConSpeed"])  # divided by GDP / not divided
def test_on_asem_a_change_equals_computing_again(asem, asem_values, code):
    """ASEM imputes by group mean, so the unit's new value also changes what the other units of
    its group are given for their gaps; the replay re-imputes them, as a recomputation does.
    The value given is the indicator's (per unit of GDP where it is divided by GDP)."""
    m, r, units = asem
    period = r.periods[-1]
    missing = np.isnan(r.denominated.frame(period)[code])
    group = units.loc[list(missing[missing].index), "EurAsia_group"].iloc[0]
    unit = next(
        u for u in units.index[units["EurAsia_group"] == group] if u in r.units and not missing[u]
    )
    new = r.imputed.frame(period).loc[unit, code] * 3
    w = whatif(r, unit, {code: new}, units=units, lang="ru")

    data = asem_values.copy()
    denominator = m.indicator(code).denominator
    divisor = data[(data.unit == unit) & (data.indicator == denominator)]["value"]
    factor = divisor.item() if denominator else 1.0
    data.loc[(data.unit == unit) & (data.indicator == code), "value"] = new * factor
    again = compute(m, data, units)
    assert w.index_after == pytest.approx(again.scores().loc[period, unit], rel=1e-9)
    assert w.rank_after == again.ranks.frame(period).loc[unit, m.root]
    for s in w.sectors:
        assert s.after == pytest.approx(again.table("aggregated", period).loc[unit, s.node])


def test_group_imputation_needs_the_unit_list(asem):
    _m, r, _units = asem
    with pytest.raises(ValueError, match="unit list"):
        whatif(r, r.units[0], {"LPI": 3.0}, lang="ru")


# --- the must-hold property: improving an indicator never lowers the index -------------------

UNITS = [f"u{k}" for k in range(6)]
CODES = ["i1", "i2", "i3", "i4"]
normalisers = st.sampled_from(
    [
        {"method": "minmax", "range": [0, 100]},
        {"method": "zscore", "mean": 10, "sd": 2},
        {"method": "goalposts", "clip": True, "scale": 100},
        {"method": "target_achievement", "clip": True, "scale": 100},
        {"method": "distance_to_target", "clip": True, "scale": 100},
        {"method": "percentile_rank", "scale": 100},
        {"method": "rank"},
    ]
)
imputers = st.sampled_from([{"method": "none"}, {"method": "mean"}, {"method": "median"}])


@fast
@given(
    cells=st.lists(
        st.one_of(st.floats(0, 100, allow_nan=False), st.none()),
        min_size=len(UNITS) * len(CODES),
        max_size=len(UNITS) * len(CODES),
    ),
    spec=normalisers,
    imputer=imputers,
    w=st.tuples(*[st.floats(0.1, 10) for _ in CODES]),
    directions=st.tuples(*[st.sampled_from([1, -1]) for _ in CODES]),
    unit=st.sampled_from(UNITS),
    code=st.sampled_from(CODES),
    steps=st.lists(st.floats(0.0, 500.0), min_size=1, max_size=4),
)
def test_improving_an_indicator_never_lowers_the_index(
    cells, spec, imputer, w, directions, unit, code, steps
):
    data = long_frame(
        [
            (u, "2022", c, cells[i * len(CODES) + j])
            for i, u in enumerate(UNITS)
            for j, c in enumerate(CODES)
        ]
    ).dropna(subset=["value"])
    m = tiny_methodology(normalise=spec, impute=imputer, weights=w, directions=directions)
    if unit not in set(data["unit"]):
        return
    r = compute(m, data)
    before = r.imputed.frame("2022").loc[unit, code]
    if np.isnan(before):
        return
    sign = m.indicator(code).direction
    scenarios = {f"+{s}": {code: float(np.clip(before + sign * s, 0, 100))} for s in steps}
    for outcome in compare(r, unit, scenarios, lang="ru"):
        if outcome.index_before is not None:
            assert outcome.index_after >= outcome.index_before - 1e-9


@pytest.fixture(scope="module")
def bundled():
    from tsifra.demo.panel import generate_panel
    from tsifra.reference import load_regions

    m = load_methodology("ru-digital-maturity")
    panel = generate_panel(m, load_regions(), seed=5, start="2024Q1", end="2024Q4")
    return compute(m, panel)


@fast
@given(data=st.data())
def test_improving_an_indicator_never_lowers_the_index_on_the_bundled_methodology(bundled, data):
    m = bundled.methodology
    unit = data.draw(st.sampled_from(bundled.units))
    period = data.draw(st.sampled_from(bundled.periods))
    current = bundled.imputed.frame(period).loc[unit]
    codes = data.draw(st.lists(st.sampled_from(m.indicator_codes), min_size=1, max_size=5))
    scenarios = {}
    for k, code in enumerate(codes):
        if np.isnan(current[code]):
            continue
        step = data.draw(st.floats(0.0, 50.0))
        better = current[code] + m.indicator(code).direction * step
        scenarios[str(k)] = {
            code: float(np.clip(better, *(m.indicator(code).valid_range or (-np.inf, np.inf))))
        }
    for outcome in compare(bundled, unit, scenarios, period, lang="ru"):
        assert outcome.index_after >= outcome.index_before - 1e-9


@pytest.fixture(scope="module")
def asem_untreated(asem, asem_values):
    m, _r, units = asem
    treat = m.steps.treat.model_copy(update={"method": "none"})
    untreated = m.model_copy(update={"steps": m.steps.model_copy(update={"treat": treat})})
    return untreated, compute(untreated, asem_values, units), units


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_improving_an_indicator_never_lowers_the_index_on_asem_untreated(asem_untreated, data):
    """ASEM as COINr builds it — group imputation, screening, min-max — but without outlier
    treatment, which is the one step that breaks the property (see the next test)."""
    m, r, units = asem_untreated
    unit = data.draw(st.sampled_from(r.units))
    current = r.imputed.frame(r.periods[-1]).loc[unit]
    code = data.draw(st.sampled_from([c for c in m.indicator_codes if not np.isnan(current[c])]))
    factors = data.draw(st.lists(st.floats(0.0, 10.0), min_size=1, max_size=5))
    sign = m.indicator(code).direction
    scenarios = {
        str(f): {code: current[code] + sign * (abs(current[code]) + 1) * f} for f in factors
    }
    for outcome in compare(r, unit, scenarios, units=units, lang="ru"):
        if outcome.index_before is not None:
            assert outcome.index_after >= outcome.index_before - 1e-9


def test_outlier_treatment_can_make_an_improvement_lower_the_index():
    """The declared exception: with winsorisation, raising a value may make its column pass the
    skew test, so an outlier above it is no longer pulled in and the unit's score falls. This is
    the methodology's doing (a full recomputation agrees), not the replay's."""
    m = tiny_methodology(treat={"method": "winsorise", "winmax": 5})
    cells = [(f"u{k}", "2022", "i1", v) for k, v in enumerate([1, 2, 3, 4, 5, 6, 7, 8, 100])]
    cells += [(f"u{k}", "2022", c, 50.0) for k in range(9) for c in ("i2", "i3", "i4")]
    r = compute(m, long_frame(cells))
    w = whatif(r, "u7", {"i1": 80.0}, lang="ru")
    assert w.index_after < w.index_before
    cells[7] = ("u7", "2022", "i1", 80.0)
    again = compute(m, long_frame(cells))
    assert w.index_after == pytest.approx(again.scores().loc["2022", "u7"])


# --- periods beyond the data: the baseline is a projection -----------------------------------


@pytest.fixture
def two_years():
    m = tiny_methodology(
        normalise={"method": "target_achievement", "scale": 100},
        targets={2022: 90, 2026: 100},
    )
    later = {u: tuple(v + 2 for v in vals) for u, vals in DATA.items()}
    return compute(m, pd.concat([rows(DATA, "2021"), rows(later, "2022")]))


def test_a_later_year_is_scored_on_the_latest_values_against_its_targets(two_years):
    r = two_years
    w = whatif(r, "a", {"i2": "target"}, "2026", lang="ru")
    assert (w.period, w.projected) == ("2026", True)
    relabelled = r.raw.to_long().query("period == '2022'").assign(period="2026")
    today = compute(r.methodology, relabelled)
    assert w.index_before == pytest.approx(today.scores().loc["2026", "a"], rel=1e-12)
    assert w.index_before < r.scores().loc["2022", "a"]  # the 2026 targets are higher
    assert w.indicators[0].target == 100.0 and w.indicators[0].after == 100.0
    target_met = relabelled.copy()
    target_met.loc[(target_met.unit == "a") & (target_met.indicator == "i2"), "value"] = 100.0
    assert_same_as_recomputed(w, recomputed(r, target_met, "a", "2026"))


def test_carried_forward_is_the_latest_period_relabelled(two_years):
    panel = carried_forward(two_years, "2027")
    assert panel.periods == ("2027",)
    assert (panel.units, panel.codes) == (two_years.units, two_years.imputed.codes)
    np.testing.assert_array_equal(panel.values[0], two_years.imputed.values[-1])


def test_any_baseline_panel_of_the_same_axes_can_stand_in_for_a_forecast(two_years):
    r = two_years
    latest = r.imputed.values[-1:]
    forecast = Panel(("2026",), r.units, r.imputed.codes, latest + 3.0)
    w = whatif(r, "b", {"i1": 70.0}, "2026", baseline=forecast, lang="ru")
    direct = evaluate(r.methodology, forecast, "b", {"x": {"i1": 70.0}}, projected=True, lang="ru")[
        0
    ]
    assert w.index == direct.index and w.projected
    assert w.indicators[0].before == latest[0, r.units.index("b"), 0] + 3.0
    expected = forecast.to_long()
    expected.loc[(expected.unit == "b") & (expected.indicator == "i1"), "value"] = 70.0
    assert_same_as_recomputed(w, recomputed(r, expected, "b", "2026"))


def test_a_baseline_with_the_indicators_in_another_order_is_read_by_code(two_years):
    r = two_years
    codes = tuple(reversed(r.imputed.codes))
    shuffled = Panel(r.periods, r.units, codes, r.imputed.values[:, :, ::-1])
    w = evaluate(r.methodology, shuffled, "c", {"x": {"i4": 5.0}}, lang="ru")[0]
    assert w.index == whatif(r, "c", {"i4": 5.0}, lang="ru").index


@pytest.mark.parametrize(
    ("periods", "typed", "meant"),
    [
        (("2024Q3", "2024Q4"), None, "2024Q4"),
        (("2024Q3", "2024Q4"), "2026", "2026Q4"),  # "by 2026": its last quarter
        (("2024Q3", "2024Q4"), " 2024 к3 ", "2024Q3"),
        (("2024-11", "2024-12"), "2026", "2026-12"),
        (("2023", "2024"), "2026", "2026"),
        (("2023", "2024"), "soon", None),
    ],
)
def test_periods_are_read_as_users_type_them(periods, typed, meant):
    assert resolve_period(periods, typed) == meant


def test_a_year_on_quarterly_data_means_its_last_quarter(result):
    quarterly = compute(result.methodology, rows(DATA, "2022Q3"))
    w = whatif(quarterly, "a", {"i1": 50.0}, "2026", lang="ru")
    assert (w.period, w.projected) == ("2026Q4", True)


# --- what users get wrong ----------------------------------------------------------------------


def problems_of(call) -> list[tuple[str, str | None, object]]:
    with pytest.raises(ValidationFailed) as caught:
        call()
    return [(p.code, p.path, p.value) for p in caught.value.problems]


def test_unknown_unit_and_indicator_are_reported_together(result):
    found = problems_of(lambda: whatif(result, "zz", {"i9": 1.0, "index": 2.0}, lang="ru"))
    assert found == [
        ("unit_not_in_data", "unit", "zz"),
        ("unknown_indicator", "i9", "i9"),
        ("unknown_indicator", "index", "index"),  # an aggregate is not set directly
    ]


@pytest.mark.parametrize("value", ["abc", "", "1.2.3", float("nan"), float("inf"), True, None])
def test_values_that_are_not_numbers(result, value):
    assert problems_of(lambda: whatif(result, "a", {"i1": value}, lang="ru")) == [
        ("not_numeric", "i1", value)
    ]


@pytest.mark.parametrize(("typed", "value"), [("95,5", 95.5), (" 1 000,5 ", 1000.5), (7, 7.0)])
def test_numbers_as_russian_users_type_them(result, typed, value):
    assert whatif(result, "a", {"i1": typed}, lang="ru").indicators[0].after == value


def test_period_problems(result):
    assert problems_of(lambda: whatif(result, "a", {}, "soon", lang="ru")) == [
        ("bad_period", "period", "soon")
    ]
    assert problems_of(lambda: whatif(result, "a", {}, "1999", lang="ru")) == [
        ("unknown_period", "period", "1999")
    ]


def test_out_of_range_and_missing_target_name_the_scenario():
    spec = tiny_methodology().model_dump()
    spec["indicators"][0]["targets"] = {}
    spec["indicators"][1]["valid_range"] = (0, 100)
    m = Methodology.model_validate(spec)
    r = compute(m, rows())
    scenarios = {"A": {"i1": "target"}, "B": {"i2": 101, "i3": "target"}}
    found = problems_of(lambda: compare(r, "a", scenarios, lang="ru"))
    assert found == [("no_target", "A: i1", "i1"), ("out_of_range", "B: i2", 101.0)]
    with pytest.raises(ValidationFailed) as caught:
        whatif(r, "a", {"i1": "target"}, lang="ru")
    assert caught.value.problems[0].message("en") == "indicator 'i1' has no target for 2022"


def test_describe_writes_changes_as_typed():
    assert describe({"i1": 95.0, "i2": "target", "i3": 0.5}) == "i1=95, i2=target, i3=0.5"
