"""The language of what users read: Russian by default, English on request (TSIFRA_LANG=en).

Messages of validation problems live with the problems; this catalogue holds the labels the CLI
(and later the pages) print, so a label is translated in one place.
"""

from __future__ import annotations

import os

# The mark on everything made from synthetic data, in Russian whatever the language: it is the
# phrase the demo is known by, and it must never be missed.
DEMO_MARK = "Демонстрационные данные"
DEMO_NOTE = f"{DEMO_MARK} (синтетические)"

LABELS: dict[str, tuple[str, str]] = {
    "rank": ("Место", "Rank"),
    "unit": ("Единица", "Unit"),
    "region": ("Регион", "Region"),
    "index": ("Индекс", "Index"),
    "change": ("Изм.", "Change"),
    "rank_change": ("Изм. места", "Rank change"),
    "where": ("Где", "Where"),
    "problem": ("Проблема", "Problem"),
    "rule": ("Правило", "Rule"),
    "problems_found": (
        "Найдено проблем: {n}. Ничего не записано.",
        "{n} problem(s) found. Nothing was written.",
    ),
    "methodology_ok": (
        "Методика корректна: {title}, версия {version}",
        "Methodology is valid: {title}, version {version}",
    ),
    "coinr_converted": (
        "Методика из таблицы COINr записана: {path} (показателей {n}, узлов {nodes}); "
        "проверьте шаги расчёта в файле",
        "Methodology from the COINr table written: {path} ({n} indicators, {nodes} nodes); "
        "check the steps in the file",
    ),
    "rating_title": ("Рейтинг «{node}», период {period}", "Rating '{node}', period {period}"),
    "written": ("Результаты записаны: {path}", "Results written: {path}"),
    "indicator": ("Показатель", "Indicator"),
    "value": ("Значение", "Value"),
    "target": ("Цель", "Target"),
    "normalised": ("Норм.", "Normalised"),
    "contribution": ("Вклад, п.", "Contribution, pts"),
    "gain": ("Прирост при цели, п.", "Gain at target, pts"),
    "explain_title": (
        "{unit}, период {period}: индекс {score:.2f}, место {rank} из {n}",
        "{unit}, period {period}: index {score:.2f}, rank {rank} of {n}",
    ),
    "strongest": ("Сильнейшие показатели: {items}", "Strongest indicators: {items}"),
    "weakest": ("Слабейшие показатели: {items}", "Weakest indicators: {items}"),
    "approximate": (
        "Агрегирование не арифметическое: вклады показаны как линейная доля.",
        "Aggregation is not arithmetic: contributions are shown as a linear share.",
    ),
    "demo_banner": (
        "Демонстрационные данные (синтетические): не реальные показатели регионов",
        "Demo data (synthetic): not real figures of any region",
    ),
    "demo_generating": ("Генерация демонстрационной панели", "Generating the demo panel"),
    "demo_computing": ("Расчёт индекса по кварталам", "Computing the index quarter by quarter"),
    "demo_files": ("Файлы демонстрации: {path}", "Demo files: {path}"),
    "screened_out": (
        "Исключены из-за нехватки данных в {period}: {units}",
        "Left out for lack of data in {period}: {units}",
    ),
    "problems_more": (
        "… и ещё {n}; полный список сохраните в CSV: --problems-out ФАЙЛ.csv",
        "… and {n} more; save the full list as CSV: --problems-out FILE.csv",
    ),
    "problems_written": ("Список проблем записан: {path}", "Problems written: {path}"),
    "db_ready": (
        "База данных готова: {url}, схема {revision}",
        "Database ready: {url}, schema {revision}",
    ),
    "methodology_stored": (
        "Методика {code} версии {version} сохранена (sha256 {sha})",
        "Methodology {code} version {version} stored (sha256 {sha})",
    ),
    "methodology_known": (
        "Методика {code} версии {version} уже в базе (sha256 {sha})",
        "Methodology {code} version {version} is already stored (sha256 {sha})",
    ),
    "batch_accepted": (
        "Пакет №{batch} принят: источник «{source}», файл {file}",
        "Batch #{batch} accepted: source '{source}', file {file}",
    ),
    "batch_nothing_new": (
        "Ничего нового: все значения файла {file} уже в базе, пакет не создан",
        "Nothing new: every value of {file} is already stored; no batch created",
    ),
    "new": ("Новые", "New"),
    "unchanged": ("Без изменений", "Unchanged"),
    "corrected": ("Исправлены", "Corrected"),
    "conflicts": ("Расхождения с другими источниками", "Conflicts with other sources"),
    "conflicts_title": (
        "Расхождения источников ({n}): выберите верное значение командой tsifra resolve",
        "Sources disagree ({n}): choose the right value with tsifra resolve",
    ),
    "no_conflicts": ("Расхождений между источниками нет", "No conflicts between sources"),
    "history_title": (
        "История значения {unit} · {period} · {indicator}",
        "History of {unit} · {period} · {indicator}",
    ),
    "no_history": ("Значений с таким ключом нет", "No values with this key"),
    "received_at": ("Получено (UTC)", "Received (UTC)"),
    "source": ("Источник", "Source"),
    "revision": ("Ревизия", "Revision"),
    "reason": ("Причина", "Reason"),
    "batch": ("Пакет", "Batch"),
    "period": ("Период", "Period"),
    "resolved": (
        "Решение №{id}: для {what} верно значение источника «{source}»",
        "Resolution #{id}: for {what} the value of source '{source}' holds",
    ),
    "run_stored": (
        "Расчёт №{run} сохранён: методика {code}@{version} (sha256 {sha}), данные на {as_of} UTC, "
        "ревизий {n} (отпечаток {fingerprint})",
        "Run #{run} stored: methodology {code}@{version} (sha256 {sha}), data as of {as_of} UTC, "
        "{n} revisions (fingerprint {fingerprint})",
    ),
    "run_reproduced": (
        "Расчёт №{run} воспроизведён точно: те же ревизии, те же баллы и места",
        "Run #{run} reproduced exactly: same revisions, same scores and ranks",
    ),
    "run_differs": (
        "Расчёт №{run} НЕ воспроизводится: ревизии совпадают: {same}, "
        "наибольшее расхождение баллов {diff:g}, места совпадают: {ranks}",
        "Run #{run} does NOT reproduce: same revisions: {same}, "
        "largest score difference {diff:g}, same ranks: {ranks}",
    ),
    "demo_already": (
        "Демонстрационные данные уже загружены в базу: показан последний рейтинг",
        "The demo is already loaded: showing the latest rating",
    ),
    "demo_loading": (
        "Загрузка демонстрации в базу по кварталам",
        "Loading the demo quarter by quarter",
    ),
    "marts_generating": ("Генерация витрин", "Generating the marts"),
    "mart_written": (
        "Витрина {mart}: {path}, записей {rows}",
        "Mart {mart}: {path}, {rows} records",
    ),
    "formulas_title": ("Формулы витрин ({engine})", "Mart formulas ({engine})"),
    "formula_skipped": (
        "Формула {formula} пропущена: её витрины нет в папке",
        "Formula {formula} skipped: its mart is not in the folder",
    ),
    "formula": ("Формула", "Formula"),
    "mart": ("Витрина", "Mart"),
    "records": ("Записей", "Records"),
    "values": ("Значений", "Values"),
    "seconds": ("Секунд", "Seconds"),
    "serving": (
        "Дашборд и API: {url}  (остановить: Ctrl+C)",
        "Dashboard and API: {url}  (stop: Ctrl+C)",
    ),
    "warm_done": (
        "Прогноз и устойчивость мест рассчитаны для страниц регионов за {seconds:.1f} с",
        "Forecast and rank intervals computed for the region pages in {seconds:.1f} s",
    ),
    "warm_skipped": (
        "Прогноз для страниц регионов не рассчитан заранее: {reason}",
        "Forecast for the region pages not computed ahead: {reason}",
    ),
    "user_created": ("Учётная запись {login} ({role}) создана", "Account {login} ({role}) created"),
    "demo_accounts": (
        "Демонстрационные учётные записи. Пароли случайные и показаны только сейчас, запишите их:",
        "Demo accounts. The passwords are random and shown only now; note them:",
    ),
    "demo_accounts_known": (
        "Демонстрационные учётные записи: {logins}. Пароли были показаны при первой загрузке; "
        "чтобы получить новые, удалите базу ({url}) и запустите демонстрацию снова",
        "Demo accounts: {logins}. Their passwords were shown at the first load; for new ones, "
        "delete the database ({url}) and run the demo again",
    ),
    "demo_database": ("База данных: {url}", "Database: {url}"),
    "whatif_title": ("Что если: {unit}, период {period}", "What if: {unit}, period {period}"),
    "whatif_scenario": ("Вариант «{scenario}»", "Scenario '{scenario}'"),
    "whatif_no_changes": ("без изменений", "no changes"),
    "whatif_projected": (
        "Период {period} позже данных (последний: {last}): база — прогноз всех регионов на "
        "{period} (после 2030 года — последние значения без изменений), оценённый по целям "
        "периода {period}",
        "Period {period} is beyond the data (latest: {last}): the baseline is every unit's "
        "forecast for {period} (after 2030, the latest values unchanged), scored against the "
        "targets of {period}",
    ),
    "whatif_scenarios": ("Сравнение вариантов", "Scenarios compared"),
    "whatif_scenario_column": ("Вариант", "Scenario"),
    "whatif_node": ("Индекс и направления", "Index and sectors"),
    "whatif_before": ("До", "Before"),
    "whatif_after": ("После", "After"),
    "whatif_rank_before": ("Место до", "Rank before"),
    "whatif_rank_after": ("Место после", "Rank after"),
    "whatif_value_before": ("Значение до", "Value before"),
    "whatif_value_after": ("Значение после", "Value after"),
    "whatif_achievement_before": ("Норм. до", "Normalised before"),
    "whatif_achievement_after": ("Норм. после", "Normalised after"),
    "whatif_imputed": (
        "* значение «до» не наблюдалось, а заполнено по методике (импутация)",
        "* the 'before' value was not observed but filled in by the methodology (imputation)",
    ),
}


