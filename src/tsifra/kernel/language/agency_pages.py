"""Words of the agency rating's pages, API and exports.

`WORDS` are labels and messages; `PROBLEMS` are located problems, by their stable code."""

WORDS: dict[str, tuple[str, str]] = {
    "agpage_nav": ("Органы власти", "Agencies"),
    # the rating page
    "agpage_title": (
        "Рейтинг цифровой трансформации органов власти",
        "Digital transformation rating of agencies",
    ),
    "agpage_heading": (
        "Рейтинг органов власти, {period:period}",
        "Rating of agencies, {period:period}",
    ),
    "agpage_none": (
        "Рейтинг органов власти ещё не рассчитан.",
        "The agency rating has not been computed yet.",
    ),
    "agpage_level": ("Уровень", "Level"),
    "agpage_level_all": ("Все органы", "All agencies"),
    "agpage_level_federal": ("Федеральные органы", "Federal bodies"),
    "agpage_level_regional": ("Органы регионов", "Regional bodies"),
    "agpage_federal_body": ("федеральный орган", "federal body"),
    "agpage_region_all": ("Все регионы", "All regions"),
    "agpage_band": ("Группа", "Band"),
    "agpage_band_all": ("Все группы", "All bands"),
    "agpage_counts": ("Органов по группам", "Agencies per band"),
    "agpage_bands_note": (
        "Группы — высокий, средний и низкий уровень цифровой трансформации, как в федеральном "
        "рейтинге органов власти; пороги индекса задаёт методика.",
        "Bands — high, medium and low digital transformation, as in the federal rating of "
        "agencies; the methodology sets the index thresholds.",
    ),
    "agpage_agency": ("Орган власти", "Agency"),
    "agpage_parent": ("Регион или уровень", "Region or level"),
    "agpage_interval": ("Интервал места", "Rank interval"),
    "agpage_interval_note": (
        "Интервал места — места органа в 90 % вариантов расчёта, которые методика считает "
        "неопределёнными (веса частей и показателей, способ свёртки).",
        "The rank interval is the agency's place in 90% of the variants of the computation the "
        "methodology declares uncertain (weights of parts and indicators, aggregation).",
    ),
    "agpage_no_rows": ("Нет органов с такими условиями.", "No agency matches these filters."),
    # one agency's page
    "agpage_back": ("Ко всему рейтингу органов", "Back to the agency rating"),
    "agpage_place": ("{rank} из {n}", "{rank} of {n}"),
    "agpage_interval_line": (
        "от {low} до {high} в 90 % вариантов расчёта",
        "between {low} and {high} in 90% of the variants of the computation",
    ),
    "agpage_interval_same": (
        "{place} во всех 90 % вариантов расчёта",
        "{place} in all 90% of the variants of the computation",
    ),
    "agpage_run": ("Расчёт", "Run"),
    "agpage_run_line": ("№ {run}, методика {code}", "no. {run}, methodology {code}"),
    "agpage_explanation": ("Из чего складывается индекс", "What the index is made of"),
    "agpage_explanation_exact": (
        "Вклады показателей в сумме дают индекс; прирост — сколько пунктов индекса даст "
        "достижение цели.",
        "The indicators' contributions add up to the index; the gain is how many index points "
        "reaching the target would add.",
    ),
    "agpage_explanation_linear": (
        "Свёртка не арифметическая: вклады показаны как линейная доля.",
        "The aggregation is not arithmetic: contributions are shown as a linear share.",
    ),
    "agpage_imputed": ("перенесено из прошлого периода", "carried forward"),
    "agpage_sectors": ("Части рейтинга", "Parts of the rating"),
    "agpage_part": ("Часть", "Part"),
    "agpage_average": ("Среднее по органам", "Average of agencies"),
    "agpage_history": ("История", "History"),
    "agpage_history_none": (
        "Нет периодов с полными данными.",
        "No period with complete data yet.",
    ),
    "agpage_sources": ("Источники показателей", "Sources of the indicators"),
    "agpage_source_unknown": ("источник не указан в методике", "no source in the methodology"),
    "agpage_value_from": ("Значение: {origin}", "Value: {origin}"),
    "agpage_formula": (
        "рассчитано формулой «{name}» по обращениям платформы обратной связи",
        "computed by the formula '{name}' over the feedback platform's cases",
    ),
    # the workbook
    "agpage_sheet": ("Рейтинг органов", "Agency rating"),
    "agpage_book_title": (
        "{title}, {period:period} (расчёт № {run})",
        "{title}, {period:period} (run {run})",
    ),
    "agpage_file": ("Рейтинг_органов", "agency_rating"),
    "agpage_rank_low": ("Место, не выше", "Rank, best"),
    "agpage_rank_high": ("Место, не ниже", "Rank, worst"),
}

PROBLEMS: dict[str, tuple[str, str]] = {
    "agpage_unknown_level": (
        "уровень «{value}» неизвестен: federal или regional",
        "level “{value}” is unknown: federal or regional",
    ),
    "agpage_unknown_parent": (
        "в рейтинге нет органов региона «{value}»",
        "the rating has no agency of region “{value}”",
    ),
    "agpage_unknown_band": (
        "группы «{value}» нет в методике",
        "band “{value}” is not in the methodology",
    ),
}
