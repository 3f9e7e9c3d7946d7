"""Words of the registry of practices: records, stages, replications, effects, files.

`WORDS` are labels and messages; `PROBLEMS` are located problems, by their stable code."""

WORDS: dict[str, tuple[str, str]] = {
    # vocabulary (`practices.vocabulary`)
    "practice_sector_health": ("Здравоохранение", "Healthcare"),
    "practice_sector_education": ("Образование", "Education"),
    "practice_sector_gov": ("Государственное управление", "Public administration"),
    "practice_sector_transport": ("Транспорт", "Transport"),
    "practice_sector_city": ("Городская среда", "Urban environment"),
    "practice_sector_other": ("Другое", "Other"),
    "practice_ai_vision": ("Компьютерное зрение", "Computer vision"),
    "practice_ai_text": ("Обработка текста", "Text processing"),
    "practice_ai_speech": ("Распознавание и синтез речи", "Speech"),
    "practice_ai_prediction": ("Прогнозирование", "Prediction"),
    "practice_ai_recommendation": ("Рекомендательные системы", "Recommendation"),
    "practice_ai_none": ("Не ИИ", "Not AI"),
    "practice_stage_idea": ("Идея", "Idea"),
    "practice_stage_pilot": ("Пилот", "Pilot"),
    "practice_stage_production": ("Промышленная эксплуатация", "Production"),
    "practice_stage_scaled": ("Тиражирование", "Scaled"),
    "practice_stage_retired": ("Выведена из эксплуатации", "Retired"),
    "practice_replication_planned": ("Запланировано", "Planned"),
    "practice_replication_pilot": ("Пилот", "Pilot"),
    "practice_replication_production": ("В эксплуатации", "In production"),
    "practice_replication_stopped": ("Прекращено", "Stopped"),
    "practice_evidence_link": ("Ссылка", "Link"),
    "practice_evidence_report": ("Отчёт", "Report"),
    "practice_evidence_act": ("Акт", "Act"),
    "practice_evidence_contract": ("Контракт", "Contract"),
    "practice_evidence_other": ("Другое", "Other"),
    # the measured effect (`practices.effects`)
    "practice_effect_caveat": (
        "Измеренный эффект — это разница значений показателя до начала практики и сейчас; "
        "это не доказательство причины: показатели меняются и по другим причинам.",
        "The measured effect is the difference between the indicator's value before the "
        "practice began and now; it does not prove cause: other causes move indicators too.",
    ),
    # publiccode.yml (`practices.publiccode`)
    "practice_pc_summary": (
        "Практика реестра «Цифры»: {sector}; {kind}; этап: {stage}; регионов: {regions}.",
        "A practice of Tsifra's registry: {sector}; {kind}; stage: {stage}; regions: {regions}.",
    ),
    "practice_pc_problem": ("Решаемая проблема: {problem}", "Problem solved: {problem}"),
    "practice_pc_replications": (
        "Тиражирований, подтверждённых контрактом или актом: {count}.",
        "Replications proven by a contract or an act: {count}.",
    ),
    "practice_pc_effect": (
        "Измеренный эффект на связанные показатели: {effect:+.1f} % к значению до внедрения.",
        "Measured effect on the linked indicators: {effect:+.1f} % of the value before.",
    ),
    "practice_pc_registry": (
        "Продукт включён в реестр российского ПО, номер записи {number}.",
        "The product is in the Russian software registry, entry no. {number}.",
    ),
    "practice_pc_source": (
        "Описание составлено по записи реестра цифровых практик регионов платформы «Цифра»; "
        "подробности — на странице практики.",
        "This description is drawn from the record in Tsifra's registry of regional digital "
        "practices; the practice's page has the details (in Russian).",
    ),
    # the command line (`cli.practices`)
    "practice_cli_imported": (
        "Практик создано: {created}, обновлено: {updated}; тиражирований добавлено: {added}, "
        "обновлено: {changed}.",
        "Practices created: {created}, updated: {updated}; replications added: {added}, "
        "updated: {changed}.",
    ),
    "practice_cli_written": ("Записано: {path}", "Written: {path}"),
    "practice_cli_publiccode": (
        "Решений в publiccode.yml: {n} → {path}",
        "Solutions as publiccode.yml: {n} → {path}",
    ),
    "practice_cli_effects_refreshed": (
        "Эффекты пересчитаны; практик с измеренным эффектом: {n}.",
        "Effects recomputed; practices with a measured effect: {n}.",
    ),
    "practice_cli_effects_current": (
        "Данные не менялись, эффекты актуальны; практик с измеренным эффектом: {n}.",
        "Nothing changed, the effects are current; practices with a measured effect: {n}.",
    ),
    # the workbook (`practices.sheet_columns`)
    "practice_sheet_practices": ("Практики", "Practices"),
    "practice_sheet_indicators": ("Показатели", "Indicators"),
    "practice_sheet_replications": ("Тиражирование", "Replications"),
    "practice_sheet_evidence": ("Подтверждения", "Evidence"),
    "practice_sheet_effects": ("Измеренный эффект", "Measured effect"),
    "practice_col_id": ("Номер", "No."),
    "practice_col_title": ("Название", "Title"),
    "practice_col_sector": ("Сектор", "Sector"),
    "practice_col_ai_kind": ("Вид ИИ", "AI kind"),
    "practice_col_stage": ("Этап", "Stage"),
    "practice_col_stage_since": ("Этап с", "Stage since"),
    "practice_col_regions": ("Регионы", "Regions"),
    "practice_col_owner_agency": ("Ведомство-владелец", "Owner agency"),
    "practice_col_description": ("Описание", "Description"),
    "practice_col_problem": ("Решаемая проблема", "Problem solved"),
    "practice_col_cofog": ("COFOG", "COFOG"),
    "practice_col_technologies": ("Технологии", "Technologies"),
    "practice_col_capex": ("Капитальные затраты, ₽", "Capital cost, ₽"),
    "practice_col_opex": ("Эксплуатационные затраты, ₽ в год", "Running cost, ₽ a year"),
    "practice_col_software": ("Программный продукт", "Software"),
    "practice_col_software_registry": (
        "Номер в реестре российского ПО",
        "Russian software registry no.",
    ),
    "practice_col_url": ("Сайт", "Website"),
    "practice_col_licence": ("Лицензия", "Licence"),
    "practice_col_verified_at": ("Проверено", "Verified on"),
    "practice_col_effect": ("Измеренный эффект, %", "Measured effect, %"),
    "practice_col_replication_count": (
        "Тиражирований с подтверждением",
        "Replications with evidence",
    ),
    "practice_col_stale": ("Устарело", "Stale"),
    "practice_col_practice": ("Номер практики", "Practice no."),
    "practice_col_practice_title": ("Название практики", "Practice title"),
    "practice_col_indicator": ("Показатель", "Indicator"),
    "practice_col_expected_effect": ("Ожидаемый эффект", "Expected effect"),
    "practice_col_replication_id": ("Номер тиражирования", "Replication no."),
    "practice_col_region": ("Регион", "Region"),
    "practice_col_agency": ("Ведомство", "Agency"),
    "practice_col_started_on": ("Начало", "Started on"),
    "practice_col_status": ("Статус", "Status"),
    "practice_col_evidence_kind": ("Вид подтверждения", "Evidence kind"),
    "practice_col_evidence_number": ("Номер документа", "Document no."),
    "practice_col_evidence_date": ("Дата документа", "Document date"),
    "practice_col_evidence_url": ("Ссылка", "Link"),
    "practice_col_sha256": ("SHA-256 файла", "File SHA-256"),
    "practice_col_evidence_title": ("Название документа", "Document title"),
    "practice_col_counted": ("Учитывается", "Counted"),
    "practice_col_before_period": ("Период до", "Period before"),
    "practice_col_before": ("Значение до", "Value before"),
    "practice_col_after_period": ("Период после", "Period after"),
    "practice_col_after": ("Значение после", "Value after"),
    "practice_col_measured": ("Изменение", "Change"),
}