# --- how sure a rating is: uncertainty and sensitivity analysis ------------------------------

LABELS.update(
    {
        "uncertainty_title": (
            "Неопределённость рейтинга «{node}», период {period}: выборок {n}, seed {seed}",
            "Uncertainty of the rating '{node}', period {period}: {n} samples, seed {seed}",
        ),
        "uncertain_inputs": ("Неопределённые параметры: {items}", "Uncertain choices: {items}"),
        "no_uncertain_inputs": (
            "Неопределённые параметры не объявлены: каждая выборка совпадает с номинальным "
            "расчётом",
            "No uncertain choice is declared: every sample is the nominal computation",
        ),
        "median_rank": ("Медиана места", "Median rank"),
        "rank_interval": ("Место, 5–95 %", "Rank, 5–95 %"),
        "top_share": ("В топ-{k}, %", "In top {k}, %"),
        "score_interval": ("Индекс, 5–95 %", "Index, 5–95 %"),
        "samples_running": ("Расчёт выборок", "Computing the samples"),
        "score_scales": (
            "Нормализации дают баллы в разных шкалах: сравнивайте места, а не интервал индекса",
            "The normalisations score on different scales: compare ranks, not the index interval",
        ),
        "sensitivity_title": (
            "Чувствительность рейтинга «{node}», период {period}: индексы Соболя для среднего "
            "абсолютного сдвига места",
            "Sensitivity of the rating '{node}', period {period}: Sobol' indices of the mean "
            "absolute rank shift",
        ),
        "sensitivity_runs": (
            "Расчётов индекса: {runs} ({n} базовых выборок × {k}), seed {seed}; ± — полуширина "
            "{conf} % доверительного интервала по {resamples} бутстреп-выборкам",
            "Index computations: {runs} ({n} base samples × {k}), seed {seed}; ± is the half-width "
            "of the {conf} % confidence interval from {resamples} bootstrap resamples",
        ),
        "sobol_power_of_two": (
            "Число базовых выборок {n} не является степенью двойки: последовательность Соболя "
            "теряет равномерность, лучше взять {better}",
            "{n} base samples is not a power of two: the Sobol' sequence loses its balance; "
            "{better} would be better",
        ),
        "uncertain_input": ("Параметр", "Choice"),
        "first_order": ("S1 (первого порядка)", "S1 (first order)"),
        "total_order": ("ST (полный)", "ST (total)"),
        "sobol_chart_title": (
            "Индексы Соболя: средний абсолютный сдвиг места",
            "Sobol' indices: mean absolute rank shift",
        ),
        "chart_written": ("Диаграмма записана: {path}", "Chart written: {path}"),
        "input_weights": ("Веса, уровень {level}", "Weights, level {level}"),
        "input_imputation": ("Импутация", "Imputation"),
        "input_winsorisation": ("Предел винзоризации", "Winsorisation limit"),
        "input_normalisation": ("Нормализация", "Normalisation"),
        "input_aggregation": ("Агрегирование", "Aggregation"),
        "input_drop_indicator": ("Исключение показателя", "Indicator left out"),
    }
)


