"""Each pipeline step on small panels whose answers can be worked out by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from builders import long_frame, tiny_methodology
from tsifra.engine import Panel, compute
from tsifra.engine.aggregate import weighted_mean
from tsifra.engine.impute import METHODS as IMPUTE
from tsifra.engine.rank import rank_desc
from tsifra.engine.treat import kurtosis, skewness, treat_rows
from tsifra.methodology.schema import AggregateSpec, ImputeSpec, TreatSpec

nan = np.nan


def panel(values, units=("a", "b", "c"), periods=("2020", "2021")) -> np.ndarray:
    return np.array(values, dtype=float).reshape(len(periods), len(units), -1)


class TestImpute:
    x = panel([[1, nan, 5], [2, 4, nan]])  # 2 periods × 3 units × 1 indicator (flattened)

    def test_mean_and_median_fill_from_the_same_period(self):
        x = panel([1, nan, 5, 2, 4, nan])
        assert IMPUTE["mean"](x, ImputeSpec(method="mean"), None, ())[0, 1, 0] == 3
        assert IMPUTE["median"](x, ImputeSpec(method="median"), None, ())[1, 2, 0] == 3

    def test_group_mean_uses_only_the_units_group(self):
        x = panel([1, nan, 5, 10, 2, 4, 6, nan], units=("a", "b", "c", "d"))
        units = pd.DataFrame({"g": ["x", "x", "y", "y"]}, index=["a", "b", "c", "d"])
        out = IMPUTE["group_mean"](
            x, ImputeSpec(method="group_mean", group="g"), units, ("a", "b", "c", "d")
        )
        assert out[0, 1, 0] == 1  # only a is in b's group
        assert out[1, 3, 0] == 6

    def test_locf_carries_forward_and_never_backward(self):
        x = np.array([nan, 1, nan, nan, 4, nan], dtype=float).reshape(6, 1, 1)
        out = IMPUTE["locf"](x, ImputeSpec(method="locf"), None, ())
        assert np.isnan(out[0, 0, 0])
        assert list(out[1:, 0, 0]) == [1, 1, 1, 4, 4]

    def test_interpolation_stays_between_observations(self):
        x = np.array([nan, 1, nan, 3, nan], dtype=float).reshape(5, 1, 1)
        out = IMPUTE["interpolate"](x, ImputeSpec(method="interpolate"), None, ())
        assert np.isnan(out[0, 0, 0]) and np.isnan(out[4, 0, 0])
        assert out[2, 0, 0] == 2


class TestTreat:
    def test_skew_and_kurtosis_match_e1071_type_2(self):
        # e1071::skewness(c(1:10, 30, 100), type = 2) and kurtosis(..., type = 2), computed by
        # the textbook formulas G1 = g1·√(n(n−1))/(n−2), G2 = ((n+1)g2 + 6)(n−1)/((n−2)(n−3)).
        x = np.array([[*range(1, 11), 30, 100]], dtype=float)
        n = 12
        d = x[0] - x[0].mean()
        m2, m3, m4 = (d**2).mean(), (d**3).mean(), (d**4).mean()
        g1, g2 = m3 / m2**1.5, m4 / m2**2 - 3
        assert skewness(x)[0] == pytest.approx(g1 * np.sqrt(n * (n - 1)) / (n - 2))
        assert kurtosis(x)[0] == pytest.approx(((n + 1) * g2 + 6) * (n - 1) / ((n - 2) * (n - 3)))

    def test_winsorises_high_outliers_until_the_column_passes(self):
        x = np.array([[*range(1, 21), 200]], dtype=float)
        out, points, logged = treat_rows(x, TreatSpec(method="winsorise"))
        assert points[0] == 1 and not logged[0]
        assert out[0, -1] == 20  # the outlier takes the next value inward

    def test_tied_extremes_are_winsorised_together(self):
        x = np.array([[*range(1, 21), 300, 300]], dtype=float)
        out, points, _ = treat_rows(x, TreatSpec(method="winsorise"))
        assert points[0] == 2
        assert out[0, -1] == out[0, -2] == 20

    def test_falls_back_to_log_of_the_untreated_values(self):
        x = np.array([[1, 1, 1, 1, 1, 1, 1, 2, 3, 5, 8, 13, 100, 1000, 10000]], dtype=float)
        out, points, logged = treat_rows(x, TreatSpec(method="winsorise", winmax=1))
        assert logged[0] and points[0] == 0
        lo, hi = x.min(), x.max()
        np.testing.assert_allclose(out, np.log(x - lo + 0.01 * (hi - lo)))

    def test_report_gives_shape_before_and_after(self):
        """21 units: 1…20 and 200 winsorised to 20; then 1…20 with 1e4 that only a log fixes."""
        units = [f"u{k}" for k in range(21)]
        spread = [float(k) for k in range(1, 22)]
        i1 = [*range(1, 21), 200]
        i2 = [1] * 14 + [2, 3, 5, 8, 13, 100, 10000]
        rows = [
            (u, "2020", code, float(v))
            for code, column in (("i1", i1), ("i2", i2), ("i3", spread), ("i4", spread))
            for u, v in zip(units, column, strict=True)
        ]
        m = tiny_methodology(treat={"method": "winsorise", "winmax": 1})
        report = compute(m, long_frame(rows)).treatment.set_index("indicator")
        assert list(report.index) == ["i1", "i2"]  # i3 and i4 pass untouched

        def by_hand(x):
            n, d = len(x), np.asarray(x, float) - np.mean(x)
            m2, m3, m4 = (d**2).mean(), (d**3).mean(), (d**4).mean()
            g1, g2 = m3 / m2**1.5, m4 / m2**2 - 3
            skew = g1 * np.sqrt(n * (n - 1)) / (n - 2)
            return skew, ((n + 1) * g2 + 6) * (n - 1) / ((n - 2) * (n - 3))

        won = [*range(1, 21), 20]
        logged = np.log(np.array(i2) - 1 + 0.01 * (10000 - 1))
        expected = {"i1": (i1, won, "winsorise", 1), "i2": (i2, logged, "log", 0)}
        for code, (before, after, treatment, points) in expected.items():
            row = report.loc[code]
            assert (row["treatment"], row["points"]) == (treatment, points)
            assert (row["skew_before"], row["kurtosis_before"]) == pytest.approx(by_hand(before))
            assert (row["skew_after"], row["kurtosis_after"]) == pytest.approx(by_hand(after))
        assert abs(report.loc["i1", "skew_after"]) < 2  # winsorising made it pass

    def test_a_passing_column_is_untouched(self):
        x = np.array([[1, 2, 3, 4, 5, 6, 7]], dtype=float)
        out, points, logged = treat_rows(x, TreatSpec(method="winsorise"))
        np.testing.assert_array_equal(out, x)
        assert points[0] == 0 and not logged[0]


class TestAggregate:
    w = np.array([1.0, 3.0])

    @pytest.mark.parametrize(
        "method, expected",
        [
            ("arithmetic", (1 * 10 + 3 * 40) / 4),
            ("geometric", np.exp((np.log(10) + 3 * np.log(40)) / 4)),
            ("harmonic", 4 / (1 / 10 + 3 / 40)),
        ],
    )
    def test_weighted_means(self, method, expected):
        x = np.array([10.0, 40.0])
        assert weighted_mean(x, self.w, AggregateSpec(method=method)) == pytest.approx(expected)

    def test_generalised_mean_with_power_two(self):
        x = np.array([10.0, 40.0])
        spec = AggregateSpec(method="generalised", power=2)
        assert weighted_mean(x, self.w, spec) == pytest.approx(((100 + 3 * 1600) / 4) ** 0.5)

    def test_missing_child_reweights_above_min_share(self):
        x = np.array([nan, 40.0])
        assert weighted_mean(x, self.w, AggregateSpec(min_share=0.5)) == 40.0
        assert np.isnan(weighted_mean(np.array([10.0, nan]), self.w, AggregateSpec(min_share=0.5)))


class TestNormalise:
    def run(self, normalise, rows=None, directions=(1, 1, 1, 1)):
        m = tiny_methodology(normalise=normalise, directions=directions)
        rows = rows or [
            (u, "2022", f"i{k}", v)
            for k in range(1, 5)
            for u, v in zip("abc", (0.0, 45.0, 90.0), strict=True)
        ]
        return compute(m, long_frame(rows)).table("normalised")

    def test_minmax_to_a_range_with_direction(self):
        t = self.run({"method": "minmax", "range": [1, 11]}, directions=(1, -1, 1, 1))
        assert list(t["i1"]) == [1, 6, 11]
        assert list(t["i2"]) == [11, 6, 1]

    def test_zscore_with_mean_and_sd(self):
        t = self.run({"method": "zscore", "mean": 10, "sd": 2})
        assert list(t["i1"]) == pytest.approx([8, 10, 12])

    def test_goalposts_clip_or_not(self):
        rows = [
            (u, "2022", f"i{k}", v)
            for k in range(1, 5)
            for u, v in zip("abc", (-10.0, 50.0, 150.0), strict=True)
        ]
        clipped = self.run({"method": "goalposts", "clip": True, "scale": 100}, rows)
        assert list(clipped["i1"]) == [0, 50, 100]
        free = self.run({"method": "goalposts", "clip": False, "scale": 1}, rows)
        assert list(free["i1"]) == pytest.approx([-0.1, 0.5, 1.5])

    def test_target_achievement_caps_at_the_target(self):
        t = self.run({"method": "target_achievement", "scale": 100})  # 2022 target = 90
        assert list(t["i1"]) == pytest.approx([0, 50, 100])
        t = self.run({"method": "target_achievement", "scale": 100}, directions=(-1, 1, 1, 1))
        assert list(t["i1"]) == pytest.approx([100, 100, 100])  # at or below target: achieved

    def test_distance_to_target(self):
        t = self.run({"method": "distance_to_target", "scale": 100})
        assert list(t["i1"]) == pytest.approx([0, 50, 100])

    def test_rank_and_percentile_rank(self):
        t = self.run({"method": "rank"}, directions=(-1, 1, 1, 1))
        assert list(t["i1"]) == [3, 2, 1]
        t = self.run({"method": "percentile_rank", "scale": 100})
        assert list(t["i2"]) == [0, 50, 100]


def test_ranks_share_the_best_rank_on_ties():
    scores = np.array([5, 7, 7, nan, 1], dtype=float).reshape(1, 5, 1)
    assert list(rank_desc(scores)[0, :, 0]) == pytest.approx([3, 1, 1, nan, 4], nan_ok=True)


def test_screening_leaves_sparse_units_out_and_reports_them():
    m = tiny_methodology(screen=0.75)
    rows = [
        (u, "2022", f"i{k}", float(k * 10 + j)) for j, u in enumerate("abc") for k in range(1, 5)
    ]
    rows = [r for r in rows if not (r[0] == "c" and r[2] in ("i1", "i2"))]
    result = compute(m, long_frame(rows))
    assert list(result.screened_out["unit"]) == ["c"]
    assert result.screened_out["availability"].iloc[0] == 0.5
    assert np.isnan(result.scores().loc["2022", "c"])


def test_denominators_from_data_series_and_unit_attributes():
    m = tiny_methodology().model_copy(deep=True)
    data = {
        **m.model_dump(),
        "denominators": [{"code": "gdp", "name": "GDP"}],
    }
    data["indicators"][0]["denominator"] = "gdp"
    data["indicators"][1]["denominator"] = "population"
    from tsifra.methodology import Methodology

    m = Methodology.model_validate(data)
    rows = [(u, "2022", f"i{k}", 100.0) for u in "ab" for k in range(1, 5)]
    rows += [("a", "2022", "gdp", 4.0), ("b", "2022", "gdp", 0.0)]
    units = pd.DataFrame({"population": [10.0, 20.0]}, index=["a", "b"])
    result = compute(m, long_frame(rows), units)
    den = result.table("denominated")
    assert den.loc["a", "i1"] == 25 and np.isnan(den.loc["b", "i1"])  # zero denominator
    assert den.loc["a", "i2"] == 10 and den.loc["b", "i2"] == 5
    assert den.loc["a", "i3"] == 100


def test_result_keeps_every_step_and_long_output():
    m = tiny_methodology()
    rows = [
        (u, p, f"i{k}", float(k + j + int(p) % 10))
        for j, u in enumerate("abc")
        for p in ("2021", "2022")
        for k in range(1, 5)
    ]
    result = compute(m, long_frame(rows))
    for step in (
        "raw",
        "denominated",
        "imputed",
        "screened",
        "treated",
        "normalised",
        "aggregated",
    ):
        assert isinstance(result.step(step), Panel)
    long = result.long()
    assert set(long.columns) >= {"unit", "period", "node", "score", "rank"}
    assert set(long["node"]) == {"A", "B", "index"}
    assert long[long.period == "2021"]["rank_change"].isna().all()
