"""Numbers, percentages, changes, periods and dates as a Russian and an English reader write
them: 1 234,56 and 1,234.56; «85,3 %» and 85.3%; «IV кв. 2025» and Q4 2025; 30.06.2026 and
30 Jun 2026."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tsifra.kernel.formatting import (
    MINUS,
    MISSING,
    NBSP,
    chance,
    day,
    moment,
    number,
    percent,
    period,
    share,
    signed,
    significant,
    whole,
)


def test_numbers_take_the_decimal_mark_and_grouping_of_the_language() -> None:
    assert number(97.4236, "ru") == "97,42" and number(97.4236, "en") == "97.42"
    assert number(1234.5, "ru", 1) == f"1{NBSP}234,5" and number(1234.5, "en", 1) == "1,234.5"
    assert number(-0.5, "ru") == f"{MINUS}0,50" and number(-0.5, "en") == f"{MINUS}0.50"
    assert number(np.float64(12.345), "ru") == "12,35" and number(np.int64(7), "en") == "7.00"
    assert whole(1234567, "ru") == f"1{NBSP}234{NBSP}567" and whole(12.6, "en") == "13"


@pytest.mark.parametrize("missing", [None, math.nan, np.nan, "n/a"])
def test_a_missing_figure_is_a_dash(missing: object) -> None:
    for write in (number, signed, whole, percent, share, chance, significant):
        assert write(missing, "ru") == write(missing, "en") == MISSING


def test_percentages_and_chances() -> None:
    assert percent(85.34, "ru") == f"85,3{NBSP}%" and percent(85.34, "en") == "85.3%"
    assert share(0.853, "ru") == f"85{NBSP}%" and share(0.853, "en", 1) == "85.3%"
    assert chance(1.0, "ru") == f"100{NBSP}%" and chance(0.0, "en") == "0%"
    assert chance(0.999, "ru") == f">99{NBSP}%" and chance(0.001, "en") == "<1%"


def test_changes_carry_a_plus_or_a_real_minus() -> None:
    assert signed(1.254, "ru") == "+1,25" and signed(1.254, "en") == "+1.25"
    assert signed(-1.254, "ru") == f"{MINUS}1,25" and signed(-1.254, "en") == f"{MINUS}1.25"
    assert signed(-0.001, "ru") == "0,00" and signed(0, "en", 0) == "0"  # no sign on nothing
    assert signed(3, "ru", 0) == "+3"


def test_significant_digits_for_measured_values() -> None:
    assert significant(0.125, "ru") == "0,125" and significant(0.125, "en") == "0.125"
    assert significant(95.0, "ru") == "95" and significant(12345.6, "ru") == f"12{NBSP}345,6"


def test_periods_by_their_frequency() -> None:
    assert period("2025Q4", "ru") == f"IV{NBSP}кв.{NBSP}2025"
    assert period("2025Q1", "en") == f"Q1{NBSP}2025"
    assert period("2025", "ru") == period("2025", "en") == "2025"
    assert (
        period("2025-03", "ru") == f"март{NBSP}2025"
        and period("2025-03", "en") == f"March{NBSP}2025"
    )
    assert period("2025-03-31", "ru") == f"март{NBSP}2025"
    assert period("2024 год", "ru") == "2024 год"  # not a period: shown as it was given
    assert period(None, "ru") == MISSING


def test_dates_and_moments() -> None:
    assert (
        day(date(2026, 6, 30), "ru") == "30.06.2026"
        and day(date(2026, 6, 30), "en") == "30 Jun 2026"
    )
    assert day(date(2020, 1, 5), "ru") == "05.01.2020"
    stamp = datetime(2026, 3, 5, 9, 7, tzinfo=UTC)
    assert moment(stamp, "ru") == "05.03.2026 09:07 UTC"
    assert moment(stamp, "en") == "5 Mar 2026 09:07 UTC"


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False), st.integers(0, 4))
def test_a_russian_number_reads_back_as_the_english_one(x: float, digits: int) -> None:
    """The two languages write the same figure: only the marks differ."""
    ru, en = number(x, "ru", digits), number(x, "en", digits)
    assert ru.replace(NBSP, "").replace(",", ".") == en.replace(",", "")
    assert float(en.replace(",", "").replace(MINUS, "-")) == pytest.approx(
        round(x, digits), abs=10**-digits
    )


@pytest.mark.parametrize(
    ("p", "shown"),
    [
        (1.0, "100 %"),
        (0.9951, ">99 %"),
        (0.994, "99 %"),  # rounds to 99: nothing to hide
        (0.5, "50 %"),
        (0.006, "1 %"),
        (0.004, "<1 %"),
        (0.0, "0 %"),
        (math.nan, "—"),
        (None, "—"),
    ],
)
def test_a_chance_claims_certainty_only_when_certain(p, shown):
    assert chance(p, "ru") == shown.replace(" %", f"{NBSP}%")


def test_money_in_the_scale_a_budget_is_read_in():
    from tsifra.kernel.formatting import NBSP, money

    assert money(12_500_000, "ru") == f"12,5{NBSP}млн{NBSP}₽"
    assert money(12_500_000, "en") == "RUB 12.5 million"
    assert money(850_000, "ru") == f"850,0{NBSP}тыс.{NBSP}₽"
    assert money(1_234_000_000, "ru") == f"1,2{NBSP}млрд{NBSP}₽"
    assert money(999, "ru") == f"999{NBSP}₽"
    assert money(None, "ru") == money(float("nan"), "en")