def current_lang() -> str:
    return "en" if os.environ.get("TSIFRA_LANG", "ru").lower().startswith("en") else "ru"


def t(key: str, **params: object) -> str:
    ru, en = LABELS[key]
    return (en if current_lang() == "en" else ru).format(**params)


# --- the pages -------------------------------------------------------------------------------
# Pages choose the language per request (?lang=en, kept in the session), not from the process
# environment, so the page labels are looked up with an explicit language.

LABELS.update(
    {
        "site_title": ("Цифра · Дашборд губернатора", "Tsifra · Governor's dashboard"),
        "nav_rating": ("Рейтинг", "Rating"),
        "nav_tasks": ("Поручения", "Tasks"),
        "nav_upload": ("Загрузка данных", "Upload data"),
        "login": ("Войти", "Log in"),
        "logout": ("Выйти", "Log out"),
        "login_title": ("Вход", "Log in"),
        "login_name": ("Логин", "Login"),
        "password": ("Пароль", "Password"),
        "login_failed": ("Неверный логин или пароль", "Wrong login or password"),
        "demo_banner_short": ("Демонстрационные данные", "Demo data"),
        "rating_page_title": ("Рейтинг регионов, период {period}", "Regions' rating, {period}"),
        "district": ("Федеральный округ", "Federal district"),
        "all_districts": ("Все округа", "All districts"),
        "show": ("Показать", "Show"),
        "download_xlsx": ("Скачать XLSX", "Download XLSX"),
        "download_pdf": ("Справка PDF", "PDF brief"),
        "map_caption": (
            "Цвет — значение индекса; нажмите на регион, чтобы открыть его профиль",
            "Colour shows the index; click a region to open its profile",
        ),
        "rank_of": ("место {rank} из {n}", "rank {rank} of {n}"),
        "trend": ("Динамика", "Trend"),
        "sectors": ("Направления", "Sectors"),
        "average": ("Среднее", "Average"),
        "leader": ("Лидер", "Leader"),
        "achievement": ("Достижение, %", "Achievement, %"),
        "measure": ("Ед. изм.", "Unit"),
        "gains_title": (
            "Показатели, которые дадут больше всего баллов индекса при достижении цели",
            "Indicators that would add the most index points if brought to target",
        ),
        "tasks_title": ("Поручения", "Tasks"),
        "no_tasks": ("Поручений нет", "No tasks"),
        "tasks_sign_in": (
            "Поручения региона видны после входа",
            "Sign in to see the region's tasks",
        ),
        "tasks_not_yours": (
            "Поручения другого региона вам не видны",
            "Another region's tasks are not shown to you",
        ),
        "title": ("Название", "Title"),
        "responsible": ("Ответственный", "Responsible"),
        "deadline": ("Срок", "Deadline"),
        "status": ("Статус", "Status"),
        "status_new": ("Новое", "New"),
        "status_in_progress": ("В работе", "In progress"),
        "status_done": ("Выполнено", "Done"),
        "overdue": ("Просрочено", "Overdue"),
        "create_task": ("Создать поручение", "Create a task"),
        "change_status": ("Изменить", "Change"),
        "comment": ("Комментарий", "Comment"),
        "definition": ("Определение", "Definition"),
        "indicator_source": ("Источник данных", "Data source"),
        "file": ("Файл", "File"),
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
        "login_needed": ("Войдите, чтобы продолжить", "Log in to continue"),
        "region_filter": ("Регион (код)", "Region (code)"),
        "all_regions": ("Все регионы", "All regions"),
        "score_change": ("Изм. индекса", "Index change"),
        "indicators": ("Показатели", "Indicators"),
    }
)


