"""Words of bodies, routing rules and work queues.

`WORDS` are labels and messages; `PROBLEMS` are located problems, by their stable code."""

WORDS: dict[str, tuple[str, str]] = {
    # `tsifra bodies`
    "queue_bodies_loaded": (
        "Органы ({regions}): добавлено {added}, изменено {updated}, "
        "выведено из действия {deactivated}",
        "Bodies ({regions}): {added} added, {updated} changed, {deactivated} deactivated",
    ),
    "queue_rules_loaded": (
        "Правила маршрутизации ({regions}): загружено {rules}, заменено прежних {replaced}",
        "Routing rules ({regions}): {rules} loaded, {replaced} earlier ones replaced",
    ),
    "queue_incidents_imported": (
        "Инциденты: создано {created}, уже были загружены {repeated}",
        "Incidents: {created} created, {repeated} imported before",
    ),
    "queue_col_code": ("Код", "Code"),
    "queue_col_region": ("Регион", "Region"),
    "queue_col_name": ("Название", "Name"),
    "queue_col_kind": ("Вид", "Kind"),
    "queue_col_oktmo": ("ОКТМО", "OKTMO"),
    "queue_col_active": ("Действует", "Active"),
    "queue_active_yes": ("да", "yes"),
    "queue_active_no": ("нет", "no"),
    # time left in a queue
    "queue_left": ("осталось {left}", "{left} left"),
    "queue_overdue_by": ("просрочено на {left}", "overdue by {left}"),
    "queue_hours": ("{n} ч", "{n} h"),
    "queue_days_hours": ("{days} дн. {hours} ч", "{days} d {hours} h"),
    "queue_no_deadline": ("срок не установлен", "no deadline"),
}

PROBLEMS: dict[str, tuple[str, str]] = {
    # bodies (`tsifra bodies load`)
    "queue_bad_body_code": (
        "код органа «{value}» недопустим: латинские буквы, цифры, точка, дефис, до 64 знаков",
        "body code '{value}' is not allowed: Latin letters, digits, dot, hyphen, up to 64",
    ),
    "queue_body_twice": (
        "орган «{value}» указан в файле дважды",
        "body '{value}' is listed twice in the file",
    ),
    "queue_body_in_other_region": (
        "орган с этим кодом уже есть в регионе {other}; код органа не переходит в другой регион",
        "a body with this code already belongs to region {other}; a body does not change region",
    ),
    "queue_bad_body_kind": (
        "вид органа «{value}» неизвестен; допустимо: {expected}",
        "body kind '{value}' is unknown; expected one of: {expected}",
    ),
    "queue_bad_oktmo": (
        "код ОКТМО «{value}» недопустим: 8 или 11 цифр",
        "OKTMO code '{value}' is not valid: 8 or 11 digits",
    ),
    "queue_bad_body_email": (
        "адрес электронной почты «{value}» недопустим",
        "e-mail address '{value}' is not valid",
    ),
    "queue_name_too_long": (
        "название длиннее 500 знаков",
        "the name is longer than 500 characters",
    ),
    # routing rules (`tsifra bodies rules`)
    "queue_unknown_category": (
        "категория «{value}» отсутствует в дереве категорий",
        "category '{value}' is not in the category tree",
    ),
    "queue_unknown_body": (
        "орган «{value}» не загружен или не действует",
        "body '{value}' is not loaded or not active",
    ),
    "queue_body_of_other_region": (
        "орган «{value}» относится к региону {other}",
        "body '{value}' belongs to region {other}",
    ),
    "queue_no_words": (
        "в списке слов «{value}» нет значимых слов",
        "the word list '{value}' holds no meaningful word",
    ),
    "queue_bad_priority": (
        "приоритет «{value}» недопустим: целое число от 0 до 10 000",
        "priority '{value}' is not valid: a whole number from 0 to 10,000",
    ),
    # incidents from social networks
    "queue_bad_post_url": (
        "адрес публикации «{value}» недопустим: нужна ссылка http(s) до 1000 знаков",
        "post address '{value}' is not valid: an http(s) link of up to 1,000 characters",
    ),
    "queue_unknown_network": (
        "соцсеть «{value}» неизвестна; допустимо: {expected}",
        "network '{value}' is unknown; expected one of: {expected}",
    ),
    "queue_author_too_long": (
        "имя автора длиннее 255 знаков",
        "the author's handle is longer than 255 characters",
    ),
    "queue_found_in_future": (
        "момент обнаружения {value:moment} ещё не наступил",
        "the moment found, {value:moment}, is in the future",
    ),
    "queue_unknown_case": ("обращение №{value} не найдено", "case #{value} not found"),
    "queue_not_an_incident": (
        "обращение №{value} не является инцидентом из соцсетей",
        "case #{value} is not a social-media incident",
    ),
    "queue_link_not_appeal": (
        "связать инцидент можно только с обращением или сообщением; №{value} не такое",
        "an incident links only to an appeal or a message; #{value} is neither",
    ),
    "queue_link_other_region": (
        "обращение №{value} относится к другому региону",
        "case #{value} belongs to another region",
    ),
}
