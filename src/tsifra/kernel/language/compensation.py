"""Words of compensation without an application and of investors' proposed approvals (`invest_`).

`WORDS` are labels and messages; `PROBLEMS` are located problems, by their stable code.
Keys start with `comp_`."""

WORDS: dict[str, tuple[str, str]] = {
    # tsifra registers load
    "comp_register_loaded": (
        "Реестр {register}: записей в файле {records}; новых {added}, изменённых {updated}, "
        "без изменений {unchanged}; подтверждённых (действующих) {confirmed}",
        "Register {register}: {records} records in the file; {added} new, {updated} changed, "
        "{unchanged} unchanged; {confirmed} confirmed (active)",
    ),
    # the case a rule opens (proactive.compensation)
    "comp_case_text": (
        "Компенсация пострадавшему домохозяйству без заявления. Ущерб: {damage}; "
        "проживающих: {residents}; к выплате по правилу: {amount}. Основание: запись {key} "
        "реестра пострадавших домохозяйств, правило {rule} версии {version}.",
        "Compensation to a damaged household without an application. Damage: {damage}; "
        "residents: {residents}; due by the rule: {amount}. Cause: record {key} of the "
        "register of damaged households, rule {rule} version {version}.",
    ),
    "comp_damage_partial": ("частичная утрата имущества", "partial loss of property"),
    "comp_damage_total": ("полная утрата имущества", "total loss of property"),
    "comp_event_opened": (
        "Открыто правилом {rule} (версия {version}, запуск №{run}) по записи {key} реестра",
        "Opened by rule {rule} (version {version}, run #{run}) from record {key} of the register",
    ),
    "comp_roubles": ("{amount}\u00a0₽", "RUB\u00a0{amount}"),
    "comp_paid_text": (
        "Выплачено {amount}: платёжный документ № {number} от {date}.",
        "Paid {amount}: payment document No. {number} of {date}.",
    ),
    # letters to the person (the outbox; always in Russian, the language of the service)
    "comp_mail_opened_subject": (
        "Компенсация: открыто дело № {id}",
        "Compensation: case No. {id} opened",
    ),
    "comp_mail_opened_body": (
        "Здравствуйте!\n\nВаше домохозяйство внесено в реестр пострадавших, и по нему без "
        "заявления открыто дело № {id} о компенсации. Сумма по правилу: {amount}. Решение "
        "примет {body} до {due}. Подавать заявление не нужно: мы сообщим о решении и о выплате.",
        "Hello,\n\nYour household is in the register of damaged households, and case No. {id} "
        "on its compensation has been opened without an application. The amount by the rule: "
        "{amount}. {body} decides by {due}. There is no need to apply: we will tell you of the "
        "decision and of the payment.",
    ),
    "comp_mail_approved_subject": (
        "Компенсация по делу № {id} одобрена",
        "Compensation of case No. {id} approved",
    ),
    "comp_mail_approved_body": (
        "Здравствуйте!\n\n{body} одобрил компенсацию по делу № {id}: {amount}. Выплата — до {due}.",
        "Hello,\n\n{body} has approved the compensation of case No. {id}: {amount}. It is to be "
        "paid by {due}.",
    ),
    "comp_mail_paid_subject": (
        "Компенсация по делу № {id} выплачена",
        "Compensation of case No. {id} paid",
    ),
    "comp_mail_paid_body": (
        "Здравствуйте!\n\nПо делу № {id}: {paid}",
        "Hello,\n\nCase No. {id}: {paid}",
    ),
    # the paying body's page (web/pages/compensation.py)
    "comp_page_title": ("Компенсация по делу № {id}", "Compensation case No. {id}"),
    "comp_stage_opened": ("Ждёт решения органа", "Awaiting the body's decision"),
    "comp_stage_approved": ("Одобрено, ждёт выплаты", "Approved, awaiting payment"),
    "comp_stage_paid": ("Выплачено", "Paid"),
    "comp_stage_rejected": ("Отклонено", "Rejected"),
    "comp_action_opened": ("Открыто правилом", "Opened by a rule"),
    "comp_action_approved": ("Одобрено", "Approved"),
    "comp_action_paid": ("Выплачено", "Paid"),
    "comp_due": ("Срок", "Due"),
    "comp_payer": ("Выплачивает", "Paid by"),
    "comp_damage": ("Ущерб", "Damage"),
    "comp_residents": ("Проживающих", "Residents"),
    "comp_amount_due": ("К выплате по правилу", "Due by the rule"),
    "comp_amount_approved": ("Одобрено к выплате", "Approved to pay"),
    "comp_payment": ("Выплата", "Payment"),
    "comp_payment_document": ("документ № {number} от {date}", "document No. {number} of {date}"),
    "comp_scan": ("скан документа", "the document's scan"),
    "comp_cause": ("Основание", "Cause"),
    "comp_cause_text": (
        "правило {rule} версии {version} (запуск № {run}), запись {record} реестра пострадавших "
        "домохозяйств",
        "rule {rule} version {version} (run No. {run}), record {record} of the register of "
        "damaged households",
    ),
    "comp_household": ("Домохозяйство", "The household"),
    "comp_address": ("Адрес", "Address"),
    "comp_approve_title": ("Одобрить выплату", "Approve the payment"),
    "comp_amount_label": ("Сумма, ₽", "Amount, RUB"),
    "comp_approve_button": ("Одобрить", "Approve"),
    "comp_pay_title": ("Отметить выплату", "Record the payment"),
    "comp_document_number_label": ("Номер платёжного документа", "Payment document number"),
    "comp_document_date_label": ("Дата платёжного документа", "Payment document date"),
    "comp_scan_label": (
        "Скан документа (PDF, JPEG, PNG; необязательно)",
        "The document's scan (PDF, JPEG, PNG; optional)",
    ),
    "comp_pay_note": (
        "Выплату производит казначейство; здесь отмечается документ, по которому она "
        "произведена. После отметки дело закрывается, а заявитель получает письмо.",
        "The treasury pays; here the document it paid by is recorded. The case is then closed "
        "and the person gets a letter.",
    ),
    "comp_pay_button": ("Отметить выплату и закрыть дело", "Record the payment and close"),
    # approvals proposed to an investor (proactive.investors)
    "invest_notice_title": (
        "Какие согласования понадобятся проекту «{title}»",
        "The approvals project «{title}» will need",
    ),
    "invest_notice_text": (
        "Участок проекта «{title}» (№ {key} в реестре инвестиционных проектов) затрагивает зоны "
        "сетей владельцев, чьё согласование понадобится для работ:\n{owners}\n\nПодать проект "
        "на согласование сразу всем им можно по ссылке, поля уже заполнены: {link}\n\n"
        "Предложение подготовлено без заявления по правилу {rule} версии {version}.",
        "The site of project «{title}» (No. {key} in the register of investment projects) "
        "touches the zones of networks whose owners must approve the works:\n{owners}\n\n"
        "File the project with all of them at once by this link, the form already filled in: "
        "{link}\n\nProposed without an application by rule {rule} version {version}.",
    ),
    "invest_notice_changed": (
        "Изменился список владельцев сетей, чьи зоны затрагивает участок проекта «{title}» "
        "(№ {key} в реестре инвестиционных проектов). Теперь понадобятся согласования:\n"
        "{owners}\n\nПодать проект на согласование: {link}\n\nПредложение подготовлено без "
        "заявления по правилу {rule} версии {version}.",
        "The network owners whose zones the site of project «{title}» (No. {key} in the register "
        "of investment projects) touches have changed. The approvals now needed:\n{owners}\n\n"
        "File the project for approval: {link}\n\nProposed without an application by rule "
        "{rule} version {version}.",
    ),
    "invest_owner_line": ("— {name} ({networks})", "— {name} ({networks})"),
    "invest_network_water": ("водоснабжение", "water"),
    "invest_network_sewer": ("водоотведение", "sewerage"),
    "invest_network_heat": ("теплоснабжение", "heat"),
    "invest_network_gas": ("газоснабжение", "gas"),
    "invest_network_power": ("электроснабжение", "power"),
    "invest_network_telecom": ("связь", "telecom"),
    "invest_network_other": ("другие сети", "other networks"),
}

