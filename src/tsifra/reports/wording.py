"""The words of the exports — workbooks, the brief, file names — in Russian and in English.

Russian is the users' language and the default; English is for readers who ask for it. Every
word a report prints itself is one (ru, en) pair here, so the workbook, the brief's template and
the download's file name change language together and a new word cannot be Russian-only by
accident. Names of regions, districts, sectors and indicators are not words of the report: they
come from the reference data and the methodology, and fall back to Russian where a name has no
English form. Numbers: a decimal comma in Russian, a decimal point in English.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from functools import cache

from tsifra.kernel.language import DEMO_NOTE, label
from tsifra.reference import load_federal_districts, load_regions

LANGS = ("ru", "en")

WORDS: dict[str, tuple[str, str]] = {
    # the demo mark: the Russian note as the demo panel writes it, English as the pages show it
    "demo": (DEMO_NOTE, label("demo_banner", "en")),
    "demo_brief": (f"{DEMO_NOTE}: не реальные показатели региона", label("demo_banner", "en")),
    # task status and yes/no
    "status_new": ("новое", "new"),
    "status_in_progress": ("в работе", "in progress"),
    "status_done": ("выполнено", "done"),
    "yes": ("да", "yes"),
    # the rating workbook
    "sheet_rating": ("Рейтинг", "Rating"),
    "rating_title": (
        "{title}: рейтинг регионов, период {period} (расчёт №{run})",
        "{title}: rating of the regions, period {period} (run #{run})",
    ),
    "rank": ("Место", "Rank"),
    "code": ("Код", "Code"),
    "region": ("Регион", "Region"),
    "district": ("Федеральный округ", "Federal district"),
    "index": ("Индекс", "Index"),
    "score_change": ("Изм. индекса", "Index change"),
    "rank_change": ("Изм. места", "Rank change"),
    # the profile workbook
    "sheet_summary": ("Сводка", "Summary"),
    "sheet_sectors": ("Направления", "Sectors"),
    "sheet_indicators": ("Показатели", "Indicators"),
    "sheet_tasks": ("Поручения", "Tasks"),
    "profile_title": (
        "{name}: профиль цифровой зрелости, период {period}",
        "{name}: digital maturity profile, period {period}",
    ),
    "methodology": ("Методика", "Methodology"),
    "period": ("Период", "Period"),
    "units_ranked": ("Регионов в рейтинге", "Regions ranked"),
    "run": ("Расчёт №", "Run #"),
    "index_in": ("Индекс, {period}", "Index, {period}"),
    "item": ("Показатель", "Item"),
    "value": ("Значение", "Value"),
    "sector": ("Направление", "Sector"),
    "region_score": ("Балл региона", "Region's score"),
    "average_of_regions": ("Среднее по регионам", "Average of the regions"),
    "leader": ("Лидер", "Leader"),
    "leader_score": ("Балл лидера", "Leader's score"),
    "indicator": ("Показатель", "Indicator"),
    "measure": ("Ед.", "Unit"),
    "target": ("Цель", "Target"),
    "achievement": ("Достижение, %", "Achievement, %"),
    "contribution": ("Вклад, п.", "Contribution, pts"),
    "gain_to_target": ("Прирост при цели, п.", "Gain at target, pts"),
    "task": ("Поручение", "Task"),
    "responsible": ("Ответственный", "Responsible"),
    "deadline": ("Срок", "Deadline"),
    "status": ("Статус", "Status"),
    "overdue": ("Просрочено", "Overdue"),
    # the brief
    "brief_title": ("{name}: справка, {period}", "{name}: brief, {period}"),
    "trace": (
        "Методика {methodology} версии {version} · расчёт №{run} · ревизий {revisions}, "
        "отпечаток {fingerprint} · сформировано {made}",
        "Methodology {methodology} version {version} · run #{run} · revisions: {revisions}, "
        "fingerprint {fingerprint} · made {made}",
    ),
    "brief_subtitle": (
        "Справка о цифровой зрелости · {district} · период {period}",
        "Digital maturity brief · {district} · period {period}",
    ),
    "kpi_index": ("Индекс цифровой зрелости, {period}", "Digital maturity index, {period}"),
    "since": ("к {period}", "since {period}"),
    "first_period": ("первый период", "first period"),
    "kpi_rank": ("Место в рейтинге, {period}", "Rank in the rating, {period}"),
    "of_n": ("из {n}", "of {n}"),
    "places_since": ("мест к {period}", "places since {period}"),
    "places_few_since": ("места к {period}", "places since {period}"),
    "place_since": ("место к {period}", "place since {period}"),
    "unchanged_since": ("без изменений к {period}", "unchanged since {period}"),
    "kpi_trend": ("Динамика индекса", "Index trend"),
    "sectors_heading": (
        "Направления: балл региона, среднее по регионам и лидер",
        "Sectors: the region's score, the average of the regions and the leader",
    ),
    "average": ("Среднее", "Average"),
    "gains_heading": (
        "Наибольший прирост индекса при достижении целей",
        "The largest index gains if targets are met",
    ),
    "gain_points": ("Прирост, п.", "Gain, pts"),
    "achievement_short": ("Достижение", "Achievement"),
    "all_targets_met": ("Все показатели достигли целей.", "Every indicator has met its target."),
    "map_heading": (
        "Индекс регионов на карте, {period}",
        "The regions' index on the map, {period}",
    ),
    "map_outlined": ("(регион обведён красным)", "(the region is outlined in red)"),
    "map_legend": (
        "индекс от {low} (светлее) до {high} (темнее); серым — нет данных",
        "index from {low} (lighter) to {high} (darker); grey: no data",
    ),
    "tasks_overdue": (" · просрочено: {n}", " · overdue: {n}"),
    "overdue_badge": ("просрочено", "overdue"),
    "tasks_more": (
        "…и ещё {n} (полный список — в профиле XLSX).",
        "…and {n} more (the full list is in the XLSX profile).",
    ),
    "no_tasks": ("Поручений нет.", "No tasks."),
    # file names of the downloads (the ASCII name is always English)
    "file_rating": ("Рейтинг", "rating"),
    "file_profile": ("Профиль", "profile"),
    "file_brief": ("Справка", "brief"),
}

# Units of measure written in Russian in a methodology file; the rest ("%") read the same.
MEASURES: dict[str, str] = {
    "дней": "days",
    "дн.": "days",
    "ч": "h",
    "руб.": "RUB",
    "тыс. руб.": "thousand RUB",
    "млн руб.": "million RUB",
    "чел.": "people",
    "ед.": "units",
    "шт.": "pcs",
}
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def language(lang: str | None) -> str:
    """English for "en"; anything else gets the default, Russian, rather than an error."""
    return "en" if lang == "en" else "ru"


def word(key: str, lang: str, **params: object) -> str:
    ru, en = WORDS[key]
    text = en if lang == "en" else ru
    return text.format(**params) if params else text


def places_key(n: int, lang: str = "ru") -> str:
    """The wording key of "N places since": Russian says 1 место, 2–4 места, 5–20 мест, and so
    on by the last two digits; English needs only one and many."""
    n = abs(n)
    if language(lang) == "en":
        return "place_since" if n == 1 else "places_since"
    if n % 10 == 1 and n % 100 != 11:
        return "place_since"
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return "places_few_since"
    return "places_since"


def status(code: str, lang: str) -> str:
    """A task's status in words; a status this table does not know is shown as its code."""
    key = f"status_{code}"
    return word(key, lang) if key in WORDS else code


