"""Words of the agency rating's data: the methodology, bands, reference lists of bodies.

`WORDS` are labels and messages; `PROBLEMS` are located problems, by their stable code."""

WORDS: dict[str, tuple[str, str]] = {
    # tsifra agencies load / list
    "agency_loaded": (
        "Ведомства: добавлено {added}, изменено {updated}, без изменений {unchanged} "
        "(федеральных {federal}, региональных {regional})",
        "Agencies: {added} added, {updated} changed, {unchanged} unchanged "
        "({federal} federal, {regional} regional)",
    ),
    "agency_none": (
        "Ведомств пока нет: загрузите их командой «tsifra agencies load»",
        "No agencies yet: load them with 'tsifra agencies load'",
    ),
    "agency_column_code": ("Код", "Code"),
    "agency_column_name": ("Ведомство", "Agency"),
    "agency_column_region": ("Регион", "Region"),
    "agency_federal": ("федеральное", "federal"),
}

PROBLEMS: dict[str, tuple[str, str]] = {
    # reference lists of agencies (reference.agencies, values.agencies)
    "agency_bad_code": (
        "код ведомства «{value}»: строчные латинские буквы, цифры, точка, дефис или "
        "подчёркивание, до 64 знаков (например, klu-health)",
        "agency code '{value}': lower-case Latin letters, digits, dot, hyphen or underscore, "
        "up to 64 characters (e.g. klu-health)",
    ),
    "agency_code_twice": (
        "код ведомства «{value}» уже встречался ({first})",
        "agency code '{value}' is already used ({first})",
    ),
    "agency_code_taken": (
        "код «{value}» уже занят единицей другого вида (например, регионом)",
        "code '{value}' already belongs to a unit of another kind (a region, say)",
    ),
    "agency_bad_kind": (
        "вид ведомства «{value}» не известен: допустимы {expected}",
        "agency kind '{value}' is unknown: allowed are {expected}",
    ),
    "agency_bad_head": (
        "«{value}»: укажите {expected} или код министерства из этих же списков (того же региона)",
        "'{value}': give {expected} or the code of a ministry in these lists (same region)",
    ),
    "agency_unknown_region": (
        "регион «{value}» не найден: укажите код ISO 3166-2 (например, RU-KLU)",
        "region '{value}' not found: give its ISO 3166-2 code (e.g. RU-KLU)",
    ),
    "agency_unit_of_other_kind": (
        "«{value}» — единица другого вида: эта методика оценивает только единицы вида "
        "«{expected}» (region — регионы, agency — ведомства)",
        "'{value}' is a unit of another kind: this methodology rates only units of kind "
        "'{expected}' (region: regions, agency: agencies)",
    ),
    "agency_name_too_long": (
        "название длиннее {limit} знаков",
        "the name is longer than {limit} characters",
    ),
    # bands of a methodology's score (methodology.bands)
    "agency_band_code_twice": (
        "код группы «{value}» встречается больше одного раза",
        "band code '{value}' is not unique",
    ),
    "agency_band_min_outside": (
        "нижняя граница группы {value} вне шкалы рейтинга ({low} – {high})",
        "the band's lower bound {value} is outside the rating's scale ({low} – {high})",
    ),
    "agency_band_min_order": (
        "группы идут от высшей к низшей: нижняя граница {value} должна быть меньше, "
        "чем у предыдущей группы ({previous})",
        "bands go from the highest to the lowest: the lower bound {value} must be below "
        "the previous band's ({previous})",
    ),
}
