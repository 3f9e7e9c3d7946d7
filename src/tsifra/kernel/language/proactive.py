"""Words of proactive services: rules, river gauges, flood warnings, subscriptions.

`WORDS` are labels and messages; `PROBLEMS` are located problems, by their stable code.
Keys start with `pro_`."""

WORDS: dict[str, tuple[str, str]] = {}

PROBLEMS: dict[str, tuple[str, str]] = {
    # a rule file's head (proactive.rules)
    "pro_rule_unreadable": (
        "Файл правила не читается как YAML в UTF-8",
        "The rule file cannot be read as UTF-8 YAML",
    ),
    "pro_rule_not_mapping": (
        "Ожидается набор полей «ключ: значение»",
        "A mapping of keys to values is expected",
    ),
    "pro_rule_unknown_key": (
        "Неизвестное поле правила; допустимые: {known}",
        "Unknown field of a rule; known: {known}",
    ),
    "pro_rule_missing": ("Поле правила не заполнено", "The rule's field is empty"),
    "pro_rule_bad_code": (
        "Код правила «{value}»: строчные латинские буквы, цифры, «-» и «_»",
        "Rule code «{value}»: lower-case Latin letters, digits, «-» and «_»",
    ),
    "pro_rule_bad_region": (
        "Регион «{value}»: ожидается код ISO 3166-2, например RU-TYU",
        "Region «{value}»: an ISO 3166-2 code is expected, e.g. RU-TYU",
    ),
    "pro_rule_bad_kind": (
        "Вид правила «{value}» неизвестен; допустимые: {known}",
        "Unknown rule kind «{value}»; known: {known}",
    ),
}
