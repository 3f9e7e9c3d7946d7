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

PROBLEMS: dict[str, tuple[str, str]] = {}
