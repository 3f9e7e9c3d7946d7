"""What each located problem says, by its stable code (the code never changes with the
language: clients and tests branch on it)."""

WORDS: dict[str, tuple[str, str]] = {
    # methodology files
    "yaml_syntax": ("ошибка синтаксиса YAML: {detail}", "YAML syntax error: {detail}"),
    "not_a_mapping": (
        "ожидался словарь (ключ: значение) на верхнем уровне",
        "expected a mapping (key: value) at the top level",
    ),
    "missing": ("обязательный ключ не указан", "required key is missing"),
    "extra_forbidden": ("неизвестный ключ", "unknown key"),
    "wrong_value": ("недопустимое значение: {detail}", "invalid value: {detail}"),
    "literal_error": (
        "значение «{value}» недопустимо; допустимые: {expected}",
        "value '{value}' is not allowed; expected {expected}",
    ),
    "float_parsing": ("ожидалось число, получено «{value}»", "expected a number, got '{value}'"),
    "float_type": ("ожидалось число, получено «{value}»", "expected a number, got '{value}'"),
    "int_parsing": (
        "ожидалось целое число, получено «{value}»",
        "expected an integer, got '{value}'",
    ),
    "int_type": ("ожидалось целое число, получено «{value}»", "expected an integer, got '{value}'"),
    "string_type": ("ожидался текст, получено «{value}»", "expected text, got '{value}'"),
    "bool_parsing": (
        "ожидалось true или false, получено «{value}»",
        "expected true or false, got '{value}'",
    ),
    "greater_than": (
        "значение {value} должно быть больше {gt}",
        "value {value} must be above {gt}",
    ),
    "greater_than_equal": (
        "значение {value} должно быть не меньше {ge}",
        "value {value} must be at least {ge}",
    ),
    "less_than_equal": (
        "значение {value} должно быть не больше {le}",
        "value {value} must be at most {le}",
    ),
    "too_short": (
        "список должен содержать не меньше {min_length} элементов",
        "the list needs at least {min_length} items",
    ),
    "string_too_short": ("текст не должен быть пустым", "the text must not be empty"),
    "string_too_long": (
        "текст длиннее {max_length} символов",
        "the text is longer than {max_length} characters",
    ),
    "invalid_field": ("недопустимое значение", "invalid value"),
    "string_pattern_mismatch": (
        "недопустимые символы в «{value}» (разрешены {pattern})",
        "invalid characters in '{value}' (allowed: {pattern})",
    ),
    "dict_type": ("ожидался словарь (ключ: значение)", "expected a mapping (key: value)"),
    "list_type": ("ожидался список", "expected a list"),
    "duplicate_code": (
        "код «{value}» встречается больше одного раза",
        "code '{value}' is not unique",
    ),
    "unknown_parent": (
        "родитель «{value}» не найден среди агрегатов",
        "parent '{value}' is not an aggregate node",
    ),
    "root_count": (
        "у дерева должен быть ровно один корень (узел без parent), найдено: {value}",
        "the tree must have exactly one root (a node without parent), found: {value}",
    ),
    "cycle": ("цикл в дереве через узел «{value}»", "cycle in the tree through node '{value}'"),
    "empty_node": (
        "у агрегата «{value}» нет дочерних элементов",
        "aggregate node '{value}' has no children",
    ),
    "zero_weights": (
        "сумма весов дочерних элементов узла «{value}» равна нулю",
        "the weights of the children of node '{value}' sum to zero",
    ),
    "needs_goalposts": (
        "метод нормализации «{method}» требует goalposts у показателя «{value}»",
        "normalisation '{method}' needs goalposts on indicator '{value}'",
    ),
    "needs_targets": (
        "метод нормализации «{method}» требует targets у показателя «{value}»",
        "normalisation '{method}' needs targets on indicator '{value}'",
    ),
    "needs_group": (
        "метод импутации «{method}» требует параметр group",
        "imputation '{method}' needs the group parameter",
    ),
    "needs_power": (
        "обобщённое среднее требует параметр power",
        "the generalised mean needs the power parameter",
    ),
    "bad_range": (
        "диапазон: нижняя граница ({low}) должна быть меньше верхней ({high})",
        "range: the lower bound ({low}) must be below the upper one ({high})",
    ),
    "file_not_found": ("файл не найден", "file not found"),
    # the uncertainty block of a methodology
    "bad_weight_level": (
        "уровень {value} не подходит для шума весов: веса есть на уровнях от 1 (показатели) "
        "до {top}",
        "level {value} cannot take weight noise: weights exist at levels 1 (indicators) to {top}",
    ),
    "duplicate_level": (
        "уровень {value} указан больше одного раза",
        "level {value} is given more than once",
    ),
    "needs_winsorisation": (
        "предел винзоризации объявлен неопределённым, но методика не винзоризует "
        "(steps.treat.method: {method})",
        "the winsorisation limit is declared uncertain but the methodology does not winsorise "
        "(steps.treat.method: {method})",
    ),
    "duplicate_alternative": (
        "альтернатива повторяет {value}",
        "the alternative repeats {value}",
    ),
    "drop_only_child": (
        "показатель «{value}» — единственный в узле «{parent}»: без него узел исчезнет",
        "indicator '{value}' is the only child of '{parent}': the node would vanish without it",
    ),
    "no_uncertainty": (
        "в методике не объявлено ни одного неопределённого параметра (блок uncertainty)",
        "the methodology declares no uncertain choice (the uncertainty block)",
    ),
    # data files
    "unreadable": ("не удалось прочитать файл: {detail}", "cannot read the file: {detail}"),
    "unsupported_format": (
        "формат файла «{value}» не поддерживается: пришлите CSV, XLSX, JSON или Parquet",
        "file format '{value}' is not supported: send CSV, XLSX, JSON or Parquet",
    ),
    "unreadable_workbook": (
        "файл не читается как книга Excel (XLSX): откройте его в Excel и сохраните заново",
        "the file cannot be read as an Excel workbook (XLSX): open it in Excel and save it again",
    ),
    "unreadable_table": (
        "файл не читается как таблица CSV: сохраните его из Excel как «CSV (разделители — "
        "точка с запятой)»",
        "the file cannot be read as a CSV table: save it from Excel as CSV",
    ),
    "unreadable_parquet": (
        "файл не читается как таблица Parquet",
        "the file cannot be read as a Parquet table",
    ),
    "unknown_sheet": ("в книге нет листа «{value}»", "the workbook has no sheet '{value}'"),
    "row_too_long": (
        "в строке {found} ячеек, а в строках выше — {expected}: лишняя ячейка или разделитель",
        "the row has {found} cells, the rows above {expected}: an extra cell or separator",
    ),
    "bad_json": (
        "ошибка в записи JSON (позиция {position} в строке текста)",
        "JSON syntax error (position {position} in the line of text)",
    ),
    "bad_encoding": (
        "текст файла не в кодировке UTF-8: сохраните его в UTF-8",
        "the file's text is not UTF-8: save it as UTF-8",
    ),
    "json_not_records": (
        "ожидался список записей JSON (объектов с полями unit, period, indicator, value)",
        "expected a JSON list of records (objects with unit, period, indicator, value)",
    ),
    "repeated_key": (
        "ключ «{value}» повторяется в одной записи",
        "key '{value}' is repeated within one record",
    ),
    "repeated_column": (
        "столбец «{value}» ({second}) повторяет столбец «{other}» ({first}): оставьте один",
        "column '{value}' ({second}) repeats column '{other}' ({first}): keep one",
    ),
    "missing_column": (
        "нет обязательного столбца «{value}»",
        "required column '{value}' is missing",
    ),
    "unknown_indicator": (
        "неизвестный показатель «{value}»: его нет в методике",
        "unknown indicator '{value}': not in the methodology",
    ),
    "unknown_unit": (
        "единица «{value}» отсутствует в списке единиц",
        "unit '{value}' is not in the unit list",
    ),
    "unknown_region": (
        "регион «{value}» не найден в справочнике регионов: укажите код ISO (RU-TA), код ОКАТО "
        "(92) или название региона («Республика Татарстан»)",
        "region '{value}' is not in the list of regions: give its ISO code (RU-TA), OKATO code "
        "(92) or Russian name (Republic of Tatarstan)",
    ),
    "unknown_region_near": (
        "регион «{value}» не найден в справочнике регионов; возможно, имелся в виду «{near}»",
        "region '{value}' is not in the list of regions; perhaps «{near}» was meant",
    ),
    "ambiguous_region": (
        "«{value}» подходит к нескольким регионам: {candidates}; укажите код или полное название",
        "'{value}' fits more than one region: {candidates}; give the code or the full name",
    ),
    "total_row": (
        "«{value}» — строка итогов, а не регион: удалите её из файла (итоги и средние Цифра "
        "считает сама)",
        "'{value}' is a total row, not a unit: delete it from the file (Tsifra computes totals "
        "and averages itself)",
    ),
    "unit_not_in_data": (
        "единицы «{value}» нет в данных",
        "unit '{value}' is not in the data",
    ),
    "not_numeric": ("значение «{value}» не является числом", "value '{value}' is not a number"),
    "percent_not_expected": (
        "значение «{value}» задано в процентах, а показатель «{indicator}» измеряется в "
        "«{expected}»: уберите формат процентов и укажите число в этих единицах",
        "value '{value}' is a percentage, but indicator '{indicator}' is measured in "
        "'{expected}': drop the percent format and give the number in that unit",
    ),
    "bad_period": (
        "период «{value}» не распознан (ожидается 2024, 2024Q1, 2024-03 или 2024-03-31)",
        "period '{value}' not recognised (expected 2024, 2024Q1, 2024-03 or 2024-03-31)",
    ),
    "empty_value": ("пустое значение", "empty value"),
    "period_out_of_range": (
        "период «{value}» вне допустимых лет: с {earliest} по {latest}",
        "period '{value}' is outside the years accepted: {earliest} to {latest}",
    ),
    "out_of_range": (
        "значение {value:g} вне допустимого диапазона [{low:g}; {high:g}]",
        "value {value:g} is outside the valid range [{low:g}; {high:g}]",
    ),
    "duplicate_row": (
        "повтор: та же единица, период и показатель уже в строке {first_row}",
        "duplicate: the same unit, period and indicator are already in row {first_row}",
    ),
    "unknown_period": (
        "период «{value}» отсутствует в данных",
        "period '{value}' is not in the data",
    ),
    "no_target": (
        "у показателя «{value}» нет целевого значения на {year} год",
        "indicator '{value}' has no target for {year}",
    ),
    "bad_change": (
        "ожидалось КОД=ЗНАЧЕНИЕ или КОД=target, получено «{value}»",
        "expected CODE=VALUE or CODE=target, got '{value}'",
    ),
    "bad_scenario": (
        "ожидалось «НАЗВАНИЕ: КОД=ЗНАЧЕНИЕ; КОД=target», получено «{value}»",
        "expected 'NAME: CODE=VALUE; CODE=target', got '{value}'",
    ),
    "duplicate_scenario": (
        "вариант «{value}» указан больше одного раза",
        "scenario '{value}' is given more than once",
    ),
    "no_data": ("в файле нет ни одной строки данных", "the file has no data rows"),
    "mixed_frequency": (
        "в данных смешаны периоды разной частоты: {detail}",
        "the data mix periods of different frequency: {detail}",
    ),
    "missing_denominator": (
        "знаменатель «{value}» не найден ни среди рядов данных, ни среди атрибутов единиц",
        "denominator '{value}' is neither a data series nor a unit attribute",
    ),
    "missing_group": (
        "атрибут группировки «{value}» отсутствует в списке единиц",
        "grouping attribute '{value}' is not in the unit list",
    ),
    # the store: ingest, revisions, computing from stored values
    "correction_needs_reason": (
        "значение {value:g} отличается от принятого ранее {old:g} (источник «{source}»): "
        "исправление принимается только с указанием причины (--reason)",
        "value {value:g} differs from {old:g} accepted before (source '{source}'): "
        "a correction needs a reason (--reason)",
    ),
    "value_conflict": (
        "источники расходятся в значении «{value}»: {detail}; выберите верное командой "
        "tsifra resolve",
        "sources disagree on '{value}': {detail}; choose the right one with tsifra resolve",
    ),
    "reserved_source_region": (
        "источник «{value}» принадлежит региону: под ним присылает данные только оператор этого "
        "региона, без указания источника",
        "source '{value}' belongs to a region: only that region's operator sends data under it, "
        "without naming a source",
    ),
    "reserved_source_process": (
        "источник «{value}» зарезервирован за расчётами системы (formula:, demo:): выберите "
        "другое имя",
        "source '{value}' is reserved for the system's own computations (formula:, demo:): "
        "choose another name",
    ),
    "bad_source": (
        "недопустимое имя источника «{value}»: нужен непустой текст до 128 символов",
        "invalid source name '{value}': expected non-empty text of up to 128 characters",
    ),
    "unknown_methodology": (
        "методика «{value}» не найдена в базе данных",
        "methodology '{value}' is not in the database",
    ),
    "database_not_ready": (
        "схема базы данных устарела или не создана: выполните tsifra db upgrade",
        "the database schema is missing or out of date: run tsifra db upgrade",
    ),
    "demo_refused": (
        "в базе есть не только демонстрационные данные (пакетов из других источников: "
        "{batches}, учётных записей: {accounts}, расчётов по реальным данным: {runs}); "
        "демонстрация ничего не записала. Для демонстрации укажите другую базу (TSIFRA_HOME "
        "или TSIFRA_DATABASE_URL); сервер на этой базе запускает tsifra serve",
        "the database holds more than the demo ({batches} batch(es) from other sources, "
        "{accounts} account(s), {runs} run(s) on real data); the demo wrote nothing. Give the "
        "demo another database (TSIFRA_HOME or TSIFRA_DATABASE_URL); tsifra serve serves this one",
    ),
    "unknown_run": ("расчёт №{value} не найден", "computation #{value} not found"),
    "no_stored_values": (
        "в базе нет значений показателей методики «{value}» на момент {as_of}",
        "the database holds no values of methodology '{value}' as of {as_of}",
    ),
    "bad_timestamp": (
        "момент времени «{value}» не распознан (ожидается 2025-03-31 или 2025-03-31T12:00)",
        "timestamp '{value}' not recognised (expected 2025-03-31 or 2025-03-31T12:00)",
    ),
    "wrong_measure": (
        "единица измерения «{value}» не совпадает с заявленной в методике «{expected}»",
        "unit of measure '{value}' differs from '{expected}' declared in the methodology",
    ),
    "operator_needs_region": (
        "региональному оператору нужен регион (--region)",
        "a regional operator needs a region (--region)",
    ),
    "region_for_operator_only": (
        "регион указывается только для регионального оператора",
        "only a regional operator is bound to a region",
    ),
    "password_too_short": (
        "пароль должен быть не короче {n} символов",
        "the password must have at least {n} characters",
    ),
    "password_too_long": (
        "пароль должен быть не длиннее {n} символов",
        "the password must have at most {n} characters",
    ),
    "password_is_login": (
        "пароль не должен содержать имя входа или имя пользователя",
        "the password must not contain the login or the user's name",
    ),
    "password_common": (
        "это один из самых распространённых паролей: придумайте другой, например из "
        "нескольких не связанных слов",
        "this is one of the commonest passwords: choose another, for example a few unrelated words",
    ),
    "password_guessable": (
        "такой пароль легко подобрать: сделайте его длиннее или менее предсказуемым",
        "this password is easy to guess: make it longer or less predictable",
    ),
    "bad_login": (
        "недопустимое имя входа «{value}»: от 2 до 64 символов — буквы, цифры, точка, дефис, "
        "подчёркивание или @, в начале буква или цифра",
        "invalid login '{value}': 2 to 64 characters (letters, digits, dot, hyphen, underscore "
        "or @), starting with a letter or a digit",
    ),
    "login_taken": ("имя входа «{value}» уже занято", "login '{value}' is already taken"),
    "unknown_user": ("пользователь «{value}» не найден", "user '{value}' not found"),
    "bad_token_days": (
        "срок действия токена — от 1 до 366 дней, указано {value}",
        "a token lasts 1 to 366 days, not {value}",
    ),
    "bad_token_label": (
        "описание токена — не длиннее {n} символов",
        "a token's label has at most {n} characters",
    ),
    "bad_title": (
        "нужен заголовок поручения длиной до 500 символов",
        "a task needs a title of up to 500 characters",
    ),
    "unknown_task": ("поручение №{value} не найдено", "task #{value} not found"),
    "no_ratings": (
        "рейтингов по методике «{value}» ещё не рассчитано",
        "no ratings of methodology '{value}' have been computed yet",
    ),
    "too_large": (
        "файл больше {limit_mb} МБ: разделите его на части",
        "the file is larger than {limit_mb} MB: split it",
    ),
    "too_many_rows": (
        "слишком много строк: {count:,} при пределе {limit:,} — разделите файл на части",
        "too many rows: {count:,}, the limit is {limit:,}: split the file",
    ),
    "too_many_columns": (
        "слишком много столбцов: {count:,} при пределе {limit:,}",
        "too many columns: {count:,}, the limit is {limit:,}",
    ),
    "too_many_cells": (
        "слишком много ячеек: таблица {rows:,} × {columns:,} при пределе {limit:,} — "
        "разделите файл на части",
        "too many cells: a table of {rows:,} × {columns:,}, the limit is {limit:,}: split the file",
    ),
    "xlsx_too_many_cells": (
        "слишком много ячеек для XLSX: лист {rows:,} × {columns:,} при пределе {limit:,} — "
        "сохраните его как CSV или разделите на части",
        "too many cells for an XLSX: a sheet of {rows:,} × {columns:,}, the limit is "
        "{limit:,}: save it as CSV or split it",
    ),
    "xlsx_unzipped_too_large": (
        "XLSX распаковывается в {size_mb:,} МБ при пределе {limit_mb:,} МБ — "
        "сохраните его как CSV или разделите на части",
        "the XLSX unpacks to {size_mb:,} MB, the limit is {limit_mb:,} MB: "
        "save it as CSV or split it",
    ),
    "xlsx_too_many_parts": (
        "в архиве XLSX слишком много частей ({value:,}): это не книга Excel",
        "the XLSX archive has too many parts ({value:,}): it is not an Excel workbook",
    ),
    "unknown_source": (
        "источник «{value}» не присылал значение этого показателя",
        "source '{value}' has sent no value for this key",
    ),
    "conflict_not_open": (
        "расхождения №{value} среди открытых нет: его уже разрешили или такого нет",
        "there is no open conflict no. {value}: it has been resolved or does not exist",
    ),
    "conflict_choose_source": (
        "выберите источник, значение которого верно",
        "choose the source whose value is right",
    ),
    "conflict_reason_required": (
        "укажите причину: почему верно значение выбранного источника",
        "give the reason why the chosen source's value is right",
    ),
    # raw data marts: their Table Schemas and the check of their files
    "duplicate_field": (
        "поле «{value}» описано в схеме больше одного раза",
        "field '{value}' is declared more than once",
    ),
    "unknown_key_field": (
        "в первичном ключе указано поле «{value}», которого нет среди fields",
        "the primary key names field '{value}', which is not among the fields",
    ),
    "constraint_not_for_type": (
        "ограничение {constraint} неприменимо к полю типа {type}",
        "constraint {constraint} does not apply to a field of type {type}",
    ),
    "bad_constraint_value": (
        "значение ограничения {constraint} «{value}» не подходит для поля типа {type}",
        "constraint {constraint} value '{value}' does not suit a field of type {type}",
    ),
    "bad_pattern": (
        "шаблон «{value}» не является регулярным выражением: {detail}",
        "pattern '{value}' is not a regular expression: {detail}",
    ),
    "ambiguous_mart": (
        "витрина «{value}» лежит в нескольких видах ({detail}): оставьте один",
        "mart '{value}' is present in several forms ({detail}): keep one",
    ),
    "no_marts": (
        "в папке нет ни одной известной витрины; ожидаются, например: {expected}",
        "the folder holds no known mart; expected, for example: {expected}",
    ),
    "wrong_type": (
        "столбец имеет тип {actual}, а схема витрины требует {expected}",
        "the column has type {actual}; the mart's schema requires {expected}",
    ),
    "timestamp_has_zone": (
        "время записано с часовым поясом ({actual}); в витринах время UTC без пояса",
        "the timestamps carry a time zone ({actual}); marts hold naive UTC timestamps",
    ),
    "nanosecond_timestamps": (
        "время записано в наносекундах, такие файлы Spark не читает: запишите в микросекундах",
        "the timestamps are in nanoseconds, which Spark cannot read: write microseconds",
    ),
    "not_castable": (
        "значение «{value}» не читается как {expected} (образец: {example})",
        "value '{value}' is not a valid {expected} (example: {example})",
    ),
    "below_minimum": (
        "значение {value} меньше допустимого минимума {minimum}",
        "value {value} is below the minimum {minimum}",
    ),
    "above_maximum": (
        "значение {value} больше допустимого максимума {maximum}",
        "value {value} is above the maximum {maximum}",
    ),
    "pattern_mismatch": (
        "значение «{value}» не соответствует шаблону {pattern}",
        "value '{value}' does not match the pattern {pattern}",
    ),
    "not_unique": (
        "значение «{value}» повторяется: оно уже есть в {first_file}, строка {first_row}",
        "value '{value}' is repeated: it is already in {first_file}, row {first_row}",
    ),
    "duplicate_key": (
        "повтор первичного ключа ({key}) = ({value}): он уже есть в {first_file}, строка "
        "{first_row}",
        "duplicate primary key ({key}) = ({value}): already in {first_file}, row {first_row}",
    ),
    "more_rows": (
        "ещё строк с той же проблемой: {count} (показаны первые {shown})",
        "{count} more row(s) with the same problem (the first {shown} are shown)",
    ),
    # the forecast
    "bad_samples": (
        "число траекторий должно быть от 1 до {max}, получено {value}",
        "the number of sample paths must be from 1 to {max}, got {value}",
    ),
    "bad_horizon": (
        "горизонт прогноза «{value}» должен быть годом или периодом (2030, 2030Q4) позже "
        "последнего периода данных {last}, той же частоты",
        "the forecast horizon '{value}' must be a year or a period (2030, 2030Q4) after the "
        "last period of the data, {last}, in the same frequency",
    ),
}
