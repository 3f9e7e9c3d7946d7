"""The legal regime of each kind of case: its terms, its units and the law that sets them.

A case's deadlines are not code scattered over the steps but one declared regime per kind, so
the law behind every term can be read, cited (docs/feedback-law.md) and tested in one place,
and a new kind of case (approvals come next) adds a regime rather than a branch.

- `appeal`: Федеральный закон от 02.05.2006 № 59-ФЗ «О порядке рассмотрения обращений граждан
  Российской Федерации». Registered within 3 days of receipt (ст. 8 ч. 2); forwarded to the
  competent body within 7 days of registration, with a notice to the citizen (ст. 8 ч. 3);
  answered within 30 days of registration (ст. 12 ч. 1); extended once, by at most 30 days,
  with a notice (ст. 12 ч. 2); no answer without a surname and a postal or e-mail address
  (ст. 11 ч. 1).
- `message`: a message to the feedback platform (ПОС) under Постановление Правительства РФ от
  10.11.2020 № 1802, outside 59-ФЗ: the answer's term is set per topic, in working days (the
  category tree carries it, `tsifra.cases.categories`).
- `incident`: a post found in a social network, handled by the ЦУР with an official reply
  within 24 hours of being found.
- `approval`: a network owner's approval of an applicant's project of works («ВсеСети»,
  `tsifra.approvals`), not a citizen's case. The term is in working days, set per region and
  kind of works by the platform's settings (`approvals/data/terms.yaml`), as the category sets a
  ПОС message's; the settings follow the ВсеСети target of at most two weeks (10 working days).
  No registration step (it arrives registered when sent), no forwarding, no extension.

Only the feedback kinds (`FEEDBACK_KINDS`) are citizens' cases: public lists, Open311, the
feedback figures and the citizen's forms keep to them; a body's queue shows every kind it holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from tsifra.kernel.language import Lang, plural, word, word_key, word_keys
from tsifra.kernel.problems import Problem, ValidationFailed


class TermUnit(StrEnum):
    """How a term is counted."""

    CALENDAR_DAYS = "calendar_days"
    WORKING_DAYS = "working_days"
    HOURS = "hours"


class DayOffRule(StrEnum):
    """Where a term counted in calendar days ends when its last day is not worked.

    59-ФЗ says nothing on it. Civil law (ГК РФ ст. 193) would move the end to the next working
    day; the practice of bodies under 59-ФЗ, and the rule chosen here, is the preceding working
    day: an answer sent by then is on time under either reading, and the citizen never waits
    longer than the law's term. Terms in working days and hours need no rule.
    """

    PREVIOUS_WORKING_DAY = "previous_working_day"
    NEXT_WORKING_DAY = "next_working_day"
    NONE = "none"


@dataclass(frozen=True)
class Regime:
    """The terms of one kind of case. `answer_term` None means the category sets it."""

    kind: str
    law: str
    register_days: int
    register_unit: TermUnit
    answer_term: int | None
    answer_unit: TermUnit
    forward_days: int
    forward_unit: TermUnit
    extension_max_days: int
    extension_max_count: int
    extension_unit: TermUnit
    needs_address_to_answer: bool
    reopen_days: int
    on_day_off: DayOffRule

    @property
    def name_key(self) -> str:
        """The catalogue key of the regime's name (`word(regime.name_key, lang)`)."""
        return REGIME_NAMES[self.kind]


REGIME_NAMES = {
    "appeal": word_key("case_regime_appeal"),
    "message": word_key("case_regime_message"),
    "incident": word_key("case_regime_incident"),
    "approval": word_key("appr_regime_name"),
}
# A term as a reader says it, by the number's grammatical form (one, few, many).
_TERM_FORMS = {
    TermUnit.CALENDAR_DAYS: word_keys(
        "case_term_calendar_days_one", "case_term_calendar_days_few", "case_term_calendar_days"
    ),
    TermUnit.WORKING_DAYS: word_keys(
        "case_term_working_days_one", "case_term_working_days_few", "case_term_working_days"
    ),
    TermUnit.HOURS: word_keys("case_term_hours_one", "case_term_hours_few", "case_term_hours"),
}


