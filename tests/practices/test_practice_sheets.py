"""The registry's workbook: exported whole and imported back without duplicates; an official's
file (title rows, Russian words, dates as text, a totals row) read; a broken one refused whole,
every problem located by sheet, row and column."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import Engine, func, select

from practice_rows import NOW, TODAY, practice_draft, replication_draft
from tsifra.accounts import create_user
from tsifra.kernel.problems import ValidationFailed
from tsifra.practices.records import add_replication, create_practice, read_practice
from tsifra.practices.sheet_import import import_workbook
from tsifra.practices.sheets import export_xlsx
from tsifra.store import Practice, PracticeReplication


def _count(engine: Engine, table) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(table)).scalar_one()


def _book(sheets: dict[str, list[list[object]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_export_comes_back_unchanged_and_duplicates_nothing(store: Engine) -> None:
    pid = create_practice(store, practice_draft(title='=HYPERLINK("x")'), account=None, now=NOW)
    add_replication(store, pid, replication_draft(), account=None, now=NOW)
    add_replication(store, pid, replication_draft(evidence_kind=None), account=None, now=NOW)
    before = read_practice(store, pid, today=TODAY)
    data = export_xlsx(store, "ru", today=TODAY)
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == [
        "Практики", "Показатели", "Тиражирование", "Подтверждения", "Измеренный эффект",
    ]  # fmt: skip
    title = book["Практики"]["B2"]
    assert (title.value, title.data_type) == ('=HYPERLINK("x")', "s")  # text, not a formula
    assert book["Практики"]["C2"].value == "Здравоохранение"
    assert book["Тиражирование"]["M2"].value == "да" and book["Тиражирование"]["M3"].value == "нет"

    report = import_workbook(store, data, file_name="registry.xlsx", account=None, now=NOW)
    assert (report.created, report.updated) == ([], [pid])
    assert (report.replications_added, report.replications_updated) == (0, 2)
    assert _count(store, Practice) == 1 and _count(store, PracticeReplication) == 2
    after = read_practice(store, pid, today=TODAY)
    assert after.draft() == before.draft()
    assert [r.counted for r in after.replications] == [True, False]
    english = export_xlsx(store, "en", today=TODAY)  # headers and words in English read too
    import_workbook(store, english, file_name="registry.xlsx", account=None, now=NOW)
    assert read_practice(store, pid, today=TODAY).draft() == before.draft()


OFFICIAL = {
    "Реестр практик": [
        ["Реестр цифровых практик Республики Татарстан на 01.06.2026"],
        [],
        ["№", "Название", "Сектор", "Вид ИИ", "Этап", "Этап с", "Регионы",
         "Капитальные затраты, ₽", "Проверено"],
        [None, "ИИ-анализ флюорограмм", "Здравоохранение", "Компьютерное зрение",
         "Пилот", "15.03.2025", "Республика Татарстан", "1 250 000,50", date(2026, 5, 20)],
        [None, "Электронный журнал", "образование", "не ИИ", "промышленная эксплуатация",
         date(2024, 9, 1), "RU-TA", None, "01.05.2026"],
        ["Итого", None, None, None, None, None, None, 1250000.5, None],
    ],
    "Показатели": [
        ["Номер практики", "Название практики", "Показатель", "Ожидаемый эффект"],
        [None, "ИИ-анализ флюорограмм", "health_ai_diagnostics", "15"],
    ],
}  # fmt: skip


def test_an_officials_file_is_read(store: Engine) -> None:
    report = import_workbook(store, _book(OFFICIAL), file_name="реестр.xlsx", account=None, now=NOW)
    assert len(report.created) == 2
    first, second = (read_practice(store, pid, today=TODAY) for pid in report.created)
    assert (first.sector, first.ai_kind, first.stage, first.regions, first.capex) == (
        "health", "vision", "pilot", ("RU-TA",), 1250000.5,
    )  # fmt: skip
    assert first.stage_since == date(2025, 3, 15) and first.verified_at == date(2026, 5, 20)
    assert [(i.indicator, i.expected_effect) for i in first.indicators] == [
        ("health_ai_diagnostics", 15.0)
    ]
    assert (second.sector, second.ai_kind, second.stage) == ("education", None, "production")
    assert second.verified_at == date(2026, 5, 1) and second.indicators == ()


def test_a_broken_file_is_refused_whole_with_every_problem_located(store: Engine) -> None:
    broken = {
        "Реестр практик": [
            ["Реестр практик"],
            ["№", "Название", "Сектор", "Этап", "Этап с", "Регионы", "Капитальные затраты, ₽"],
            [None, "Хорошая практика", "Здравоохранение", "Пилот", "01.02.2025", "RU-TA", 5],
            [None, "", "Космос", "Пилот", "31.02.2025", "Нарния", "много"],
            [777, "Чужая", "Транспорт", "Идея", None, "RU-TA", -3],
            ["Итого", None, None, None, None, None, 2],
        ],
        "Тиражирование": [
            ["Номер практики", "Название практики", "Регион", "Начало", "Статус"],
            [None, "Хорошая практика", "RU-BA", "вчера", "Пилот"],
            [None, "Нет такой", "RU-BA", "01.02.2026", "в работе"],
        ],
    }
    with pytest.raises(ValidationFailed) as failed:
        import_workbook(store, _book(broken), file_name="r.xlsx", account=None, now=NOW)
    found = {(p.file, p.row, p.column, p.code) for p in failed.value.problems}
    practices, replications = "r.xlsx: Реестр практик", "r.xlsx: Тиражирование"
    assert found == {
        (practices, 4, "Название", "practice_cell_missing"),
        (practices, 4, "Название", "practice_title"),
        (practices, 4, "Сектор", "literal_error"),
        (practices, 4, "Этап с", "practice_bad_date"),
        (practices, 4, "Регионы", "unknown_unit"),
        (practices, 4, "Капитальные затраты, ₽", "practice_bad_number"),
        (practices, 5, "№", "practice_unknown"),
        (practices, 5, "Капитальные затраты, ₽", "practice_bad_cost"),
        (replications, 2, "Начало", "practice_bad_date"),
        (replications, 3, "Номер практики", "practice_not_in_file"),
        (replications, 3, "Статус", "literal_error"),
    }
    located = failed.value.problems[0].location("ru")
    assert located == "r.xlsx: Реестр практик, строка 4, столбец «Название»"
    assert _count(store, Practice) == 0  # nothing written


def test_an_operator_imports_only_their_region(store: Engine) -> None:
    op = create_user(store, "op", "long-enough-pass", "operator", region="RU-MOW")
    with pytest.raises(ValidationFailed) as failed:
        import_workbook(store, _book(OFFICIAL), file_name="r.xlsx", account=op, now=NOW)
    assert {(p.row, p.code) for p in failed.value.problems} == {
        (4, "practice_region_not_yours"), (5, "practice_region_not_yours"),
    }  # fmt: skip
    assert _count(store, Practice) == 0


def test_not_a_workbook(store: Engine) -> None:
    with pytest.raises(ValidationFailed) as failed:
        import_workbook(store, b"not a zip", file_name="r.xlsx", account=None, now=NOW)
    assert [p.code for p in failed.value.problems] == ["practice_sheet_unreadable"]
