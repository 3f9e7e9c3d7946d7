"""The platform's own cases as a mart: read from the store, computed, stored as batches.

On SQLite and PostgreSQL alike (the `store` fixture), with the cases of platform_cases.py.
"""

from __future__ import annotations

from datetime import datetime

import pyarrow.parquet as pq
import pytest
from sqlalchemy import insert, select

from builders import database_state
from platform_cases import AS_OF, CASES, insert_cases
from tsifra.kernel.problems import ValidationFailed
from tsifra.marts.platform import COLUMNS, compute_platform, read_cases, read_cases_parquet
from tsifra.marts.publish import ingest_platform
from tsifra.store import Batch, CaseContact, ValueRevision

MARKED = ("Маркерова-PII-7", "pii7@example.org", "+7 900 000-00-07", "ул. Маркерная, 7")


@pytest.fixture
def platform(store):
    insert_cases(store, text="Текст обращения Маркерова-PII-7")
    with store.begin() as connection:
        connection.execute(
            insert(CaseContact),
            [{"case_id": 1, "surname": MARKED[0], "email": MARKED[1], "phone": MARKED[2],
              "postal_address": MARKED[3]}],
        )  # fmt: skip
    return store


def test_every_case_in_chunks_with_the_declared_columns(platform):
    table = read_cases(platform, chunk=3)  # four chunks: 3 + 3 + 3 + 1
    assert table.column_names == list(COLUMNS) and table.num_rows == len(CASES)
    assert table.column("id").to_pylist() == list(range(1, 11))
    # moments are cut to the second: case 2's first response at 06:00:00.25 reads as 06:00:00
    assert table.column("first_response_at")[1].as_py() == datetime(2025, 1, 15, 6)


def test_no_personal_data_and_no_text_in_the_mart(platform):
    table = read_cases(platform)
    assert "text" not in table.column_names
    cells = " ".join(str(v) for column in table.to_pylist() for v in column.values())
    for marked in MARKED:
        assert marked not in cells


def test_one_region_and_a_moment(platform):
    tatarstan = read_cases(platform, region="RU-TA")
    assert set(tatarstan.column("region").to_pylist()) == {"RU-TA"} and tatarstan.num_rows == 7
    until = read_cases(platform, until=AS_OF)
    assert 10 not in until.column("id").to_pylist() and until.num_rows == 9


def test_a_parquet_copy_gives_the_same_figures(platform, tmp_path):
    table = read_cases(platform)
    pq.write_table(table, tmp_path / "cases.parquet")
    again = read_cases_parquet(tmp_path / "cases.parquet")
    assert compute_platform(again, AS_OF).values().equals(compute_platform(table, AS_OF).values())


def test_the_on_time_share_is_stored_as_a_formula_batch_once_only(platform):
    done = ingest_platform(platform, as_of=AS_OF, actor="test")
    assert done.stored == ["feedback_on_time"]
    assert "feedback_rating" in done.shown_only and len(done.shown_only) == 5
    (report,) = done.reports
    assert report.source == "formula:feedback_on_time" and report.new == 2
    with platform.connect() as connection:
        batch = connection.execute(select(Batch).where(Batch.id == report.batch_id)).one()
        values = connection.execute(
            select(ValueRevision.unit, ValueRevision.period, ValueRevision.value)
            .where(ValueRevision.indicator == "gov_pos_on_time")
            .order_by(ValueRevision.unit)
        ).all()
    assert batch.source == "formula:feedback_on_time"
    assert [tuple(v) for v in values] == [("RU-MOW", "2025Q2", 100.0), ("RU-TA", "2025Q1", 60.0)]
    again = ingest_platform(platform, as_of=AS_OF, actor="test")
    assert again.reports[0].batch_id is None and again.reports[0].unchanged == 2


def test_an_empty_platform_stores_nothing(store):
    before = database_state(store)
    with pytest.raises(ValidationFailed) as caught:
        ingest_platform(store, as_of=AS_OF)
    assert [p.code for p in caught.value.problems] == ["figures_no_cases"]
    assert "01.05.2025" in caught.value.problems[0].message("ru")
    assert database_state(store) == before
