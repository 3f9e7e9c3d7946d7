"""The words the `tsifra` command prints: its tables, titles and reports of what it did."""

WORDS: dict[str, tuple[str, str]] = {
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
    "rating_title": (
        "Рейтинг «{node}», период {period:period}",
        "Rating '{node}', period {period:period}",
    ),
    "written": ("Результаты записаны: {path}", "Results written: {path}"),
    "treatment_title": (
        "Обработка выбросов, период {period:period}: асимметрия и эксцесс до и после",
        "Outlier treatment, period {period:period}: skewness and kurtosis before and after",
    ),
    "treatment": ("Обработка", "Treatment"),
    "treatment_log": ("логарифм", "log"),
    "treatment_winsorise": ("винзоризация", "winsorised"),
    "treated_points": ("Точек", "Points"),
    "skew_before": ("Асимметрия до", "Skew before"),
    "skew_after": ("после", "after"),
    "kurtosis_before": ("Эксцесс до", "Kurtosis before"),
    "kurtosis_after": ("после", "after"),
    "normalised": ("Норм.", "Normalised"),
    "gain": ("Прирост при цели, п.", "Gain at target, pts"),
    "explain_title": (
        "{unit}, период {period:period}: индекс {score:.2f}, место {rank} из {n}",
        "{unit}, period {period:period}: index {score:.2f}, rank {rank} of {n}",
    ),
    "strongest": ("Сильнейшие показатели: {items}", "Strongest indicators: {items}"),
    "weakest": ("Слабейшие показатели: {items}", "Weakest indicators: {items}"),
    "approximate": (
        "Агрегирование не арифметическое: вклады показаны как линейная доля.",
        "Aggregation is not arithmetic: contributions are shown as a linear share.",
    ),
    "demo_computing": ("Расчёт индекса по кварталам", "Computing the index quarter by quarter"),
    "demo_files": ("Файлы демонстрации: {path}", "Demo files: {path}"),
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
    "empty_cells": (
        "Пустые ячейки широкой таблицы (значения нет)",
        "Empty cells of a wide table (no value)",
    ),
    "conflicts": ("Расхождения с другими источниками", "Conflicts with other sources"),
    "conflicts_title": (
        "Расхождения источников ({n}): выберите верное значение командой tsifra resolve",
        "Sources disagree ({n}): choose the right value with tsifra resolve",
    ),
    "no_conflicts": ("Расхождений между источниками нет", "No conflicts between sources"),
    "left_out_conflict": (
        "Не учтено (источники расходятся): {what}: {claims}",
        "Left out (sources disagree): {what}: {claims}",
    ),
    "history_title": (
        "История значения {unit} · {period:period} · {indicator}",
        "History of {unit} · {period:period} · {indicator}",
    ),
    "no_history": ("Значений с таким ключом нет", "No values with this key"),
    "received_at": ("Получено", "Received"),
    "reason": ("Причина", "Reason"),
    "resolved": (
        "Решение №{id}: для {what} верно значение источника «{source}»",
        "Resolution #{id}: for {what} the value of source '{source}' holds",
    ),
    "run_stored": (
        "Расчёт №{run} сохранён: методика {code}@{version} (sha256 {sha}), "
        "данные на {as_of:moment}, ревизий {n} (отпечаток {fingerprint})",
        "Run #{run} stored: methodology {code}@{version} (sha256 {sha}), "
        "data as of {as_of:moment}, {n} revisions (fingerprint {fingerprint})",
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
    "records": ("Записей", "Records"),
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
    "users_title": ("Учётные записи", "Accounts"),
    "user_name": ("Имя", "Name"),
    "user_role": ("Роль", "Role"),
    "user_state": ("Состояние", "State"),
    "user_tokens": ("Токенов", "Tokens"),
    "user_since": ("Создана", "Created"),
    "user_active": ("действует", "active"),
    "user_inactive": ("отключена", "deactivated"),
    "user_locked": ("заблокирована до {until}", "locked until {until}"),
    "user_activated": ("Учётная запись {login} снова действует", "Account {login} is active again"),
    "user_deactivated": (
        "Учётная запись {login} отключена: вход, сеансы и токены больше не действуют",
        "Account {login} deactivated: its sign-in, sessions and tokens no longer work",
    ),
    "password_prompt": ("Новый пароль", "New password"),
    "password_again": ("Повторите пароль", "Repeat the password"),
    "passwords_differ": (
        "Пароли не совпадают, ничего не изменено",
        "The passwords differ; nothing was changed",
    ),
    "password_set": (
        "Пароль {login} изменён; сеансы завершены, отозвано токенов: {n}",
        "Password of {login} changed; sessions ended, tokens revoked: {n}",
    ),
    "tokens_revoked": (
        "Отозвано токенов {login}: {n}",
        "Tokens of {login} revoked: {n}",
    ),
    "login_unlocked": ("Вход для {login} разблокирован", "Login {login} unlocked"),
    "login_not_locked": (
        "Вход для {login} не был заблокирован; счётчик неудачных попыток сброшен",
        "Login {login} was not locked; its count of failed attempts was reset",
    ),
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
    "coinr_converted": (
        "Методика из таблицы COINr записана: {path} (показателей {n}, узлов {nodes}); "
        "проверьте шаги расчёта в файле",
        "Methodology from the COINr table written: {path} ({n} indicators, {nodes} nodes); "
        "check the steps in the file",
    ),
    "demo_database": ("База данных: {url}", "Database: {url}"),
    "whatif_title": (
        "Что если: {unit}, период {period:period}",
        "What if: {unit}, period {period:period}",
    ),
    "whatif_scenario": ("Вариант «{scenario}»", "Scenario '{scenario}'"),
    "whatif_no_changes": ("без изменений", "no changes"),
    "whatif_projected": (
        "Период {period:period} позже данных (последний: {last:period}): база — прогноз всех "
        "регионов на {period:period} (после 2030 года — последние значения без изменений), "
        "оценённый по целям периода {period:period}",
        "Period {period:period} is beyond the data (latest: {last:period}): the baseline is "
        "every unit's forecast for {period:period} (after 2030, the latest values unchanged), "
        "scored against the targets of {period:period}",
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
    "uncertainty_title": (
        "Неопределённость рейтинга «{node}», период {period:period}: выборок {n}, seed {seed}",
        "Uncertainty of the rating '{node}', period {period:period}: {n} samples, seed {seed}",
    ),
    "uncertain_inputs": ("Неопределённые параметры: {items}", "Uncertain choices: {items}"),
    "no_uncertain_inputs": (
        "Неопределённые параметры не объявлены: каждая выборка совпадает с номинальным расчётом",
        "No uncertain choice is declared: every sample is the nominal computation",
    ),
    "median_rank": ("Медиана места", "Median rank"),
    "rank_interval": ("Место, 5–95 %", "Rank, 5–95%"),
    "top_share": ("В топ-{k}, %", "In top {k}, %"),
    "score_interval": ("Индекс, 5–95 %", "Index, 5–95%"),
    "samples_running": ("Расчёт выборок", "Computing the samples"),
    "score_scales": (
        "Нормализации дают баллы в разных шкалах: сравнивайте места, а не интервал индекса",
        "The normalisations score on different scales: compare ranks, not the index interval",
    ),
    "sensitivity_title": (
        "Чувствительность рейтинга «{node}», период {period:period}: индексы Соболя для среднего "
        "абсолютного сдвига места",
        "Sensitivity of the rating '{node}', period {period:period}: Sobol' indices of the mean "
        "absolute rank shift",
    ),
    "sensitivity_runs": (
        "Расчётов индекса: {runs} ({n} базовых выборок × {k}), seed {seed}; ± — полуширина "
        "{conf} % доверительного интервала по {resamples} бутстреп-выборкам",
        "Index computations: {runs} ({n} base samples × {k}), seed {seed}; ± is the half-width "
        "of the {conf}% confidence interval from {resamples} bootstrap resamples",
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
    "forecast_running": (
        "Прогноз: траектории показателей через методику",
        "Forecast: indicator paths through the methodology",
    ),
    "forecast_settings": (
        "История {first:period}–{last:period}, прогноз до {horizon:period}: затухающий тренд "
        "ETS(A,Ad,N) по каждой единице и показателю, траекторий {samples}, seed {seed}",
        "History {first:period}–{last:period}, forecast to {horizon:period}: damped trend "
        "ETS(A,Ad,N) per unit and indicator, {samples} sample paths, seed {seed}",
    ),
    "forecast_fallbacks": (
        "Коротких, постоянных или пустых рядов {n} из {total}, их прогноз упрощён: {detail}",
        "{n} of {total} series are short, constant or empty and forecast by fallbacks: {detail}",
    ),
    "forecast_title": (
        "Прогноз «{node}» до {horizon:period}",
        "Forecast of '{node}' to {horizon:period}",
    ),
    "forecast_now": ("Индекс {period:period}", "Index {period:period}"),
    "forecast_at": ("Прогноз {period:period} ({level} %)", "Forecast {period:period} ({level}%)"),
    "forecast_rank_at": ("Место {period:period} ({level} %)", "Rank {period:period} ({level}%)"),
    "forecast_unit_title": (
        "{unit}: прогноз до {horizon:period}, медиана ({level} % интервал)",
        "{unit}: forecast to {horizon:period}, median ({level}% interval)",
    ),
    "forecast_node": ("Индекс и направления", "Index and sectors"),
    "forecast_rank_line": (
        "Место в {period:period}: {rank} из {n} (медиана, {level} % интервал)",
        "Rank in {period:period}: {rank} of {n} (median, {level}% interval)",
    ),
    "forecast_targets_title": (
        "Вероятность достичь цели года (значение в последнем периоде года не хуже цели)",
        "Probability of reaching the year's target (the value in the year's last period at "
        "or beyond it)",
    ),
    "forecast_target_at": ("Цель {year}", "Target {year}"),
    "forecast_value_at": ("Прогноз {year}", "Forecast {year}"),
    "analysed_run": (
        "Опубликованный рейтинг {period:period}: расчёт №{run}, методика {code}@{version} "
        "(sha256 {sha}), данные на {as_of} UTC, ревизий {n} (отпечаток {fingerprint})",
        "Published rating {period:period}: run #{run}, methodology {code}@{version} "
        "(sha256 {sha}), data as of {as_of} UTC, {n} revisions (fingerprint {fingerprint})",
    ),
    "forecast_targets_expected": ("Ожидается целей {year}", "Targets expected {year}"),
    "targets_expected_of": ("{expected} из {n}", "{expected} of {n}"),
}
