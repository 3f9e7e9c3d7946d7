"""Words of the feedback platform's figures and dashboard pages.

`WORDS` are labels and messages; `PROBLEMS` are located problems, by their stable code."""

WORDS: dict[str, tuple[str, str]] = {
    # the region's feedback page (/regions/{code}/feedback)
    "figures_title": ("{region}: обратная связь", "{region}: feedback"),
    "figures_as_of": (
        "Данные платформы обратной связи на {when:moment}",
        "Feedback platform data as of {when:moment}",
    ),
    "figures_on_time": ("Ответы в срок", "Answered on time"),
    "figures_on_time_of": (
        "{period:period}: {value} ответов в срок (цель {target})",
        "{period:period}: {value} answered on time (target {target})",
    ),
    "figures_on_time_no_target": (
        "{period:period}: {value} ответов в срок",
        "{period:period}: {value} answered on time",
    ),
    "figures_no_on_time": (
        "Пока нет обращений с наступившим сроком ответа",
        "No case has reached its deadline yet",
    ),
    "figures_backlog": ("Открытые обращения", "Open cases"),
    "figures_backlog_of": (
        "открыто, из них просрочено: {overdue:,}",
        "open, of them overdue: {overdue:,}",
    ),
    "figures_by_body": ("Просрочка по органам", "Overdue by body"),
    "figures_by_category": ("Просрочка по категориям", "Overdue by category"),
    "figures_body": ("Орган", "Body"),
    "figures_category": ("Категория", "Category"),
    "figures_triage": ("Не распределено (разбор)", "Not routed (triage)"),
    "figures_open": ("Открыто", "Open"),
    "figures_no_backlog": ("Открытых обращений нет", "No open cases"),
    "figures_trend": ("Ответы в срок по кварталам, %", "Answered on time by quarter, %"),
    "figures_trend_table": ("Показатели по кварталам подачи", "Figures by quarter of submission"),
    "figures_quarter": ("Квартал подачи", "Quarter of submission"),
    "figures_first_response": ("Первый отклик, ч (медиана)", "First response, h (median)"),
    "figures_answer_days": ("Срок ответа, дн. (медиана)", "Time to answer, days (median)"),
    "figures_reopened": ("Переоткрыто, %", "Reopened, %"),
    "figures_rating": ("Оценка (1–5)", "Rating (1–5)"),
    "figures_forwarded": ("Перенаправлено, %", "Forwarded, %"),
    "figures_no_cases_yet": (
        "В регионе пока нет обращений на платформе",
        "The region has no case on the platform yet",
    ),
    "figures_rule": (
        "В срок — доля ответов не позже срока среди отвеченных и просроченных без ответа; "
        "квартал — квартал подачи; последние кварталы предварительные, пока не истекли их сроки. "
        "Эта доля — показатель индекса gov_pos_on_time.",
        "On time: answers by the deadline among the answered and the unanswered past it; the "
        "quarter is that of submission; the latest quarters are provisional until their "
        "deadlines pass. This share is the index indicator gov_pos_on_time.",
    ),
    # the federal view's columns
    "figures_federal_title": (
        "Обратная связь: ответы в срок и просрочка по регионам",
        "Feedback: answered on time and overdue by region",
    ),
    "figures_federal_on_time": ("Ответы в срок, %", "Answered on time, %"),
    "figures_federal_period": ("Квартал", "Quarter"),
    "figures_federal_open": ("Открыто обращений", "Open cases"),
    "figures_federal_overdue": ("Просрочено обращений", "Overdue cases"),
    "figures_federal_none": ("Обращений на платформе пока нет", "No case on the platform yet"),
    "figures_platform_title": (
        "Формулы над обращениями платформы ({engine}, на {when:moment})",
        "Formulas over the platform's cases ({engine}, as of {when:moment})",
    ),
    "figures_shown_only": (
        "Формула {formula} не сохраняется: показателя {indicator} нет в методике, "
        "он показан на странице обратной связи",
        "Formula {formula} is not stored: the methodology has no indicator {indicator}; "
        "it is shown on the feedback page",
    ),
    "figures_dir_or_platform": (
        "укажите папку витрин или --from-platform (но не то и другое); --as-of — только с "
        "--from-platform",
        "give a folder of marts or --from-platform (not both); --as-of goes with --from-platform",
    ),
}

PROBLEMS: dict[str, tuple[str, str]] = {
    "figures_no_cases": (
        "на платформе обратной связи нет ни одного обращения, поданного до {when:moment}",
        "the feedback platform holds no case submitted by {when:moment}",
    ),
}
