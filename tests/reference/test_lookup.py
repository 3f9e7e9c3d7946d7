"""The one normalising region lookup: every usual form of a subject's code and name."""

from __future__ import annotations

import pandas as pd
import pytest

from tsifra.reference import load_regions
from tsifra.reference.lookup import RegionLookup, fold, load_region_names, region_lookup


@pytest.fixture(scope="module")
def lookup() -> RegionLookup:
    return region_lookup()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("RU-TA", "RU-TA"),
        ("ru-ta", "RU-TA"),
        (" RU–TA ", "RU-TA"),  # an en dash, as a word processor writes it
        ("92", "RU-TA"),
        ("92000", "RU-TA"),
        ("92000000000", "RU-TA"),
        ("92 000 000 000", "RU-TA"),
        ("Республика Татарстан", "RU-TA"),
        ("республика татарстан", "RU-TA"),
        ("Татарстан", "RU-TA"),
        ("Республика Татарстан (Татарстан)", "RU-TA"),
        ("Респ. Татарстан", "RU-TA"),
        ("Чувашская Республика — Чувашия", "RU-CU"),
        ("Чувашская Республика - Чувашия", "RU-CU"),
        ("Чувашская республика-Чувашия", "RU-CU"),
        ("Чувашия", "RU-CU"),
        ("Ханты-Мансийский автономный округ — Югра", "RU-KHM"),
        ("Ханты-Мансийский автономный округ - Югра", "RU-KHM"),
        ("Ханты-Мансийский АО-Югра", "RU-KHM"),
        ("ХМАО", "RU-KHM"),
        ("ХМАО — Югра", "RU-KHM"),
        ("Москва", "RU-MOW"),
        ("г. Москва", "RU-MOW"),
        ("г.Москва", "RU-MOW"),
        ("город федерального значения Москва", "RU-MOW"),
        ("Московская обл.", "RU-MOS"),
        ("Кемеровская область — Кузбасс", "RU-KEM"),
        ("Кемеровская область - Кузбасс", "RU-KEM"),
        ("Кемеровская область", "RU-KEM"),
        ("Кузбасс", "RU-KEM"),
        ("Республика Саха (Якутия)", "RU-SA"),
        ("Якутия", "RU-SA"),
        ("Республика Северная Осетия-Алания", "RU-SE"),
        ("Северная Осетия", "RU-SE"),
        ("Еврейская автономная область", "RU-YEV"),
        ("Архангельская область (кроме Ненецкого автономного округа)", "RU-ARK"),
        (
            "Тюменская область (кроме Ханты-Мансийского автономного округа-Югры "
            "и Ямало-Ненецкого автономного округа)",
            "RU-TYU",
        ),
        ("в том числе Ненецкий автономный округ", "RU-NEN"),
        ("г. Санкт-Петербург", "RU-SPE"),
        ("Орловская область", "RU-ORL"),
        ("Марий Эл", "RU-ME"),
        ("Moscow", "RU-MOW"),
        ("Republic of Tatarstan", "RU-TA"),
    ],
)
def test_every_usual_form_names_one_subject(lookup: RegionLookup, text: str, code: str) -> None:
    assert lookup.find(text).code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("11", "RU-ARK"),  # the oblast's own code …
        ("11100", "RU-NEN"),  # … and the okrug inside it, five digits
        ("11100000000", "RU-NEN"),
        ("71", "RU-TYU"),
        ("71100000000", "RU-KHM"),
        ("71140", "RU-YAN"),
        ("01", "RU-ALT"),
        ("1", "RU-ALT"),  # «01» typed as a number: Excel dropped the zero
        ("1000000000", "RU-ALT"),  # eleven digits that lost the leading zero
        ("45", "RU-MOW"),
        ("46", "RU-MOS"),
        ("40", "RU-SPE"),
        ("97000000000", "RU-CU"),
        ("92.0", "RU-TA"),
    ],
)
def test_okato_codes_in_every_length(lookup: RegionLookup, text: str, code: str) -> None:
    assert lookup.find(text).code == code


def test_every_subject_is_found_by_its_code_okato_and_official_name(lookup) -> None:
    regions = load_regions()
    for code, row in regions.iterrows():
        assert lookup.find(code).code == code
        assert lookup.find(row["name_ru"]).code == code, row["name_ru"]
        assert lookup.find(row["okato"]).code == code, row["okato"]
        assert lookup.find(row["okato"].ljust(11, "0")).code == code


def test_okato_codes_are_the_classifiers_first_digits() -> None:
    """OKATO: two digits per subject, five for an okrug within an oblast; no two alike."""
    okato = load_regions()["okato"]
    assert okato.is_unique
    assert okato.str.fullmatch(r"\d{2}|\d{5}").all()
    five = okato[okato.str.len() == 5]
    assert set(five.index) == {"RU-NEN", "RU-KHM", "RU-YAN"}
    assert {five["RU-NEN"][:2], five["RU-KHM"][:2]} == {"11", "71"}
    assert okato["RU-TA"] == "92" and okato["RU-MOW"] == "45" and okato["RU-SPE"] == "40"


@pytest.mark.parametrize("text", ["Алтай"])
def test_a_name_of_two_subjects_is_ambiguous_never_guessed(lookup, text) -> None:
    match = lookup.find(text)
    assert match.code is None and match.ambiguous
    assert match.candidates == ("RU-AL", "RU-ALT")


@pytest.mark.parametrize("text", ["Итого", "Пермская область", "RU-XX", "00", "93 регион", ""])
def test_a_text_that_names_no_subject_finds_none(lookup, text) -> None:
    match = lookup.find(text)
    assert match.code is None and not match.ambiguous


def test_a_near_miss_suggests_the_official_name_and_a_far_one_nothing(lookup) -> None:
    assert lookup.suggestion("Татарстн") == "Республика Татарстан"
    assert lookup.suggestion("Нижегородская облась") == "Нижегородская область"
    assert lookup.suggestion("Пермская область") is None  # not a typo of «Тверская»
    assert lookup.suggestion("Итого") is None


def test_folding_ignores_case_yo_dashes_quotes_and_abbreviations() -> None:
    assert fold("«Орёл»") == fold("орел")
    assert fold("Ханты–Мансийский   АО") == "ханты мансийский автономный округ"
    assert fold("г. Москва¹") == "москва"


def test_the_names_file_names_only_known_subjects() -> None:
    names = load_region_names()
    assert set(names["code"]) <= set(load_regions().index)
    assert (names["name"] != "").all()


def test_a_user_region_list_with_another_subject_is_looked_up_too() -> None:
    regions = pd.concat(
        [
            load_regions(),
            pd.DataFrame(
                {"okato": ["35"], "name_ru": ["Республика Крым"], "name_en": ["Crimea"]},
                index=pd.Index(["RU-CR"], name="code"),
            ),
        ]
    )
    lookup = RegionLookup(regions)
    assert lookup.find("Крым").code == "RU-CR"
    assert lookup.find("35000000000").code == "RU-CR"
