"""Errors as JSON with a stable code and a human message; validation lists every problem.

Pages get the same information rendered; the API never answers with an HTML error page or a
traceback.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from tsifra.i18n import current_lang
from tsifra.problems import Forbidden, ValidationFailed

MESSAGES = {
    401: ("нужен вход в систему", "login required"),
    403: ("недостаточно прав для этого действия", "not allowed for this account"),
    404: ("не найдено", "not found"),
    405: ("метод не поддерживается", "method not allowed"),
    422: ("данные не прошли проверку", "the input did not pass validation"),
}
CODES = {401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed"}


def error_body(status: int, code: str | None = None, problems: list | None = None) -> dict:
    ru, en = MESSAGES.get(status, ("ошибка", "error"))
    body = {
        "code": code or CODES.get(status, "error"),
        "message": en if current_lang() == "en" else ru,
    }
    if problems is not None:
        body["problems"] = problems
    return body


def install(app: FastAPI) -> None:
    @app.exception_handler(ValidationFailed)
    async def _validation(request: Request, exc: ValidationFailed) -> JSONResponse:
        problems = [p.as_dict() for p in exc.problems]
        return JSONResponse(error_body(422, "validation_failed", problems), status_code=422)

    @app.exception_handler(RequestValidationError)
    async def _request(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            {
                "code": e["type"],
                "path": ".".join(str(p) for p in e["loc"]),
                "message": e["msg"],
            }
            for e in exc.errors()
        ]
        return JSONResponse(error_body(422, "invalid_request", problems), status_code=422)

    @app.exception_handler(Forbidden)
    async def _forbidden(request: Request, exc: Forbidden) -> JSONResponse:
        return JSONResponse(error_body(403), status_code=403)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        headers = getattr(exc, "headers", None)
        return JSONResponse(
            error_body(exc.status_code), status_code=exc.status_code, headers=headers
        )
