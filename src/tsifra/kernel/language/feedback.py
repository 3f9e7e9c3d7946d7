"""Words of the citizen's and the executor's pages of the feedback platform.

`WORDS` are labels and messages; `PROBLEMS` are located problems, by their stable code."""

WORDS: dict[str, tuple[str, str]] = {
    "feedback_nav_appeal": ("Подать обращение", "File an appeal"),
    "feedback_nav_casework": ("Обращения граждан", "Citizens' cases"),
    # the appeal form
    "feedback_new_title": ("Подать обращение", "File an appeal"),
    "feedback_new_intro": (
        "Опишите проблему и укажите, где она. Обращение получит орган власти, который за неё "
        "отвечает; вы получите ссылку, чтобы следить за ним.",
        "Describe the problem and where it is. The body responsible for it receives the "
        "appeal; you get a link to follow it.",
    ),
    "feedback_what": ("Что случилось", "What happened"),
    "feedback_kind": ("Вид", "Kind"),
    "feedback_kind_appeal": ("Обращение (59-ФЗ)", "Appeal (Federal Law 59-FZ)"),
    "feedback_kind_message": ("Сообщение (ПОС)", "Message (feedback platform)"),
    "feedback_kind_incident": ("Инцидент из соцсетей", "Social-media incident"),
    "feedback_choose": ("— выберите —", "— choose —"),
    "feedback_category": ("Тема", "Category"),
    "feedback_text": ("Текст обращения", "Text of the appeal"),
    "feedback_text_limit": ("Не более {limit} знаков.", "At most {limit} characters."),
    "feedback_chars_left": (
        "Осталось знаков: {left} из {limit}.",
        "Characters left: {left} of {limit}.",
    ),
    "feedback_where": ("Где", "Where"),
    "feedback_address": ("Адрес", "Address"),
    "feedback_latitude": ("Широта", "Latitude"),
    "feedback_longitude": ("Долгота", "Longitude"),
    "feedback_use_location": ("Моё местоположение", "Use my location"),
    "feedback_location_failed": (
        "Не удалось определить местоположение: укажите адрес.",
        "Your location could not be found: give the address.",
    ),
    "feedback_no_map": (
        "Карты здесь нет: укажите адрес или координаты точки.",
        "There is no map here: give the address or the point's coordinates.",
    ),
    "feedback_contact": ("Контакты заявителя", "Applicant's contact"),
    "feedback_contact_law": (
        "Ответ на обращение по 59-ФЗ дают, только если указаны фамилия и почтовый или "
        "электронный адрес (ст. 11). Контакты видит только орган, который отвечает.",
        "Under 59-FZ an appeal is answered only when it gives a surname and a postal or "
        "e-mail address (art. 11). Only the answering body sees your contact.",
    ),
    "feedback_surname": ("Фамилия", "Surname"),
    "feedback_name": ("Имя и отчество", "Name and patronymic"),
    "feedback_email": ("Электронная почта", "E-mail"),
    "feedback_phone": ("Телефон", "Phone"),
    "feedback_postal_address": ("Почтовый адрес для ответа", "Postal address for the answer"),
    "feedback_publicity": ("Что видно всем", "What everyone sees"),
    "feedback_publish_text": (
        "Опубликовать текст обращения на открытой странице",
        "Publish the text of my appeal on the public page",
    ),
    "feedback_show_name": (
        "Показать моё имя на открытой странице",
        "Show my name on the public page",
    ),
    "feedback_files": ("Фотографии или документы", "Photos or documents"),
    "feedback_files_limit": (
        "До {count} файлов JPEG, PNG, WebP или PDF, каждый до {mb} МБ; сведения о месте "
        "съёмки из фотографий удаляются.",
        "Up to {count} JPEG, PNG, WebP or PDF files, each up to {mb} MB; where a photo was "
        "taken is removed from it.",
    ),
    "feedback_files_again": (
        "Файлы не сохраняются между шагами: выберите их ещё раз перед отправкой.",
        "Files are not kept between steps: choose them again before sending.",
    ),
    "feedback_send": ("Отправить", "Send"),
    "feedback_send_anyway": ("Всё равно отправить своё", "Send mine anyway"),
    # similar open cases
    "feedback_similar_title": ("Похожие открытые обращения рядом", "Similar open cases nearby"),
    "feedback_similar_confirm": (
        "Возможно, о вашей проблеме уже сообщили. Если это она, следите за этим обращением; "
        "если нет — отправьте своё.",
        "Your problem may have been reported already. If it is one of these, follow it; if "
        "not, send yours.",
    ),
    "feedback_similar_live": (
        "Возможно, о вашей проблеме уже сообщили:",
        "Your problem may have been reported already:",
    ),
    "feedback_follow_this": ("Это моя проблема — следить за ней", "This is my problem — follow it"),
    "feedback_metres_away": ("{metres} м отсюда", "{metres} m away"),
    # after sending
    "feedback_sent_title": ("Обращение отправлено", "Appeal sent"),
    "feedback_sent_number": ("Номер обращения: {number}.", "Appeal number: {number}."),
    "feedback_tracking_link": ("Ссылка для отслеживания:", "Tracking link:"),
    "feedback_keep_link": (
        "Сохраните эту ссылку: она показывается один раз. По ней вы увидите ответ, сможете "
        "оценить его и вернуть обращение в работу. Не передавайте её посторонним.",
        "Keep this link: it is shown once. With it you see the answer, rate it and reopen the "
        "appeal. Do not share it.",
    ),
    "feedback_sent_repeat": (
        "Это обращение уже было отправлено; ссылка для отслеживания показана при первой отправке.",
        "This appeal was sent already; the tracking link was shown when it was first sent.",
    ),
    "feedback_public_page": ("Открытая страница обращения", "The appeal's public page"),
    # a case as the citizen and the public see it
    "feedback_case_number": ("Обращение № {number}", "Case No. {number}"),
    "feedback_track_title": ("Ваше обращение № {number}", "Your appeal No. {number}"),
    "feedback_applicant": ("Заявитель", "Applicant"),
    "feedback_holder": ("У кого", "Held by"),
    "feedback_holder_triage": ("распределяется по органам власти", "being assigned to a body"),
    "feedback_submitted": ("Подано", "Filed"),
    "feedback_registered": ("Зарегистрировано", "Registered"),
    "feedback_register_by": ("Зарегистрировать до", "To be registered by"),
    "feedback_due": ("Срок ответа", "Answer due"),
    "feedback_extended_note": ("срок продлён", "the term was extended"),
    "feedback_answered": ("Дан ответ", "Answered"),
    "feedback_promised_on": ("Обещано исправить к", "Promised fix by"),
    "feedback_rating": ("Оценка", "Rating"),
    "feedback_solved_yes": ("проблема решена", "solved"),
    "feedback_solved_no": ("проблема не решена", "not solved"),
    "feedback_reopened_count": ("Возвращено в работу, раз", "Reopened, times"),
    "feedback_duplicate_of": ("Повтор обращения", "Duplicate of"),
    "feedback_rejected_reason": ("Причина отказа", "Why it was refused"),
    "feedback_moderated": (
        "Часть сведений скрыта модератором",
        "Part of this case was hidden by a moderator",
    ),
    "feedback_your_text": (
        "Ваш текст (виден только вам и органу власти)",
        "Your text (only you and the body see it)",
    ),
    "feedback_answer": ("Ответ", "Answer"),
    "feedback_files_title": ("Файлы", "Files"),
    "feedback_file_hidden": ("скрыт", "hidden"),
    "feedback_purpose_attachment": ("от заявителя", "from the applicant"),
    "feedback_purpose_before": ("фото до", "photo before"),
    "feedback_purpose_after": ("фото после", "photo after"),
    "feedback_purpose_answer": ("к ответу", "with the answer"),
    "feedback_stages": ("Этапы", "Stages"),
    "feedback_when": ("Когда", "When"),
    "feedback_stage": ("Этап", "Stage"),
    "feedback_note": ("Примечание", "Note"),
    "feedback_overdue": ("срок нарушен", "overdue"),
    "feedback_oktmo": ("ОКТМО", "OKTMO"),
    "feedback_moscow_time": ("{day} {time} МСК", "{day} {time} Moscow time"),
    # statuses and steps, as the citizen reads them
    "feedback_action_submitted": ("Подано", "Filed"),
    "feedback_action_registered": ("Зарегистрировано", "Registered"),
    "feedback_action_forwarded": ("Перенаправлено", "Forwarded"),
    "feedback_action_taken": ("Взято в работу", "Taken into work"),
    "feedback_action_extended": ("Срок продлён", "Term extended"),
    "feedback_action_answered": ("Дан ответ", "Answered"),
    "feedback_action_rated": ("Ответ оценён", "Answer rated"),
    "feedback_action_reopened": ("Возвращено в работу", "Reopened"),
    "feedback_action_closed": ("Закрыто", "Closed"),
    "feedback_action_rejected": ("Отказано", "Refused"),
    "feedback_action_duplicate": ("Признано повтором", "Marked a duplicate"),
    "feedback_action_commented": ("Комментарий", "Comment"),
    "feedback_action_moderated": ("Модерация", "Moderated"),
    "feedback_action_flagged": ("Жалоба на содержание", "Flagged"),
    "feedback_action_contact_read": ("Просмотр контактов", "Contact read"),
    "feedback_action_pseudonymised": ("Данные обезличены", "Pseudonymised"),
    # rating and reopening
    "feedback_rate_title": ("Оцените ответ", "Rate the answer"),
    "feedback_solved_question": ("Проблема решена?", "Is the problem solved?"),
    "feedback_yes": ("да", "yes"),
    "feedback_no": ("нет", "no"),
    "feedback_rate": ("Оценить", "Rate"),
    "feedback_reopen_title": ("Проблема не решена?", "Problem not solved?"),
    "feedback_reopen_note": (
        "Если ответ не решил проблему, верните обращение в работу в течение установленного "
        "срока и объясните почему.",
        "If the answer did not solve the problem, reopen the appeal within the set time and "
        "say why.",
    ),
    "feedback_reopen_reason": ("Что не так", "What is wrong"),
    "feedback_reopen": ("Вернуть в работу", "Reopen"),
    "feedback_done_rated": ("Спасибо, оценка сохранена.", "Thank you, your rating is saved."),
    "feedback_done_reopened": ("Обращение возвращено в работу.", "The appeal is back in progress."),
    # the region's public page
    "feedback_region_title": ("Обращения: {region}", "Appeals: {region}"),
    "feedback_cases_total": ("всего", "in all"),
    "feedback_cases_open": ("в работе", "open"),
    "feedback_cases_overdue": ("с нарушением срока", "overdue"),
    "feedback_by_category": ("По темам", "By category"),
    "feedback_by_status": ("По статусам", "By status"),
    "feedback_by_municipality": ("По муниципалитетам", "By municipality"),
    "feedback_no_municipality": ("не указан", "not given"),
    "feedback_count": ("Число", "Count"),
    "feedback_cases_list": ("Обращения", "Cases"),
    "feedback_no_cases": ("Обращений пока нет.", "No cases yet."),
    "feedback_pages": ("Страницы", "Pages"),
    "feedback_previous": ("Назад", "Previous"),
    "feedback_next": ("Дальше", "Next"),
    "feedback_page_of": ("Страница {page} из {pages}", "Page {page} of {pages}"),
    # the executor's pages
    "feedback_queue_title": ("Очередь обращений", "Case queue"),
    "feedback_triage_of": ("нераспределённые, {region}", "unassigned, {region}"),
    "feedback_queue_empty": ("Открытых обращений нет.", "No open cases."),
    "feedback_due_step": ("Что сделать", "Due step"),
    "feedback_deadline": ("Срок", "Deadline"),
    "feedback_time_left": ("Осталось", "Time left"),
    "feedback_reopened_mark": ("возвращено", "reopened"),
    "feedback_channel": ("Канал", "Channel"),
    "feedback_forwarded_count": ("Перенаправлено, раз", "Forwarded, times"),
    "feedback_show_contact": ("Показать контакты заявителя", "Show the applicant's contact"),
    "feedback_contact_audited": (
        "Каждый просмотр контактов записывается в журнал.",
        "Every read of a contact is logged.",
    ),
    "feedback_contact_not_yours": (
        "Контакты видят только сотрудники органа, который отвечает.",
        "Only the answering body's staff see the contact.",
    ),
    "feedback_steps": ("Действия", "Steps"),
    "feedback_step_done": ("Готово.", "Done."),
    "feedback_forward_to": ("Кому", "To"),
    "feedback_reason": ("Причина", "Reason"),
    "feedback_comment": ("Комментарий", "Comment"),
    "feedback_extend_days": ("На сколько дней", "By how many days"),
    "feedback_answer_text": ("Текст ответа", "Text of the answer"),
    "feedback_photos_before": ("Фото до", "Photos before"),
    "feedback_photos_after": ("Фото после", "Photos after"),
    "feedback_duplicate_number": ("Номер первого обращения", "Number of the first case"),
    "feedback_history": ("История", "History"),
    "feedback_internal": ("видно только органам", "bodies only"),
}

PROBLEMS: dict[str, tuple[str, str]] = {
    "feedback_bad_coordinate": (
        "координата «{value}» не число в допустимых пределах",
        "coordinate “{value}” is not a number in range",
    ),
    "feedback_bad_kind": ("вид «{value}» здесь не подать", "kind “{value}” cannot be filed here"),
    "feedback_too_many_files": ("не больше {limit} файлов", "at most {limit} files"),
    "feedback_bad_number": (
        "«{value}» не целое положительное число",
        "“{value}” is not a whole positive number",
    ),
    "feedback_bad_date": ("«{value}» не дата", "“{value}” is not a date"),
    "feedback_field_required": ("поле нужно заполнить", "this field is required"),
}