PROBLEMS: dict[str, tuple[str, str]] = {
    # loading a register (proactive.registers)
    "comp_register_unknown": (
        "Реестр «{value}» неизвестен; допустимые: {known}",
        "Unknown register «{value}»; known: {known}",
    ),
    "comp_register_format": (
        "Формат «{value}» не поддерживается; ожидается {formats}",
        "Format «{value}» is not supported; expected {formats}",
    ),
    "comp_register_too_large": (
        "Файл больше {limit} МБ",
        "The file is larger than {limit} MB",
    ),
    "comp_register_too_many": (
        "В файле больше {limit} записей",
        "The file holds more than {limit} records",
    ),
    "comp_register_unreadable": (
        "Файл не читается как таблица CSV или XLSX",
        "The file cannot be read as a CSV or XLSX table",
    ),
    "comp_register_empty": (
        "В файле нет ни одной записи под заголовком",
        "The file holds no record under its header",
    ),
    "comp_register_missing_column": (
        "Нет обязательного столбца «{value}»",
        "The required column «{value}» is missing",
    ),
    "comp_register_column_twice": (
        "Столбец встречается в заголовке дважды",
        "The column appears twice in the header",
    ),
    "comp_cell_required": ("Ячейка не заполнена", "The cell is empty"),
    "comp_cell_integer": (
        "«{value}» — не целое число",
        "«{value}» is not a whole number",
    ),
    "comp_cell_number": ("«{value}» — не число", "«{value}» is not a number"),
    "comp_cell_boolean": (
        "«{value}»: ожидается «да» или «нет»",
        "«{value}»: «yes» or «no» is expected",
    ),
    "comp_cell_date": (
        "«{value}» — не дата; ожидается ДД.ММ.ГГГГ или ГГГГ-ММ-ДД",
        "«{value}» is not a date; DD.MM.YYYY or YYYY-MM-DD is expected",
    ),
    "comp_cell_datetime": (
        "«{value}» — не дата и время; ожидается ГГГГ-ММ-ДД ЧЧ:ММ",
        "«{value}» is not a date and time; YYYY-MM-DD HH:MM is expected",
    ),
    "comp_cell_pattern": (
        "Значение «{value}» не соответствует формату поля",
        "The value «{value}» does not match the field's format",
    ),
    "comp_cell_enum": (
        "Значение «{value}» недопустимо; допустимые: {allowed}",
        "The value «{value}» is not allowed; allowed: {allowed}",
    ),
    "comp_cell_minimum": (
        "Значение «{value}» меньше допустимого ({bound})",
        "The value «{value}» is below the minimum ({bound})",
    ),
    "comp_cell_maximum": (
        "Значение «{value}» больше допустимого ({bound})",
        "The value «{value}» is above the maximum ({bound})",
    ),
    "comp_cell_duplicate": (
        "Значение «{value}» уже встречалось в строке {first}",
        "The value «{value}» already appears in row {first}",
    ),
    # a compensation rule's params and its run (proactive.compensation)
    "comp_rule_payer": (
        "Укажите код органа, который выплачивает компенсацию",
        "Give the code of the body that pays the compensation",
    ),
    "comp_rule_payers": (
        "Ожидается «ОКТМО: код органа»",
        "«OKTMO: body code» is expected",
    ),
    "comp_rule_amount": (
        "Сумма в рублях: число от 0 до 10 000 000",
        "An amount in roubles: a number from 0 to 10,000,000",
    ),
    "comp_rule_damage": (
        "Вид ущерба «{value}» неизвестен; допустимые: {known}",
        "Unknown kind of damage «{value}»; known: {known}",
    ),
    "comp_rule_term": (
        "Срок «{value}»: целое число рабочих дней от 1 до 90",
        "Term «{value}»: a whole number of working days from 1 to 90",
    ),
    "comp_rule_category": (
        "Категория «{value}»: строчные латинские буквы через точку, до 32 знаков",
        "Category «{value}»: lower-case Latin words joined by dots, at most 32 characters",
    ),
    "comp_rule_unknown": (
        "Неизвестный параметр; допустимые: {known}",
        "Unknown parameter; known: {known}",
    ),
    "comp_rule_source": (
        "Правило читает реестр «{value}»; ожидается {expected}",
        "The rule reads register «{value}»; {expected} is expected",
    ),
    "comp_rule_body_unknown": (
        "Орган «{value}» не загружен или не действует (tsifra bodies load)",
        "Body «{value}» is not loaded or not active (tsifra bodies load)",
    ),
    "invest_rule_statuses": (
        "Статусы проектов, которым предлагать согласования; допустимые: {known}",
        "The project statuses that get proposals; known: {known}",
    ),
    "invest_unknown": (
        "Предложение № {value} не найдено",
        "Proposal No. {value} not found",
    ),
    # the body's steps (proactive.payouts)
    "comp_case_unknown": (
        "Дело о компенсации № {value} не найдено",
        "Compensation case No. {value} not found",
    ),
    "comp_amount": (
        "Сумма: число больше 0 и не больше {limit} рублей",
        "The amount: a number above 0 and at most {limit} roubles",
    ),
    "comp_document_number": (
        "Укажите номер платёжного документа (до {limit} знаков)",
        "Give the payment document's number (at most {limit} characters)",
    ),
    "comp_document_date": (
        "Дата платёжного документа: не позже сегодняшнего дня",
        "The payment document's date: today at the latest",
    ),
    "comp_scan_base64": (
        "Скан документа: ожидается base64",
        "The document's scan: base64 is expected",
    ),
    "comp_not_opened": (
        "Одобрить можно только дело, ждущее решения",
        "Only a case awaiting a decision can be approved",
    ),
    "comp_not_approved": (
        "Выплату можно отметить только по одобренному делу",
        "A payment can be recorded only on an approved case",
    ),
    "comp_region_unknown": (
        "Регион «{value}» неизвестен",
        "Unknown region «{value}»",
    ),
}
