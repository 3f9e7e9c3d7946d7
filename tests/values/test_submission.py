"""A region's submission for a quarter: expected, arrived on time or late, missing; every region's
counts for the federal view; completeness against the methodology's threshold."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest
from sqlalchemy import Engine, select

from builders import RATED
from tsifra.accounts.users import Account
from tsifra.kernel.problems import Forbidden, ValidationFailed
from tsifra.store import AuditEntry
from tsifra.values.ingest import ingest_frame
from tsifra.values.submission import (
    AWAITED,
    LATE,
    MISSING,
    ON_TIME,
    Completeness,
    collection_period,
    period_completeness,
    region_submission,
    submissions_by_region,
)

M = "ru-digital-maturity"
Q = "2026Q1"  # due 8 April 2026 under the official rule
ANALYST = Account(1, "analyst", "Федеральный аналитик", "analyst", None)
VIEWER = Account(2, "viewer", "Читатель", "viewer", None)
TATARSTAN = Account(3, "tatar", "Оператор РТ", "operator", "RU-TA")
KALMYKIA = Account(4, "kalm", "Оператор РК", "operator", "RU-KL")


def _send(
    engine: Engine, rows: list[tuple], at: datetime, source: str = "region:RU-TA", reason=None
) -> None:
    frame = pd.DataFrame(rows, columns=["unit", "period", "indicator", "value"])
    ingest_frame(engine, frame, source, received_at=at, reason=reason)


@pytest.fixture
def engine(database_copy) -> Engine:
    """RATED (every region, 2025Q3–2025Q4) and Tatarstan's first values for 2026Q1: one sent
    half an hour into 8 April Moscow time (on time), one half an hour into 9 April (late)."""
    engine = database_copy(RATED)
    _send(engine, [("RU-TA", Q, "health_emr", 91.0)], datetime(2026, 4, 7, 21, 30))
    _send(engine, [("RU-TA", Q, "health_telemed", 88.0)], datetime(2026, 4, 8, 21, 30))
    return engine


def test_each_expected_indicator_is_on_time_late_or_missing(engine):
    s = region_submission(engine, TATARSTAN, "RU-TA", M, Q, today=date(2026, 5, 1))
    assert s.due == date(2026, 4, 8)
    assert s.days_left == -23
    table = s.table.set_index("indicator")
    assert len(table) == 24  # every indicator of the methodology is submitted
    assert table.loc["health_emr", "state"] == ON_TIME
    assert table.loc["health_emr", "value"] == 91.0
    assert table.loc["health_emr", "arrived_at"].isoformat() == "2026-04-08T00:30:00+03:00"
    assert table.loc["health_telemed", "state"] == LATE
    assert (s.count(ON_TIME), s.count(LATE), s.count(MISSING)) == (1, 1, 22)
    assert table.loc["health_emr", "name"].startswith("Доля граждан")
    assert table.loc["health_emr", "measure"] == "%"


def test_before_the_due_date_nothing_is_missing_yet(engine):
    s = region_submission(engine, ANALYST, "RU-TA", M, Q, today=date(2026, 4, 1))
    assert s.days_left == 7
    assert s.count(MISSING) == 0
    assert s.count(AWAITED) == 22


def test_the_last_reported_value_is_given_beside_each_indicator(engine):
    s = region_submission(engine, VIEWER, "RU-TA", M, Q, today=date(2026, 5, 1))
    table = s.table.set_index("indicator")
    stored = RATED.panel().set_index(["unit", "period", "indicator"])["value"]
    for code in ("health_rmis_connected", "gov_pos_on_time"):
        key = ("RU-TA", "2025Q4", code)
        if key in stored.index:
            assert table.loc[code, "last_period"] == "2025Q4"
            assert table.loc[code, "last_value"] == pytest.approx(stored[key])


def test_a_correction_after_the_due_date_does_not_make_a_value_late(engine):
    _send(engine, [("RU-TA", Q, "health_emr", 92.5)], datetime(2026, 4, 20, 9), reason="уточнено")
    s = region_submission(engine, TATARSTAN, "RU-TA", M, Q, today=date(2026, 5, 1))
    row = s.table.set_index("indicator").loc["health_emr"]
    assert row["state"] == ON_TIME
    assert row["value"] == 92.5  # the value in force is the correction


def test_another_regions_operator_is_refused_and_the_refusal_recorded(engine):
    with pytest.raises(Forbidden):
        region_submission(engine, KALMYKIA, "RU-TA", M, Q)
    with pytest.raises(Forbidden):
        region_submission(engine, None, "RU-TA", M, Q)
    with engine.connect() as connection:
        actions = connection.execute(
            select(AuditEntry.actor, AuditEntry.target).where(
                AuditEntry.action == "refused.submission.read"
            )
        ).all()
    assert ("kalm", "RU-TA") in [tuple(a) for a in actions]


def test_an_unknown_region_or_period_is_a_problem(engine):
    with pytest.raises(ValidationFailed) as failed:
        region_submission(engine, ANALYST, "RU-XX", M, Q)
    assert failed.value.problems[0].code == "unit_not_in_data"
    with pytest.raises(ValidationFailed) as failed:
        region_submission(engine, ANALYST, "RU-TA", M, "весна")
    assert failed.value.problems[0].path == "period"


def test_every_region_in_counts_and_who_has_not_reported_by_the_deadline(engine):
    _send(
        engine,
        [("RU-KL", Q, code, 50.0) for code in _codes()],
        datetime(2026, 4, 2, 10, 0),
        source="region:RU-KL",
    )
    after = submissions_by_region(engine, ANALYST, M, Q, today=date(2026, 5, 1))
    table = after.table.set_index("unit")
    assert after.expected == 24
    assert tuple(table.loc["RU-TA", [ON_TIME, LATE, MISSING]]) == (1, 1, 22)
    assert table.loc["RU-KL", ON_TIME] == 24 and bool(table.loc["RU-KL", "reported"])
    assert table.loc["RU-MOW", MISSING] == 24
    late = set(after.not_reported["unit"])
    assert "RU-TA" in late and "RU-MOW" in late and "RU-KL" not in late
    assert len(table) >= 83  # every region of the reference list, reported or not
    before = submissions_by_region(engine, VIEWER, M, Q, today=date(2026, 4, 5))
    assert before.not_reported.empty  # nobody is late before the due date
    assert before.table.set_index("unit").loc["RU-MOW", AWAITED] == 24


def test_the_federal_table_is_refused_to_an_operator(engine):
    with pytest.raises(Forbidden):
        submissions_by_region(engine, TATARSTAN, M, Q)


def test_completeness_against_the_threshold():
    assert Completeness("2026Q1", 90, 100, 0.9).complete
    assert not Completeness("2026Q1", 89, 100, 0.9).complete
    assert not Completeness("2026Q1", 0, 0, 0.9).complete  # nothing expected: not complete
    assert Completeness("2026Q1", 45, 50, 0.9).share == pytest.approx(0.9)


def test_completeness_counts_keys_not_revisions_or_sources(engine):
    _send(engine, [("RU-TA", Q, "health_emr", 95.0)], datetime(2026, 4, 20), reason="уточнено")
    _send(engine, [("RU-TA", Q, "health_emr", 91.0)], datetime(2026, 4, 21), "ministry")
    shares = period_completeness(engine, M)
    assert shares[Q].present == 2  # two keys, however many claims


def test_the_period_being_collected_is_the_last_one_ended():
    assert collection_period(date(2026, 4, 1)) == "2026Q1"
    assert collection_period(date(2026, 3, 31)) == "2025Q4"
    assert collection_period(date(2026, 1, 8)) == "2025Q4"
    assert collection_period(date(2026, 12, 31)) == "2026Q3"
    assert collection_period(date(2026, 1, 8), "M") == "2025-12"
    assert collection_period(date(2026, 1, 8), "Y") == "2025"


def _codes() -> list[str]:
    from tsifra.methodology import load_methodology

    return load_methodology(M).indicator_codes