def label(key: str, lang: str, **params: object) -> str:
    """A label in `lang` ("ru" or "en"); the pages pass the request's language explicitly."""
    ru, en = LABELS[key]
    text = en if lang == "en" else ru
    return text.format(**params) if params else text


# --- where each unit is heading: the forecast to 2030 ----------------------------------------

LABELS.update(
    {
        "forecast_running": (
            "Прогноз: траектории показателей через методику",
            "Forecast: indicator paths through the methodology",
        ),
        "forecast_settings": (
            "История {first}–{last}, прогноз до {horizon}: затухающий тренд ETS(A,Ad,N) по каждой "
            "единице и показателю, траекторий {samples}, seed {seed}",
            "History {first}–{last}, forecast to {horizon}: damped trend ETS(A,Ad,N) per unit and "
            "indicator, {samples} sample paths, seed {seed}",
        ),
        "forecast_fallbacks": (
            "Коротких, постоянных или пустых рядов {n} из {total}, их прогноз упрощён: {detail}",
            "{n} of {total} series are short, constant or empty and forecast by fallbacks: "
            "{detail}",
        ),
        "forecast_title": ("Прогноз «{node}» до {horizon}", "Forecast of '{node}' to {horizon}"),
        "forecast_now": ("Индекс {period}", "Index {period}"),
        "forecast_at": ("Прогноз {period} ({level} %)", "Forecast {period} ({level} %)"),
        "forecast_rank_at": ("Место {period} ({level} %)", "Rank {period} ({level} %)"),
        "forecast_targets_share": (
            "Ожид. доля целей {period}",
            "Expected share of targets {period}",
        ),
        "forecast_unit_title": (
            "{unit}: прогноз до {horizon}, медиана ({level} % интервал)",
            "{unit}: forecast to {horizon}, median ({level} % interval)",
        ),
        "forecast_node": ("Индекс и направления", "Index and sectors"),
        "forecast_rank_line": (
            "Место в {period}: {rank} из {n} (медиана, {level} % интервал)",
            "Rank in {period}: {rank} of {n} (median, {level} % interval)",
        ),
        "forecast_targets_title": (
            "Вероятность достичь цели года (значение в последнем периоде года не хуже цели)",
            "Probability of reaching the year's target (the value in the year's last period at "
            "or beyond it)",
        ),
        "forecast_target_at": ("Цель {year}", "Target {year}"),
        "forecast_value_at": ("Прогноз {year}", "Forecast {year}"),
    }
)