PROBLEMS: dict[str, tuple[str, str]] = {
    # a practice or a replication as drafted (`practices.drafts`)
    "practice_title": (
        "нужно название практики длиной до {limit} символов",
        "a practice needs a title of up to {limit} characters",
    ),
    "practice_text_too_long": (
        "текст длиннее {limit} символов",
        "the text is longer than {limit} characters",
    ),
    "practice_bad_url": (
        "«{value}» не ссылка: нужен адрес, начинающийся с http:// или https://",
        "'{value}' is not a link: an address starting with http:// or https:// is needed",
    ),
    "practice_bad_sha256": (
        "«{value}» не SHA-256 файла: нужны 64 шестнадцатеричные цифры",
        "'{value}' is not a file's SHA-256: 64 hexadecimal digits are needed",
    ),
    "practice_future_date": (
        "дата {value:day} ещё не наступила",
        "the date {value:day} has not come yet",
    ),
    "practice_bad_cost": (
        "стоимость {value} недопустима: нужна сумма в рублях не меньше нуля",
        "the cost {value} is not valid: an amount in roubles of zero or more is needed",
    ),
    "practice_bad_cofog": (
        "код COFOG «{value}» неверен: нужен вид 07 или 07.3",
        "the COFOG code '{value}' is not valid: write it as 07 or 07.3",
    ),
    "practice_too_many": (
        "слишком много значений: не больше {limit}",
        "too many values: at most {limit}",
    ),
    "practice_bad_technology": (
        "технология «{value}» пуста или длиннее 100 символов",
        "the technology '{value}' is empty or longer than 100 characters",
    ),
    "practice_bad_registry": (
        "номер в реестре российского ПО «{value}» должен состоять из цифр",
        "the Russian software registry number '{value}' must be digits",
    ),
    "practice_indicator_twice": (
        "показатель «{value}» указан дважды",
        "the indicator '{value}' is given twice",
    ),
    "practice_bad_number": (
        "«{value}» не число",
        "'{value}' is not a number",
    ),
    "practice_evidence_title": (
        "у подтверждения нужно название длиной до {limit} символов",
        "evidence needs a title of up to {limit} characters",
    ),
    "practice_evidence_empty": (
        "у подтверждения нужна ссылка или файл",
        "evidence needs a link or a file",
    ),
    # the records (`practices.records`)
    "practice_unknown": (
        "практики №{value} нет в реестре",
        "there is no practice no. {value} in the registry",
    ),
    "practice_stage_before": (
        "этап не может начаться {value:day}, раньше действующего (с {last:day})",
        "a stage cannot begin on {value:day}, before the one in force (since {last:day})",
    ),
    # the workbook (`practices.sheet_import`)
    "practice_sheet_unreadable": (
        "файл не читается как книга Excel (XLSX)",
        "the file cannot be read as an Excel workbook (XLSX)",
    ),
    "practice_sheet_missing": (
        "в книге нет листа «{value}»",
        "the workbook has no sheet '{value}'",
    ),
    "practice_sheet_no_header": (
        "не найдена строка заголовков; нужны столбцы: {columns}",
        "no header row found; the columns needed: {columns}",
    ),
    "practice_sheet_no_column": (
        "нет столбца «{value}»",
        "there is no column '{value}'",
    ),
    "practice_sheet_too_long": (
        "на листе больше {limit:,} строк",
        "the sheet has more than {limit:,} rows",
    ),
    "practice_cell_missing": ("ячейка пуста, а значение обязательно", "the cell is empty"),
    "practice_bad_date": (
        "«{value}» не дата: нужна дата Excel или вид 30.06.2026",
        "'{value}' is not a date: an Excel date or 30.06.2026 is needed",
    ),
    "practice_row_twice": (
        "практика №{value} встречается в файле дважды",
        "practice no. {value} is in the file twice",
    ),
    "practice_not_in_file": (
        "практики «{value}» нет на листе практик (или название встречается не один раз)",
        "practice '{value}' is not on the sheet of practices (or its title is there twice)",
    ),
    "practice_replication_unknown": (
        "тиражирования №{value} у этой практики нет",
        "this practice has no replication no. {value}",
    ),
    "practice_region_not_yours": (
        "регион не ваш: оператор пишет только о своём регионе",
        "not your region: an operator writes about their own region only",
    ),
    "practice_stage_same": (
        "практика уже на этом этапе",
        "the practice is at this stage already",
    ),
}
