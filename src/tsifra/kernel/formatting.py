"""How numbers, periods and dates are written for a reader, in Russian or in English.

Every shell — pages, the CLI, charts, the brief — writes figures through this module, so that a
Russian reader sees 97,42, «85,3 %», «IV кв. 2025» and 30.06.2026 everywhere, and an English
reader 97.42, "85.3%", "Q4 2025" and "30 Jun 2026". The conventions:

- the decimal mark is a comma in Russian, a point in English;
- thousands are grouped from 1 000 on: a non-breaking space (U+00A0) in Russian, a comma in
  English; a non-breaking space also holds «85,3 %» and «IV кв. 2025» together;
- a negative number and a fall take a real minus sign (U+2212), a rise a plus; zero no sign;
- a missing figure (None, NaN) is an em dash;
- dates are day.month.year in Russian and "30 Jun 2026" in English (the brief has always
  written them so; ISO dates stay in files, where machines read them);
- a period label (2025, 2025Q4, 2025-03) becomes «2025», «IV кв. 2025», «март 2025» or
  "2025", "Q4 2025", "March 2025"; a label that is not a period is shown as it is.

The month names and «кв.» are the language's way of writing a date, like its decimal mark, so
they live here rather than in the word catalogue. No pandas: the kernel stays light to import.
"""

from __future__ import annotations

import math
import numbers
from datetime import date, datetime

from tsifra.kernel.periods import parse_period

MISSING = "—"
NBSP = "\u00a0"
MINUS = "\u2212"

MONTHS = {
    "ru": (
        "январь",
        "февраль",
        "март",
        "апрель",
        "май",
        "июнь",
        "июль",
        "август",
        "сентябрь",
        "октябрь",
        "ноябрь",
        "декабрь",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}
MONTHS_SHORT_EN = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)
ROMAN = ("I", "II", "III", "IV")


def real(value: object) -> float | None:
    """The value as a float, or None when it is missing (None, NaN, not a number at all)."""
    if value is None or isinstance(value, bool | str):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def localise(text: str, lang: str) -> str:
    """Python's own writing of a number ("-1,234.5", "85.3%") in the reader's convention."""
    if text.startswith("-"):
        text = MINUS + text[1:]
    if lang == "en":
        return text
    text = text.replace(",", NBSP).replace(".", ",")
    return text[:-1] + NBSP + "%" if text.endswith("%") else text


def number(value: object, lang: str, digits: int = 2) -> str:
    """A figure with fixed `digits` after the mark: 1 234,50 or 1,234.50; a dash when missing."""
    x = real(value)
    return MISSING if x is None else localise(f"{x:,.{digits}f}", lang)


def signed(value: object, lang: str, digits: int = 2) -> str:
    """A change: +1,25 or −1,25; a change that rounds to zero is written without a sign."""
    x = real(value)
    if x is None:
        return MISSING
    text = f"{x:+,.{digits}f}"
    if float(text.replace(",", "")) == 0:
        return localise(f"{0:,.{digits}f}", lang)
    return localise(text, lang)


def whole(value: object, lang: str) -> str:
    """A count or a rank, rounded to a whole number: 12, 1 234 or 1,234."""
    x = real(value)
    return MISSING if x is None else localise(f"{round(x):,d}", lang)


def money(value: object, lang: str) -> str:
    """A sum in roubles as budgets are read: «12,5 млн ₽», «850 тыс. ₽», «1,2 млрд ₽», "RUB 12.5
    million"; below a thousand in whole roubles. One decimal is what a programme's table shows."""
    x = real(value)
    if x is None:
        return MISSING
    scales = ((1e9, "млрд", "billion"), (1e6, "млн", "million"), (1e3, "тыс.", "thousand"))
    for size, ru, en in scales:
        if abs(x) >= size:
            figure = localise(f"{x / size:,.1f}", lang)
            return f"{figure}{NBSP}{ru}{NBSP}₽" if lang != "en" else f"RUB {figure} {en}"
    figure = localise(f"{round(x):,d}", lang)
    return f"{figure}{NBSP}₽" if lang != "en" else f"RUB {figure}"


def percent(value: object, lang: str, digits: int = 1) -> str:
    """A value already in percent: «85,3 %» or "85.3%"."""
    x = real(value)
    return MISSING if x is None else localise(f"{x:,.{digits}f}%", lang)


def share(value: object, lang: str, digits: int = 0) -> str:
    """A share of one (0.853) in percent: «85 %» or "85%"."""
    x = real(value)
    return MISSING if x is None else percent(100 * x, lang, digits)


def chance(value: object, lang: str) -> str:
    """A probability in whole percent, as people read one: «100 %» only when certain and «0 %»
    only when impossible, never by rounding — «>99 %» and «<1 %» near the ends."""
    x = real(value)
    if x is None:
        return MISSING
    if 0.995 <= x < 1.0:
        return localise(">99%", lang)
    if 0.0 < x < 0.005:
        return localise("<1%", lang)
    return share(x, lang)


def significant(value: object, lang: str, digits: int = 6) -> str:
    """A measured value with up to `digits` significant digits (a target may be 95 or 0.125)."""
    x = real(value)
    if x is None:
        return MISSING
    text = f"{x:,.{digits}g}"
    return localise(text if "e" not in text else f"{x:.{digits}g}", lang)


def period(label: object, lang: str) -> str:
    """A period's name: «IV кв. 2025», «март 2025», «2025»; "Q4 2025", "March 2025", "2025".

    A label that is not a period (a typo echoed back, "—") is returned as it is.
    """
    if label is None:
        return MISSING
    parsed = parse_period(label)
    if parsed is None:
        return str(label)
    if parsed.freq == "Q":
        if lang == "en":
            return f"Q{parsed.sub}{NBSP}{parsed.year}"
        return f"{ROMAN[parsed.sub - 1]}{NBSP}кв.{NBSP}{parsed.year}"
    if parsed.freq == "M":
        return f"{MONTHS['en' if lang == 'en' else 'ru'][parsed.sub - 1]}{NBSP}{parsed.year}"
    return str(parsed.year)


def day(when: date | None, lang: str) -> str:
    """30.06.2026 in Russian, 30 Jun 2026 in English (month names not from the C locale)."""
    if when is None:
        return MISSING
    if lang == "en":
        return f"{when.day} {MONTHS_SHORT_EN[when.month - 1]} {when.year}"
    return f"{when.day:02d}.{when.month:02d}.{when.year}"


def moment(when: datetime | None, lang: str) -> str:
    """A UTC time stamp to the minute, its day written as `day` writes it."""
    if when is None:
        return MISSING
    return f"{day(when, lang)} {when:%H:%M} UTC"


def is_number(value: object) -> bool:
    """A number a reader should see localised (numpy's included), not a flag or a text."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool)
