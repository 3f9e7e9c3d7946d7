"""The production calendar: the known facts of each decreed year, the Labour Code's fallback,
the file's checks, and the counting functions every legal term relies on."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tsifra.reference.calendar import (
    CALENDAR_FILE,
    CalendarDataError,
    add_working_days,
    covered_years,
    is_working_day,
    labour_code_days_off,
    next_working_day,
    previous_working_day,
    read_calendar,
    working_days_between,
)


def _working_days_in(year: int) -> int:
    day, count = date(year, 1, 1), 0
    while day.year == year:
        count += is_working_day(day)
        day += timedelta(days=1)
    return count


def test_the_file_covers_2024_to_2027_and_every_row_has_its_source() -> None:
    rows = read_calendar()
    assert covered_years() >= {2024, 2025, 2026, 2027}
    assert all(row.source.strip() and row.what.strip() for row in rows)
    decrees = {row.source for row in rows if "Постановление" in row.source}
    assert any("№ 1314" in s for s in decrees)  # 2024
    assert any("№ 1335" in s for s in decrees)  # 2025
    assert any("№ 1466" in s for s in decrees)  # 2026


@pytest.mark.parametrize(("year", "expected"), [(2024, 248), (2025, 247), (2026, 247)])
def test_working_days_of_a_decreed_year_match_the_official_norm(year: int, expected: int) -> None:
    # The official norm of working days for a five-day week (Минтруд's calendar of each year).
    assert _working_days_in(year) == expected


@pytest.mark.parametrize(
    "day",
    [date(2024, 4, 27), date(2024, 11, 2), date(2024, 12, 28), date(2025, 11, 1)],
)
def test_transferred_working_saturdays_are_worked(day: date) -> None:
    assert day.weekday() == 5
    assert is_working_day(day)


@pytest.mark.parametrize(
    "day",
    [
        date(2024, 4, 29),  # moved from Saturday 27 April
        date(2024, 4, 30),  # moved from Saturday 2 November
        date(2024, 12, 30),  # moved from Saturday 28 December
        date(2024, 12, 31),  # moved from Sunday 7 January
        date(2025, 5, 2),  # moved from Saturday 4 January
        date(2025, 5, 8),  # moved from Sunday 23 February
        date(2025, 6, 13),  # moved from Saturday 8 March
        date(2025, 11, 3),  # moved from Saturday 1 November
        date(2025, 12, 31),  # moved from Sunday 5 January
        date(2026, 1, 9),  # moved from Saturday 3 January
        date(2026, 12, 31),  # moved from Sunday 4 January
    ],
)
def test_days_off_moved_by_a_decree_are_not_worked(day: date) -> None:
    assert day.weekday() < 5
    assert not is_working_day(day)


def test_a_decree_overrides_the_labour_codes_own_transfer() -> None:
    # In 2025 the decree moved the days off of 23 February and 8 March to May and June, so
    # the Mondays after them, which the Labour Code alone would give, are worked.
    assert date(2025, 2, 24) in labour_code_days_off(2025)
    assert is_working_day(date(2025, 2, 24))
    assert is_working_day(date(2025, 3, 10))


@pytest.mark.parametrize("month_day", [(1, 1), (1, 7), (2, 23), (3, 8), (5, 1), (5, 9), (6, 12)])
def test_holidays_of_article_112_on_a_weekday_are_never_worked(month_day: tuple[int, int]) -> None:
    for year in range(2020, 2032):
        day = date(year, *month_day)
        if day.weekday() < 5:
            assert not is_working_day(day), day


def test_2027_follows_the_labour_code_alone_until_its_decree_is_added() -> None:
    # 2027's decree is not in the file: its rows are exactly what ст. 112 decides by itself.
    off_2027 = {row.day for row in read_calendar() if row.day.year == 2027 and not row.working}
    assert off_2027 == labour_code_days_off(2027)
    assert not is_working_day(date(2027, 5, 3))  # Saturday 1 May's day off, moved by ч. 2
    assert not is_working_day(date(2027, 6, 14))  # Saturday 12 June's
    # The January holidays on a weekend are not moved without a decree (ст. 112 ч. 2).
    assert is_working_day(date(2027, 1, 11))


def test_outside_the_file_the_labour_code_decides() -> None:
    assert 2031 not in covered_years()
    assert not is_working_day(date(2031, 1, 8))  # Wednesday, a New Year holiday
    assert not is_working_day(date(2031, 11, 4))  # Tuesday, Unity Day
    assert not is_working_day(date(2031, 3, 10))  # Saturday 8 March's day off, on Monday
    assert is_working_day(date(2031, 11, 5))
    assert not is_working_day(date(2031, 11, 8))  # a Saturday


def test_next_and_previous_working_day_skip_the_new_year_holidays() -> None:
    assert next_working_day(date(2025, 12, 30)) == date(2026, 1, 12)
    assert previous_working_day(date(2026, 1, 12)) == date(2025, 12, 30)
    assert next_working_day(date(2025, 10, 31)) == date(2025, 11, 1)  # the working Saturday
    assert previous_working_day(date(2025, 11, 5)) == date(2025, 11, 1)


def test_add_working_days_counts_after_the_day() -> None:
    assert add_working_days(date(2025, 12, 29), 1) == date(2025, 12, 30)
    assert add_working_days(date(2025, 12, 29), 2) == date(2026, 1, 12)
    assert add_working_days(date(2026, 1, 3), 0) == date(2026, 1, 3)
    assert add_working_days(date(2026, 1, 12), -1) == date(2025, 12, 30)
    assert working_days_between(date(2025, 12, 29), date(2026, 1, 12)) == 2
    assert working_days_between(date(2026, 1, 12), date(2025, 12, 29)) == -2


@given(
    start=st.dates(min_value=date(2023, 6, 1), max_value=date(2028, 6, 1)),
    n=st.integers(min_value=1, max_value=90),
)
def test_add_working_days_lands_on_a_working_day_and_counting_inverts_it(
    start: date, n: int
) -> None:
    end = add_working_days(start, n)
    assert is_working_day(end)
    assert end > start
    assert working_days_between(start, end) == n
    # No working day was skipped: the one before the end is n - 1 working days on.
    assert working_days_between(start, previous_working_day(end)) == n - 1


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "calendar.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ("2025-11-01,off,x,s\n", "row 2, column 'day'"),  # a Saturday cannot be a day off
        ("2025-11-03,work,x,s\n", "row 2, column 'day'"),  # a Monday is worked anyway
        ("2025-13-01,off,x,s\n", "row 2, column 'date'"),
        ("2025-11-03,off,x,\n", "row 2, column 'source'"),
        ("2025-11-03,off,x,s\n2025-11-03,off,x,s\n", "row 3, column 'date'"),
    ],
)
def test_a_bad_calendar_file_names_its_row_and_column(
    tmp_path: Path, body: str, where: str
) -> None:
    path = _write(tmp_path, "date,day,what,source\n" + body)
    with pytest.raises(CalendarDataError, match=where):
        read_calendar(path)


def test_the_bundled_file_reads_cleanly() -> None:
    assert len(read_calendar(CALENDAR_FILE)) > 50
