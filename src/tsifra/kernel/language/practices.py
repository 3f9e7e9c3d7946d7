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
    "practice_stage_same": (
        "практика уже на этом этапе",
        "the practice is at this stage already",
    ),
}
