"""The reader's language, decided once per request for pages, the API and error answers alike.

`?lang=ru|en` first, then the session's, then the first of Russian or English that
`Accept-Language` prefers, then Russian. A page's `?lang` is kept in the session, so the next
page stays in it; an API call's asks for that one answer only (API clients are stateless, and a
script's language must not depend on what it asked before). Routes take the language as the
typed dependency `Lang`; the error handlers, which run outside the dependencies, call
`request_lang` with the request.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Depends, Query, Request

from tsifra.kernel.language import DEFAULT_LANG, LANGS


def request_lang(request: Request) -> str:
    """The language of `request` by the order above; never an error, whatever was sent."""
    asked = request.query_params.get("lang", "").strip().lower()
    session = request.session if "session" in request.scope else None
    if asked in LANGS:
        page = not request.url.path.startswith("/api/")
        if page and session is not None and session.get("lang") != asked:
            session["lang"] = asked
        return asked
    kept = session.get("lang") if session is not None else None
    if kept in LANGS:
        return kept
    return preferred(request.headers.get("accept-language", "")) or DEFAULT_LANG


def preferred(header: str) -> str | None:
    """Russian or English, whichever `Accept-Language` weighs higher (the first listed wins a
    tie); None when it names neither. `en-GB,en;q=0.9,ru;q=0.8` is English."""
    best, best_q = None, 0.0
    for item in header.split(","):
        tag, _, params = item.strip().partition(";")
        code = tag.strip().lower()[:2]
        if code not in LANGS:
            continue
        q = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > best_q:
            best, best_q = code, q
    return best


def lang_dependency(
    request: Request,
    lang: Annotated[
        Literal["ru", "en"] | None,
        Query(
            description="ru or en; without it the session's, else the first of them that "
            "Accept-Language prefers, else ru",
        ),
    ] = None,
) -> str:
    """`request_lang` as a dependency, declaring `lang` so that the API reference shows it and
    a language Tsifra does not speak is refused (422) rather than silently replaced."""
    return request_lang(request)


Lang = Annotated[str, Depends(lang_dependency)]
