"""The words of the dashboard's pages, and of the region page's analyses."""

WORDS: dict[str, tuple[str, str]] = {
    "site_title": ("Цифра · Дашборд губернатора", "Tsifra · Governor's dashboard"),
    "nav_rating": ("Рейтинг", "Rating"),
    "nav_tasks": ("Поручения", "Tasks"),
    "nav_upload": ("Загрузка данных", "Upload data"),
    "nav_menu": ("Меню", "Menu"),
    "nav_label": ("Разделы", "Sections"),
    "skip_to_content": ("Перейти к содержанию", "Skip to content"),
    "login": ("Войти", "Log in"),
    "logout": ("Выйти", "Log out"),
    "role_admin": ("администратор", "administrator"),
    "role_analyst": ("аналитик", "analyst"),
    "role_operator": ("оператор", "operator"),
    "role_viewer": ("наблюдатель", "viewer"),
    "login_title": ("Вход", "Log in"),
    "login_name": ("Логин", "Login"),
    "password": ("Пароль", "Password"),
    "login_failed": ("Неверный логин или пароль", "Wrong login or password"),
    "login_wait_seconds": (
        "Слишком много неудачных попыток входа: повторите через {seconds} с",
        "Too many failed attempts to log in: try again in {seconds} s",
    ),
    "login_wait_minutes": (
        "Слишком много неудачных попыток входа: повторите через {minutes} мин",
        "Too many failed attempts to log in: try again in {minutes} min",
    ),
    "rating_page_title": (
        "Рейтинг регионов, период {period:period}",
        "Regions' rating, {period:period}",
    ),
    "all_districts": ("Все округа", "All districts"),
    "show": ("Показать", "Show"),
    "download_xlsx": ("Скачать XLSX", "Download XLSX"),
    "download_pdf": ("Справка PDF", "PDF brief"),
    "map_caption": (
        "Цвет — значение индекса; нажмите на регион, чтобы открыть его профиль",
        "Colour shows the index; click a region to open its profile",
    ),
    "map_scale": ("Шкала цвета, индекс:", "Colour scale, index:"),
    "rank_of": ("место {rank} из {n}", "rank {rank} of {n}"),
    "trend": ("Динамика", "Trend"),
    "sectors": ("Направления", "Sectors"),
    "gains_title": (
        "Показатели, которые дадут больше всего баллов индекса при достижении цели",
        "Indicators that would add the most index points if brought to target",
    ),
    "tasks_title": ("Поручения", "Tasks"),
    "tasks_sign_in": (
        "Поручения региона видны после входа",
        "Sign in to see the region's tasks",
    ),
    "tasks_not_yours": (
        "Поручения другого региона вам не видны",
        "Another region's tasks are not shown to you",
    ),
    # the region's home screen (dashboard.home) and the federal view (dashboard.federal)
    "nav_home": ("Мой регион", "My region"),
    "nav_federal": ("Федеральный обзор", "Federal view"),
    "nav_conflicts": ("Расхождения", "Conflicts"),
    "home_change_title": ("Изменение", "Change"),
    "home_on_quarter": ("за квартал (к {period:period})", "on the quarter (vs {period:period})"),
    "home_on_year": ("за год (к {period:period})", "on the year (vs {period:period})"),
    "home_not_rated": ("нет рейтинга за прошлый период", "no rating for the earlier period"),
    "home_rank_change": ("место (+ — выше)", "place (+ is up)"),
    "home_directions_title": ("Направления против целей", "Directions against targets"),
    "home_level_rule": (
        "✓ в цели — не ниже цели; ≈ близко — до 10 % ниже; ✗ ниже цели — более чем на 10 %",
        "✓ on target — at or above it; ≈ close — up to 10 % below; ✗ below — more than 10 % below",
    ),
    "level_green": ("в цели", "on target"),
    "level_amber": ("близко к цели", "close to target"),
    "level_red": ("ниже цели", "below target"),
    "level_none": ("нет цели", "no target"),
    "home_tasks_overdue": ("Просрочено: {n}", "Overdue: {n}"),
    "home_tasks_due_soon": ("Срок в ближайшие {days} дн.: {n}", "Due within {days} days: {n}"),
    "home_tasks_open": ("В работе всего: {n} из {total}", "Open: {n} of {total}"),
    "home_tasks_all": ("Все поручения региона", "All the region's tasks"),
    "home_actions_title": ("Что даст больше всего баллов", "What adds the most points"),
    "home_action_gain": ("+{gain:.2f} к индексу", "+{gain:.2f} to the index"),
    "home_action_run": ("Рассчитать «что если»", "Run the what-if"),
    "home_actions_none": (
        "Все показатели достигли целей: баллов добавить нечем",
        "Every indicator is at its target: no points left to add",
    ),
    "home_data_title": ("Данные квартала", "The quarter's data"),
    "home_data_line": (
        "{period:period}: получено {arrived} из {expected}",
        "{period:period}: {arrived} of {expected} received",
    ),
    "home_data_due": ("срок сдачи {when:day}", "due {when:day}"),
    "home_data_complete": ("Все показатели получены", "Every indicator received"),
    "home_data_missing": ("Не поступили: {n}", "Not received: {n}"),
    "home_data_late": ("срок прошёл", "past due"),
    "home_data_none": ("Данных ещё нет", "No data yet"),
    "home_data_sign_in": (
        "Сдача данных региона видна после входа",
        "Sign in to see the region's data submission",
    ),
    "home_data_not_yours": (
        "Сдача данных другого региона вам не видна",
        "Another region's data submission is not shown to you",
    ),
    "home_trend_title": ("Индекс по периодам", "The index by period"),
    "chart_new_targets": ("новые цели года", "new yearly targets"),
    "home_new_targets_note": (
        "Пунктир — начало года: с I квартала действуют новые, более высокие цели, поэтому "
        "индекс в I квартале обычно снижается. Это сдвиг планки, а не ухудшение работы.",
        "Dashed lines mark each new year: from Q1 the new, higher targets apply, so the index "
        "usually falls in Q1. The bar has moved; the work has not got worse.",
    ),
    "home_analyses_title": ("Анализы", "Analyses"),
    "home_link_forecast": ("Прогноз до 2030 года", "Forecast to 2030"),
    "home_link_interval": ("Насколько устойчиво место", "How sure the rank is"),
    "home_link_whatif": ("Что если…", "What if…"),
    "federal_title": (
        "Регионы по направлениям, {period:period}",
        "Regions by direction, {period:period}",
    ),
    "federal_status": ("Итог", "Overall"),
    "federal_all_statuses": ("Все статусы", "All statuses"),
    "federal_rows": ("Регионов: {n}", "Regions: {n}"),
    "download_csv": ("Скачать CSV", "Download CSV"),
    "federal_tasks_title": ("Поручения по регионам", "Tasks by region"),
    "federal_tasks_total": ("Всего", "Total"),
    "federal_tasks_overdue": ("Просрочено", "Overdue"),
    "federal_tasks_done": ("Выполнено в срок", "Done on time"),
    "federal_data_title": (
        "Данные за {period:period} по регионам",
        "Data for {period:period} by region",
    ),
    "federal_data_arrived": ("Получено", "Received"),
    "federal_data_expected": ("Ожидается", "Expected"),
    "federal_data_late": ("Просрочено", "Past due"),
    "federal_late_regions": (
        "Не отчитались полностью к сроку: {n}",
        "Not fully reported by the due date: {n}",
    ),
    "title": ("Название", "Title"),
    "create_task": ("Создать поручение", "Create a task"),
    "any": ("все", "any"),
    "overdue_only": ("только просроченные", "overdue only"),
    "tasks_shown": ("поручений: {n}", "tasks: {n}"),
    "task_source": ("Источник поручения", "Ordered by"),
    "task_document_number": ("Номер документа", "Document number"),
    "task_document_date": ("Дата документа", "Document date"),
    "task_of_date": ("от", "of"),
    "task_issued_by": ("Кем выдано", "Issued by"),
    "task_agency": ("Ответственный орган", "Responsible body"),
    "task_email": ("E-mail ответственного", "Responsible's e-mail"),
    "task_co_executors": ("Соисполнители", "Co-executors"),
    "task_target": ("Целевое значение", "Target value"),
    "tasks_import_title": ("Загрузить список поручений (XLSX)", "Import a list of tasks (XLSX)"),
    "tasks_import_help": (
        "Столбцы: Поручение, Источник, Номер документа, Дата документа, Кем выдано, Регион, "
        "Ответственный орган, Ответственный, E-mail, Соисполнители, Показатель, Целевое "
        "значение, Срок. Регион — названием или кодом; даты — датами Excel или ДД.ММ.ГГГГ. "
        "Выгрузка XLSX этой страницы — готовый образец.",
        "Columns as in this page's XLSX download (headers in Russian): the task, source, "
        "document number and date, issuer, region, responsible body and person, e-mail, "
        "co-executors, indicator, target value, deadline. Regions by name or code; dates as "
        "Excel dates or DD.MM.YYYY.",
    ),
    "task_report": ("Отчёт об исполнении", "Report"),
    "task_files": ("Файлы отчёта", "Report files"),
    "task_actions": ("Действия", "Actions"),
    "task_report_text": ("Что сделано", "What was done"),
    "task_report_files": (
        "Файлы (PDF, изображения, DOCX, XLSX, ODT; до 5 по 10 МБ)",
        "Files (PDF, images, DOCX, XLSX, ODT; up to 5 of 10 MB)",
    ),
    "task_return_reason": ("Что доработать", "What to rework"),
    "task_cancel_reason": ("Причина отмены", "Why cancelled"),
    "task_step_in_progress": ("Взять в работу", "Take into work"),
    "task_step_reported": ("Отчитаться об исполнении", "Report done"),
    "task_step_returned": ("Вернуть на доработку", "Return for rework"),
    "task_step_accepted": ("Принять исполнение", "Accept"),
    "task_step_cancelled": ("Отменить поручение", "Cancel the task"),
    "task_history": ("История", "History"),
    "task_when": ("Когда", "When"),
    "task_who": ("Кто", "Who"),
    "task_why": ("Комментарий", "Comment"),
    "task_comments": ("Комментарии", "Comments"),
    "task_no_comments": ("Комментариев нет", "No comments"),
    "task_comment": ("Комментарий", "Comment"),
    "task_add_comment": ("Добавить комментарий", "Add a comment"),
    "definition": ("Определение", "Definition"),
    "indicator_source": ("Источник данных", "Data source"),
    "conflicts_page_title": ("Расхождения источников", "Conflicts between sources"),
    "conflicts_intro": (
        "Здесь значения, которые источники прислали по-разному. Пока расхождение не разрешено, "
        "значение не используется: анализы рейтинга учитывают его как пропуск по правилам "
        "методики, и в новый рейтинг оно не войдёт. Выберите верное значение и укажите "
        "причину: решение записывается в журнал аудита.",
        "These are values the sources sent differently. Until a conflict is resolved the value "
        "is not used: the rating's analyses treat it as missing, as the methodology says, and "
        "no new rating takes it in. Choose the right value and give the reason: the decision "
        "is written to the audit log.",
    ),
    "conflicts_none": ("Открытых расхождений нет", "No open conflicts"),
    "conflicts_of_unit": ("Показаны расхождения региона {unit}.", "Conflicts of {unit} only."),
    "conflicts_show_all": ("Показать все", "Show all"),
    "conflict_resolved": (
        "Расхождение № {n} разрешено. Выбранное значение войдёт в следующий расчёт рейтинга.",
        "Conflict no. {n} is resolved. The chosen value enters the next rating computed.",
    ),
    "conflict_number": ("Расхождение № {n}", "Conflict no. {n}"),
    "conflict_claims": ("Значения источников", "The sources' values"),
    "conflict_detail": ("Сведения", "Detail"),
    "conflict_claim": ("Значение {n}", "Value {n}"),
    "conflict_revision": ("ред. {n}", "rev. {n}"),
    "conflict_sent_by": ("Кто прислал", "Sent by"),
    "conflict_sent_at": ("Когда получено", "Received"),
    "conflict_holds": ("Верное значение", "The right value"),
    "conflict_choose": ("верно: {source}", "right: {source}"),
    "conflict_reason": ("Причина выбора", "Why this value is right"),
    "conflict_resolve": ("Разрешить расхождение", "Resolve the conflict"),
    "left_out_title": ("Что не вошло в расчёт", "What the computation left out"),
    "left_out_line": (
        "{indicator}, {period}: источники расходятся ({claims}). Значение не использовано: "
        "оно учтено как пропуск по правилам методики.",
        "{indicator}, {period}: the sources disagree ({claims}). The value is not used: it is "
        "treated as missing, as the methodology says.",
    ),
    "left_out_claims": ("их значения не совпадают", "their values differ"),
    "left_out_settled": (
        " Расхождение уже разрешено: выбранное значение войдёт в следующий расчёт рейтинга.",
        " The conflict has since been resolved: the chosen value enters the next rating computed.",
    ),
    "left_out_open": (
        "Открытых расхождений в значениях региона: {n}. Пока их не разрешат, эти значения не "
        "войдут в рейтинг.",
        "Open conflicts in the region's values: {n}. Until they are resolved these values "
        "enter no rating.",
    ),
    "left_out_resolve": ("Разрешить расхождения региона", "Resolve the region's conflicts"),
    "left_out_resolve_all": ("Разрешить расхождения", "Resolve the conflicts"),
    "upload_conflicts_who": (
        "Значения, в которых источники расходятся, не войдут в рейтинг, пока федеральный "
        "аналитик не выберет верное.",
        "Values the sources disagree on enter no rating until a federal analyst chooses the "
        "right one.",
    ),
    "left_out_who": (
        "Разрешить расхождение может федеральный аналитик.",
        "A federal analyst can resolve them.",
    ),
    "upload_title": ("Загрузка файла с данными", "Upload a data file"),
    "upload_button": ("Загрузить", "Upload"),
    "upload_rejected": (
        "Файл {file} отклонён: найдено проблем {n}. Ничего не записано.",
        "File {file} rejected: {n} problem(s). Nothing was written.",
    ),
    "upload_accepted": ("Файл {file} принят", "File {file} accepted"),
    "submission_title": (
        "Данные за {period:period}: {region}",
        "Data for {period:period}: {region}",
    ),
    "submission_due": (
        "Срок представления — {due:day}, осталось дней: {days}",
        "Due on {due:day}, {days} day(s) left",
    ),
    "submission_due_today": ("Срок представления — сегодня, {due:day}", "Due today, {due:day}"),
    "submission_overdue": (
        "Срок представления прошёл {due:day} (дней назад: {days})",
        "The due date, {due:day}, passed {days} day(s) ago",
    ),
    "submission_counts": (
        "Ожидается значений: {expected}; получено в срок: {on_time}; с опозданием: {late}; "
        "не получено: {missing}; ещё ожидается: {awaited}",
        "Values expected: {expected}; on time: {on_time}; late: {late}; missing: {missing}; "
        "still awaited: {awaited}",
    ),
    "submission_template": (
        "Скачать шаблон Excel для заполнения",
        "Download the Excel template to fill in",
    ),
    "submission_upload": ("Загрузить заполненный файл", "Upload the filled file"),
    "submission_periods": ("Другие периоды", "Other periods"),
    "submission_link": ("Данные за квартал", "This quarter's data"),
    "submission_state": ("Состояние", "State"),
    "submission_arrived_at": ("Получено (мск)", "Arrived (Moscow time)"),
    "submission_last": ("Прошлое значение", "Previous value"),
    "submission_file": ("Файл", "File"),
    "state_on_time": ("✓ получено в срок", "✓ on time"),
    "state_late": ("⚠ получено с опозданием", "⚠ late"),
    "state_missing": ("✗ не получено, срок прошёл", "✗ missing, past due"),
    "state_awaited": ("… ожидается", "… awaited"),
    "submissions_title": (
        "Представление данных регионами за {period:period}",
        "Data submission by region for {period:period}",
    ),
    "submissions_not_reported": (
        "Не представили все данные в срок ({due:day}): {n} из {total}",
        "Not all data in by the due date ({due:day}): {n} of {total}",
    ),
    "submissions_reported": ("Представлено в срок", "In on time"),
    "submissions_on_time": ("В срок", "On time"),
    "submissions_late": ("С опозданием", "Late"),
    "submissions_missing": ("Не получено", "Missing"),
    "submissions_awaited": ("Ожидается", "Awaited"),
    "reported_yes": ("✓ да", "✓ yes"),
    "reported_no": ("✗ нет", "✗ no"),
    "reported_pending": ("… срок не наступил", "… not yet due"),
    "period_incomplete": (
        "Период {period:period} неполный: получено {share} ожидаемых значений (нужно не менее "
        "{threshold}). Недостающие значения заполнены по методике; рейтинг предварительный.",
        "{period:period} is incomplete: {share} of the expected values are in (at least "
        "{threshold} needed). Missing values are filled as the methodology says; the rating is "
        "provisional.",
    ),
    "period_incomplete_short": ("неполный", "incomplete"),
    "imputed_mark": ("расчётное", "imputed"),
    "imputed_column": ("Заполнено по методике", "Filled by the methodology"),
    "imputed_note": (
        "«расчётное» — значения нет в данных, оно заполнено по методике (последнее известное "
        "значение региона)",
        "“imputed”: the data have no value, it was filled as the methodology says (the region's "
        "last known value)",
    ),
    "submission_template_values_sheet": ("Значения", "Values"),
    "submission_template_list_sheet": ("Показатели", "Indicators"),
    "submission_template_title": (
        "Шаблон представления данных: {region}, {period}",
        "Data submission template: {region}, {period}",
    ),
    "submission_template_note": (
        "Заполните жёлтые ячейки строки региона (срок — {due}) и загрузите файл на странице "
        "«Загрузка данных». Пустая ячейка означает «нет значения».",
        "Fill in the yellow cells of the region's row (due {due}) and upload the file on the "
        "«Upload data» page. An empty cell means «no value».",
    ),
    "submission_template_row_name": ("Показатель", "Indicator"),
    "submission_template_row_measure": ("Ед. изм.", "Unit"),
    "submission_template_row_last": ("Прошлое значение", "Previous value"),
    "submission_template_list_code": ("Код", "Code"),
    "submission_template_list_name": ("Показатель", "Indicator"),
    "submission_template_list_measure": ("Ед. изм.", "Unit"),
    "submission_template_list_last_period": ("Прошлый период", "Previous period"),
    "submission_template_list_last": ("Прошлое значение", "Previous value"),
    "upload_problems_download": (
        "Скачать список проблем (XLSX)",
        "Download the list of problems (XLSX)",
    ),
    "upload_problems_expired": (
        "Список проблем устарел или повреждён: загрузите файл ещё раз, чтобы получить новый.",
        "The list of problems has expired or is damaged: upload the file again to get a new one.",
    ),
    "upload_template_link": (
        "Шаблон для заполнения (XLSX): коды и названия регионов, коды, названия и единицы "
        "измерения показателей",
        "Template to fill in (XLSX): region codes and names, indicator codes, names and units",
    ),
    "upload_hint": (
        "Регион можно указать кодом ISO (RU-TA), кодом ОКАТО (92) или названием («Республика "
        "Татарстан», «Татарстан»). Числа — как в Excel: «58,5», «1 234,5»; ячейка в формате "
        "процентов читается так, как она видна («58,5 %» — это 58,5). Строки итогов («Итого», "
        "«Российская Федерация») не включайте.",
        "A region may be given by its ISO code (RU-TA), OKATO code (92) or its Russian name. "
        "Numbers as Excel writes them: «58,5», «1 234,5»; a percentage cell is read as it shows "
        "(«58,5 %» is 58.5). Leave out total rows (totals, the Russian Federation).",
    ),
    "template_sheet": ("Данные", "Data"),
    "template_title": (
        "Шаблон загрузки данных: {title}, версия методики {version}",
        "Data upload template: {title}, methodology version {version}",
    ),
    "template_names_row": ("Показатель", "Indicator"),
    "template_measures_row": ("Единица измерения", "Unit of measure"),
    "template_unit_column": ("Регион", "region"),
    "template_name_column": ("Наименование региона", "region_name"),
    "template_period_column": ("Период", "period"),
    "template_help_sheet": ("Как заполнить", "How to fill in"),
    "template_help_layout": (
        "Заполните лист «Данные» начиная с пятой строки: одна строка — регион и период, один "
        "столбец — показатель (его код в четвёртой строке, название и единица измерения — над "
        "ним). Пустая ячейка означает «нет значения». Строки выше заголовка не читаются.",
        "Fill in the sheet «Data» from row five: one row per region and period, one column per "
        "indicator (its code in row four, its name and unit above it). An empty cell means "
        "«no value». Rows above the header are not read.",
    ),
    "template_help_regions": (
        "Регион: код ISO (RU-TA), код ОКАТО (92 или 92000000000) или название в обычной форме "
        "(«Республика Татарстан», «Татарстан», «г. Москва», «Чувашия»).",
        "Region: ISO code (RU-TA), OKATO code (92 or 92000000000) or a usual Russian name "
        "(Republic of Tatarstan or just Tatarstan, Moscow, Chuvashia).",
    ),
    "template_help_numbers": (
        "Период: 2026Q1 (квартал) или 2026 (год). Числа: «58,5» или «58.5», разряды можно "
        "отделять пробелом («1 234,5»).",
        "Period: 2026Q1 (a quarter) or 2026 (a year). Numbers: «58,5» or «58.5»; thousands may "
        "be separated by a space («1 234,5»).",
    ),
    "template_help_percent": (
        "Доли в процентах вводите числом процентов (58,5). Ячейка в формате процентов Excel "
        "читается так, как она видна: «58,5 %» — это 58,5; для показателей не в процентах "
        "такой формат — ошибка.",
        "Shares in percent are entered as the number of percent (58.5). A cell in Excel's "
        "percent format is read as it shows: «58,5 %» is 58.5; for an indicator not in percent "
        "that format is a problem.",
    ),
    "template_help_totals": (
        "Не добавляйте строки итогов и средних («Итого», «Всего», «Российская Федерация», "
        "федеральные округа): файл с ними будет отклонён, итоги система считает сама.",
        "Do not add total or average rows (totals, the Russian Federation, federal districts): "
        "a file with them is refused; the system computes totals itself.",
    ),
    "problems_sheet": ("Проблемы", "Problems"),
    "problems_sheet_title": (
        "Файл {file} отклонён: найдено проблем {n}",
        "File {file} rejected: {n} problem(s)",
    ),
    "problems_sheet_cut": (
        "Показаны первые {shown:,} проблем из {n:,}: исправьте их и загрузите файл снова",
        "The first {shown:,} of {n:,} problems are shown: fix them and upload the file again",
    ),
    "row": ("Строка", "Row"),
    "column": ("Столбец", "Column"),
    "message": ("Сообщение", "Message"),
    "forbidden_title": ("Доступ запрещён", "Access denied"),
    "too_many_title": ("Слишком много запросов", "Too many requests"),
    "forbidden_text": (
        "У этой учётной записи нет прав на это действие. Попытка записана в журнал.",
        "This account may not do this. The attempt has been logged.",
    ),
    "csrf_failed": (
        "Форма устарела или пришла не с этого сайта. Обновите страницу и повторите.",
        "The form is stale or did not come from this site. Reload the page and retry.",
    ),
    "not_found_title": ("Не найдено", "Not found"),
    "invalid_input": ("Данные не прошли проверку", "The input did not pass validation"),
    "indicators": ("Показатели", "Indicators"),
    "robust_title": ("Насколько устойчиво место", "How robust the rank is"),
    "robust_line": (
        "Место {rank} из {n}. В 90 % вариантов расчёта — от {low} до {high} "
        "(медиана {median}); в первой десятке — в {share} вариантов.",
        "Rank {rank} of {n}. In 90% of the variants of the computation it lies between {low} "
        "and {high} (median {median}); in the top 10 in {share} of them.",
    ),
    "robust_line_same": (
        "Место {rank} из {n} — то же во всех 90 % вариантов расчёта; в первой десятке — в "
        "{share} вариантов.",
        "Rank {rank} of {n}, the same in 90% of the variants of the computation; in the top "
        "10 in {share} of them.",
    ),
    "robust_varied": (
        "Проверено на {n} вариантах расчёта, в которых менялись: {items}. Данные те же.",
        "Checked on {n} variants of the computation, varying: {items}. The data are the same.",
    ),
    "robust_none": (
        "Методика не объявляет неопределённых параметров, поэтому устойчивость места не "
        "проверялась: интервала нет.",
        "The methodology declares nothing uncertain, so the rank's robustness was not "
        "checked: there is no interval.",
    ),
    "robust_unavailable": (
        "Оценка устойчивости места недоступна: {reason}",
        "The rank's robustness is not available: {reason}",
    ),
    "varied_weights_indicators": (
        "веса показателей ±{noise} %",
        "indicator weights ±{noise}%",
    ),
    "varied_weights_sectors": ("веса направлений ±{noise} %", "sector weights ±{noise}%"),
    "varied_weights_level": (
        "веса уровня {level} ±{noise} %",
        "level {level} weights ±{noise}%",
    ),
    "varied_aggregation": ("способ свёртки ({options})", "aggregation ({options})"),
    "varied_normalisation": ("нормировка ({options})", "normalisation ({options})"),
    "varied_imputation": ("заполнение пропусков ({options})", "gap filling ({options})"),
    "varied_winsorisation": (
        "предел обработки выбросов ({options})",
        "outlier treatment limit ({options})",
    ),
    "varied_drop_indicator": (
        "исключение одного из {n} показателей",
        "leaving out one of {n} indicators",
    ),
    "method_arithmetic": ("среднее арифметическое", "arithmetic mean"),
    "method_geometric": ("среднее геометрическое", "geometric mean"),
    "method_harmonic": ("среднее гармоническое", "harmonic mean"),
    "or": ("или", "or"),
    "chart_rank": ("Место в рейтинге", "Rank"),
    "chart_rank_interval": ("90 % вариантов расчёта", "90% of the variants"),
    "chart_top": ("Топ-{top}", "Top {top}"),
    "chart_rank_title": (
        "Место {rank} из {n}, 90 % интервал {low}–{high}",
        "Rank {rank} of {n}, 90% interval {low}–{high}",
    ),
    "forecast_section": ("Прогноз индекса до {year} года", "Index forecast to {year}"),
    "fan_history": ("Факт", "Actual"),
    "fan_median": ("Прогноз (медиана)", "Forecast (median)"),
    "fan_80": ("80 % интервал", "80% interval"),
    "fan_95": ("95 % интервал", "95% interval"),
    "fan_target": ("Цель", "Target"),
    "fan_title": (
        "Индекс {first:period}–{horizon:period}: факт и прогноз с интервалами 80 и 95 %",
        "Index {first:period}–{horizon:period}: actual and forecast with 80 and 95% intervals",
    ),
    "forecast_explained": (
        "Тренд каждого показателя по кварталам {first:period}–{last:period} (затухающий) "
        "продлён до {horizon:period} и {samples} раз пересчитан по методике вместе с другими "
        "регионами. "
        "Медиана {horizon:period}: {median}; с вероятностью 80 % — от {low} до {high}.",
        "Each indicator's quarterly trend over {first:period}–{last:period} (damped) is extended "
        "to {horizon:period} and put through the methodology {samples} times with the other "
        "regions. "
        "Median {horizon:period}: {median}; with 80% probability between {low} and {high}.",
    ),
    "forecast_short": (
        "История слишком коротка ({n} периода), чтобы оценить разброс: показана только "
        "медиана, вероятности не оцениваются.",
        "The history is too short ({n} periods) to estimate the spread: only the median is "
        "shown, and no probability is estimated.",
    ),
    "forecast_unavailable": (
        "Прогноз недоступен: {reason}",
        "The forecast is not available: {reason}",
    ),
    "targets_section": (
        "Вероятность достичь целей показателей к концу года",
        "Chance of reaching the indicators' targets by the end of each year",
    ),
    "targets_year": ("Год", "Year"),
    "targets_expected": (
        "Ожидается достигнутых целей (из {n})",
        "Targets expected to be reached (of {n})",
    ),
    "targets_likely": ("Вероятно (≥ 80 %)", "Likely (≥ 80%)"),
    "targets_at_risk": ("Под угрозой (< 50 %)", "At risk (< 50%)"),
    "targets_unknown": (
        "Для показателей ({n}), у которых разброс не оценить, вероятность не считается: они "
        "не входят в строки выше.",
        "Indicators whose spread cannot be estimated ({n}) have no probability and are not "
        "counted above.",
    ),
    "targets_by_indicator": (
        "По показателям (сначала самые рискованные к {year})",
        "By indicator (riskiest by {year} first)",
    ),
    "whatif_section": ("Что если", "What if"),
    "whatif_intro": (
        "Задайте до трёх показателей: индекс, место и направления будут пересчитаны по "
        "методике вместе с другими регионами. Ничего не сохраняется.",
        "Set up to three indicators: the index, rank and sectors are recomputed by the "
        "methodology with the other regions. Nothing is saved.",
    ),
    "whatif_choose": ("— показатель —", "— indicator —"),
    "whatif_new_value": ("Новое значение", "New value"),
    "whatif_to_target": ("до цели", "to target"),
    "whatif_period": ("Когда", "When"),
    "whatif_period_now": ("{period:period} (последний рейтинг)", "{period:period} (latest rating)"),
    "whatif_period_year": (
        "к концу {year} года, от прогноза",
        "by the end of {year}, forecast",
    ),
    "whatif_submit": ("Пересчитать", "Recompute"),
    "whatif_page_title": ("Что если: {name}", "What if: {name}"),
    "whatif_back": ("← Профиль региона", "← Region profile"),
    "whatif_empty": (
        "Выберите показатель и задайте значение или отметьте «до цели».",
        "Pick an indicator and give a value or tick 'to target'.",
    ),
    "whatif_rejected": (
        "Изменения не приняты: найдено проблем {n}. Ничего не пересчитано.",
        "The changes were not accepted: {n} problem(s). Nothing was recomputed.",
    ),
    "whatif_result": ("Результат, {period:period}", "Result, {period:period}"),
    "whatif_projected_note": (
        "Период {period:period} позже последних данных: «до» — это прогноз без изменений.",
        "Period {period:period} is after the latest data: 'before' is the forecast with no change.",
    ),
    "whatif_rank_line": (
        "Место: {before} → {after} из {n}",
        "Rank: {before} → {after} of {n}",
    ),
    "whatif_changed": ("Изменённые показатели", "Changed indicators"),
    "whatif_option": (
        "{name} · сейчас {value}, цель {target}",
        "{name} · now {value}, target {target}",
    ),
    "analysis_recomputing": (
        "Данные обновились: показан расчёт по прежнему рейтингу, новый уже считается — "
        "обновите страницу через минуту",
        "The data changed: this is the previous rating's analysis; the new one is being "
        "computed — reload the page in a minute",
    ),
}
