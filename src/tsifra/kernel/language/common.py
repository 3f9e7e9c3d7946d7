"""The words every shell shares: the columns of tables in the terminal, on pages and in the
exports, task statuses, and the demo banner."""

# The mark on everything made from synthetic data (see the package's docstring).
DEMO_MARK = "Демонстрационные данные"
DEMO_NOTE = f"{DEMO_MARK} (синтетические)"

WORDS: dict[str, tuple[str, str]] = {
    "rank": ("Место", "Rank"),
    "unit": ("Единица", "Unit"),
    "region": ("Регион", "Region"),
    "district": ("Федеральный округ", "Federal district"),
    "index": ("Индекс", "Index"),
    "score_change": ("Изм. индекса", "Index change"),
    "change": ("Изм.", "Change"),
    "rank_change": ("Изм. места", "Rank change"),
    "indicator": ("Показатель", "Indicator"),
    "measure": ("Ед. изм.", "Unit"),
    "value": ("Значение", "Value"),
    "target": ("Цель", "Target"),
    "achievement": ("Достижение, %", "Achievement, %"),
    "contribution": ("Вклад, п.", "Contribution, pts"),
    "average": ("Среднее", "Average"),
    "leader": ("Лидер", "Leader"),
    "period": ("Период", "Period"),
    "source": ("Источник", "Source"),
    "batch": ("Пакет", "Batch"),
    "revision": ("Ревизия", "Revision"),
    "file": ("Файл", "File"),
    "responsible": ("Ответственный", "Responsible"),
    "deadline": ("Срок", "Deadline"),
    "status": ("Статус", "Status"),
    "status_new": ("Новое", "New"),
    "status_in_progress": ("В работе", "In progress"),
    "status_done": ("Выполнено", "Done"),
    "overdue": ("Просрочено", "Overdue"),
    "no_tasks": ("Поручений нет", "No tasks"),
    "demo_banner": (
        "Демонстрационные данные (синтетические): не реальные показатели регионов",
        "Demo data (synthetic): not real figures of any region",
    ),
    "code": ("Код", "Code"),
    "yes": ("да", "yes"),
    "no": ("нет", "no"),
    # where a problem is: `Problem.location` joins these with the file name and the key path
    "problem_row": ("строка {row}", "row {row}"),
    "problem_column": ("столбец «{column}»", "column '{column}'"),
    # units of measure as methodology files write them (`measure` looks them up)
    "measure_days": ("дней", "days"),
    "measure_days_short": ("дн.", "days"),
    "measure_hours": ("ч", "h"),
    "measure_roubles": ("руб.", "RUB"),
    "measure_thousand_roubles": ("тыс. руб.", "thousand RUB"),
    "measure_million_roubles": ("млн руб.", "million RUB"),
    "measure_people": ("чел.", "people"),
    "measure_units": ("ед.", "units"),
    "measure_pieces": ("шт.", "pcs"),
}
