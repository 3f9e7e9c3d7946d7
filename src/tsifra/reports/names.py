"""Names of regions and federal districts in a reader's language, for the exports and pages.

Names of regions, districts, sectors and indicators are not words of the catalogue: they come
from the reference data and the methodology, and fall back to Russian where a name has no
English form.
"""

from __future__ import annotations

from functools import cache

from tsifra.reference import load_federal_districts, load_regions


def region_names(lang: str) -> dict[str, str]:
    return _names("regions", lang)


def district_names(lang: str) -> dict[str, str]:
    return _names("districts", lang)


@cache
def _names(kind: str, lang: str) -> dict[str, str]:
    """Names by code in `lang`, Russian where the English name is missing."""
    table = load_regions() if kind == "regions" else load_federal_districts()
    russian = table["name_ru"].to_dict()
    if lang != "en":
        return russian
    english = table["name_en"].to_dict()
    return {code: name_in(name, english.get(code), "en") for code, name in russian.items()}


def name_in(name_ru: str, name_en: object, lang: str) -> str:
    """A name in `lang`: the English one where there is one, else the Russian."""
    if lang == "en" and isinstance(name_en, str) and name_en:
        return name_en
    return name_ru
