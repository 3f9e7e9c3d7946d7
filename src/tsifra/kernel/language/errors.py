"""The web's own error messages, by HTTP status: what an API client or a browser is told when
no problem report says more."""

WORDS: dict[str, tuple[str, str]] = {
    "http_401": ("нужен вход в систему", "login required"),
    "http_403": ("недостаточно прав для этого действия", "not allowed for this account"),
    "api_csrf_failed": (
        "запись по cookie сессии принимается только с CSRF-токеном этой сессии "
        "в заголовке X-CSRF-Token (или войдите по токену: Authorization: Bearer)",
        "a write with the session cookie needs this session's CSRF token in the X-CSRF-Token "
        "header (or sign in with a token: Authorization: Bearer)",
    ),
    "http_404": ("не найдено", "not found"),
    "http_405": ("метод не поддерживается", "method not allowed"),
    "http_413": (
        "запрос больше {limit_mb:,} МБ: сервер не принимает таких — разделите файл на части",
        "the request is larger than {limit_mb:,} MB, which the server does not accept: "
        "split the file",
    ),
    "http_422": ("данные не прошли проверку", "the input did not pass validation"),
    "rate_limited": (
        "слишком много запросов с этого адреса; повторите через {seconds} с",
        "too many requests from this address; retry in {seconds} s",
    ),
    "http_429": (
        "слишком много попыток: повторите позже (заголовок Retry-After — через сколько секунд)",
        "too many attempts: try again later (the Retry-After header says in how many seconds)",
    ),
    "http_500": ("внутренняя ошибка сервера", "internal server error"),
    "http_error": ("ошибка", "error"),
}
