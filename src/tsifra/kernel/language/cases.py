"""Words of the case core: statuses, steps, regimes, notices and its problems.

`WORDS` are labels and messages; `PROBLEMS` are located problems, by their stable code."""

WORDS: dict[str, tuple[str, str]] = {
    # regimes and terms (deadlines engineer)
    "case_regime_appeal": ("Обращение (59-ФЗ)", "Appeal (Federal Law 59-FZ)"),
    "case_regime_message": ("Сообщение ПОС", "Feedback platform message"),
    "case_regime_incident": ("Инцидент в соцсетях", "Social media incident"),
    "case_term_calendar_days_one": ("{n} календарный день", "{n} calendar day"),
    "case_term_calendar_days_few": ("{n} календарных дня", "{n} calendar days"),
    "case_term_calendar_days": ("{n} календарных дней", "{n} calendar days"),
    "case_term_working_days_one": ("{n} рабочий день", "{n} working day"),
    "case_term_working_days_few": ("{n} рабочих дня", "{n} working days"),
    "case_term_working_days": ("{n} рабочих дней", "{n} working days"),
    "case_term_hours_one": ("{n} час", "{n} hour"),
    "case_term_hours_few": ("{n} часа", "{n} hours"),
    "case_term_hours": ("{n} часов", "{n} hours"),
}

PROBLEMS: dict[str, tuple[str, str]] = {
    # regimes and terms (deadlines engineer)
    "case_term_unknown_kind": (
        "Неизвестный вид обращения «{value}»: допустимы appeal, message, incident",
        "Unknown kind of case '{value}': use appeal, message or incident",
    ),
    "case_term_category_unknown": (
        "Неизвестная категория «{value}»",
        "Unknown category '{value}'",
    ),
    "case_term_category_not_leaf": (
        "Категория «{value}» — раздел: выберите тему внутри него",
        "Category '{value}' is a group: choose a topic inside it",
    ),
    "case_term_category_kind": (
        "Категория «{value}» не принимает обращения этого вида",
        "Category '{value}' does not accept cases of this kind",
    ),
    "case_term_extension_not_allowed": (
        "Срок для этого вида обращений не продлевается",
        "The term of this kind of case cannot be extended",
    ),
    "case_term_extension_days": (
        "Срок продлевается на целое число дней, не меньше одного",
        "An extension is a whole number of days, at least one",
    ),
    "case_term_extension_too_long": (
        "Срок можно продлить не больше чем на {max} дн.",
        "The term can be extended by at most {max} days",
    ),
}
