"""Legal deadlines of every regime on the production calendar: registration, the answer,
forwarding, extension, reopening and the incidents' 24-hour clock, in Moscow days."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tsifra.cases.deadlines import (
    answer_due,
    answer_term,
    end_of_day,
    extended_due,
    forward_by,
    forwarded_due,
    moscow_day,
    on_time,
    register_by,
    reopen_until,
    time_left,
)
from tsifra.cases.regimes import REGIMES, DayOffRule, TermUnit, regime, term_text
from tsifra.kernel.problems import ValidationFailed
from tsifra.reference.calendar import is_working_day, working_days_between

LEAF = "roads.pits.yard"  # ПОС term: 10 working days
URGENT = "housing.heating.no_heating"  # ПОС term: 1 working day


def _utc(day: date, hour: int = 9) -> datetime:
    """A naive UTC moment on `day` at `hour` Moscow time."""
    return datetime(day.year, day.month, day.day, hour) - timedelta(hours=3)


def _problem(excinfo: pytest.ExceptionInfo[ValidationFailed]) -> tuple[str, str | None]:
    (problem,) = excinfo.value.problems
    return problem.code, problem.path


# -- regimes ---------------------------------------------------------------------------------


def test_the_appeal_regime_is_59_fz() -> None:
    appeal = regime("appeal")
    assert (appeal.register_days, appeal.register_unit) == (3, TermUnit.CALENDAR_DAYS)
    assert (appeal.answer_term, appeal.answer_unit) == (30, TermUnit.CALENDAR_DAYS)
    assert appeal.forward_days == 7
    assert (appeal.extension_max_days, appeal.extension_max_count) == (30, 1)
    assert appeal.needs_address_to_answer
    assert appeal.reopen_days == 30
    assert appeal.on_day_off is DayOffRule.PREVIOUS_WORKING_DAY
    assert "59-ФЗ" in appeal.law


def test_messages_take_their_term_from_the_topic_and_incidents_answer_in_24_hours() -> None:
    message, incident = regime("message"), regime("incident")
    assert message.answer_term is None and message.answer_unit is TermUnit.WORKING_DAYS
    assert not message.needs_address_to_answer
    assert "1802" in message.law
    assert (incident.answer_term, incident.answer_unit) == (24, TermUnit.HOURS)
    assert incident.extension_max_count == 0
    assert answer_term("message", LEAF) == 10
    assert answer_term("message", URGENT) == 1
    assert answer_term("appeal", URGENT) == 30


def test_an_unknown_kind_is_a_located_problem() -> None:
    with pytest.raises(ValidationFailed) as excinfo:
        register_by("permit", datetime(2025, 3, 3, 9))
    assert _problem(excinfo) == ("case_term_unknown_kind", "kind")
    assert set(REGIMES) == {"appeal", "message", "incident", "approval"}


# -- Moscow days -----------------------------------------------------------------------------


def test_legal_days_are_moscow_days() -> None:
    assert moscow_day(datetime(2025, 12, 31, 21, 0)) == date(2026, 1, 1)  # 00:00 in Moscow
    assert moscow_day(datetime(2025, 12, 31, 20, 59)) == date(2025, 12, 31)
    aware = datetime(2026, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=3)))
    assert moscow_day(aware) == date(2026, 1, 1)
    assert end_of_day(date(2026, 1, 14)) == datetime(2026, 1, 14, 20, 59, 59)


# -- registration ----------------------------------------------------------------------------


def test_an_appeal_is_registered_within_three_days() -> None:
    assert register_by("appeal", _utc(date(2025, 12, 15))) == end_of_day(date(2025, 12, 18))
    # Received at 00:30 on Tuesday Moscow time, still Monday in UTC: Tuesday counts.
    assert register_by("appeal", datetime(2025, 12, 15, 21, 30)) == end_of_day(date(2025, 12, 19))
    assert register_by("appeal", datetime(2025, 12, 15, 20, 30)) == end_of_day(date(2025, 12, 18))


def test_registration_due_on_a_holiday_moves_back_but_never_before_receipt() -> None:
    # Received Friday 26.12.2025: three days end Monday 29.12, worked.
    assert register_by("appeal", _utc(date(2025, 12, 26))) == end_of_day(date(2025, 12, 29))
    # Received Tuesday 30.12.2025: 2 January is a holiday; the preceding working day would be
    # 30.12 itself, so the term ends on the first working day after the holidays.
    assert register_by("appeal", _utc(date(2025, 12, 30))) == end_of_day(date(2026, 1, 12))
    # Received Wednesday 31.12.2025 (a day off): likewise.
    assert register_by("appeal", _utc(date(2025, 12, 31))) == end_of_day(date(2026, 1, 12))


def test_a_message_is_registered_the_next_working_day_and_an_incident_at_once() -> None:
    assert register_by("message", _utc(date(2025, 12, 30))) == end_of_day(date(2026, 1, 12))
    found = datetime(2025, 12, 31, 22, 15)
    assert register_by("incident", found) == found


# -- the answer ------------------------------------------------------------------------------


def test_an_appeal_registered_before_the_new_year_holidays_runs_thirty_calendar_days() -> None:
    # 15.12.2025 + 30 days = Wednesday 14.01.2026: holidays count as calendar days.
    due = answer_due("appeal", LEAF, _utc(date(2025, 12, 15)))
    assert due == end_of_day(date(2026, 1, 14))


def test_an_appeal_term_ending_on_a_holiday_ends_the_preceding_working_day() -> None:
    # 02.12.2025 + 30 = Thursday 01.01.2026, a holiday; 31.12.2025 is a day off too (moved
    # from 5 January), so the term ends Tuesday 30.12.2025.
    due = answer_due("appeal", LEAF, _utc(date(2025, 12, 2)))
    assert due == end_of_day(date(2025, 12, 30))
    # 09.05.2025 is Victory Day: registered 09.04.2025, the term ends Wednesday 07.05.2025
    # (8 May is a day off moved from 23 February).
    due = answer_due("appeal", LEAF, _utc(date(2025, 4, 9)))
    assert due == end_of_day(date(2025, 5, 7))
    # Ending on a plain Sunday (02.11.2025) it moves to the working Saturday 01.11.2025.
    due = answer_due("appeal", LEAF, _utc(date(2025, 10, 3)))
    assert due == end_of_day(date(2025, 11, 1))


def test_a_message_registered_on_29_december_skips_the_new_year_holidays() -> None:
    registered = _utc(date(2025, 12, 29))
    # 10 working days: 30.12, then 12–16.01 and 19–22.01.2026.
    assert answer_due("message", LEAF, registered) == end_of_day(date(2026, 1, 22))
    # The urgent topic's one working day is 30.12.2025.
    assert answer_due("message", URGENT, registered) == end_of_day(date(2025, 12, 30))
    # Registered on 30.12, even the urgent one waits for 12.01.2026.
    assert answer_due("message", URGENT, _utc(date(2025, 12, 30))) == end_of_day(date(2026, 1, 12))


def test_a_transferred_working_saturday_counts_as_a_working_day() -> None:
    # Thursday 30.10.2025 + 2 working days: Friday 31.10 and Saturday 01.11 (worked, the day
    # off moved to Monday 03.11).
    assert answer_due("message", "roads.winter.ice", _utc(date(2025, 10, 30))) == end_of_day(
        date(2025, 11, 1)
    )
    # Friday 31.10 + 3 working days: 01.11, then 05.11 and 06.11 (03.11 and 04.11 are off).
    assert answer_due("message", "roads.winter.snow", _utc(date(2025, 10, 31))) == end_of_day(
        date(2025, 11, 6)
    )


def test_the_incident_clock_is_24_hours_across_midnight_moscow_time() -> None:
    found = datetime(2025, 12, 31, 20, 30)  # 23:30 on 31 December in Moscow, a day off
    due = answer_due("incident", LEAF, found)
    assert due == datetime(2026, 1, 1, 20, 30)  # 23:30 on 1 January in Moscow: a holiday
    assert moscow_day(due) == date(2026, 1, 1)
    assert time_left(due, found) == timedelta(hours=24)


def test_the_category_is_checked_for_the_kind() -> None:
    with pytest.raises(ValidationFailed) as excinfo:
        answer_due("incident", "other.general.gratitude", datetime(2025, 3, 3))
    assert _problem(excinfo) == ("case_term_category_kind", "category")
    with pytest.raises(ValidationFailed) as excinfo:
        answer_due("message", "roads.pits", datetime(2025, 3, 3))
    assert _problem(excinfo) == ("case_term_category_not_leaf", "category")
    with pytest.raises(ValidationFailed) as excinfo:
        answer_due("appeal", "roads.flying_cars.parking", datetime(2025, 3, 3))
    assert _problem(excinfo) == ("case_term_category_unknown", "category")


# -- forwarding ------------------------------------------------------------------------------


def test_an_appeal_is_forwarded_within_seven_days_of_registration() -> None:
    assert forward_by("appeal", _utc(date(2025, 3, 3))) == end_of_day(date(2025, 3, 10))
    # 26.12.2025 + 7 = 02.01.2026, a holiday: the preceding working day, 30.12.2025.
    assert forward_by("appeal", _utc(date(2025, 12, 26))) == end_of_day(date(2025, 12, 30))


def test_forwarding_restarts_the_answer_term_at_the_receiving_body() -> None:
    registered = _utc(date(2025, 3, 3))
    forwarded = _utc(date(2025, 3, 7))
    first = answer_due("appeal", LEAF, registered)
    after = forwarded_due("appeal", LEAF, forwarded)
    assert first == end_of_day(date(2025, 4, 2))
    # 30 days from the day the body got it: Sunday 06.04.2025, so Friday 04.04.
    assert after == end_of_day(date(2025, 4, 4))
    assert forwarded_due("appeal", LEAF, _utc(date(2025, 3, 5))) == end_of_day(date(2025, 4, 4))


# -- extension -------------------------------------------------------------------------------


def test_an_appeal_is_extended_by_at_most_30_days() -> None:
    due = end_of_day(date(2025, 3, 3))
    assert extended_due("appeal", due, 30) == end_of_day(date(2025, 4, 2))
    assert extended_due("appeal", due, 10) == end_of_day(date(2025, 3, 13))
    with pytest.raises(ValidationFailed) as excinfo:
        extended_due("appeal", due, 31)
    assert _problem(excinfo) == ("case_term_extension_too_long", "days")
    assert "30" in excinfo.value.problems[0].message("ru")
    with pytest.raises(ValidationFailed) as excinfo:
        extended_due("appeal", due, 0)
    assert _problem(excinfo) == ("case_term_extension_days", "days")


def test_an_extension_ending_on_a_holiday_ends_the_preceding_working_day() -> None:
    # 02.05.2025 is a day off (moved from 4 January) and 01.05 a holiday: 30.04.2025.
    assert extended_due("appeal", end_of_day(date(2025, 4, 2)), 30) == end_of_day(date(2025, 4, 30))


def test_a_message_extends_in_working_days_and_an_incident_not_at_all() -> None:
    due = end_of_day(date(2025, 12, 30))
    assert extended_due("message", due, 1) == end_of_day(date(2026, 1, 12))
    with pytest.raises(ValidationFailed) as excinfo:
        extended_due("message", due, 11)
    assert _problem(excinfo) == ("case_term_extension_too_long", "days")
    with pytest.raises(ValidationFailed) as excinfo:
        extended_due("incident", datetime(2025, 3, 3, 12), 1)
    assert _problem(excinfo) == ("case_term_extension_not_allowed", "days")


# -- reopening and time left -----------------------------------------------------------------


def test_a_citizen_may_reopen_for_30_days_after_the_answer() -> None:
    answered = _utc(date(2025, 12, 15), hour=18)
    assert reopen_until("appeal", answered) == end_of_day(date(2026, 1, 14))
    # A day off does not shorten it: 02.12 + 30 = 01.01.2026 stays.
    assert reopen_until("appeal", _utc(date(2025, 12, 2))) == end_of_day(date(2026, 1, 1))


def test_time_left_is_negative_when_overdue_and_the_deadline_itself_is_on_time() -> None:
    due = end_of_day(date(2026, 1, 14))
    assert time_left(due, due - timedelta(hours=5)) == timedelta(hours=5)
    assert time_left(due, due + timedelta(minutes=1)) < timedelta(0)
    assert on_time(due, due)
    assert not on_time(due, due + timedelta(seconds=1))


@pytest.mark.parametrize(
    ("n", "unit", "ru", "en"),
    [
        (30, TermUnit.CALENDAR_DAYS, "30 календарных дней", "30 calendar days"),
        (3, TermUnit.CALENDAR_DAYS, "3 календарных дня", "3 calendar days"),
        (1, TermUnit.WORKING_DAYS, "1 рабочий день", "1 working day"),
        (21, TermUnit.WORKING_DAYS, "21 рабочий день", "21 working days"),
        (11, TermUnit.WORKING_DAYS, "11 рабочих дней", "11 working days"),
        (24, TermUnit.HOURS, "24 часа", "24 hours"),
    ],
)
def test_a_term_reads_in_the_numbers_grammatical_form(
    n: int, unit: TermUnit, ru: str, en: str
) -> None:
    assert term_text(n, unit, "ru") == ru
    assert term_text(n, unit, "en") == en


MOMENTS = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2027, 11, 30))


@given(registered=MOMENTS)
def test_an_appeal_is_due_on_the_last_working_day_of_its_thirty(registered: datetime) -> None:
    start = moscow_day(registered)
    due = answer_due("appeal", LEAF, registered)
    last = moscow_day(due)
    assert due == end_of_day(last)
    assert is_working_day(last)
    assert start < last <= start + timedelta(days=30)
    # No working day is lost: every day after it up to the 30th is a day off.
    assert working_days_between(last, start + timedelta(days=30)) == 0


@given(registered=MOMENTS, topic=st.sampled_from([LEAF, URGENT, "roads.winter.snow"]))
def test_a_message_is_due_exactly_its_topics_working_days_later(
    registered: datetime, topic: str
) -> None:
    last = moscow_day(answer_due("message", topic, registered))
    assert working_days_between(moscow_day(registered), last) == answer_term("message", topic)
    assert is_working_day(last)
