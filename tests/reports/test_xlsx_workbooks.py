"""The XLSX exports open in a spreadsheet with the numbers as numbers, and the demo mark."""

from __future__ import annotations

import io
import re
from datetime import date

from openpyxl import load_workbook
from sqlalchemy import Engine

from builders import governor
from tsifra.dashboard.profile import region_profile
from tsifra.kernel.language import DEMO_MARK
from tsifra.ratings.published import rating
from tsifra.reports import xlsx
from tsifra.reports.xlsx import profile_xlsx, rating_xlsx
from tsifra.store.methodologies import stored_methodology
from tsifra.tasks.tasks import create_task


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


def _cyrillic(text: object) -> bool:
    return isinstance(text, str) and re.search(r"[\u0400-\u04ff]", text) is not None


def test_the_rating_workbook_in_english(reported: Engine) -> None:
    view = rating(reported, period="2025Q4")
    m = stored_methodology(reported, "ru-digital-maturity").methodology
    book = load_workbook(io.BytesIO(rating_xlsx(reported, period="2025Q4", lang="en")))
    assert book.sheetnames == ["Rating"]
    rows = _rows(book["Rating"])
    assert rows[0][0].startswith("Demo data") and DEMO_MARK not in rows[0][0]
    assert rows[1][0].startswith(m.title_en) and "period Q4\u00a02025" in rows[1][0]
    header = rows[2]
    assert header[:7] == (
        "Rank",
        "Code",
        "Region",
        "Federal district",
        "Index",
        "Index change",
        "Rank change",
    )
    assert list(header[7:]) == [m.name_of(s, "en") for s in view.sectors]
    tatarstan = next(r for r in rows[3:] if r[1] == "RU-TA")
    assert tatarstan[2:4] == ("Republic of Tatarstan", "Volga Federal District")
    assert not any(_cyrillic(c) for row in rows for c in row)


def test_the_profile_workbook_in_english(reported: Engine) -> None:
    p = region_profile(reported, "RU-TA", reader=governor())
    content = profile_xlsx(reported, "RU-TA", reader=governor(), lang="en")
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["Summary", "Sectors", "Indicators", "Tasks"]
    for sheet in book.worksheets:
        assert sheet["A1"].value.startswith("Demo data")
    summary = dict(row[:2] for row in _rows(book["Summary"])[3:])
    assert summary["Region"] == "Republic of Tatarstan"
    assert summary["Federal district"] == "Volga Federal District"
    assert round(summary["Index"], 2) == round(p.score, 2) and summary["Rank"] == p.rank
    sectors = _rows(book["Sectors"])
    assert sectors[2] == (
        "Sector",
        "Region's score",
        "Average of the regions",
        "Leader",
        "Leader's score",
    )
    assert [r[0] for r in sectors[3:]] == list(p.sectors["name_en"])
    indicators = _rows(book["Indicators"])
    assert indicators[2][:6] == ("Code", "Indicator", "Unit", "Value", "Target", "Achievement, %")
    permit = next(r for r in indicators[3:] if r[0] == "city_permit_days")
    assert permit[1:3] == ("Average time to issue a construction permit", "days")
    tasks = _rows(book["Tasks"])
    assert tasks[2] == ("Task", "Responsible", "Deadline", "Status", "Overdue", "Indicator")
    assert {t[3] for t in tasks[3:]} == {"New"}
    assert [t[0] for t in tasks[3:] if t[4] == "yes"] == ["Подключить поликлиники к РМИС"]
    assert book["Tasks"].cell(4, 3).number_format == "D MMM YYYY"  # 30 Jun 2026, as elsewhere
    # Every word is English; only what people typed (task titles, responsibles) is as typed.
    typed = {c for t in p.tasks for c in (t.title, t.responsible)}
    cells = [c for sheet in book for row in _rows(sheet) for c in row if c not in typed]
    assert not any(_cyrillic(c) for c in cells)


def test_the_workbooks_stay_russian_by_default(reported: Engine) -> None:
    for content in (rating_xlsx(reported), profile_xlsx(reported, "RU-TA", lang="ru")):
        assert load_workbook(io.BytesIO(content)).sheetnames[0] in ("Рейтинг", "Сводка")


def test_figures_are_numeric_cells_with_a_number_format(reported: Engine) -> None:
    """A reader sorts and sums the figures: numbers, not text, rounded only by their format
    (Excel writes `0.00` with the decimal comma of a Russian machine itself)."""
    for lang in ("ru", "en"):
        rating_book = load_workbook(io.BytesIO(rating_xlsx(reported, period="2025Q4", lang=lang)))
        profile = profile_xlsx(reported, "RU-TA", reader=governor(), lang=lang)
        profile_book = load_workbook(io.BytesIO(profile))
        sheet = rating_book.active
        header = [c.value for c in sheet[3]]
        first = sheet[4]
        for column in range(len(header)):
            cell = first[column]
            if isinstance(cell.value, int | float):
                assert cell.data_type == "n" and cell.number_format != "General", header[column]
        rank, score = first[0], first[4]
        assert rank.number_format == "0" and score.number_format == "0.00"
        assert isinstance(score.value, float) and isinstance(rank.value, int)
        summary = profile_book.worksheets[0]
        figures = [row[1] for row in summary.iter_rows(min_row=4) if row[1].data_type == "n"]
        assert len(figures) >= 5  # index, rank, regions ranked, run, the index of each period
        assert all(c.number_format in ("0", "0.00") for c in figures)
        indicators = profile_book.worksheets[2]
        achievement = indicators.cell(4, 6)
        assert achievement.data_type == "n" and achievement.number_format == "0.0"


def test_a_task_title_that_looks_like_a_formula_stays_text(reported: Engine) -> None:
    """An operator may type anything into its own region's task: `=1+1` (or a HYPERLINK that
    sends the sheet away) must open as the text typed, not as a formula."""
    reader = governor()
    create_task(reported, reader, "=1+1", "RU-TA", "@SUM(A1:A9)", date(2026, 6, 30))
    book = load_workbook(io.BytesIO(profile_xlsx(reported, "RU-TA", reader=reader)))
    rows = list(book["Поручения"].iter_rows(min_row=4))
    planted = next(r for r in rows if r[0].value == "=1+1")
    assert (planted[0].data_type, planted[1].data_type) == ("s", "s")
    assert planted[1].value == "@SUM(A1:A9)"
    formulas = [
        c for s in book.worksheets for row in s.iter_rows() for c in row if c.data_type == "f"
    ]
    assert formulas == []


def test_every_name_in_the_rating_workbook_is_text(reported: Engine, monkeypatch) -> None:
    """Names come from files people wrote (a methodology, the regions): whatever they say, the
    rating workbook writes them as text."""
    monkeypatch.setattr(xlsx, "name_in", lambda *_: "=1+1")
    book = load_workbook(io.BytesIO(rating_xlsx(reported, period="2025Q4")))
    regions = [row[2] for row in book["Рейтинг"].iter_rows(min_row=4)]
    assert regions and {(c.value, c.data_type) for c in regions} == {("=1+1", "s")}
