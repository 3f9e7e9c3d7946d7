"""Bands of the index score: the named groups a rating sorts its units into.

The federal rating of agencies' digital transformation publishes three groups (high, medium,
low) rather than a bare rank; a methodology that declares `bands` gets the same. The bands are
part of the methodology file, so a stored run's methodology version says which thresholds its
groups were drawn with. Pure: no database, only the methodology and a score.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tsifra.kernel.problems import Problem

if TYPE_CHECKING:
    from tsifra.methodology.schema import Band, Methodology


@dataclass(frozen=True)
class BandRange:
    """A band with the scores it holds: from `low` (inclusive) to `high` (exclusive; the top
    band's `high` is the scale's maximum and is included)."""

    code: str
    name: str  # in the language asked for
    low: float
    high: float


def band_of(m: Methodology, score: float | None) -> Band | None:
    """The band a score falls in: the first band whose `min` the score reaches. None when the
    methodology declares no bands, the score is missing (NaN), or it is below every band."""
    if score is None or (isinstance(score, float) and math.isnan(score)):
        return None
    return next((band for band in m.bands if score >= band.min), None)


def band_ranges(m: Methodology, lang: str) -> list[BandRange]:
    """Every band with its score range and its name in `lang`, highest first (a legend)."""
    out = []
    high = m.scale.max
    for band in m.bands:
        out.append(BandRange(band.code, band.name_in(lang), band.min, high))
        high = band.min
    return out


def band_problems(m: Methodology) -> list[Problem]:
    """Codes unique, `min` strictly decreasing (so every score has one band) and on the scale."""
    problems: list[Problem] = []
    seen: set[str] = set()
    low, high = m.scale.min, m.scale.max
    for i, band in enumerate(m.bands):
        if band.code in seen:  # the repetition is the problem, not the first use
            problems.append(
                Problem("agency_band_code_twice", path=f"bands[{i}].code", value=band.code)
            )
        seen.add(band.code)
        if not low <= band.min <= high:
            problems.append(
                Problem(
                    "agency_band_min_outside",
                    path=f"bands[{i}].min",
                    value=band.min,
                    params={"low": low, "high": high},
                )
            )
        if i and band.min >= m.bands[i - 1].min:
            problems.append(
                Problem(
                    "agency_band_min_order",
                    path=f"bands[{i}].min",
                    value=band.min,
                    params={"previous": m.bands[i - 1].min},
                )
            )
    return problems
