"""Names of regions and districts in each language, Russian where an English name is missing."""

from __future__ import annotations

import re

from tsifra.reports.names import district_names, name_in, region_names

CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def test_every_region_and_district_has_a_name_in_each_language() -> None:
    assert region_names("ru")["RU-TA"] == "Республика Татарстан"
    assert region_names("en")["RU-TA"] == "Republic of Tatarstan"
    assert district_names("en")["volga"] == "Volga Federal District"
    assert region_names("en").keys() == region_names("ru").keys()
    assert not any(CYRILLIC.search(n) for n in region_names("en").values())
    assert not any(CYRILLIC.search(n) for n in district_names("en").values())


def test_a_name_without_an_english_form_stays_russian() -> None:
    assert name_in("Здоровье", None, "en") == name_in("Здоровье", "", "en") == "Здоровье"
    assert name_in("Здоровье", "Health", "en") == "Health"
    assert name_in("Здоровье", "Health", "ru") == "Здоровье"
