"""Status against a target — red, amber or green — decided in one place for every page.

The home screen, the federal view and their exports all colour a direction or an indicator by
this one rule, so the same figure never reads green on one page and amber on another:

- green («в цели», ✓): the value reaches its target (share ≥ 100 %);
- amber («близко к цели», ≈): within 10 % of it (share ≥ 90 %);
- red («ниже цели», ✗): further below;
- none («нет цели», —): no target or no value, so nothing to compare.

The share is value / target, or target / value where lower is better (days to issue a permit).
A direction's target is the score it would have with every indicator at its target: the top of
the methodology's scale under target-achievement normalisation (100). Colour is never the only
signal: every level has its words and its symbol (`LEVEL_KEYS`, `SYMBOLS`).
"""

from __future__ import annotations

import math

from tsifra.kernel.language import word_key

GREEN_SHARE = 1.0  # at or above the target
AMBER_SHARE = 0.9  # within 10 % of it
LEVELS = ("red", "amber", "green", "none")  # worst first: the order a filter or a sort uses
LEVEL_KEYS = {
    "green": word_key("level_green"),
    "amber": word_key("level_amber"),
    "red": word_key("level_red"),
    "none": word_key("level_none"),
}
SYMBOLS = {"green": "✓", "amber": "≈", "red": "✗", "none": "—"}
# A little under a whole share still counts as met: a score of 99.999… is a rounding of 100.
_TOLERANCE = 1e-9


def share_of_target(value: float | None, target: float | None, direction: int = 1) -> float | None:
    """How much of the target `value` is (1.0 = exactly at it); None when there is nothing to
    compare. Lower-is-better indicators (`direction` −1) compare the other way round."""
    if not _finite(value) or not _finite(target):
        return None
    if direction < 0:
        if value <= 0:
            return math.inf if target > 0 else None
        return target / value
    if target == 0:
        return math.inf if value >= 0 else 0.0
    return value / target


def level(value: float | None, target: float | None, direction: int = 1) -> str:
    """«green», «amber», «red» or «none» for `value` against `target` (see the module)."""
    share = share_of_target(value, target, direction)
    if share is None:
        return "none"
    if share >= GREEN_SHARE - _TOLERANCE:
        return "green"
    if share >= AMBER_SHARE - _TOLERANCE:
        return "amber"
    return "red"


def worst(levels: list[str]) -> str:
    """The worst of several levels («none» only when nothing could be compared)."""
    compared = [lv for lv in levels if lv != "none"]
    return min(compared, key=LEVELS.index) if compared else "none"


def _finite(value: object) -> bool:
    return isinstance(value, int | float) and not math.isnan(value)
