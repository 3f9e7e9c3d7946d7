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
    "title": ("Название", "Title"),
    "create_task": ("Создать поручение", "Create a task"),
    "change_status": ("Изменить", "Change"),
    "definition": ("Определение", "Definition"),
    "indicator_source": ("Источник данных", "Data source"),
    "upload_title": ("Загрузка файла с данными", "Upload a data file"),
    "upload_button": ("Загрузить", "Upload"),
    "upload_rejected": (
        "Файл {file} отклонён: найдено проблем {n}. Ничего не записано.",
        "File {file} rejected: {n} problem(s). Nothing was written.",
    ),
    "upload_accepted": ("Файл {file} принят", "File {file} accepted"),
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
    "region_filter": ("Регион (код)", "Region (code)"),
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
