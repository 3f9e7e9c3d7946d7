"""What a login and a password must be, before an account is created or a password is set.

Passwords follow OWASP ASVS 4 (V2.1) at level 2: at least 12 characters, at most 128, any
character allowed and no composition rules, but not one of the commonest passwords, not the
login or the person's name, and not easy to guess. "Easy to guess" is zxcvbn's estimate
(Dropbox's estimator, maintained as the `zxcvbn` package), which ships its frequency lists of
leaked passwords, English words, names and keyboard patterns, so it works offline: a password
scoring under 3 ("safely unguessable" starts at 3, about 10¹⁰ guesses) is refused. Its own
English feedback is never shown; the catalogue says what is wrong.

Logins are names people type on a phone: trimmed of surrounding spaces, 2 to 64 characters,
letters (any alphabet), digits and `.`, `_`, `-`, `@`, starting with a letter or a digit.
"""

from __future__ import annotations

import re

from tsifra.kernel.problems import Problem

PASSWORD_MIN = 12
PASSWORD_MAX = 128
GUESSABLE_BELOW = 3  # zxcvbn's score 0–4
LOGIN_MAX = 64
LOGIN = re.compile(r"[^\W_][\w.@-]{1,63}")  # \w: letters of any alphabet, digits and _


def normalised_login(login: str) -> str:
    """The login as it is stored and looked up: what was typed, without surrounding spaces."""
    return login.strip()


def login_problems(login: str, where: str = "--login") -> list[Problem]:
    """Why a (normalised) login cannot name a new account; empty if it can."""
    if LOGIN.fullmatch(login) is None:
        return [Problem("bad_login", path=where, value=login[:LOGIN_MAX])]
    return []


def password_problems(
    password: str, login: str, name: str | None = None, where: str = "--password"
) -> list[Problem]:
    """Why `password` may not be set for this account; empty if it may.

    The checks stop at the first that fails, so a user fixes one thing at a time and the
    strength estimate runs only on a password of a sane length."""
    if len(password) < PASSWORD_MIN:
        return [Problem("password_too_short", path=where, params={"n": PASSWORD_MIN})]
    if len(password) > PASSWORD_MAX:
        return [Problem("password_too_long", path=where, params={"n": PASSWORD_MAX})]
    folded = password.casefold()
    personal = [p for p in (login, name) if p and len(p) >= 3]
    if any(p.casefold() in folded for p in personal) or folded == login.casefold():
        return [Problem("password_is_login", path=where)]
    from zxcvbn import zxcvbn  # its frequency lists take a moment to load: only when asked

    estimate = zxcvbn(password, user_inputs=personal, max_length=PASSWORD_MAX)
    if estimate["score"] >= GUESSABLE_BELOW:
        return []
    common = any(m.get("dictionary_name") == "passwords" for m in estimate["sequence"])
    return [Problem("password_common" if common else "password_guessable", path=where)]
