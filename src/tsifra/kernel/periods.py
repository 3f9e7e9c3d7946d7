"""Period labels as users write them (2024, 2024Q1, 2024-03), parsed into sortable keys.

A panel has one frequency: mixing years and quarters would make "the previous period" and
"last observation carried forward" ambiguous, so callers reject mixed frequencies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# The years a value may be for. Russia's statistics of digital government begin with the 2000s
# (the federal target programme «Электронная Россия», 2002), and a figure is reported after its
# period, or planned at most a couple of years ahead; a year outside is a typo (0000, 1900, 9999,
# 2099), caught at the cell instead of becoming a period that every chart and forecast then spans.
EARLIEST_YEAR = 2000
YEARS_AHEAD = 2

_YEAR = re.compile(r"^(\d{4})(?:\.0)?$")
_QUARTER = re.compile(r"^(\d{4})\s*[-_ ]?\s*[QqКк]([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})(?:-\d{2})?$")


@dataclass(frozen=True, order=True)
class Period:
    year: int
    sub: int  # quarter 1-4, month 1-12, or 0 for a year
    freq: str  # "Y", "Q" or "M"

    @property
    def label(self) -> str:
        if self.freq == "Q":
            return f"{self.year}Q{self.sub}"
        if self.freq == "M":
            return f"{self.year}-{self.sub:02d}"
        return str(self.year)


def parse_period(text: object) -> Period | None:
    """The period a label denotes, or None if it is not one (the caller reports where)."""
    s = str(text).strip()
    if m := _YEAR.match(s):
        return Period(int(m[1]), 0, "Y")
    if m := _QUARTER.match(s):
        return Period(int(m[1]), int(m[2]), "Q")
    if (m := _MONTH.match(s)) and 1 <= int(m[2]) <= 12:
        return Period(int(m[1]), int(m[2]), "M")
    return None


def accepted_years(today: date | None = None) -> tuple[int, int]:
    """The first and last year a value's period may fall in, both included."""
    return EARLIEST_YEAR, (today or date.today()).year + YEARS_AHEAD


def period_year(label: str) -> int:
    parsed = parse_period(label)
    if parsed is None:
        raise ValueError(f"not a period label: {label!r}")
    return parsed.year


def sort_periods(labels: list[str]) -> list[str]:
    return sorted(labels, key=lambda s: parse_period(s) or Period(0, 0, "?"))


def period_range(start: str, end: str) -> list[str]:
    """Every period from start to end inclusive, in the frequency of `start`."""
    a, b = parse_period(start), parse_period(end)
    if a is None or b is None or a.freq != b.freq:
        raise ValueError(f"bad period range {start!r}..{end!r}")
    per_year = {"Y": 1, "Q": 4, "M": 12}[a.freq]
    first = a.year * per_year + max(a.sub - 1, 0)
    last = b.year * per_year + max(b.sub - 1, 0)
    out = []
    for k in range(first, last + 1):
        year, sub = divmod(k, per_year)
        out.append(Period(year, sub + 1 if a.freq != "Y" else 0, a.freq).label)
    return out
