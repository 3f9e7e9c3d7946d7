"""How a case is written on the citizen's and the executor's pages: its status, its steps, its
category, the body holding it and the time left, in the reader's language.

One place for the feedback pages and their JSON (`web.api.cases`), so that a status reads the
same on the tracking page, the public page, the queue and in the API's `status_name`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Engine

from tsifra.cases.bodies import list_bodies
from tsifra.cases.categories import category
from tsifra.cases.queues import left_words
from tsifra.kernel import formatting
from tsifra.kernel.language import case_status_word, word, word_key
from tsifra.kernel.problems import ValidationFailed

ACTION_WORDS = {
    "submitted": word_key("feedback_action_submitted"),
    "registered": word_key("feedback_action_registered"),
    "forwarded": word_key("feedback_action_forwarded"),
    "taken": word_key("feedback_action_taken"),
    "extended": word_key("feedback_action_extended"),
    "answered": word_key("feedback_action_answered"),
    "rated": word_key("feedback_action_rated"),
    "reopened": word_key("feedback_action_reopened"),
    "closed": word_key("feedback_action_closed"),
    "rejected": word_key("feedback_action_rejected"),
    "duplicate": word_key("feedback_action_duplicate"),
    "commented": word_key("feedback_action_commented"),
    "moderated": word_key("feedback_action_moderated"),
    "flagged": word_key("feedback_action_flagged"),
    "contact_read": word_key("feedback_action_contact_read"),
    "pseudonymised": word_key("feedback_action_pseudonymised"),
}
KIND_WORDS = {
    "appeal": word_key("feedback_kind_appeal"),
    "message": word_key("feedback_kind_message"),
    "incident": word_key("feedback_kind_incident"),
}
PURPOSE_WORDS = {
    "attachment": word_key("feedback_purpose_attachment"),
    "before": word_key("feedback_purpose_before"),
    "after": word_key("feedback_purpose_after"),
    "answer": word_key("feedback_purpose_answer"),
}
OPEN_STATUSES = frozenset(("submitted", "registered", "forwarded", "in_progress", "extended"))


def status_name(status: str, lang: str) -> str:
    """The case core's word for a status, as a label («Подано», «В работе»)."""
    written = case_status_word(status, lang)
    return written[:1].upper() + written[1:]


def action_name(action: str, lang: str) -> str:
    key = ACTION_WORDS.get(action)
    return word(key, lang) if key else action


def category_name(code: str, lang: str) -> str:
    """The category's name after its parent's («Покрытие дорог — Ямы во дворе»), or the code
    itself for one the tree no longer holds (an old case)."""
    try:
        node = category(code)
    except ValidationFailed:
        return code
    if node.parent is None:
        return node.name(lang)
    return f"{category(node.parent).name(lang)} — {node.name(lang)}"


MOSCOW = timedelta(hours=3)  # UTC+3 all year: legal days are counted in Moscow time


def moscow_time(when: datetime | None, lang: str) -> str:
    """A stored (naive UTC) moment as Moscow time, which the law's days are counted in: a
    deadline reads «30.12.2026 23:59 МСК», the end of the legal day, not 20:59 UTC."""
    if when is None:
        return formatting.MISSING
    local = when + MOSCOW
    return word(
        "feedback_moscow_time", lang, day=formatting.day(local, lang), time=f"{local:%H:%M}"
    )


def time_left(delta: timedelta | None, lang: str) -> str:
    """«осталось 2 дн. 5 ч» or «просрочено на 7 ч», as the queues write it."""
    return left_words(delta, lang)


def deadline_of(case) -> datetime | None:
    """The deadline a case is waiting for now: registration, then the answer."""
    if case.status not in OPEN_STATUSES:
        return None
    return case.due_at or case.register_by


def writers(engine: Engine, lang: str) -> dict[str, object]:
    """The template functions of a feedback page: each writes a code in `lang`."""
    names = {body.code: body.name(lang) for body in list_bodies(engine)}

    def body_name(code: str) -> str:
        return names.get(code, code)

    return {
        "msk": lambda when: moscow_time(when, lang),
        "status_name": lambda status: status_name(status, lang),
        "action_name": lambda action: action_name(action, lang),
        "category_name": lambda code: category_name(code, lang),
        "body_name": body_name,
        "kind_words": KIND_WORDS,
        "purpose_words": PURPOSE_WORDS,
    }
