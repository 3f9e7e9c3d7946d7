"""Words of the approvals' pages: the applicant's project and map, the owner's queue.

`WORDS` are labels and messages; `PROBLEMS` are located problems, by their stable code.
Keys start with `apage_`."""

WORDS: dict[str, tuple[str, str]] = {
    # navigation and titles
    "apage_nav_mine": ("Мои проекты", "My projects"),
    "apage_nav_queue": ("Согласования", "Approvals"),
    "apage_role_applicant": ("заявитель", "applicant"),
    "apage_list_title": ("Проекты на согласовании", "Projects under approval"),
    "apage_mine_title": ("Мои проекты", "My projects"),
    "apage_new_title": ("Новый проект на согласование", "New project for approval"),
    "apage_new_link": ("Подать проект на согласование", "File a project for approval"),
    "apage_project_title": ("Проект № {id}", "Project No. {id}"),
    "apage_queue_title": ("Очередь согласований", "Approval queue"),
    "apage_request_title": ("Согласование № {id}", "Approval No. {id}"),
    "apage_none": ("Проектов пока нет.", "No projects yet."),
    "apage_queue_empty": (
        "Согласований, ждущих ответа, нет.",
        "No approvals are awaiting an answer.",
    ),
    # the list
    "apage_col_project": ("Проект", "Project"),
    "apage_col_works": ("Вид работ", "Kind of works"),
    "apage_col_status": ("Состояние", "State"),
    "apage_col_filed": ("Подан", "Filed"),
    "apage_col_due": ("Срок", "Deadline"),
    "apage_col_owner": ("Владелец сетей", "Network owner"),
    "apage_col_decision": ("Решение", "Decision"),
    "apage_col_round": ("Круг", "Round"),
    "apage_col_sent": ("Направлено", "Sent"),
    "apage_col_answered": ("Ответ", "Answered"),
    "apage_filter_status": ("Состояние", "State"),
    "apage_filter_any": ("любое", "any"),
    "apage_filter_show": ("Показать", "Show"),
    "apage_previous": ("Назад", "Previous"),
    "apage_next": ("Дальше", "Next"),
    "apage_pages": ("Страницы списка", "Pages of the list"),
    # deadlines
    "apage_due_until": ("до {when:day}", "by {when:day}"),
    "apage_overdue": ("просрочено", "overdue"),
    "apage_total_due": ("Общий срок согласования", "Total deadline"),
    "apage_total_due_text": (
        "все ответы — до {when:day}",
        "every answer by {when:day}",
    ),
    "apage_total_time": ("Согласование заняло", "The approval took"),
    "apage_total_days": ("{days:.1f} дн.", "{days:.1f} days"),
    "apage_total_hours": ("{hours:.1f} ч", "{hours:.1f} h"),
    "apage_terms": (
        "Срок ответа — {days} рабочих дн. со дня направления",
        "Each owner answers within {days} working days of sending",
    ),
    "apage_silence_yes": (
        "Молчание владельца после срока считается согласием.",
        "An owner's silence past the deadline counts as consent.",
    ),
    "apage_silence_no": (
        "Молчание владельца после срока не считается согласием.",
        "An owner's silence past the deadline does not count as consent.",
    ),
    # the project's facts
    "apage_applicant": ("Заявитель", "Applicant"),
    "apage_inn": ("ИНН", "INN"),
    "apage_region": ("Регион", "Region"),
    "apage_works": ("Вид работ", "Kind of works"),
    "apage_dates": ("Сроки работ", "Dates of works"),
    "apage_dates_range": ("с {start:day} по {end:day}", "from {start:day} to {end:day}"),
    "apage_description": ("Описание", "Description"),
    "apage_owners": ("Владельцы сетей и их ответы", "Network owners and their answers"),
    "apage_owners_none": (
        "Зона ни одного владельца сетей не затронута: согласование не требуется.",
        "No network owner's zone is touched: no approval is needed.",
    ),
    "apage_conditions": ("Условия или причины", "Conditions or reasons"),
    "apage_answer_link": ("Ответить", "Answer"),
    "apage_events": ("История", "History"),
    "apage_event_when": ("Когда", "When"),
    "apage_event_what": ("Что", "What"),
    "apage_system": ("система", "system"),
    "apage_documents": ("Документы", "Documents"),
    "apage_documents_none": ("Документов нет.", "No documents."),
    "apage_round": ("круг {round}", "round {round}"),
    "apage_map": ("Карта", "Map"),
    "apage_map_caption": (
        "Схема на координатной сетке (долгота, широта; WGS 84), без подложки.",
        "A sketch on a coordinate grid (longitude, latitude; WGS 84), no base map.",
    ),
    "apage_map_project": ("Место работ", "Site of works"),
    "apage_map_zones": (
        "Зоны сетей (видны только должностным лицам)",
        "Network zones (shown to officials only)",
    ),
    "apage_map_label": ("Схема места работ проекта", "Sketch of the project's site"),
    "apage_done_filed": (
        "Проект подан и направлен владельцам сетей.",
        "The project is filed and sent to the network owners.",
    ),
    "apage_done_revised": (
        "Доработка направлена отказавшим владельцам.",
        "The revision is sent to the owners who refused.",
    ),
    "apage_done_answered": ("Ответ сохранён.", "The answer is saved."),
    # the revision form
    "apage_revision": ("Доработка после отказа", "Revision after a refusal"),
    "apage_revision_text": (
        "Приложите исправленные документы: они уйдут только владельцам, которые отказали.",
        "Attach the revised documents: they go only to the owners who refused.",
    ),
    "apage_revision_note": ("Что исправлено", "What was changed"),
    "apage_revision_send": ("Направить доработку", "Send the revision"),
    # the new project's form
    "apage_new_intro": (
        "Нарисуйте место работ на схеме или загрузите файл GeoJSON: платформа найдёт всех "
        "владельцев сетей, чьи зоны оно затрагивает, и направит проект им всем сразу.",
        "Draw the site on the sketch or upload a GeoJSON file: the platform finds every "
        "network owner whose zone it touches and sends the project to all of them at once.",
    ),
    "apage_choose_region": ("Выбрать", "Choose"),
    "apage_proposal_title": ("Согласования, которые понадобятся", "Approvals you will need"),
    "apage_proposal_text": (
        "Платформа предложила {day:day}: место вашего инвестиционного проекта затрагивает зоны "
        "этих владельцев сетей. Проверьте и дополните форму — проект уйдёт им всем сразу.",
        "Proposed by the platform on {day:day}: your investment project's site touches these "
        "network owners' zones. Check and complete the form: the project goes to all of them.",
    ),
    "apage_project": ("Проект", "Project"),
    "apage_title": ("Название", "Title"),
    "apage_starts_on": ("Начало работ", "Works start"),
    "apage_ends_on": ("Окончание работ", "Works end"),
    "apage_applicant_name": ("Заявитель (организация или ФИО)", "Applicant (company or full name)"),
    "apage_applicant_inn": ("ИНН (необязательно)", "INN (optional)"),
    "apage_place": ("Место работ", "Site of works"),
    "apage_tool": ("Что рисовать", "What to draw"),
    "apage_tool_point": ("Точка", "Point"),
    "apage_tool_line": ("Линия", "Line"),
    "apage_tool_polygon": ("Участок (многоугольник)", "Area (polygon)"),
    "apage_undo": ("Отменить последнюю точку", "Undo the last point"),
    "apage_clear": ("Очистить", "Clear"),
    "apage_draw_hint": (
        "Щёлкайте по схеме, чтобы поставить точки. Те же точки можно ввести с клавиатуры ниже.",
        "Click on the sketch to place points. The same points can be typed below.",
    ),
    "apage_coordinates": ("Координаты", "Coordinates"),
    "apage_coordinates_hint": (
        "По одной точке в строке: широта, долгота в градусах, как в картах — например "
        "55.7850, 49.1050. Для участка — его вершины по порядку.",
        "One point a line: latitude, longitude in degrees, as maps show them — e.g. "
        "55.7850, 49.1050. For an area, its corners in order.",
    ),
    "apage_geometry_file": ("Или файл GeoJSON", "Or a GeoJSON file"),
    "apage_geometry_file_hint": (
        "Geometry, Feature или FeatureCollection с одним объектом; файл заменяет нарисованное.",
        "A Geometry, a Feature or a FeatureCollection of one feature; "
        "the file replaces the drawing.",
    ),
    "apage_points_drawn": ("Точек: {n}", "Points: {n}"),
    "apage_documents_hint": (
        "PDF, DWG, PNG или JPEG; можно несколько.",
        "PDF, DWG, PNG or JPEG; several allowed.",
    ),
    "apage_file": ("Подать проект", "File the project"),
    "apage_problems": ("Проект не подан:", "The project is not filed:"),
    "apage_answer_problems": ("Ответ не сохранён:", "The answer is not saved:"),
    # the owner's side
    "apage_queue_open": ("ждут ответа", "awaiting an answer"),
    "apage_queue_overdue": ("просрочено", "overdue"),
    "apage_answer": ("Ответ владельца сетей", "The owner's answer"),
    "apage_answer_approve": ("Согласовать", "Approve"),
    "apage_answer_conditions": ("Согласовать с условиями", "Approve with conditions"),
    "apage_answer_refuse": ("Отказать (с причинами)", "Refuse (with reasons)"),
    "apage_answer_text": (
        "Условия или причины отказа (обязательно для условий и отказа)",
        "Conditions or reasons of the refusal (required for both)",
    ),
    "apage_answer_send": ("Отправить ответ", "Send the answer"),
    "apage_answered_already": (
        "Ответ в этом круге уже дан: {decision}.",
        "This round is already answered: {decision}.",
    ),
    "apage_project_link": ("Карточка проекта", "The project's page"),
}

