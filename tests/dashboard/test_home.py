"""The home screen's data on SQLite and PostgreSQL: changes on the quarter and the year from the
stored ratings, directions against targets by the one rule, the three biggest gains with their
what-if, tasks only for who may read them, and the quarter's data as it arrives."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from sqlalchemy import Engine

from builders import REPORTED, governor
from tsifra.dashboard.cycle import quarter_data
from tsifra.dashboard.home import _earlier, _new_targets_from, region_home
from tsifra.dashboard.status import level
from tsifra.kernel.problems import ValidationFailed
from tsifra.ratings.published import rating
from tsifra.values.ingest import ingest_frame

TODAY = date(2099, 6, 20)  # REPORTED's tasks: one overdue (2020), one due in 10 days, one later


@pytest.fixture
def reported(database_copy) -> Engine:
    return database_copy(REPORTED)


def test_the_headline_directions_and_actions(reported: Engine) -> None:
    home = region_home(reported, "RU-TA", today=TODAY)
    now = rating(reported, period="2025Q4").table.set_index("unit").loc["RU-TA"]
    before = rating(reported, period="2025Q3").table.set_index("unit").loc["RU-TA"]
    assert home.profile.period == "2025Q4"
    assert home.on_quarter.against == "2025Q3"
    assert home.on_quarter.score == pytest.approx(now["score"] - before["score"])
    assert home.on_quarter.rank == int(before["rank"]) - int(now["rank"])
    assert home.on_year.against == "2024Q4" and home.on_year.score is None  # not rated
    assert [d.code for d in home.directions] == ["health", "education", "gov", "transport", "city"]
    for d in home.directions:
        assert d.score == pytest.approx(now[d.code])
        assert d.target == 100.0 and d.level == level(d.score, 100.0)
        assert d.indicators and all(i["parent"] == d.code for i in d.indicators)
    assert home.level in {"red", "amber", "green"}
    gains = home.profile.gains
    assert 1 <= len(home.actions) <= 3
    assert [a.indicator for a in home.actions] == list(gains["indicator"].head(3))
    assert [a.gain for a in home.actions] == sorted((a.gain for a in home.actions), reverse=True)
    first = home.actions[0]
    assert first.whatif == (
        f"/regions/RU-TA/whatif?indicator1={first.indicator}&target1=on&period=2025Q4"
    )
    statuses = {i["indicator"]: i["level"] for d in home.directions for i in d.indicators}
    assert statuses[first.indicator] in {"amber", "red"}  # a gain means short of its target


def test_tasks_only_for_a_reader_who_may_read_them(reported: Engine) -> None:
    assert region_home(reported, "RU-TA", today=TODAY).tasks is None  # anonymous
    other = region_home(reported, "RU-TA", reader=governor("RU-MOW"), today=TODAY)
    assert other.tasks is None
    mine = region_home(reported, "RU-TA", reader=governor(), today=TODAY).tasks
    assert [t.title for t in mine.overdue] == ["Подключить поликлиники к РМИС"]
    assert mine.due_soon == ()  # due in 10 days: not yet within the 7 days of «due soon»
    week_before = region_home(reported, "RU-TA", reader=governor(), today=date(2099, 6, 23))
    assert [t.title for t in week_before.tasks.due_soon] == ["Перевести запись к врачу в онлайн"]
    assert (mine.open, mine.total) == (3, 3)
    assert [t.title for t in mine.next][:2] == [
        "Подключить поликлиники к РМИС",
        "Перевести запись к врачу в онлайн",
    ]


def test_the_quarters_data_as_it_arrives(reported: Engine) -> None:
    """The quarter being collected on a day is the last one ended; late is what had not arrived
    by the due date (the methodology's data cycle: the 8th of the month after the quarter)."""
    state = quarter_data(reported, ["RU-TA"], "ru-digital-maturity", date(2026, 1, 5))["RU-TA"]
    assert state.period == "2025Q4" and state.due == date(2026, 1, 8) and state.complete
    assert len(state.arrived) == len(state.expected) == 24 and state.late == ()
    first = pd.DataFrame(
        [("RU-TA", "2026Q1", "health_emr", 96.0), ("RU-TA", "2026Q1", "gov_edo", 91.0)],
        columns=["unit", "period", "indicator", "value"],
    )
    ingest_frame(reported, first, "region")
    before_due = quarter_data(
        reported, ["RU-TA", "RU-MOW"], "ru-digital-maturity", date(2026, 4, 8)
    )
    ta, mow = before_due["RU-TA"], before_due["RU-MOW"]
    assert ta.period == "2026Q1" and ta.due == date(2026, 4, 8)
    assert set(ta.arrived) == {"health_emr", "gov_edo"} and len(ta.missing) == 22
    assert ta.late == () and not ta.complete
    assert mow.arrived == () and len(mow.missing) == 24
    after_due = quarter_data(reported, ["RU-TA"], "ru-digital-maturity", date(2026, 4, 9))
    # the two values were received today (after 8 April 2026), so they too came late
    assert set(after_due["RU-TA"].late) == set(ta.expected)
    home = region_home(reported, "RU-TA", reader=governor(), today=date(2026, 4, 9))
    assert home.data.period == "2026Q1" and len(home.data.missing) == 22
    assert home.profile.period == "2025Q4"  # the rated period the screen shows is unchanged
    assert region_home(reported, "RU-TA", today=date(2026, 4, 9)).data is None  # anonymous


def test_an_unknown_region_is_a_problem(reported: Engine) -> None:
    with pytest.raises(ValidationFailed) as failed:
        region_home(reported, "RU-XX", today=TODAY)
    assert failed.value.problems[0].path == "unit"


def test_periods_a_quarter_and_a_year_back_and_new_targets() -> None:
    assert _earlier("2026Q1", 1) == "2025Q4" and _earlier("2026Q1", 4) == "2025Q1"
    assert _earlier("2026", 1) == "2025" and _earlier("2026-01", 12) == "2025-01"
    assert [_new_targets_from(p) for p in ("2026Q1", "2026Q2", "2026", "2026-01")] == [
        True,
        False,
        False,
        True,
    ]