def decimal(value: object, digits: int = 2, lang: str = "ru", sign: bool = False) -> str:
    """A figure with fixed digits, "—" when missing; the decimal mark of the language."""
    if value is None or math.isnan(float(value)):
        return "—"
    text = f"{float(value):{'+' if sign else ''}.{digits}f}"
    return text if lang == "en" else text.replace(".", ",")


def significant(value: object, lang: str = "ru") -> str:
    """A measured value with up to six significant digits (a target may be 95 or 0.125)."""
    if value is None or math.isnan(float(value)):
        return "—"
    text = f"{float(value):.6g}"
    return text if lang == "en" else text.replace(".", ",")


def measure(unit: str | None, lang: str) -> str:
    if not unit:
        return ""
    return MEASURES.get(unit, unit) if lang == "en" else unit


def day(when: date, lang: str) -> str:
    """31.01.2020 in Russian, 31 Jan 2020 in English (month names not from the C locale)."""
    if lang == "en":
        return f"{when.day} {MONTHS_EN[when.month - 1]} {when.year}"
    return when.strftime("%d.%m.%Y")


def moment(when: datetime, lang: str) -> str:
    """A UTC time stamp, the day written as `day` writes it."""
    return f"{day(when, lang)} {when:%H:%M} UTC"


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
