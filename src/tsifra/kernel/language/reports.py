"""The words of the exports: the workbooks, the governor's brief and the downloads' file names."""

from tsifra.kernel.language.common import DEMO_NOTE

WORDS: dict[str, tuple[str, str]] = {
    # the demo mark: the Russian note as the demo panel writes it, English as the pages show it
    "demo": (DEMO_NOTE, "Demo data (synthetic): not real figures of any region"),
    "demo_brief": (
        f"{DEMO_NOTE}: не реальные показатели региона",
        "Demo data (synthetic): not real figures of any region",
    ),
    # the rating workbook
    "sheet_rating": ("Рейтинг", "Rating"),
    "rating_book_title": (
        "{title}: рейтинг регионов, период {period:period} (расчёт №{run})",
        "{title}: rating of the regions, period {period:period} (run #{run})",
    ),
    # the profile workbook
    "sheet_summary": ("Сводка", "Summary"),
    "sheet_sectors": ("Направления", "Sectors"),
    "sheet_indicators": ("Показатели", "Indicators"),
    "sheet_tasks": ("Поручения", "Tasks"),
    "accepted_on": ("Принято", "Accepted on"),
    "task_number": ("№ поручения", "Task no."),
    "reminder_due_subject": (
        "Завтра срок поручения №{id}: {title}",
        "Task #{id} is due tomorrow: {title}",
    ),
    "reminder_overdue_subject": (
        "Просрочено поручение №{id}: {title}",
        "Task #{id} is overdue: {title}",
    ),
    "reminder_body": (
        "Поручение: {title}\nРегион: {region}\nСрок: {deadline}\n\nОткрыть: {link}\n\n"
        "Письмо отправлено системой «Цифра» автоматически.",
        "Task: {title}\nRegion: {region}\nDeadline: {deadline}\n\nOpen: {link}\n\n"
        "This message was sent by Tsifra automatically.",
    ),
    "profile_title": (
        "{name}: профиль цифровой зрелости, период {period:period}",
        "{name}: digital maturity profile, period {period:period}",
    ),
    "methodology": ("Методика", "Methodology"),
    "units_ranked": ("Регионов в рейтинге", "Regions ranked"),
    "run": ("Расчёт №", "Run #"),
    "index_in": ("Индекс, {period:period}", "Index, {period:period}"),
    "item": ("Показатель", "Item"),
    "sector": ("Направление", "Sector"),
    "region_score": ("Балл региона", "Region's score"),
    "average_of_regions": ("Среднее по регионам", "Average of the regions"),
    "leader_score": ("Балл лидера", "Leader's score"),
    "gain_to_target": ("Прирост при цели, п.", "Gain at target, pts"),
    "task": ("Поручение", "Task"),
    # the brief
    "brief_title": ("{name}: справка, {period:period}", "{name}: brief, {period:period}"),
    "trace": (
        "Методика {methodology} версии {version} · расчёт №{run} · ревизий {revisions}, "
        "отпечаток {fingerprint} · сформировано {made}",
        "Methodology {methodology} version {version} · run #{run} · revisions: {revisions}, "
        "fingerprint {fingerprint} · made {made}",
    ),
    "brief_subtitle": (
        "Справка о цифровой зрелости · {district} · период {period:period}",
        "Digital maturity brief · {district} · period {period:period}",
    ),
    "kpi_index": (
        "Индекс цифровой зрелости, {period:period}",
        "Digital maturity index, {period:period}",
    ),
    "since": ("к {period:period}", "since {period:period}"),
    "first_period": ("первый период", "first period"),
    "kpi_rank": ("Место в рейтинге, {period:period}", "Rank in the rating, {period:period}"),
    "of_n": ("из {n}", "of {n}"),
    "places_since": ("мест к {period:period}", "places since {period:period}"),
    "places_few_since": ("места к {period:period}", "places since {period:period}"),
    "place_since": ("место к {period:period}", "place since {period:period}"),
    "unchanged_since": ("без изменений к {period:period}", "unchanged since {period:period}"),
    "kpi_trend": ("Динамика индекса", "Index trend"),
    "sectors_heading": (
        "Направления: балл региона, среднее по регионам и лидер",
        "Sectors: the region's score, the average of the regions and the leader",
    ),
    "gains_heading": (
        "Наибольший прирост индекса при достижении целей",
        "The largest index gains if targets are met",
    ),
    "gain_points": ("Прирост, п.", "Gain, pts"),
    "achievement_short": ("Достижение", "Achievement"),
    "all_targets_met": ("Все показатели достигли целей.", "Every indicator has met its target."),
    "map_heading": (
        "Индекс регионов на карте, {period:period}",
        "The regions' index on the map, {period:period}",
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
    # file names of the downloads (the ASCII name is always English)
    "file_rating": ("Рейтинг", "rating"),
    "file_profile": ("Профиль", "profile"),
    "file_federal": ("Федеральный_обзор", "federal_view"),
    "file_brief": ("Справка", "brief"),
}
