"""Words of moderation, flags, idempotency, rate limits and pseudonymisation of cases.

`WORDS` are labels and messages; `PROBLEMS` are located problems, by their stable code."""

WORDS: dict[str, tuple[str, str]] = {
    # the moderation queue and a case's moderation page
    "protect_queue_title": ("Модерация обращений", "Moderation of cases"),
    "protect_queue_intro": (
        "Жалобы граждан на опубликованные обращения и тексты, ожидающие проверки. "
        "Причину скрытия или правки прочитает заявитель.",
        "Citizens' flags on published cases and texts waiting for a check. "
        "The applicant reads the reason of every hiding or redaction.",
    ),
    "protect_flags": ("Жалобы", "Flags"),
    "protect_no_flags": ("Необработанных жалоб нет.", "No flags to handle."),
    "protect_held": ("Тексты на проверке", "Texts held for a check"),
    "protect_no_held": ("Текстов на проверке нет.", "No texts held."),
    "protect_case": ("Обращение", "Case"),
    "protect_flag_reason": ("Причина жалобы", "Reason of the flag"),
    "protect_flagged_at": ("Когда", "When"),
    "protect_moderation": ("Модерация", "Moderation"),
    "protect_action": ("Действие", "Action"),
    "protect_mark_handled": ("Отметить обработанной", "Mark handled"),
    "protect_flag_done": ("Жалоба № {n} обработана.", "Flag {n} handled."),
    "protect_state_none": ("текст не менялся", "text as sent"),
    "protect_state_held": ("на проверке", "held for a check"),
    "protect_state_hidden": ("текст скрыт", "text hidden"),
    "protect_state_redacted": ("текст отредактирован", "text redacted"),
    "protect_reason_offensive": ("оскорбление или угроза", "offensive or a threat"),
    "protect_reason_personal_data": ("чужие персональные данные", "somebody's personal data"),
    "protect_reason_not_a_problem": ("не относится к делу", "not about a problem"),
    "protect_reason_other": ("другое", "other"),
    "protect_case_title": ("Модерация обращения № {n}", "Moderation of case {n}"),
    "protect_done": (
        "Сохранено; заявитель увидит причину.",
        "Saved; the applicant sees the reason.",
    ),
    "protect_not_published": (
        "Заявитель не разрешил публиковать текст: его видят только исполнители.",
        "The applicant did not allow the text to be published: only the bodies read it.",
    ),
    "protect_text": ("Текст заявителя", "The applicant's text"),
    "protect_public_text": ("Текст для всех", "The public text"),
    "protect_hide_title": ("Скрыть текст", "Hide the text"),
    "protect_hide": ("Скрыть текст", "Hide the text"),
    "protect_redact_title": ("Опубликовать исправленный текст", "Publish a redacted text"),
    "protect_redact": ("Опубликовать исправленный", "Publish redacted"),
    "protect_redacted_label": ("Текст, который увидят все", "The text everyone will see"),
    "protect_reason_label": (
        "Причина (её прочитает заявитель)",
        "Reason (the applicant will read it)",
    ),
    "protect_release": ("Опубликовать текст как есть", "Publish the text as sent"),
    "protect_files": ("Файлы", "Files"),
    "protect_no_files": ("Файлов нет.", "No files."),
    "protect_file_hidden": ("скрыт", "hidden"),
    "protect_hide_file": ("Скрыть файл", "Hide the file"),
    "protect_back_to_queue": ("К модерации", "Back to moderation"),
    # the citizen's flag
    "protect_flag_title": ("Пожаловаться на обращение № {n}", "Flag case {n}"),
    "protect_flag_intro": (
        "Модератор проверит обращение. Ваш адрес не сохраняется.",
        "A moderator will check the case. Your address is not kept.",
    ),
    "protect_flag_send": ("Отправить жалобу", "Send the flag"),
    "protect_flag_sent": (
        "Спасибо: жалоба передана модератору.",
        "Thank you: the flag went to a moderator.",
    ),
    "protect_pseudonymised": (
        "обезличено обращений, закрытых более {days:,} дн. назад: {cases:,}",
        "cases closed more than {days:,} days ago pseudonymised: {cases:,}",
    ),
}

PROBLEMS: dict[str, tuple[str, str]] = {
    "protect_case_unknown": ("нет обращения с номером {value}", "no case numbered {value}"),
    "protect_file_unknown": ("нет файла с номером {value}", "no file numbered {value}"),
    "protect_flag_unknown": ("нет жалобы с номером {value}", "no flag numbered {value}"),
    "protect_reason_missing": (
        "укажите причину: её прочитает заявитель",
        "give a reason: the applicant will read it",
    ),
    "protect_redacted_empty": (
        "введите текст, который увидят все вместо исходного",
        "enter the text everyone will see instead of the original",
    ),
    "protect_text_private": (
        "заявитель не разрешил публиковать текст: редактировать для публикации нечего",
        "the applicant did not allow the text to be published: there is nothing to redact",
    ),
    "protect_text_too_long": (
        "не длиннее {limit:,} символов",
        "at most {limit:,} characters",
    ),
    "protect_flag_reason_unknown": (
        "причина жалобы — одна из: {expected}",
        "the reason of a flag is one of: {expected}",
    ),
}
