"""The reports' words: every one in both languages, with the same blanks to fill in each."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from string import Formatter

from tsifra.kernel.language import DEMO_NOTE
from tsifra.reports.wording import (
    WORDS,
    day,
    decimal,
    district_names,
    language,
    measure,
    moment,
    region_names,
    significant,
    status,
    word,
)

CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name}


def test_every_word_has_an_english_form_with_the_same_blanks() -> None:
    wrong = [
        key
        for key, (ru, en) in WORDS.items()
        if not ru or not en or CYRILLIC.search(en) or _fields(ru) != _fields(en)
    ]
    assert not wrong


def test_russian_is_the_default_and_an_unknown_language_gets_it() -> None:
    assert language(None) == language("de") == language("ru") == "ru"
    assert language("en") == "en"
    assert word("demo", "ru") == DEMO_NOTE
    assert word("demo", "en").startswith("Demo data")


def test_numbers_dates_and_units_in_each_language() -> None:
    assert decimal(12.345, 2) == "12,35" and decimal(12.345, 2, "en") == "12.35"
    assert decimal(1.5, 2, "en", sign=True) == "+1.50"
    assert decimal(None) == decimal(float("nan"), 2, "en") == "—"
    assert significant(0.125) == "0,125" and significant(0.125, "en") == "0.125"
    assert day(date(2020, 1, 31), "ru") == "31.01.2020"
    assert day(date(2020, 1, 31), "en") == "31 Jan 2020"
    assert moment(datetime(2026, 3, 5, 9, 7, tzinfo=UTC), "en") == "5 Mar 2026 09:07 UTC"
    assert measure("дней", "ru") == "дней" and measure("дней", "en") == "days"
    assert measure("%", "en") == "%" and measure(None, "en") == ""
    assert status("in_progress", "en") == "in progress"
    assert status("in_progress", "ru") == "в работе"
    assert status("archived", "en") == "archived"  # a status added later shows as its code


def test_every_region_and_district_has_a_name_in_each_language() -> None:
    assert region_names("ru")["RU-TA"] == "Республика Татарстан"
    assert region_names("en")["RU-TA"] == "Republic of Tatarstan"
    assert district_names("en")["volga"] == "Volga Federal District"
    assert region_names("en").keys() == region_names("ru").keys()
    assert not any(CYRILLIC.search(n) for n in region_names("en").values())
    assert not any(CYRILLIC.search(n) for n in district_names("en").values())


def test_places_agree_with_their_number() -> None:
    from tsifra.reports.wording import places_key, word

    def said(n: int, lang: str) -> str:
        return f"{n:+d} " + word(places_key(n, lang), lang, period="2025Q3")

    assert said(1, "ru") == "+1 место к 2025Q3" and said(-3, "ru") == "-3 места к 2025Q3"
    assert said(5, "ru") == "+5 мест к 2025Q3" and said(11, "ru") == "+11 мест к 2025Q3"
    assert said(21, "ru") == "+21 место к 2025Q3" and said(12, "ru") == "+12 мест к 2025Q3"
    assert said(1, "en") == "+1 place since 2025Q3" and said(21, "en") == "+21 places since 2025Q3"
