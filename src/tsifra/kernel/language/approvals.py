"""Words of infrastructure approvals: projects, owners' answers, deadlines, revisions.

`WORDS` are labels and messages; `PROBLEMS` are located problems, by their stable code.
Keys start with `appr_`."""

WORDS: dict[str, tuple[str, str]] = {
    # the regime (`cases.regimes.APPROVAL`)
    "appr_regime_name": ("Согласование с владельцем сетей", "Network owner's approval"),
    # kinds of works (`approvals.vocabulary.WORKS`)
    "appr_works_new_network": ("строительство новой сети", "new network"),
    "appr_works_excavation": ("земляные работы", "excavation works"),
    "appr_works_connection": ("подключение к сетям", "connection to networks"),
    "appr_works_near_networks": ("строительство вблизи сетей", "building near networks"),
    # an owner's decision (`approvals.vocabulary.DECISIONS`, silence)
    "appr_decision_approved": ("согласовано", "approved"),
    "appr_decision_conditions": ("согласовано с условиями", "approved with conditions"),
    "appr_decision_refused": ("отказано", "refused"),
    "appr_decision_silence": (
        "согласовано по истечении срока (молчание — согласие)",
        "approved by silence after the term",
    ),
    "appr_decision_awaited": ("ожидается ответ", "awaiting the answer"),
    # a project's status (`approvals.vocabulary.STATUSES`)
    "appr_status_under_review": ("на согласовании", "under review"),
    "appr_status_approved": ("согласовано всеми", "approved by all"),
    "appr_status_refused": ("есть отказ", "refused by an owner"),
    "appr_status_withdrawn": ("отозвано", "withdrawn"),
    # events of an owner's case
    "appr_event_sent": ("направлено владельцу", "sent to the owner"),
    "appr_event_answered": ("ответ владельца", "the owner's answer"),
    "appr_event_lapsed": (
        "срок истёк: согласие по молчанию",
        "term lapsed: consent by silence",
    ),
    "appr_event_revised": ("направлена доработка", "revision sent"),
    "appr_event_withdrawn": ("заявитель отозвал проект", "the applicant withdrew the project"),
    # notices to owners' e-mail (`approvals.projects.notify_owner`)
    "appr_mail_sent_subject": (
        "Согласование проекта № {id}",
        "Approval of project No. {id}",
    ),
    "appr_mail_sent_body": (
        "Заявитель {applicant} направил на согласование проект № {id} «{title}» "
        "(заявка владельцу № {case}). Срок ответа: {due:day}.",
        "{applicant} asks you to approve project No. {id} “{title}” (request No. {case}). "
        "Answer due: {due:day}.",
    ),
    "appr_mail_revised_subject": (
        "Доработанный проект № {id} на повторное согласование",
        "Revised project No. {id} for approval again",
    ),
    "appr_mail_revised_body": (
        "Заявитель {applicant} доработал проект № {id} «{title}» после вашего отказа "
        "(заявка № {case}). Срок ответа: {due:day}.",
        "{applicant} revised project No. {id} “{title}” after your refusal (request No. "
        "{case}). Answer due: {due:day}.",
    ),
    "appr_mail_decided_subject": (
        "Проект № {id}: ответ владельца сетей",
        "Project No. {id}: a network owner's answer",
    ),
    "appr_mail_decided_body": (
        "По проекту № {id} «{title}» владелец сетей {owner}: {decision}.\n{text}\n"
        "Состояние проекта: {status}.",
        "On project No. {id} “{title}” the network owner {owner}: {decision}.\n{text}\n"
        "The project is now: {status}.",
    ),
    "appr_mail_withdrawn_subject": (
        "Проект № {id} отозван заявителем",
        "Project No. {id} withdrawn by the applicant",
    ),
    "appr_mail_withdrawn_body": (
        "Заявитель {applicant} отозвал проект № {id} «{title}» (заявка № {case}); отвечать на "
        "неё больше не нужно. Дата: {due:day}.",
        "{applicant} withdrew project No. {id} “{title}” (request No. {case}); it needs no "
        "answer any more. Date: {due:day}.",
    ),
    # `tsifra approvals lapse`
    "appr_cli_lapsed": (
        "Согласий по молчанию записано: {n}",
        "Consents by silence recorded: {n}",
    ),
}

