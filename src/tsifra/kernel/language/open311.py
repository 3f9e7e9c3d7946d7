"""Words of the Open311 API and its client keys.

`WORDS` are labels and messages; `PROBLEMS` are located problems, by their stable code."""

WORDS: dict[str, tuple[str, str]] = {
    # `tsifra open311 key …`
    "open311_clients_title": ("Клиенты Open311", "Open311 clients"),
    "open311_client": ("Клиент", "Client"),
    "open311_client_since": ("С", "Since"),
    "open311_client_used": ("Последний запрос", "Last request"),
    "open311_client_state": ("Ключ", "Key"),
    "open311_client_live": ("действует", "live"),
    "open311_client_revoked": ("отозван {when}", "revoked {when}"),
    "open311_key_issued": (
        "Ключ клиента {client} (показан один раз, хранится только его SHA-256):",
        "The key of client {client} (shown once; only its SHA-256 is kept):",
    ),
    "open311_key_revoked": ("Ключ клиента {client} отозван", "The key of client {client} revoked"),
    "open311_key_was_revoked": (
        "Ключ клиента {client} уже был отозван",
        "The key of client {client} was already revoked",
    ),
    # The API's answers
    "open311_bad_request": ("запрос не прошёл проверку", "the request did not pass validation"),
    "open311_bad_key": (
        "нужен действующий api_key: ключ выдаёт администратор сервера",
        "a valid api_key is required: the server's administrator issues keys",
    ),
    "open311_unknown_jurisdiction": (
        "регион «{value}» не найден (ожидается код вида RU-KLU)",
        "region '{value}' not found (a code such as RU-KLU is expected)",
    ),
    "open311_jurisdiction_required": (
        "укажите регион: сервер принимает обращения нескольких регионов",
        "name the region: this server takes requests for several regions",
    ),
    "open311_bad_ids": (
        "ожидаются номера заявок через запятую (не больше 1000)",
        "request numbers separated by commas are expected (at most 1,000)",
    ),
    "open311_bad_datetime": (
        "ожидается дата и время в формате W3C, например 2026-01-12T10:00:00+03:00",
        "a W3C date and time is expected, e.g. 2026-01-12T10:00:00+03:00",
    ),
    "open311_bad_status": ("ожидается open, closed или open,closed", "open, closed or open,closed"),
    "open311_bad_number": (
        "ожидается целое число от 1 до {n:,}",
        "a whole number from 1 to {n:,} is expected",
    ),
    "open311_notice_filed": (
        "Заявка принята. Её зарегистрируют и направят в орган, который отвечает; "
        "срок ответа — в поле expected_datetime заявки.",
        "The request is accepted. It will be registered and sent to the body that answers it; "
        "the answer is due by the request's expected_datetime.",
    ),
    "open311_media_url_not_fetched": (
        "Файл по media_url сервер не загружает: пришлите его в поле media.",
        "The server does not fetch media_url: send the file in the media field.",
    ),
    "open311_contact": (
        "Администратор сервера «Цифра» этого региона",
        "The administrator of this Tsifra server",
    ),
    "open311_key_service": (
        "Ключ API выдаёт администратор сервера (tsifra open311 key add КЛИЕНТ)",
        "API keys are issued by the server's administrator (tsifra open311 key add CLIENT)",
    ),
    # A service's attributes
    "open311_attr_publish": (
        "Опубликовать текст обращения на публичных страницах? Без согласия текст не "
        "публикуется (59-ФЗ, ст. 6)",
        "Publish the text of the request on public pages? Without consent it is not "
        "published (59-FZ, art. 6)",
    ),
    "open311_attr_show_name": (
        "Показывать имя заявителя на публичных страницах?",
        "Show the applicant's name on public pages?",
    ),
    "open311_attr_kind": ("Вид обращения", "Kind of request"),
    "open311_kind_appeal": (
        "обращение по 59-ФЗ (ответ в течение 30 дней; нужны фамилия и адрес для ответа)",
        "an appeal under 59-FZ (answered within 30 days; needs a surname and an address)",
    ),
    "open311_kind_message": (
        "сообщение на платформу обратной связи (срок по теме)",
        "a message to the feedback platform (deadline by topic)",
    ),
    "open311_message_term": (
        "Срок ответа на сообщение — {n} раб. дн.",
        "A message is answered within {n} working days",
    ),
    "open311_notice_appeal": (
        "Ответ — в течение 30 дней после регистрации, срок может быть продлён один раз "
        "(59-ФЗ, ст. 12)",
        "Answered within 30 days of registration; the term may be extended once (59-FZ, art. 12)",
    ),
    "open311_notice_incident": (
        "Официальный ответ — в течение 24 часов",
        "An official reply within 24 hours",
    ),
    "open311_attr_oktmo": (
        "Код ОКТМО муниципального образования, если известен",
        "The municipality's OKTMO code, if known",
    ),
}

PROBLEMS: dict[str, tuple[str, str]] = {
    "open311_bad_client_name": (
        "имя клиента — от 1 до {n} печатных символов",
        "a client's name is 1 to {n} printable characters",
    ),
    "open311_client_exists": (
        "у клиента «{value}» уже есть действующий ключ: сначала отзовите его",
        "client '{value}' already has a live key: revoke it first",
    ),
    "open311_unknown_client": ("клиент «{value}» не найден", "client '{value}' not found"),
    "open311_bad_page": ("номер страницы — от 1", "the page number starts at 1"),
    "open311_bad_page_size": (
        "размер страницы — от 1 до {n:,}",
        "the page size is 1 to {n:,}",
    ),
    "open311_missing": ("поле обязательно", "this field is required"),
    "open311_unknown_service": (
        "категория «{value}» не принимается (список: services.xml)",
        "service '{value}' is not accepted (see services.xml)",
    ),
    "open311_unknown_attribute": (
        "атрибута «{value}» нет в описании услуги",
        "the service's definition has no attribute '{value}'",
    ),
    "open311_bad_choice": ("недопустимое значение «{value}»", "invalid value '{value}'"),
    "open311_bad_coordinate": (
        "«{value}» — не число (ожидается координата WGS84 в градусах)",
        "'{value}' is not a number (a WGS84 coordinate in degrees is expected)",
    ),
    "open311_no_location": (
        "укажите место: lat и long или address_string",
        "give the place: lat and long, or address_string",
    ),
}
