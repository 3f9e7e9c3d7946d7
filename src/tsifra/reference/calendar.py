"""The Russian production calendar: which days are worked, for counting legal terms in days.

Legal terms of appeals and messages are counted in calendar or working days, and a term's last
day depends on the holidays of Трудовой кодекс ст. 112 and on the Government's yearly decree
moving days off. Decrees are not predictable, so the calendar is data: `data/production-
calendar.csv` holds one row per weekday that is not worked (a holiday or a day off moved onto
it) and per weekend day that is worked (a day off moved away from it), each with its legal
source. Every other weekday is worked and every other Saturday and Sunday is not.

For a year the file does not cover (`COVERED_YEARS`), the calendar falls back to what the
Labour Code alone decides: weekends, the holidays of ст. 112 ч. 1, and a non-January holiday
on a weekend moving the day off to the next weekday (ст. 112 ч. 2). A decree for such a year
may differ; add its rows to the file when it is published.

Dates here are plain calendar dates; which date a moment falls on (Moscow time) is decided by
`tsifra.cases.deadlines`.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

CALENDAR_FILE = Path(__file__).with_name("data") / "production-calendar.csv"
CALENDAR_COLUMNS = ("date", "day", "what", "source")

# Трудовой кодекс ст. 112 ч. 1: the non-working holidays, (month, day).
JANUARY_HOLIDAYS = tuple((1, day) for day in range(1, 9))  # 1–6 and 8 January, 7 is Christmas
OTHER_HOLIDAYS = ((2, 23), (3, 8), (5, 1), (5, 9), (6, 12), (11, 4))
HOLIDAYS = JANUARY_HOLIDAYS + OTHER_HOLIDAYS


@dataclass(frozen=True)
class CalendarDay:
    """One row of the calendar file: a day that differs from the plain week, and why."""

    day: date
    working: bool
    what: str
    source: str


class CalendarDataError(ValueError):
    """The calendar file is malformed; the message names the row and the column."""


def _row_error(row: int, column: str, problem: str) -> CalendarDataError:
    return CalendarDataError(f"{CALENDAR_FILE.name}: row {row}, column '{column}': {problem}")


def read_calendar(path: Path = CALENDAR_FILE) -> tuple[CalendarDay, ...]:
    """The calendar file's rows, checked: a weekday may only be marked `off`, a weekend day
    only `work`, each date once, each row with its source."""
    days: list[CalendarDay] = []
    seen: dict[date, int] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in CALENDAR_COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise _row_error(1, missing[0], "required column is missing")
        for row_number, row in enumerate(reader, start=2):
            try:
                day = date.fromisoformat(row["date"].strip())
            except ValueError:
                raise _row_error(row_number, "date", f"not a date: {row['date']!r}") from None
            kind = row["day"].strip()
            if kind not in ("off", "work"):
                raise _row_error(row_number, "day", f"must be off or work, not {kind!r}")
            if (kind == "off") != (day.weekday() < 5):
                raise _row_error(row_number, "day", f"{day} is {kind} on its own weekday")
            if not row["source"].strip():
                raise _row_error(row_number, "source", "value is empty")
            if day in seen:
                raise _row_error(row_number, "date", f"{day} repeated (first in row {seen[day]})")
            seen[day] = row_number
            days.append(CalendarDay(day, kind == "work", row["what"].strip(), row["source"]))
    return tuple(days)


@cache
def _bundled() -> tuple[frozenset[date], frozenset[date], frozenset[int]]:
    # The shipped file never changes while the process runs: read it once.
    days = read_calendar()
    off = frozenset(d.day for d in days if not d.working)
    work = frozenset(d.day for d in days if d.working)
    return off, work, frozenset(d.day.year for d in days)


def covered_years() -> frozenset[int]:
    """The years the calendar file holds; others follow the Labour Code alone."""
    return _bundled()[2]


@cache
def labour_code_days_off(year: int) -> frozenset[date]:
    """The weekdays of `year` not worked by the Labour Code alone (ст. 112 ч. 1 and ч. 2),
    without any decree: the fallback for years outside the calendar file."""
    off = {date(year, m, d) for m, d in HOLIDAYS if date(year, m, d).weekday() < 5}
    for month, day in OTHER_HOLIDAYS:
        holiday = date(year, month, day)
        if holiday.weekday() >= 5:  # the day off moves to the next working day after it
            moved = holiday + timedelta(days=1)
            while moved.weekday() >= 5 or moved in off:
                moved += timedelta(days=1)
            off.add(moved)
    return frozenset(off)


def is_working_day(day: date) -> bool:
    """Whether `day` is worked on a five-day week: by the calendar file in its years, by the
    Labour Code alone (weekends, ст. 112 holidays and their moved days off) outside them."""
    off, work, years = _bundled()
    if day.year in years:
        return day in work if day.weekday() >= 5 else day not in off
    return day.weekday() < 5 and day not in labour_code_days_off(day.year)


def next_working_day(day: date) -> date:
    """The first working day strictly after `day`."""
    day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def previous_working_day(day: date) -> date:
    """The last working day strictly before `day`."""
    day -= timedelta(days=1)
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def add_working_days(day: date, n: int) -> date:
    """The `n`-th working day after `day` (`day` itself not counted, worked or not), as a term
    «в течение n рабочих дней» from `day` ends; `n` = 0 gives `day`, a negative `n` counts back.
    The result of a non-zero `n` is always a working day."""
    step = next_working_day if n > 0 else previous_working_day
    for _ in range(abs(n)):
        day = step(day)
    return day


def working_days_between(start: date, end: date) -> int:
    """How many working days lie after `start` up to and including `end` (negative when `end`
    is earlier): the inverse of `add_working_days`, so `working_days_between(d,
    add_working_days(d, n)) == n`."""
    if end < start:
        return -working_days_between(end, start)
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        count += is_working_day(day)
    return count