def term_text(n: int, unit: TermUnit, lang: Lang) -> str:
    """A term for a reader: «30 календарных дней», «1 рабочий день», «24 часа»."""
    return word(plural(n, lang, *_TERM_FORMS[unit]), lang, n=n)


APPEAL = Regime(
    kind="appeal",
    law="59-ФЗ от 02.05.2006, ст. 8 ч. 2–3, ст. 11 ч. 1, ст. 12 ч. 1–2",
    register_days=3,
    register_unit=TermUnit.CALENDAR_DAYS,
    answer_term=30,
    answer_unit=TermUnit.CALENDAR_DAYS,
    forward_days=7,
    forward_unit=TermUnit.CALENDAR_DAYS,
    extension_max_days=30,
    extension_max_count=1,
    extension_unit=TermUnit.CALENDAR_DAYS,
    needs_address_to_answer=True,
    reopen_days=30,
    on_day_off=DayOffRule.PREVIOUS_WORKING_DAY,
)

# ПОС: the answer's term is the category's; registration, forwarding and the extension are
# the platform's settings, in working days (docs/feedback-law.md says which are simplifications).
MESSAGE = Regime(
    kind="message",
    law="Постановление Правительства РФ от 10.11.2020 № 1802",
    register_days=1,
    register_unit=TermUnit.WORKING_DAYS,
    answer_term=None,
    answer_unit=TermUnit.WORKING_DAYS,
    forward_days=1,
    forward_unit=TermUnit.WORKING_DAYS,
    extension_max_days=10,
    extension_max_count=1,
    extension_unit=TermUnit.WORKING_DAYS,
    needs_address_to_answer=False,
    reopen_days=30,
    on_day_off=DayOffRule.NONE,
)

# An incident is registered as it is found; the 24-hour clock runs round the week.
INCIDENT = Regime(
    kind="incident",
    law="ЦУР: официальный ответ в социальной сети в течение 24 часов",
    register_days=0,
    register_unit=TermUnit.HOURS,
    answer_term=24,
    answer_unit=TermUnit.HOURS,
    forward_days=2,
    forward_unit=TermUnit.HOURS,
    extension_max_days=0,
    extension_max_count=0,
    extension_unit=TermUnit.HOURS,
    needs_address_to_answer=False,
    reopen_days=30,
    on_day_off=DayOffRule.NONE,
)

# An owner's approval: the term comes from the terms file (`approvals.terms`), in working days.
APPROVAL = Regime(
    kind="approval",
    law="ВсеСети: срок согласования — настройка платформы, не более 10 рабочих дней",
    register_days=0,
    register_unit=TermUnit.HOURS,
    answer_term=None,
    answer_unit=TermUnit.WORKING_DAYS,
    forward_days=0,
    forward_unit=TermUnit.HOURS,
    extension_max_days=0,
    extension_max_count=0,
    extension_unit=TermUnit.WORKING_DAYS,
    needs_address_to_answer=False,
    reopen_days=0,
    on_day_off=DayOffRule.NONE,
)

REGIMES: dict[str, Regime] = {r.kind: r for r in (APPEAL, MESSAGE, INCIDENT, APPROVAL)}
KINDS = tuple(REGIMES)
# The kinds citizens file and the public reads (the feedback platform's cases).
FEEDBACK_KINDS = ("appeal", "message", "incident")


def regime(kind: str) -> Regime:
    """The regime of `kind`; an unknown kind is a located problem (`path="kind"`)."""
    try:
        return REGIMES[kind]
    except KeyError:
        problem = Problem("case_term_unknown_kind", path="kind", value=kind)
        raise ValidationFailed([problem]) from None
