"""Words of a region's plan («цифровая прокачка»): candidates, scores, the expected index, tasks.

`WORDS` are labels and messages; `PROBLEMS` are located problems, by their stable code."""

WORDS: dict[str, tuple[str, str]] = {
    # the region's list of plans
    "plan_region_link": ("Планы «цифровой прокачки»", "Digital upgrade plans"),
    "plan_list_title": (
        "Планы «цифровой прокачки»: {region}",
        "Digital upgrade plans: {region}",
    ),
    "plan_list_intro": (
        "План — это выбранные практики для самых больших разрывов региона: сколько баллов "
        "индекса на кону, кто уже решил задачу, сколько это стоило и сработало ли.",
        "A plan is a set of practices chosen for the region's largest gaps: how many index "
        "points are at stake, who has already solved it, what it cost and whether it worked.",
    ),
    "plan_none": ("Планов пока нет", "No plans yet"),
    "plan_new": ("Новый план", "New plan"),
    "plan_target_year": ("Целевой год", "Target year"),
    "plan_title_field": ("Название (необязательно)", "Title (optional)"),
    "plan_create": ("Создать план", "Create the plan"),
    "plan_col_plan": ("План", "Plan"),
    "plan_col_year": ("Год", "Year"),
    "plan_col_status": ("Статус", "Status"),
    "plan_col_items": ("Практик", "Practices"),
    "plan_col_expected": ("Ожидаемый индекс", "Expected index"),
    "plan_col_created": ("Создан", "Created"),
    "plan_status_draft": ("черновик", "draft"),
    "plan_status_accepted": ("принят", "accepted"),
    "plan_status_cancelled": ("отменён", "cancelled"),
    "plan_number": ("План №{id}", "Plan No. {id}"),
    "plan_of_task": ("План", "Plan"),
    "plan_default_title": ("{region}: план на {year} год", "{region}: plan for {year}"),
    # one plan's page
    "plan_back": ("Все планы региона", "All the region's plans"),
    "plan_facts_created": ("Создан {when:moment}, {who}", "Created {when:moment} by {who}"),
    "plan_facts_accepted": ("Принят {when:moment}, {who}", "Accepted {when:moment} by {who}"),
    "plan_expected_title": ("Индекс и место в {year} году", "Index and place in {year}"),
    "plan_expected_without": ("Без плана (прогноз)", "Without the plan (forecast)"),
    "plan_expected_with": ("С планом", "With the plan"),
    "plan_expected_kept": ("Обещано при принятии", "Promised at acceptance"),
    "plan_expected_index": ("Индекс", "Index"),
    "plan_expected_rank": ("Место", "Place"),
    "plan_expected_rule": (
        "Ожидаемые значения — расчёт «что если» на прогнозе {period:period}: выбранные "
        "показатели принимают ожидаемые значения, остальные регионы — свой прогноз.",
        "Expected figures are what-if on the forecast for {period:period}: the chosen "
        "indicators take their expected values, the other regions their forecast.",
    ),
    "plan_chosen_title": ("Выбранные практики", "Chosen practices"),
    "plan_chosen_none": (
        "Практики ещё не выбраны: выберите их среди кандидатов ниже.",
        "No practice chosen yet: choose among the candidates below.",
    ),
    "plan_col_indicator": ("Показатель", "Indicator"),
    "plan_col_practice": ("Практика", "Practice"),
    "plan_col_expected_value": ("Ожидаемое значение", "Expected value"),
    "plan_col_responsible": ("Ответственный", "Responsible"),
    "plan_col_deadline": ("Срок", "Deadline"),
    "plan_col_task": ("Поручение", "Task"),
    "plan_deadline_default": ("31.12 целевого года", "31 Dec of the target year"),
    "plan_remove": ("Убрать", "Remove"),
    "plan_accept_title": ("Принять план", "Accept the plan"),
    "plan_accept_text": (
        "Каждая выбранная практика станет поручением региона со сроком, ответственным и "
        "целевым значением показателя; после принятия план не меняется.",
        "Each chosen practice becomes a task of the region with its deadline, responsible and "
        "target value; once accepted the plan no longer changes.",
    ),
    "plan_accept": ("Принять и создать поручения", "Accept and create the tasks"),
    "plan_accepted_note": (
        "План принят: поручения созданы, изменения закрыты.",
        "The plan is accepted: its tasks are created, it no longer changes.",
    ),
    "plan_candidates_title": ("Разрывы и кандидаты", "Gaps and candidates"),
    "plan_candidates_rule": (
        "Показатели упорядочены по баллам индекса на кону (разрыв до цели × вес); для каждого — "
        "практики, которые сдвинули его в других регионах, по эффекту на 1 млн ₽ затрат "
        "(капитальные + ежегодные × {years} г.), затем по подтверждённым тиражированиям.",
        "Indicators are ordered by index points at stake (gap to target × weight); for each, "
        "the practices that moved it in other regions, by effect per RUB 1 million of cost "
        "(capital + yearly × {years} yr), then by verified replications.",
    ),
    "plan_caveat": (
        "Измеренный эффект — сравнение «до» и «после» внедрения, а не доказанная причина: "
        "показатели меняются и по другим причинам.",
        "The measured effect compares before and after, it does not prove the cause: "
        "indicators move for other reasons too.",
    ),
    "plan_gap_heading": (
        "{n}. {name}: {points:.2f} балла индекса на кону",
        "{n}. {name}: {points:.2f} index points at stake",
    ),
    "plan_gap_values": ("сейчас {value}, цель {target}", "now {value}, target {target}"),
    "plan_gap_no_practices": (
        "Практик с измеренным эффектом по этому показателю в других регионах пока нет.",
        "No practice with a measured effect on this indicator elsewhere yet.",
    ),
    "plan_more_candidates": (
        "и ещё {n} практик ниже по эффекту на затраты — все в API",
        "and {n} more practices lower by effect per cost — all of them in the API",
    ),
    "plan_no_gaps": (
        "Все показатели региона достигли целей: разрывов нет.",
        "Every indicator of the region meets its target: no gaps.",
    ),
    "plan_col_stage": ("Стадия", "Stage"),
    "plan_stage_idea": ("идея", "idea"),
    "plan_stage_pilot": ("пилот", "pilot"),
    "plan_stage_production": ("эксплуатация", "production"),
    "plan_stage_scaled": ("тиражирована", "scaled"),
    "plan_stage_retired": ("выведена", "retired"),
    "plan_col_effect": ("Эффект", "Effect"),
    "plan_col_where": ("Где измерен", "Measured in"),
    "plan_col_cost": ("Затраты", "Cost"),
    "plan_col_per_million": ("Эффект на 1 млн ₽", "Effect per RUB 1 million"),
    "plan_col_replications": ("Тиражирования", "Replications"),
    "plan_col_scores": ("Оценки экспертов", "Experts' scores"),
    "plan_col_actions": ("Действия", "Actions"),
    "plan_stale": ("не проверялась больше года", "not verified for over a year"),
    "plan_verified": ("проверена {when:day}", "verified {when:day}"),
    "plan_scores_summary": (
        "среднее {mean:.2f}, разброс {low}–{high}, σ {sd:.2f}, экспертов: {n}",
        "mean {mean:.2f}, range {low}–{high}, σ {sd:.2f}, experts: {n}",
    ),
    "plan_scores_none": ("оценок нет", "no scores"),
    "plan_choose": ("Выбрать", "Choose"),
    "plan_chosen_mark": ("выбрана", "chosen"),
    "plan_score": ("Оценка", "Score"),
    "plan_score_comment": ("Комментарий", "Comment"),
    "plan_score_send": ("Оценить", "Score"),
    "plan_your_score": ("ваша оценка: {score}", "your score: {score}"),
    "plan_task_title": ("{practice}: {indicator}", "{practice}: {indicator}"),
    "plan_projected": ("по прогнозу", "forecast"),
}