PROBLEMS: dict[str, tuple[str, str]] = {
    "apage_coordinates_line": (
        "строка {line}: нужны два числа — широта и долгота, а не «{value}»",
        "line {line}: two numbers are needed, latitude and longitude, not “{value}”",
    ),
    "apage_coordinates_count": (
        "для этой фигуры нужно не меньше {least} точек, а введено {n}",
        "this shape needs at least {least} points, {n} given",
    ),
    "apage_geometry_missing": (
        "место работ не указано: нарисуйте его, введите координаты или загрузите GeoJSON",
        "the site is not given: draw it, type its coordinates or upload GeoJSON",
    ),
    "apage_geometry_not_json": (
        "файл не читается как GeoJSON (UTF-8 JSON)",
        "the file does not read as GeoJSON (UTF-8 JSON)",
    ),
    "apage_geometry_features": (
        "в файле {n} объектов, а нужен один",
        "the file holds {n} features, one is needed",
    ),
    "apage_bad_date": (
        "дата «{value}» не читается: нужна ГГГГ-ММ-ДД",
        "the date “{value}” does not read: YYYY-MM-DD is needed",
    ),
    "apage_bad_choice": (
        "значение «{value}» не из списка",
        "the value “{value}” is not one of the list",
    ),
    "apage_file_too_large": (
        "файл «{value}» больше {limit} МБ",
        "the file “{value}” is larger than {limit} MB",
    ),
}
