"""The one status rule against a target: green at or above it, amber within 10 %, red below."""

from __future__ import annotations

import math

import pytest

from tsifra.dashboard.status import level, share_of_target, worst


@pytest.mark.parametrize(
    ("value", "target", "direction", "expected"),
    [
        (100.0, 100.0, 1, "green"),
        (120.0, 100.0, 1, "green"),
        (99.9999999999, 100.0, 1, "green"),  # a rounding of the target is the target
        (90.0, 100.0, 1, "amber"),
        (89.99, 100.0, 1, "red"),
        (10.0, 10.0, -1, "green"),  # days to issue a permit: fewer is better
        (11.0, 10.0, -1, "amber"),  # 10 / 11 = 0.909
        (12.0, 10.0, -1, "red"),
        (None, 100.0, 1, "none"),
        (50.0, None, 1, "none"),
        (math.nan, 100.0, 1, "none"),
    ],
)
def test_each_level_of_the_rule(value, target, direction, expected) -> None:
    assert level(value, target, direction) == expected


def test_shares_and_the_worst_of_several() -> None:
    assert share_of_target(45.0, 50.0) == pytest.approx(0.9)
    assert share_of_target(20.0, 10.0, -1) == pytest.approx(0.5)
    assert share_of_target(0.0, 10.0, -1) == math.inf  # no days at all beats any target
    assert worst(["green", "amber", "green"]) == "amber"
    assert worst(["green", "none", "red"]) == "red"
    assert worst(["none", "none"]) == "none" and worst([]) == "none"