PROBLEMS: dict[str, tuple[str, str]] = {
    "plan_unknown": ("плана №{value} нет", "there is no plan No. {value}"),
    "plan_bad_year": (
        "целевой год {value} вне допустимых (с текущего года на десять лет вперёд)",
        "target year {value} is out of range (this year up to ten years ahead)",
    ),
    "plan_title_too_long": (
        "название длиннее 500 символов",
        "the title is longer than 500 characters",
    ),
    "plan_not_draft": (
        "план №{value} уже принят и не меняется",
        "plan No. {value} is accepted and no longer changes",
    ),
    "plan_not_candidate": (
        "практика «{value}» не кандидат этого плана по этому показателю",
        "practice '{value}' is not a candidate of this plan for this indicator",
    ),
    "plan_value_needed": (
        "укажите ожидаемое значение: у региона нет текущего значения и цели",
        "give the expected value: the region has neither a current value nor a target",
    ),
    "plan_responsible_too_long": (
        "ответственный длиннее 255 символов",
        "the responsible is longer than 255 characters",
    ),
    "plan_deadline_after_year": (
        "срок {value:day} позже целевого года плана",
        "deadline {value:day} is after the plan's target year",
    ),
    "plan_item_exists": (
        "эта практика уже выбрана для этого показателя",
        "this practice is already chosen for this indicator",
    ),
    "plan_item_unknown": ("в плане нет выбора №{value}", "the plan has no choice No. {value}"),
    "plan_empty": (
        "в плане №{value} не выбрано ни одной практики",
        "plan No. {value} has no practice chosen",
    ),
    "plan_bad_score": (
        "оценка {value} — нужна целая от 1 до 5",
        "score {value}: a whole number from 1 to 5 is needed",
    ),
    "plan_comment_too_long": (
        "комментарий длиннее 2000 символов",
        "the comment is longer than 2000 characters",
    ),
    "plan_bad_value": ("«{value}» — не число", "'{value}' is not a number"),
    "plan_bad_date": ("«{value}» — не дата", "'{value}' is not a date"),
}
