"""The XLSX exports open in a spreadsheet with the numbers as numbers, and the demo mark."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from sqlalchemy import Engine

from builders import governor
from tsifra.demo.panel import DEMO_MARK
from tsifra.ratings.profile import region_profile
from tsifra.ratings.published import rating
from tsifra.reports.xlsx import profile_xlsx, rating_xlsx


def _rows(sheet) -> list[tuple]:
    return list(sheet.iter_rows(values_only=True))


def test_the_rating_workbook_holds_every_region_with_its_index(reported: Engine) -> None:
    view = rating(reported, period="2025Q4")
    book = load_workbook(io.BytesIO(rating_xlsx(reported, period="2025Q4")))
    sheet = book["Рейтинг"]
    rows = _rows(sheet)
    assert DEMO_MARK in rows[0][0]
    header = rows[2]
    assert header[:5] == ("Место", "Код", "Регион", "Федеральный округ", "Индекс")
    assert sheet.freeze_panes == "D4"
    body = rows[3:]
    assert len(body) == len(view.table)
    first = view.table.iloc[0]
    assert body[0][:3] == (1, first["unit"], first["name_ru"])
    assert round(body[0][4], 2) == round(first["score"], 2)
    assert sheet.cell(4, 5).number_format == "0.00"
    tatarstan = next(r for r in body if r[1] == "RU-TA")
    assert tatarstan[2] == "Республика Татарстан"
    assert tatarstan[3] == "Приволжский федеральный округ"


def test_the_profile_workbook_has_summary_sectors_indicators_and_tasks(reported: Engine) -> None:
    p = region_profile(reported, "RU-TA", reader=governor())
    book = load_workbook(io.BytesIO(profile_xlsx(reported, "RU-TA", reader=governor())))
    assert book.sheetnames == ["Сводка", "Направления", "Показатели", "Поручения"]
    for sheet in book.worksheets:
        assert DEMO_MARK in sheet["A1"].value
    summary = dict(row[:2] for row in _rows(book["Сводка"])[3:])
    assert summary["Регион"] == "Республика Татарстан"
    assert round(summary["Индекс"], 2) == round(p.score, 2)
    assert summary["Место"] == p.rank and summary["Период"] == "2025Q4"
    indicators = _rows(book["Показатели"])
    assert indicators[2][3:6] == ("Значение", "Цель", "Достижение, %")
    assert len(indicators) - 3 == len(p.indicators)
    tasks = _rows(book["Поручения"])[3:]
    assert len(tasks) == 3
    overdue = [t for t in tasks if t[4] == "да"]
    assert [t[0] for t in overdue] == ["Подключить поликлиники к РМИС"]


def test_the_profile_workbook_leaves_tasks_out_for_readers_who_may_not_see_them(
    reported: Engine,
) -> None:
    for reader in (None, governor("RU-MOW")):
        book = load_workbook(io.BytesIO(profile_xlsx(reported, "RU-TA", reader=reader)))
        assert book.sheetnames == ["Сводка", "Направления", "Показатели"]
        everything = " ".join(str(c) for sheet in book for row in _rows(sheet) for c in row)
        assert "Подключить поликлиники к РМИС" not in everything
