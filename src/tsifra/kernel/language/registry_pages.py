"""Words of the registry's pages and API: the list, a practice's card, the forms.

`WORDS` are labels and messages; `PROBLEMS` are located problems, by their stable code."""

WORDS: dict[str, tuple[str, str]] = {
    # the list: search, facets, sort, pages
    "registry_title": ("Реестр практик", "Registry of practices"),
    "registry_nav": ("Практики", "Practices"),
    "registry_intro": (
        "Цифровые и ИИ-решения регионов: что решают, во что обходятся, как изменили показатели "
        "и где повторены.",
        "Digital and AI solutions of the regions: what they solve, what they cost, how they "
        "moved the indicators and where they were replicated.",
    ),
    "registry_search": ("Поиск", "Search"),
    "registry_find": ("Найти", "Find"),
    "registry_sort": ("Порядок", "Order"),
    "registry_sort_auto": (
        "по соответствию запросу, без запроса — по эффекту",
        "by relevance, without words by effect",
    ),
    "registry_sort_effect": ("по измеренному эффекту", "by measured effect"),
    "registry_sort_relevance": ("по соответствию запросу", "by relevance"),
    "registry_sort_verified": ("по дате проверки", "by date verified"),
    "registry_sort_title": ("по названию", "by title"),
    "registry_facets": ("Отбор", "Filters"),
    "registry_facet_sector": ("Направление", "Direction"),
    "registry_facet_ai_kind": ("Вид ИИ", "Kind of AI"),
    "registry_facet_stage": ("Стадия", "Stage"),
    "registry_facet_region": ("Регион", "Region"),
    "registry_facet_indicator": ("Показатель, который изменила", "Indicator moved"),
    "registry_apply": ("Применить отбор", "Apply filters"),
    "registry_reset": ("Сбросить поиск и отбор", "Clear search and filters"),
    "registry_found": ("Найдено практик: {n:,}", "Practices found: {n:,}"),
    "registry_nothing": (
        "Ничего не найдено: измените запрос или снимите часть отбора.",
        "Nothing found: change the query or clear some filters.",
    ),
    "registry_pages": ("Страницы", "Pages"),
    "registry_previous": ("Назад", "Previous"),
    "registry_next": ("Дальше", "Next"),
    "registry_page_of": ("Страница {page:,} из {pages:,}", "Page {page:,} of {pages:,}"),
    "registry_effect": ("Измеренный эффект", "Measured effect"),
    "registry_effect_none": ("не измерен", "not measured"),
    "registry_caveat_mark": ("до/после", "before/after"),
    "registry_caveat_list": (
        "эффект — средняя разница значений связанных показателей до и после внедрения, в % от "
        "значения «до», с учётом направления показателя; на неё влияют и другие причины.",
        "the effect is the mean difference of the linked indicators' values before and after "
        "the practice, in % of the value before, by each indicator's direction; other causes "
        "move indicators too.",
    ),
    "registry_replications_counted": ("Подтверждённых тиражирований", "Evidenced replications"),
    "registry_stale": ("не проверено более 12 мес.", "not verified for over 12 months"),
    "registry_download_xlsx": ("Весь реестр (XLSX)", "The whole registry (XLSX)"),
    "registry_download_publiccode": ("Решения в publiccode.yml", "Solutions as publiccode.yml"),
    "registry_add": ("Добавить практику", "Add a practice"),
    "registry_import": ("Загрузить из XLSX", "Import from XLSX"),
    # a practice's card
    "registry_verified_at": ("Проверено", "Verified"),
    "registry_verify": ("Отметить как проверенную сегодня", "Mark as verified today"),
    "registry_edit": ("Изменить", "Edit"),
    "registry_add_replication": ("Добавить тиражирование", "Add a replication"),
    "registry_field_title": ("Название", "Title"),
    "registry_field_problem": ("Какую проблему решает", "The problem it solves"),
    "registry_field_description": ("Описание", "Description"),
    "registry_field_regions": ("Регионы", "Regions"),
    "registry_field_owner": ("Ведомство-владелец", "Owner agency"),
    "registry_field_sector": ("Направление", "Direction"),
    "registry_field_cofog": ("Код КФОГУ (COFOG)", "COFOG code"),
    "registry_cofog": ("КФОГУ", "COFOG"),
    "registry_field_ai": ("Искусственный интеллект", "Artificial intelligence"),
    "registry_field_technologies": ("Технологии", "Technologies"),
    "registry_technologies_help": ("Через запятую: ГИС, OCR", "Comma-separated: GIS, OCR"),
    "registry_field_capex": ("Затраты на внедрение", "Capital cost"),
    "registry_field_opex": ("Затраты в год", "Yearly cost"),
    "registry_field_software": ("Программное обеспечение", "Software"),
    "registry_software_registry": (
        "№ в реестре российского ПО",
        "No. in the Russian software registry",
    ),
    "registry_field_url": ("Сайт или репозиторий", "Website or repository"),
    "registry_field_licence": ("Лицензия (SPDX)", "Licence (SPDX)"),
    "registry_measured_title": ("Показатели и измеренный эффект", "Indicators and measured effect"),
    "registry_caveat": (
        "Измеренный эффект — разница значений показателя до и после внедрения; на неё влияют и "
        "другие причины.",
        "The measured effect is the difference of the indicator's values before and after the "
        "practice; other causes move it too.",
    ),
    "registry_expected": ("Ожидаемый эффект", "Expected effect"),
    "registry_before": ("До (период)", "Before (period)"),
    "registry_after": ("После (период)", "After (period)"),
    "registry_difference": ("Разница", "Difference"),
    "registry_not_measured": (
        "Не измерен: нет значений до и после перехода в пилот",
        "Not measured: no values before and after the pilot began",
    ),
    "registry_effect_summary": (
        "Сводный эффект (среднее, % от значения «до», с учётом направления)",
        "Summary effect (mean, % of the value before, by direction)",
    ),
    "registry_no_indicators": (
        "Практика не связана с показателями.",
        "The practice is linked to no indicator.",
    ),
    "registry_replications_title": ("Тиражирование", "Replications"),
    "registry_rep_agency": ("Ведомство", "Agency"),
    "registry_rep_started": ("Начато", "Started"),
    "registry_rep_evidence": ("Подтверждение", "Evidence"),
    "registry_rep_counted": ("Учтено", "Counted"),
    "registry_rep_yes": ("учтено", "counted"),
    "registry_uncounted_no_evidence": (
        "не учтено: нет контракта или акта",
        "not counted: no contract or act",
    ),
    "registry_uncounted_no_details": (
        "не учтено: у документа нет номера с датой, ссылки или файла",
        "not counted: the document has no number with a date, link or file",
    ),
    "registry_of_date": ("от", "of"),
    "registry_link": ("Ссылка", "Link"),
    "registry_no_replications": ("Тиражирований пока нет.", "No replications yet."),
    "registry_evidence_title": ("Подтверждающие материалы", "Evidence"),
    "registry_evidence_kind": ("Вид", "Kind"),
    "registry_evidence_name": ("Название документа", "Document title"),
    "registry_stages_title": ("История стадий", "Stage history"),
    "registry_stage": ("Стадия", "Stage"),
    "registry_since": ("С даты", "Since"),
    "registry_stage_who": ("Кто записал", "Recorded by"),
    "registry_stage_note": ("Примечание", "Note"),
    "registry_new_stage": ("Новая стадия", "New stage"),
    "registry_change_stage": ("Записать смену стадии", "Record the change of stage"),
    # the forms
    "registry_new_title": ("Новая практика", "New practice"),
    "registry_edit_title": ("Изменение практики", "Editing a practice"),
    "registry_form_refused": (
        "Практика не сохранена: исправьте отмеченные поля.",
        "The practice was not saved: correct the fields marked.",
    ),
    "registry_indicators_legend": (
        "Показатели, которые практика должна изменить",
        "Indicators the practice is meant to move",
    ),
    "registry_save": ("Сохранить", "Save"),
    "registry_replication_title": ("Новое тиражирование", "New replication"),
    "registry_replication_rule": (
        "Тиражирование учитывается, только если указан контракт или акт: его номер с датой, "
        "ссылка на него или файл.",
        "A replication counts only with a contract or an act: its number with its date, a link "
        "to it or a file.",
    ),
    "registry_rep_no_evidence": ("нет документа", "no document"),
    "registry_rep_number": ("Номер документа", "Document number"),
    "registry_rep_date": ("Дата документа", "Document date"),
    "registry_import_title": ("Загрузка реестра из XLSX", "Importing the registry from XLSX"),
    "registry_import_help": (
        "Файл в формате выгрузки реестра; строка с номером практики обновляет её. Файл "
        "проверяется целиком: если есть ошибки, ничего не записывается.",
        "A workbook as the registry exports it; a row with a practice's number updates it. The "
        "whole file is checked first: with any problem, nothing is written.",
    ),
    "registry_imported": (
        "Загружено: новых практик {created:,}, обновлено {updated:,}, тиражирований "
        "{replications:,}.",
        "Imported: {created:,} new practices, {updated:,} updated, {replications:,} replications.",
    ),
    "registry_import_refused": (
        "Файл не загружен: исправьте ошибки и загрузите его снова.",
        "The file was not imported: correct the problems and upload it again.",
    ),
    "registry_import_problems": ("Ошибки в файле", "Problems in the file"),
    "registry_sheet": ("Файл и лист", "File and sheet"),
}

PROBLEMS: dict[str, tuple[str, str]] = {
    "registry_bad_number": (
        "«{value}» — не число: введите, например, 1 250 000,50",
        "«{value}» is not a number: type, e.g., 1250000.50",
    ),
    "registry_bad_date": (
        "«{value}» — не дата: введите, например, 30.06.2026",
        "«{value}» is not a date: type, e.g., 30.06.2026",
    ),
    "registry_date_required": ("Укажите дату", "Give a date"),
    "registry_file_too_big": (
        "Файл слишком велик для загрузки",
        "The file is too big to upload",
    ),
}