# --- the region page's analyses: rank interval, forecast, what-if ----------------------------

LABELS.update(
    {
        "robust_title": ("Насколько устойчиво место", "How robust the rank is"),
        "robust_line": (
            "Место {rank} из {n}. В 90 % вариантов расчёта — от {low} до {high} "
            "(медиана {median}); в первой десятке — в {share} вариантов.",
            "Rank {rank} of {n}. In 90 % of the variants of the computation it lies between {low} "
            "and {high} (median {median}); in the top 10 in {share} of them.",
        ),
        "robust_line_same": (
            "Место {rank} из {n} — то же во всех 90 % вариантов расчёта; в первой десятке — в "
            "{share} вариантов.",
            "Rank {rank} of {n}, the same in 90 % of the variants of the computation; in the top "
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
            "indicator weights ±{noise} %",
        ),
        "varied_weights_sectors": ("веса направлений ±{noise} %", "sector weights ±{noise} %"),
        "varied_weights_level": (
            "веса уровня {level} ±{noise} %",
            "level {level} weights ±{noise} %",
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
        "chart_rank_interval": ("90 % вариантов расчёта", "90 % of the variants"),
        "chart_top": ("Топ-{top}", "Top {top}"),
        "chart_rank_title": (
            "Место {rank} из {n}, 90 % интервал {low}–{high}",
            "Rank {rank} of {n}, 90 % interval {low}–{high}",
        ),
        "forecast_section": ("Прогноз индекса до {year} года", "Index forecast to {year}"),
        "fan_history": ("Факт", "Actual"),
        "fan_median": ("Прогноз (медиана)", "Forecast (median)"),
        "fan_80": ("80 % интервал", "80 % interval"),
        "fan_95": ("95 % интервал", "95 % interval"),
        "fan_target": ("Цель", "Target"),
        "fan_title": (
            "Индекс {first}–{horizon}: факт и прогноз с интервалами 80 и 95 %",
            "Index {first}–{horizon}: actual and forecast with 80 and 95 % intervals",
        ),
        "forecast_explained": (
            "Тренд каждого показателя по кварталам {first}–{last} (затухающий) продлён до "
            "{horizon} и {samples} раз пересчитан по методике вместе с другими регионами. "
            "Медиана {horizon}: {median}; с вероятностью 80 % — от {low} до {high}.",
            "Each indicator's quarterly trend over {first}–{last} (damped) is extended to "
            "{horizon} and put through the methodology {samples} times with the other regions. "
            "Median {horizon}: {median}; with 80 % probability between {low} and {high}.",
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
        "targets_likely": ("Вероятно (≥ 80 %)", "Likely (≥ 80 %)"),
        "targets_at_risk": ("Под угрозой (< 50 %)", "At risk (< 50 %)"),
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
        "whatif_period_now": ("{period} (последний рейтинг)", "{period} (latest rating)"),
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
        "whatif_result": ("Результат, {period}", "Result, {period}"),
        "whatif_projected_note": (
            "Период {period} позже последних данных: «до» — это прогноз без изменений.",
            "Period {period} is after the latest data: 'before' is the forecast with no change.",
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
    }
)


# --- analyses of a computed index, from files or the database ---------------------------------

LABELS.update(
    {
        "analysed_run": (
            "Опубликованный рейтинг {period}: расчёт №{run}, методика {code}@{version} "
            "(sha256 {sha}), данные на {as_of} UTC, ревизий {n} (отпечаток {fingerprint})",
            "Published rating {period}: run #{run}, methodology {code}@{version} "
            "(sha256 {sha}), data as of {as_of} UTC, {n} revisions (fingerprint {fingerprint})",
        ),
        "forecast_targets_expected": (
            "Ожидается целей {year}",
            "Targets expected {year}",
        ),
        "targets_expected_of": ("{expected} из {n}", "{expected} of {n}"),
    }
)
