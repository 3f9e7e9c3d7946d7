"""The target summary and how a chance is shown: one definition for every shell."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from tsifra.analyses.targets import target_summary


class _Forecast:
    """Just the targets table `target_summary` reads."""

    def __init__(self, rows: list[tuple]) -> None:
        self.targets = pd.DataFrame(rows, columns=["unit", "code", "kind", "year", "probability"])


def chances(unit: str, table: dict[str, tuple[float, float]]) -> list[tuple]:
    return [
        (unit, code, "indicator", year, p)
        for code, pair in table.items()
        for year, p in zip((2029, 2030), pair, strict=True)
    ]


def test_expected_targets_are_the_sum_of_the_known_chances():
    rows = chances("A", {"x": (0.9, 0.95), "y": (0.3, 0.2), "z": (math.nan, math.nan)})
    rows += chances("B", {"x": (0.1, 0.1), "y": (0.1, 0.1), "z": (0.1, 0.1)})
    rows.append(("A", "index", "node", 2030, 0.5))  # node thresholds are no indicator targets
    summary = target_summary(_Forecast(rows), "A")
    assert summary.counted == ("y", "x")  # riskiest in the last year first
    assert summary.unknown == ("z",)
    first, last = summary.years
    assert (first.year, first.expected, first.likely, first.at_risk) == (2029, 1.2, 1, 1)
    assert last.expected == pytest.approx(1.15) and summary.of(2030) is last
    assert list(summary.chances.index) == ["y", "x", "z"]
    assert target_summary(_Forecast(rows), "B").of(2030).expected == pytest.approx(0.3)


def test_nothing_known_nothing_counted():
    summary = target_summary(_Forecast(chances("A", {"x": (math.nan, math.nan)})), "A")
    assert summary.counted == () and summary.years == () and summary.unknown == ("x",)
