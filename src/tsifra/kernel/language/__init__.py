"""The words users read, in Russian (the users' language and the default) and in English.

One catalogue holds every word a shell shows — messages, problems, labels, the exports' words,
the web's error messages — as a (Russian, English) pair under a key, split by area into the
data modules of this package. A shell decides the reader's language once, at its edge (the
CLI's `--lang`, the web's `?lang`, session or `Accept-Language`), and passes it down: nothing
here reads the environment, and every lookup names its language.

Lookups are written `word("key", lang, ...)` with a literal key, so that a test can find every
key the code uses; a key chosen at run time is declared with `word_key("key")` where it is
spelled. Placeholders are filled in the reader's convention (`kernel.formatting`): a number
with a format (`{score:.2f}`, `{n:,}`) gets the language's decimal mark, grouping and minus
sign, a flag is «да» or «нет», and three named formats write a period label, a date and a
time stamp as a reader expects them: `{period:period}` («IV кв. 2025»), `{when:day}`
(30.06.2026) and `{when:moment}`.
"""

from __future__ import annotations

import numbers
import string
from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from tsifra.kernel import formatting
from tsifra.kernel.language import (
    agencies,
    agency_pages,
    approval_figures,
    approval_pages,
    approvals,
    cases,
    commands,
    common,
    compensation,
    errors,
    feedback,
    figures,
    open311,
    pages,
    plans,
    practices,
    proactive,
    problems,
    protection,
    queues,
    registry_figures,
    registry_pages,
    reports,
    search,
    zones,
)

Lang = str  # "ru" or "en"
LANGS = ("ru", "en")
DEFAULT_LANG = "ru"

# The mark on everything made from synthetic data. It stays Russian in data files whatever the
# language: it is the phrase the demo is known by, and it must never be missed.
DEMO_MARK = common.DEMO_MARK
DEMO_NOTE = common.DEMO_NOTE


