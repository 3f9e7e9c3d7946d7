"""A change set as users give it — in a form, on the command line, in code — read into numbers.

A change is an indicator's new value: a number, numeric text as Russian users type it (decimal
comma, spaces between thousands) or the word "target" («цель»). Every problem is collected with
where it is (the scenario and the indicator), so a form can show them all at once.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from numbers import Real

import numpy as np

from tsifra.kernel.periods import Period, parse_period
from tsifra.kernel.problems import Problem
from tsifra.methodology import Methodology

TARGET_WORDS = frozenset({"target", "цель"})
Change = float | int | str
Changes = Mapping[str, Change]


def read_changes(
    m: Methodology, scenarios: Mapping[str, Changes], current: np.ndarray, period: str
) -> tuple[dict[str, dict[int, float]], list[Problem]]:
    """Each scenario's changes as indicator positions and numbers, or every problem found.

    `current` is the unit's baseline values (methodology order): "target" keeps a value that
    already meets the target.
    """
    codes = m.indicator_codes
    parsed = parse_period(period)
    year = parsed.year if parsed else None
    out: dict[str, dict[int, float]] = {}
    problems = []
    for name, changes in scenarios.items():
        out[str(name)] = resolved = {}
        for code, given in changes.items():
            where = f"{name}: {code}" if len(scenarios) > 1 else str(code)
            if code not in codes:
                problems.append(Problem("unknown_indicator", path=where, value=code))
                continue
            ind = m.indicator(code)
            j = codes.index(code)
            if _is_target(given):
                if year is None:
                    continue  # the period is reported as unknown
                target = ind.target_for_year(year)
                if target is None:
                    problems.append(
                        Problem("no_target", path=where, value=code, params={"year": year})
                    )
                    continue
                met = not np.isnan(current[j]) and ind.direction * (current[j] - target) >= 0
                resolved[j] = float(current[j]) if met else float(target)
                continue
            value = _number(given)
            if value is None:
                problems.append(Problem("not_numeric", path=where, value=given))
            elif ind.valid_range and not ind.valid_range[0] <= value <= ind.valid_range[1]:
                low, high = ind.valid_range
                problems.append(
                    Problem(
                        "out_of_range", path=where, value=value, params={"low": low, "high": high}
                    )
                )
            else:
                resolved[j] = value
    return out, problems


def resolve_period(periods: tuple[str, ...], period: str | None) -> str | None:
    """The period label meant: the latest by default; as typed (2024q1, «2024 К1») normalised;
    a year on quarterly or monthly data meaning its last quarter or month ("by 2026"). None if
    the text is not a period at all."""
    if period is None:
        return periods[-1]
    parsed = parse_period(period)
    if parsed is None:
        return None
    data = parse_period(periods[-1])
    if parsed.freq == "Y" and data is not None and data.freq != "Y":
        return Period(parsed.year, 4 if data.freq == "Q" else 12, data.freq).label
    return parsed.label


def describe(changes: Changes) -> str:
    """A change set as a user would type it: `code=value, code=target`."""
    return ", ".join(f"{code}={_shown(v)}" for code, v in changes.items())


def _is_target(given: Change) -> bool:
    return isinstance(given, str) and given.strip().lower() in TARGET_WORDS


def _number(given: Change) -> float | None:
    """A finite number from a number or numeric text (decimal comma as Russian users type it)."""
    if isinstance(given, bool):
        return None
    if isinstance(given, Real):
        value = float(given)
    elif isinstance(given, str):
        try:
            value = float(given.strip().replace("\u00a0", "").replace(" ", "").replace(",", "."))
        except ValueError:
            return None
    else:
        return None
    return value if math.isfinite(value) else None


def _shown(v: Change) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()