PROBLEMS: dict[str, tuple[str, str]] = {
    # the terms file (`approvals.terms`)
    "appr_terms_unreadable": (
        "Файл сроков не читается как YAML в UTF-8",
        "The terms file does not read as UTF-8 YAML",
    ),
    "appr_terms_not_mapping": (
        "Здесь должен быть словарь (ключ: значение)",
        "A mapping (key: value) is expected here",
    ),
    "appr_terms_unknown_key": (
        "Неизвестный ключ; допустимы days и silence_is_consent",
        "Unknown key; days and silence_is_consent are allowed",
    ),
    "appr_terms_silence": (
        "silence_is_consent должно быть true или false",
        "silence_is_consent must be true or false",
    ),
    "appr_terms_works": (
        "Неизвестный вид работ «{value}»; допустимы: {expected}",
        "Unknown kind of works “{value}”; allowed: {expected}",
    ),
    "appr_terms_days": (
        "Срок должен быть целым числом рабочих дней от 1 до {max}, а не «{value}»",
        "The term must be a whole number of working days from 1 to {max}, not “{value}”",
    ),
    "appr_terms_missing": (
        "Не задан срок для этого вида работ",
        "No term is set for this kind of works",
    ),
    "appr_terms_version": (
        "Не указана версия файла сроков",
        "The terms file has no version",
    ),
    # a project as filed (`approvals.projects`)
    "appr_field_empty": ("Поле должно быть заполнено", "This field must be filled in"),
    "appr_field_too_long": (
        "Слишком длинный текст: {count} символов, допустимо не более {limit}",
        "The text is too long: {count} characters, at most {limit}",
    ),
    "appr_works": (
        "Неизвестный вид работ «{value}»; допустимы: {expected}",
        "Unknown kind of works “{value}”; allowed: {expected}",
    ),
    "appr_inn": (
        "ИНН должен состоять из 10 (организация) или 12 (физическое лицо) цифр",
        "The INN must be 10 (a company) or 12 (a person) digits",
    ),
    "appr_date": ("Дата не распознана: «{value}»", "Not a date: “{value}”"),
    "appr_dates_order": (
        "Дата окончания работ раньше даты начала",
        "The works end before they start",
    ),
    "appr_idempotency_key": (
        "Ключ идемпотентности — не более {limit} печатных символов",
        "The idempotency key must be at most {limit} printable characters",
    ),
    "appr_region": ("Неизвестный регион «{value}»", "Unknown region “{value}”"),
    "appr_no_owners": (
        "Место работ не затрагивает ни одной охранной зоны сетей в регионе: согласование "
        "владельцев сетей не требуется",
        "The place of works touches no network zone in the region: no owner's approval is needed",
    ),
    "appr_project_unknown": ("Проект № {value} не найден", "Project No. {value} not found"),
    "appr_status": (
        "Неизвестный статус «{value}»; допустимы: {expected}",
        "Unknown status “{value}”; allowed: {expected}",
    ),
    "appr_limit": (
        "Число строк должно быть от 1 до {max}",
        "The number of rows must be from 1 to {max}",
    ),
    "appr_offset": (
        "Смещение должно быть целым неотрицательным числом",
        "The offset must be a whole number, zero or more",
    ),
    # documents (`approvals.documents`)
    "appr_documents_too_many": (
        "Слишком много документов: не более {limit} за раз",
        "Too many documents: at most {limit} at once",
    ),
    "appr_document_too_big": (
        "Файл «{value}» больше {limit} МБ",
        "The file “{value}” is larger than {limit} MB",
    ),
    "appr_document_type": (
        "Файл «{value}» — не PDF, DWG, PNG или JPEG",
        "The file “{value}” is not a PDF, DWG, PNG or JPEG",
    ),
    "appr_document_base64": (
        "Содержимое документа — не base64",
        "The document's content is not base64",
    ),
    "appr_document_broken": (
        "Изображение «{value}» повреждено или слишком велико",
        "The image “{value}” is broken or too large",
    ),
    "appr_document_unknown": (
        "Документ № {value} этого проекта не найден",
        "Document No. {value} of this project not found",
    ),
    # answers and revisions (`approvals.answers`), the queue (`approvals.queues`)
    "appr_request_unknown": (
        "Заявка на согласование № {value} не найдена",
        "Approval request No. {value} not found",
    ),
    "appr_decision": (
        "Неизвестное решение «{value}»; допустимы: {expected}",
        "Unknown decision “{value}”; allowed: {expected}",
    ),
    "appr_decision_needs_text": (
        "Для согласования с условиями и для отказа нужно указать условия или причины",
        "Approval with conditions and a refusal need the conditions or the reasons",
    ),
    "appr_already_decided": (
        "По этой заявке решение уже принято в текущем круге ({value})",
        "This request is already decided in its current round ({value})",
    ),
    "appr_revision_documents": (
        "Для доработки приложите хотя бы один документ",
        "A revision needs at least one document",
    ),
    "appr_not_refused": (
        "Доработка направляется только после отказа владельца сетей",
        "A revision is sent only after an owner's refusal",
    ),
    "appr_not_under_review": (
        "Документы добавляются, пока проект на согласовании; после отказа направьте доработку",
        "Documents are added while the project is under review; after a refusal send a revision",
    ),
    "appr_case_steps": (
        "Согласование владельца сетей отвечается на странице заявки на согласование, а не "
        "шагами обращения",
        "A network owner's approval is answered on its approval request, not by a case's steps",
    ),
    "appr_not_withdrawable": (
        "Отозвать можно только проект на согласовании или с отказом, а не «{value}»",
        "Only a project under review or refused can be withdrawn, not “{value}”",
    ),
    "appr_queue_body": (
        "Укажите владельца сетей (организацию), чью очередь показать",
        "Name the network owner whose queue to show",
    ),
}
