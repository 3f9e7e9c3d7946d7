"""Loading a register: CSV from Russian Excel (Windows-1251) or UTF-8, XLSX; columns by name or
Russian title; every problem located by row and column, in Russian; all or nothing; a later
load updates records by their key."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine, func, select

from compensation_rows import HEADINGS, HOUSEHOLDS, write_register
from tsifra.kernel.problems import ValidationFailed
from tsifra.proactive.registers import load_register, read_register
from tsifra.store import AuditEntry, RegisterRecord, session_scope


def _stored(engine: Engine) -> dict[str, RegisterRecord]:
    with session_scope(engine) as session:
        return {r.key: r for r in session.scalars(select(RegisterRecord))}


def test_a_windows_1251_file_with_russian_headings_loads(store: Engine, tmp_path: Path) -> None:
    path = write_register(tmp_path / "реестр.csv")
    loaded = load_register(store, "damaged_households", path, actor="cli")
    assert (loaded.records, loaded.added, loaded.updated, loaded.confirmed) == (3, 3, 0, 2)
    stored = _stored(store)
    assert set(stored) == {"ДХ-001", "ДХ-002", "ДХ-003"}
    first = stored["ДХ-001"]
    assert (first.region, first.oktmo, first.status) == ("RU-TYU", "71701000", "confirmed")
    assert first.data["residents"] == 3  # typed, not text
    assert first.data["inspected_on"] == "2026-04-12"  # a Russian date read as a date
    assert first.data["surname"] == "Маркерова-PII-1"
    with session_scope(store) as session:
        audit = session.scalar(select(AuditEntry).where(AuditEntry.action == "register.load"))
    assert audit.actor == "cli" and audit.details["added"] == 3


def test_utf8_with_field_names_and_an_xlsx_load_alike(tmp_path: Path) -> None:
    names = (
        "record_id",
        "region",
        "oktmo",
        "status",
        "surname",
        "name",
        "address",
        "email",
        "phone",
        "damage",
        "residents",
        "inspected_on",
    )
    csv_path = tmp_path / "register.csv"
    csv_path.write_text(
        ",".join(names) + "\n" + ",".join(f'"{c}"' for c in HOUSEHOLDS[0]) + "\n", "utf-8"
    )
    book = Workbook()
    sheet = book.active
    sheet.append(list(HEADINGS))
    row = list(HOUSEHOLDS[0])
    row[10] = 3  # a number cell, as Excel keeps it
    sheet.append(row)
    xlsx_path = tmp_path / "register.xlsx"
    book.save(xlsx_path)
    from_csv, _ = read_register("damaged_households", csv_path)
    from_xlsx, _ = read_register("damaged_households", xlsx_path)
    strip = [{k: v for k, v in r.items() if k != "__row__"} for r in from_csv + from_xlsx]
    assert strip[0] == strip[1]
    assert strip[0]["residents"] == 3


def test_every_problem_is_located_by_row_and_column_in_russian(
    store: Engine, tmp_path: Path
) -> None:
    bad = (
        HOUSEHOLDS[0],
        (
            "ДХ-009",
            "RU-TYU",
            "7170100",
            "maybe",
            "Петров",
            "",
            "",
            "x",
            "",
            "partial",
            "три",
            "31.02.2026",
        ),
        (
            "ДХ-001",
            "RU-TYU",
            "71701000",
            "pending",
            "Сидоров",
            "",
            "г. Тюмень",
            "",
            "",
            "total",
            "0",
            "",
        ),
    )
    path = write_register(tmp_path / "bad.csv", bad)
    with pytest.raises(ValidationFailed) as failed:
        load_register(store, "damaged_households", path)
    found = {(p.row, p.column): p.message("ru") for p in failed.value.problems}
    assert found == {
        (3, "ОКТМО"): "Значение «7170100» не соответствует формату поля",
        (
            3,
            "Статус записи",
        ): "Значение «maybe» недопустимо; допустимые: confirmed, pending, rejected",
        (3, "Адрес"): "Ячейка не заполнена",
        (3, "Электронная почта"): "Значение «x» не соответствует формату поля",
        (3, "Проживающих"): "«три» — не целое число",
        (3, "Дата акта обследования"): (
            "«31.02.2026» — не дата; ожидается ДД.ММ.ГГГГ или ГГГГ-ММ-ДД"
        ),
        (4, "Номер записи"): "Значение «ДХ-001» уже встречалось в строке 2",
        (4, "Проживающих"): "Значение «0» меньше допустимого (1)",
    }
    assert all(p.file == "bad.csv" for p in failed.value.problems)
    assert _stored(store) == {}  # all or nothing: the good first row is not stored either


def test_a_missing_column_and_an_unknown_region_are_named(store: Engine, tmp_path: Path) -> None:
    path = tmp_path / "short.csv"
    path.write_text("Номер записи;Регион;ОКТМО\nДХ-1;RU-TYU;71701000\n", "utf-8")
    with pytest.raises(ValidationFailed) as failed:
        load_register(store, "damaged_households", path)
    missing = {p.value for p in failed.value.problems if p.code == "comp_register_missing_column"}
    assert missing == {"Статус записи", "Фамилия", "Адрес", "Ущерб", "Проживающих"}
    assert {p.row for p in failed.value.problems} == {1}
    row = list(HOUSEHOLDS[0])
    row[1] = "RU-XX"
    with pytest.raises(ValidationFailed) as failed:
        load_register(store, "damaged_households", write_register(tmp_path / "r.csv", [row]))
    (problem,) = failed.value.problems
    assert (problem.row, problem.column, problem.message("ru")) == (
        2,
        "region",
        "Регион «RU-XX» неизвестен",
    )


def test_an_unknown_register_or_format_is_refused(tmp_path: Path) -> None:
    path = write_register(tmp_path / "r.csv")
    with pytest.raises(ValidationFailed) as failed:
        read_register("pets", path)
    assert failed.value.problems[0].code == "comp_register_unknown"
    odd = tmp_path / "r.pdf"
    odd.write_bytes(b"%PDF-1.4")
    with pytest.raises(ValidationFailed) as failed:
        read_register("damaged_households", odd)
    assert failed.value.problems[0].code == "comp_register_format"


def test_a_later_load_updates_by_key_and_keeps_the_rest(store: Engine, tmp_path: Path) -> None:
    load_register(store, "damaged_households", write_register(tmp_path / "a.csv"))
    confirmed = list(HOUSEHOLDS[2])
    confirmed[3] = "confirmed"
    loaded = load_register(
        store, "damaged_households", write_register(tmp_path / "b.csv", [HOUSEHOLDS[0], confirmed])
    )
    assert (loaded.added, loaded.updated, loaded.unchanged) == (0, 1, 1)
    stored = _stored(store)
    assert stored["ДХ-003"].status == "confirmed" and stored["ДХ-003"].source == "b.csv"
    assert stored["ДХ-002"].source == "a.csv"  # not in the extract: left as it was
    with session_scope(store) as session:
        assert session.scalar(select(func.count()).select_from(RegisterRecord)) == 3
