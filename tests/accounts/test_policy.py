"""The password policy (ASVS V2.1 at level 2) and what a login may be."""

from __future__ import annotations

import pytest

from tsifra.accounts.policy import (
    PASSWORD_MAX,
    PASSWORD_MIN,
    login_problems,
    normalised_login,
    password_problems,
)


def codes(password: str, login: str = "fed", name: str | None = None) -> list[str]:
    return [p.code for p in password_problems(password, login, name)]


@pytest.mark.parametrize(
    "password",
    # The commonest passwords and their usual padding to a required length, from zxcvbn's
    # frequency list of leaked passwords, not from a list of ours.
    ["12345678901234", "password1234", "qwertyuiop123", "iloveyou123456", "1q2w3e4r5t6y"],
)
def test_the_commonest_passwords_are_refused(password: str) -> None:
    assert codes(password) == ["password_common"]


def test_a_password_with_the_login_or_the_name_is_refused() -> None:
    assert codes("kazan-operator", login="kazan") == ["password_is_login"]
    assert codes("KAZANKAZANKAZAN", login="kazan") == ["password_is_login"]
    assert codes("petrov-1984-summer", login="ip", name="Petrov") == ["password_is_login"]


def test_length_is_checked_first_and_bounded() -> None:
    assert codes("12345678") == ["password_too_short"]
    assert codes("Tr0ub4dor&3") == ["password_too_short"]  # strong but 11 characters
    assert codes("x" * (PASSWORD_MAX + 1)) == ["password_too_long"]
    problem = password_problems("short", "fed")[0]
    assert problem.params == {"n": PASSWORD_MIN}
    assert "12" in problem.message("ru") and "12" in problem.message("en")


def test_an_easily_guessed_password_is_refused_and_a_good_one_kept() -> None:
    assert codes("aaaaaaaaaaaaaa") == ["password_guessable"]
    assert codes("abcdefghijklmn") != []
    assert codes("long-enough-pass") == []
    assert codes("correct horse battery staple") == []
    sentence = "a sentence of many words is a fine password, says NIST, and so does ASVS"
    assert len(sentence) > 64 and codes(sentence) == []


def test_the_messages_are_the_catalogues_in_both_languages() -> None:
    (problem,) = password_problems("password1234", "fed")
    assert "распространённых" in problem.message("ru")
    assert "commonest" in problem.message("en")


@pytest.mark.parametrize("login", ["admin", "kazan.op", "i.petrov@minzdrav", "иванов", "op-2"])
def test_sane_logins_pass(login: str) -> None:
    assert login_problems(login) == []


@pytest.mark.parametrize(
    "login", ["", "a", "two words", "_under", ".dot", "semi;colon", "x" * 65, "tab\tin"]
)
def test_odd_logins_are_refused(login: str) -> None:
    assert [p.code for p in login_problems(login)] == ["bad_login"]


def test_a_login_is_trimmed_only() -> None:
    assert normalised_login("  Admin \t") == "Admin"
    assert normalised_login("  ") == ""
