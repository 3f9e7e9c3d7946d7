"""Legal deadlines of a case, from its regime, its category and the production calendar.

Moments are naive UTC datetimes, as everywhere in the store; legal days are Moscow days
(UTC+3, no daylight saving since 2014), so 23:30 UTC on 31 December is already 1 January. A term
counted in days ends at the end of its last Moscow day (23:59:59 Moscow time): anything done
at or before that moment is on time. A term counted in hours is exact.

How a term is counted:
- calendar days: its last day is the start's Moscow day plus the term (the day of the start
  itself is not counted); when that day is not worked, the regime's `on_day_off` rule moves
  it, for 59-ФЗ to the preceding working day (`regimes.DayOffRule` says why) — unless every
  day from the start up to it is a day off, then to the next working day, so a term never
  ends on or before the day it began;
- working days: the `n`-th working day after the start's Moscow day (`reference.calendar`);
- hours: the start plus the hours, round the clock.

Pure: no database, no clock; the caller passes every moment.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from tsifra.cases.categories import filing_category
from tsifra.cases.regimes import DayOffRule, Regime, TermUnit, regime
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.reference.calendar import (
    add_working_days,
    is_working_day,
    next_working_day,
    previous_working_day,
)

MOSCOW_OFFSET = timedelta(hours=3)
_LAST_SECOND = time(23, 59, 59)


def _utc(moment: datetime) -> datetime:
    """A naive UTC moment; an aware one (from a client) is converted first."""
    if moment.tzinfo is not None:
        return moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def moscow_day(moment: datetime) -> date:
    """The Moscow date of a (naive UTC) moment: the day a legal term counts."""
    return (_utc(moment) + MOSCOW_OFFSET).date()


def end_of_day(day: date) -> datetime:
    """The last second of a Moscow day, as a naive UTC moment: a day's term ends then."""
    return datetime.combine(day, _LAST_SECOND) - MOSCOW_OFFSET


def _last_day(start: date, days: int, rule: DayOffRule) -> date:
    day = start + timedelta(days=days)
    if is_working_day(day) or rule is DayOffRule.NONE:
        return day
    if rule is DayOffRule.PREVIOUS_WORKING_DAY:
        earlier = previous_working_day(day)
        if earlier > start:
            return earlier
    return next_working_day(day)


def _term_end(rule: Regime, start: datetime, term: int, unit: TermUnit) -> datetime:
    start = _utc(start)
    if unit is TermUnit.HOURS:
        return start + timedelta(hours=term)
    if unit is TermUnit.WORKING_DAYS:
        return end_of_day(add_working_days(moscow_day(start), term))
    return end_of_day(_last_day(moscow_day(start), term, rule.on_day_off))


def register_by(kind: str, submitted_at: datetime) -> datetime:
    """When a case received at `submitted_at` must be registered (59-ФЗ ст. 8 ч. 2: 3 days;
    an incident is registered as it is found)."""
    rule = regime(kind)
    return _term_end(rule, submitted_at, rule.register_days, rule.register_unit)


def answer_term(kind: str, category: str) -> int:
    """The answer's term in the regime's unit: the law's for appeals and incidents, the
    topic's for ПОС messages. The category is checked: a leaf that takes this kind."""
    rule = regime(kind)
    node = filing_category(kind, category)
    return rule.answer_term if rule.answer_term is not None else node.message_days


def answer_due(kind: str, category: str, start: datetime) -> datetime:
    """When the answer is due. `start` is the registration (an incident: when it was found;
    a forwarded case: when the receiving body got it, see `forwarded_due`)."""
    rule = regime(kind)
    return _term_end(rule, start, answer_term(kind, category), rule.answer_unit)


def due_after(kind: str, start: datetime, term: int) -> datetime:
    """The end of a term of `term` units of the regime's answer unit from `start`, for a kind
    whose term is set outside the category tree (an approval's, by the terms file)."""
    rule = regime(kind)
    return _term_end(rule, start, term, rule.answer_unit)


def forward_by(kind: str, registered_at: datetime) -> datetime:
    """By when a case outside the body's competence must be forwarded (59-ФЗ ст. 8 ч. 3:
    7 days from registration, with a notice to the citizen)."""
    rule = regime(kind)
    return _term_end(rule, registered_at, rule.forward_days, rule.forward_unit)


def forwarded_due(kind: str, category: str, forwarded_at: datetime) -> datetime:
    """The answer's deadline after forwarding: the receiving body's full term runs from the
    day it receives the case, and the platform registers it there at once (59-ФЗ ст. 8 ч. 3,
    ст. 12 ч. 1), so the days the first body used are not taken from the citizen's answer."""
    return answer_due(kind, category, forwarded_at)


def extended_due(kind: str, due: datetime, days: int) -> datetime:
    """The deadline after one extension by `days` (59-ФЗ ст. 12 ч. 2: at most 30 days, with a
    notice). Counted from the current deadline's day in the regime's unit. A regime with no
    extension, or `days` outside 1..the maximum, is refused (`path="days"`); how many
    extensions a case has had is the case's to check against `extension_max_count`."""
    rule = regime(kind)
    if rule.extension_max_count == 0:
        problem = Problem("case_term_extension_not_allowed", path="days", value=days)
        raise ValidationFailed([problem])
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        raise ValidationFailed([Problem("case_term_extension_days", path="days", value=days)])
    if days > rule.extension_max_days:
        problem = Problem(
            "case_term_extension_too_long",
            path="days",
            value=days,
            params={"max": rule.extension_max_days},
        )
        raise ValidationFailed([problem])
    return _term_end(rule, due, days, rule.extension_unit)


def reopen_until(kind: str, answered_at: datetime) -> datetime:
    """Until when a citizen may reopen an answered case (the regime's `reopen_days`, in
    calendar days to the end of the Moscow day; a day off does not shorten it)."""
    rule = regime(kind)
    return end_of_day(moscow_day(answered_at) + timedelta(days=rule.reopen_days))


def time_left(due: datetime, now: datetime) -> timedelta:
    """What is left until `due`: negative when overdue."""
    return _utc(due) - _utc(now)


def on_time(due: datetime, done_at: datetime) -> bool:
    """Whether a step done at `done_at` met the deadline `due` (the deadline itself counts)."""
    return _utc(done_at) <= _utc(due)
