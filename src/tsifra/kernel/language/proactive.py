"""Words of proactive services: rules, river gauges, flood warnings, subscriptions.

`WORDS` are labels and messages; `PROBLEMS` are located problems, by their stable code.
Keys start with `pro_`."""

WORDS: dict[str, tuple[str, str]] = {
    # levels of a river gauge (proactive.gauges)
    "pro_level_warning": (
        "неблагоприятное явление (НЯ)",
        "adverse level (NYa)",
    ),
    "pro_level_danger": ("опасное явление (ОЯ)", "dangerous level (OYa)"),
    # a flood warning as stored and mailed (proactive.notices)
    "pro_warning_title": (
        "Паводок: {level} — {municipality}",
        "Flood: {level} — {municipality}",
    ),
    "pro_warning_text": (
        "Уровень воды на посту «{gauge}» достиг отметки {level}: {level_cm} см при отметке "
        "{threshold_cm} см ({measured}). Территория: {municipality}. Следите за сообщениями "
        "МЧС и органов местного самоуправления.\n\nОснование: правило {rule}, версия {version}.",
        "The water level at the gauge «{gauge}» reached the {level} mark: {level_cm} cm against "
        "a mark of {threshold_cm} cm ({measured}). Area: {municipality}. Follow the messages "
        "of the Emergencies Ministry and the local authorities.\n\nCause: rule {rule}, "
        "version {version}.",
    ),
    "pro_mail_notice_link": ("Предупреждение на сайте: {link}", "The warning online: {link}"),
    "pro_mail_unsubscribe": (
        "Отписаться от предупреждений: {link}",
        "Unsubscribe from warnings: {link}",
    ),
    # the public pages of warnings (web/pages/notices.py, web/api/notices.py)
    "pro_notices_title": ("Предупреждения о паводках", "Flood warnings"),
    "pro_notices_intro": (
        "Предупреждения выпускаются сами, когда уровень воды на гидропосту достигает отметки "
        "неблагоприятного или опасного явления, — по каждому муниципальному образованию, "
        "которое охватывает пост.",
        "Warnings are issued by themselves when the water level at a river gauge reaches the "
        "adverse or the dangerous mark, for every municipality the gauge covers.",
    ),
    "pro_all": ("все", "all"),
    "pro_show": ("Показать", "Show"),
    "pro_municipality": ("Муниципальное образование", "Municipality"),
    "pro_oktmo": ("ОКТМО", "OKTMO"),
    "pro_measured": ("Время наблюдения", "Reading taken"),
    "pro_level": ("Уровень опасности", "Level"),
    "pro_gauge": ("Гидропост", "River gauge"),
    "pro_level_cm": ("Уровень / отметка, см", "Level / mark, cm"),
    "pro_pages": ("Страницы", "Pages"),
    "pro_previous": ("Назад", "Previous"),
    "pro_next": ("Дальше", "Next"),
    "pro_no_notices": ("Предупреждений нет.", "No warnings."),
    "pro_notice_title": ("Предупреждение № {number}", "Warning {number}"),
    "pro_notice_heading": ("Паводок, {level}: {municipality}", "Flood, {level}: {municipality}"),
    "pro_notice_lead": (
        "Уровень воды на посту «{gauge}» — {level_cm} см при отметке {threshold_cm} см "
        "({measured}).",
        "The water level at the gauge «{gauge}» was {level_cm} cm against a mark of "
        "{threshold_cm} cm ({measured}).",
    ),
    "pro_rule": ("Правило", "Rule"),
    "pro_version": ("версия", "version"),
    "pro_run": ("запуск", "run"),
    "pro_issued": ("Выпущено", "Issued"),
    "pro_more_here": ("Все предупреждения здесь", "All warnings here"),
    "pro_subscribe_title": ("Подписаться на предупреждения", "Subscribe to warnings"),
    "pro_subscribe_intro": (
        "Укажите муниципальное образование и адрес электронной почты. Мы пришлём ссылку для "
        "подтверждения; предупреждения начнут приходить только после неё.",
        "Give the municipality and an e-mail address. We will mail a link to confirm; "
        "warnings start only after it is opened.",
    ),
    "pro_subscribe_sent": (
        "Если этот адрес ещё не подписан, на него отправлена ссылка для подтверждения.",
        "Unless this address is subscribed already, a confirmation link has been mailed to it.",
    ),
    "pro_choose": ("— выберите —", "— choose —"),
    "pro_oktmo_label": (
        "Код ОКТМО муниципального образования (8 или 11 цифр)",
        "The municipality's OKTMO code (8 or 11 digits)",
    ),
    "pro_email": ("Электронная почта", "E-mail"),
    "pro_subscribe_button": ("Подписаться", "Subscribe"),
    "pro_subscribe_privacy": (
        "Адрес используется только для предупреждений; в каждом письме есть ссылка, чтобы "
        "отписаться.",
        "The address is used for warnings only; every mail has a link to unsubscribe.",
    ),
    "pro_confirm_title": ("Подтверждение подписки", "Confirm the subscription"),
    "pro_confirm_button": ("Подтвердить подписку", "Confirm the subscription"),
    "pro_confirm_done": (
        "Подписка подтверждена: предупреждения будут приходить на ваш адрес.",
        "Subscription confirmed: warnings will come to your address.",
    ),
    "pro_unsubscribe_title": ("Отказ от предупреждений", "Unsubscribe from warnings"),
    "pro_unsubscribe_button": ("Отписаться", "Unsubscribe"),
    "pro_unsubscribe_done": (
        "Вы отписались: предупреждения больше не будут приходить на этот адрес.",
        "You have unsubscribed: no more warnings will come to this address.",
    ),
    # the command line (cli/proactive.py)
    "pro_cli_ran": (
        "Правило {rule}, версия {version} (запуск № {run}): прочитано записей: {records}, "
        "выпущено: {fired}, отправлено писем: {sent}",
        "Rule {rule}, version {version} (run {run}): records read: {records}, issued: {fired}, "
        "mails sent: {sent}",
    ),
    "pro_cli_checked": (
        "Правило {rule}, версия {version}, вид {kind}: ошибок нет",
        "Rule {rule}, version {version}, kind {kind}: no problems",
    ),
    "pro_cli_subscribed": (
        "Если адрес ещё не подписан, ему отправлена ссылка для подтверждения",
        "Unless the address is subscribed already, a confirmation link was mailed to it",
    ),
    # subscriptions (proactive.subscriptions)
    "pro_mail_confirm_subject": (
        "Подтвердите подписку на предупреждения о паводках",
        "Confirm your subscription to flood warnings",
    ),
    "pro_mail_confirm_body": (
        "Кто-то (возможно, вы) подписал этот адрес на предупреждения о паводках для "
        "муниципального образования с кодом ОКТМО {oktmo}.\n\nЧтобы получать предупреждения, "
        "откройте ссылку: {confirm}\n\nЕсли это были не вы, ничего не делайте: без "
        "подтверждения писем не будет. Отказаться: {unsubscribe}",
        "Someone (perhaps you) subscribed this address to flood warnings for the municipality "
        "with OKTMO code {oktmo}.\n\nTo receive the warnings, open the link: {confirm}\n\n"
        "If it was not you, do nothing: without confirmation no mail is sent. To decline: "
        "{unsubscribe}",
    ),
}

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
    # a threshold rule's params (proactive.gauges)
    "pro_gauge_bad_hysteresis": (
        "Гистерезис — неотрицательное число сантиметров",
        "The hysteresis is a non-negative number of centimetres",
    ),
    "pro_gauge_bad_oktmo": (
        "Код ОКТМО «{value}»: 8 или 11 цифр",
        "OKTMO code «{value}»: 8 or 11 digits",
    ),
    "pro_gauge_unknown_oktmo": (
        "Код ОКТМО «{value}» не описан в municipalities",
        "OKTMO code «{value}» is not described in municipalities",
    ),
    "pro_gauge_bad_code": (
        "Код поста «{value}»: строчные латинские буквы, цифры, «-» и «_», до 40 знаков",
        "Gauge code «{value}»: lower-case Latin letters, digits, «-» and «_», up to 40",
    ),
    "pro_gauge_repeated": ("Пост «{value}» описан дважды", "Gauge «{value}» is described twice"),
    "pro_gauge_bad_level": (
        "Уровень «{value}» неизвестен; допустимые: {known}",
        "Unknown level «{value}»; known: {known}",
    ),
    "pro_gauge_bad_mark": (
        "Отметка уровня — число сантиметров, а не «{value}»",
        "A level's mark is a number of centimetres, not «{value}»",
    ),
    "pro_gauge_levels_order": (
        "Отметка опасного явления должна быть выше отметки неблагоприятного",
        "The danger mark must be above the warning mark",
    ),
    "pro_gauge_no_data": (
        "Нет данных наблюдений: укажите файл (source.path правила или --data)",
        "No readings: name a file (the rule's source.path or --data)",
    ),
    "pro_gauge_bad_file": (
        "Данные наблюдений — файл CSV или Parquet либо папка файлов Parquet",
        "Readings are a CSV or Parquet file, or a folder of Parquet files",
    ),
    # subscriptions (proactive.subscriptions)
    "pro_sub_bad_region": ("Регион «{value}» неизвестен", "Unknown region «{value}»"),
    "pro_sub_bad_oktmo": (
        "Код ОКТМО «{value}»: 8 или 11 цифр",
        "OKTMO code «{value}»: 8 or 11 digits",
    ),
    "pro_sub_bad_email": (
        "Укажите адрес электронной почты, например name@example.ru",
        "Give an e-mail address, e.g. name@example.org",
    ),
    "pro_sub_bad_token": (
        "Ссылка недействительна: возможно, в письме была более новая",
        "The link is not valid: perhaps a newer one was mailed",
    ),
}
