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
    # -- the case's life (core): statuses and steps, `cases.states`
    "case_status_submitted": ("подано", "submitted"),
    "case_status_registered": ("зарегистрировано", "registered"),
    "case_status_forwarded": ("перенаправлено", "forwarded"),
    "case_status_in_progress": ("в работе", "in progress"),
    "case_status_extended": ("срок продлён", "term extended"),
    "case_status_answered": ("дан ответ", "answered"),
    "case_status_rated": ("ответ оценён", "answer rated"),
    "case_status_closed": ("закрыто", "closed"),
    "case_status_rejected": ("отклонено", "rejected"),
    "case_status_duplicate": ("повтор", "duplicate"),
    "case_step_register": ("зарегистрировать", "register"),
    "case_step_forward": ("перенаправить", "forward"),
    "case_step_take": ("взять в работу", "take into work"),
    "case_step_extend": ("продлить срок", "extend the term"),
    "case_step_answer": ("ответить", "answer"),
    "case_step_rate": ("оценить ответ", "rate the answer"),
    "case_step_reopen": ("возобновить", "reopen"),
    "case_step_close": ("закрыть", "close"),
    "case_step_reject": ("отклонить", "reject"),
    "case_step_duplicate": ("отметить как повтор", "mark as a duplicate"),
    "case_step_comment": ("прокомментировать", "comment"),
    # -- notices to the citizen (core), `cases.notices`; never the text of the appeal
    "case_notice_forwarded_subject": (
        "Обращение № {id} перенаправлено по компетенции",
        "Your case No. {id} has been forwarded to the competent body",
    ),
    "case_notice_forwarded_body": (
        "Ваше обращение № {id} от {submitted:day} перенаправлено для рассмотрения по "
        "компетенции: {body}.\nПричина: {reason}\nСрок ответа: {due:day}.",
        "Your case No. {id} of {submitted:day} has been forwarded to the competent body: "
        "{body}.\nReason: {reason}\nAnswer due: {due:day}.",
    ),
    "case_notice_extended_subject": (
        "Срок рассмотрения обращения № {id} продлён",
        "The term of your case No. {id} has been extended",
    ),
    "case_notice_extended_body": (
        "Срок рассмотрения вашего обращения № {id} от {submitted:day} продлён до {due:day}.\n"
        "Причина: {reason}",
        "The term of your case No. {id} of {submitted:day} has been extended to {due:day}.\n"
        "Reason: {reason}",
    ),
    "case_notice_answered_subject": (
        "Ответ на обращение № {id}",
        "The answer to your case No. {id}",
    ),
    "case_notice_answered_body": (
        "На ваше обращение № {id} от {submitted:day} дан ответ ({body}):\n\n{answer}",
        "Your case No. {id} of {submitted:day} has been answered ({body}):\n\n{answer}",
    ),
    "case_notice_promised": (
        "Срок устранения, обещанный в ответе: {promised:day}.",
        "The fix promised in the answer by: {promised:day}.",
    ),
    "case_notice_no_body": ("орган власти", "the public body"),
    "case_notice_link": (
        "Следить за обращением и оценить ответ: {link}",
        "Follow the case and rate the answer: {link}",
    ),
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
    # -- the case's life (core)
    "case_unknown": ("обращение № {value} не найдено", "case No. {value} not found"),
    "case_kind": (
        "вид обращения «{value}» неизвестен; возможны: {expected}",
        "case kind '{value}' is unknown; possible: {expected}",
    ),
    "case_region_unknown": ("регион «{value}» не найден", "region '{value}' not found"),
    "case_text_empty": ("текст обращения пуст", "the text is empty"),
    "case_text_too_long": (
        "текст длиннее {limit:,} символов: в нём {count:,}",
        "the text is longer than {limit:,} characters: it has {count:,}",
    ),
    "case_needs_text": ("нужен текст", "a text is needed"),
    "case_field_too_long": (
        "значение длиннее {limit} символов",
        "the value is longer than {limit} characters",
    ),
    "case_oktmo": (
        "код ОКТМО «{value}» должен состоять из 8 или 11 цифр",
        "OKTMO code '{value}' must have 8 or 11 digits",
    ),
    "case_point_half": (
        "точка на карте задана не полностью: нужны и широта, и долгота",
        "the map point is incomplete: both latitude and longitude are needed",
    ),
    "case_point_range": (
        "координата {value} вне допустимых пределов ±{bound}",
        "coordinate {value} is outside ±{bound}",
    ),
    "case_channel": (
        "канал «{value}» неизвестен; возможны: {expected}",
        "channel '{value}' is unknown; possible: {expected}",
    ),
    "case_incident_source": (
        "для инцидента нужна ссылка на публикацию",
        "an incident needs the link to the post",
    ),
    "case_idempotency_key": (
        "ключ идемпотентности длиннее {limit} символов или содержит управляющие символы",
        "the idempotency key is longer than {limit} characters or holds control characters",
    ),
    "case_bad_email": ("адрес электронной почты указан неверно", "the e-mail address is not valid"),
    "case_bad_phone": ("номер телефона указан неверно", "the phone number is not valid"),
    "case_step": (
        "нельзя «{step:case_step}»: обращение в статусе «{status:case_status}»",
        "cannot '{step:case_step}': the case is '{status:case_status}'",
    ),
    "case_body_unknown": (
        "орган «{value}» не найден или не действует",
        "body '{value}' not found or not active",
    ),
    "case_body_same": (
        "обращение уже находится в органе «{value}»",
        "the case is already with body '{value}'",
    ),
    "case_body_operator_only": (
        "орган указывается только для оператора",
        "a body is given for operators only",
    ),
    "case_body_region": (
        "орган «{value}» относится к другому региону",
        "body '{value}' belongs to another region",
    ),
    "case_extend_once": (
        "срок рассмотрения уже продлевался; продлить его можно только один раз",
        "the term was already extended; it may be extended only once",
    ),
    "case_answer_no_address": (
        "ответ на обращение не даётся: не указаны фамилия и почтовый или электронный адрес "
        "гражданина (59-ФЗ, ст. 11 ч. 1)",
        "no answer may be given: the citizen's surname and a postal or e-mail address are "
        "missing (59-FZ, art. 11 part 1)",
    ),
    "case_promised_on": (
        "обещанная дата устранения «{value}» должна быть датой не раньше сегодняшней",
        "the promised date of the fix '{value}' must be a date not before today",
    ),
    "case_duplicate_of": (
        "обращение № {value} не найдено или совпадает с этим",
        "case No. {value} not found or is this very case",
    ),
    "case_duplicate_region": (
        "обращение № {value} относится к другому региону",
        "case No. {value} belongs to another region",
    ),
    "case_rating": ("оценка «{value}» должна быть от 1 до 5", "rating '{value}' must be 1 to 5"),
    "case_solved": (
        "нужно указать, решена ли проблема: да или нет",
        "say whether the problem is solved: yes or no",
    ),
    "case_token_unknown": (
        "ссылка для отслеживания не найдена: проверьте её",
        "tracking link not found: please check it",
    ),
    "case_reopen_late": (
        "возобновить обращение можно в течение {days} дней после ответа",
        "a case may be reopened within {days} days of the answer",
    ),
    "case_file_purpose": (
        "назначение файла «{value}» неизвестно; возможны: {expected}",
        "file purpose '{value}' is unknown; possible: {expected}",
    ),
    "case_file_too_big": (
        "файл «{value}» больше {limit} МБ",
        "file '{value}' is larger than {limit} MB",
    ),
    "case_file_type": (
        "файл «{value}» не принят: нужны JPEG, PNG, WebP или PDF",
        "file '{value}' is not accepted: JPEG, PNG, WebP or PDF is needed",
    ),
    "case_file_broken": (
        "изображение «{value}» повреждено или слишком велико",
        "picture '{value}' is damaged or too large",
    ),
    "case_file_final": (
        "к обращению в статусе «{status:case_status}» файлы не добавляются",
        "no files are added to a case that is '{status:case_status}'",
    ),
    "case_too_many_files": (
        "к обращению можно приложить не больше {limit} таких файлов",
        "at most {limit} such files may be attached to a case",
    ),
    "case_file_unknown": ("файл № {value} не найден", "file No. {value} not found"),
    "case_file_hidden": (
        "файл № {value} скрыт модератором",
        "file No. {value} was hidden by a moderator",
    ),
    "case_file_missing": (
        "файл № {value} не найден в хранилище",
        "file No. {value} is missing from the file store",
    ),
}