def _merged(*areas: Mapping[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    catalogue: dict[str, tuple[str, str]] = {}
    for area in areas:
        twice = catalogue.keys() & area.keys()
        if twice:
            raise ValueError(f"catalogue keys defined twice: {sorted(twice)}")
        catalogue.update(area)
    return catalogue


# The feedback platform's areas each keep their words and their problems in one module.
# So do the registry of practices, the plans and the agency rating.
_FEEDBACK_AREAS = (
    cases, queues, feedback, open311, protection, figures,
    practices, search, registry_pages, registry_figures, plans, agencies, agency_pages,
    zones, approvals, approval_pages, approval_figures, proactive, compensation,
)  # fmt: skip
CATALOGUE = _merged(
    common.WORDS,
    commands.WORDS,
    pages.WORDS,
    reports.WORDS,
    problems.WORDS,
    errors.WORDS,
    *(area.WORDS for area in _FEEDBACK_AREAS),
    *(area.PROBLEMS for area in _FEEDBACK_AREAS),
)
PROBLEM_CODES = frozenset(problems.WORDS).union(*(area.PROBLEMS for area in _FEEDBACK_AREAS))


def language(value: object) -> Lang:
    """The language a reader asked for: English for "en" (or "en-GB", "en_US.UTF-8"), Russian,
    the default, for anything else rather than an error."""
    return "en" if isinstance(value, str) and value.strip().lower().startswith("en") else "ru"


def word(key: str, lang: Lang, /, **params: object) -> str:
    """The text of `key` in `lang`, its placeholders filled in the reader's convention.

    An unknown key is a programming error (KeyError): the catalogue test finds them first.
    `key` and `lang` are positional only, so a placeholder may be called `key` or `lang` too.
    """
    ru, en = CATALOGUE[key]
    text = en if lang == "en" else ru
    return _Writer(lang).vformat(text, (), params) if params else text


def word_key(key: str) -> str:
    """Declares a catalogue key that is looked up later by a variable, where it is spelled
    (`STATUSES = {"new": word_key("status_new")}`), so the catalogue test sees it used."""
    return key


def word_keys(*keys: str) -> tuple[str, ...]:
    """Declares several keys at once, e.g. the columns of a table in their order."""
    return keys


def plural(n: int, lang: Lang, one: str, few: str, many: str) -> str:
    """Which of three keys agrees with the number `n`: Russian says 1 место, 2–4 места,
    5–20 мест, and so on by the last two digits; English needs only one and many."""
    n = abs(int(n))
    if lang == "en":
        return one if n == 1 else many
    if n % 10 == 1 and n % 100 != 11:
        return one
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return few
    return many


STATUS_KEYS = {
    "new": word_key("status_new"),
    "in_progress": word_key("status_in_progress"),
    "done": word_key("status_done"),  # before migration 0004; now «accepted»
    "reported": word_key("status_reported"),
    "returned": word_key("status_returned"),
    "accepted": word_key("status_accepted"),
    "cancelled": word_key("status_cancelled"),
}
SOURCE_KEYS = {
    "president": word_key("task_source_president"),
    "government": word_key("task_source_government"),
    "mintsifry": word_key("task_source_mintsifry"),
    "governor": word_key("task_source_governor"),
    "other": word_key("task_source_other"),
}


# A case's statuses and steps (`cases.states`), as problems and pages name them.
CASE_STATUS_KEYS = {
    "submitted": word_key("case_status_submitted"),
    "registered": word_key("case_status_registered"),
    "forwarded": word_key("case_status_forwarded"),
    "in_progress": word_key("case_status_in_progress"),
    "extended": word_key("case_status_extended"),
    "answered": word_key("case_status_answered"),
    "rated": word_key("case_status_rated"),
    "closed": word_key("case_status_closed"),
    "rejected": word_key("case_status_rejected"),
    "duplicate": word_key("case_status_duplicate"),
}
CASE_STEP_KEYS = {
    "register": word_key("case_step_register"),
    "forward": word_key("case_step_forward"),
    "take": word_key("case_step_take"),
    "extend": word_key("case_step_extend"),
    "answer": word_key("case_step_answer"),
    "rate": word_key("case_step_rate"),
    "reopen": word_key("case_step_reopen"),
    "close": word_key("case_step_close"),
    "reject": word_key("case_step_reject"),
    "duplicate": word_key("case_step_duplicate"),
    "comment": word_key("case_step_comment"),
}


def case_status_word(code: str, lang: Lang) -> str:
    """A case's status in words (`{status:case_status}` in a message); unknown: its code."""
    key = CASE_STATUS_KEYS.get(code)
    return word(key, lang) if key else code


def case_step_word(code: str, lang: Lang) -> str:
    """A step on a case in words (`{step:case_step}` in a message); unknown: its code."""
    key = CASE_STEP_KEYS.get(code)
    return word(key, lang) if key else code


def status_word(code: str, lang: Lang) -> str:
    """A task's status in words; a status this table does not know is shown as its code."""
    key = STATUS_KEYS.get(code)
    return word(key, lang) if key else code


def source_word(code: str, lang: Lang) -> str:
    """Whose order a task carries (Президент, Правительство, …); an unknown code as itself."""
    key = SOURCE_KEYS.get(code)
    return word(key, lang) if key else code


# Units of measure as methodology files write them (in Russian); the rest ("%") read the same.
MEASURE_KEYS = {
    "дней": word_key("measure_days"),
    "дн.": word_key("measure_days_short"),
    "ч": word_key("measure_hours"),
    "руб.": word_key("measure_roubles"),
    "тыс. руб.": word_key("measure_thousand_roubles"),
    "млн руб.": word_key("measure_million_roubles"),
    "чел.": word_key("measure_people"),
    "ед.": word_key("measure_units"),
    "шт.": word_key("measure_pieces"),
}


def measure(unit: str | None, lang: Lang) -> str:
    """A unit of measure in `lang`: as the methodology writes it in Russian, translated where
    the catalogue knows it in English."""
    if not unit:
        return ""
    key = MEASURE_KEYS.get(unit)
    return word(key, lang) if key and lang == "en" else unit


CODES = ("period", "status", "case_status", "case_step")  # named formats taking a code


class _Writer(string.Formatter):
    """Fills placeholders as `word` documents: numbers localised, periods and dates named."""

    NAMED: ClassVar[dict[str, Callable[[Any, str], str]]] = {
        "period": formatting.period,
        "day": formatting.day,
        "moment": formatting.moment,
        "status": lambda value, lang: status_word(value, lang),  # a task's status code
        "case_status": lambda value, lang: case_status_word(value, lang),
        "case_step": lambda value, lang: case_step_word(value, lang),
    }

    def __init__(self, lang: Lang):
        self.lang = lang

    def format_field(self, value: object, format_spec: str) -> str:
        if isinstance(value, bool):  # «ревизии совпадают: да», not "True"
            yes, no = word_keys("yes", "no")
            return word(yes if value else no, self.lang)
        named = self.NAMED.get(format_spec)
        if named is not None:
            if value is None or (isinstance(value, str) and format_spec not in CODES):
                return formatting.MISSING if value is None else value  # already written out
            return named(value, self.lang)
        if not formatting.is_number(value):
            return format(value, format_spec)
        if format_spec:
            return formatting.localise(format(value, format_spec), self.lang)
        if isinstance(value, numbers.Integral):
            return formatting.localise(str(int(value)), self.lang)
        return formatting.significant(value, self.lang)
