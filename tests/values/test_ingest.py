"""Ingest on SQLite and PostgreSQL: whole batches, once-only input, every rejection rule."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from openpyxl import Workbook
from sqlalchemy import Engine

from builders import database_state, write_values_csv
from tsifra.kernel.problems import ValidationFailed
from tsifra.store import make_engine
from tsifra.values.ingest import ingest_file, ingest_frame
from tsifra.values.revisions import effective_values, history

GOOD = [
    ("RU-MOW", "2024Q1", "health_emr", 91.5),
    ("RU-TA", "2024Q1", "health_emr", 88.25),
    ("RU-TA", "2024Q1", "city_permit_days", 12.0),
]


def rejected(store: Engine, path, **kwargs) -> list:
    with pytest.raises(ValidationFailed) as caught:
        ingest_file(store, path, "region", **kwargs)
    return caught.value.problems


def test_a_file_is_stored_as_one_batch(store: Engine, tmp_path) -> None:
    report = ingest_file(store, write_values_csv(tmp_path / "q1.csv", GOOD), "region")
    assert (report.new, report.unchanged, report.corrected) == (3, 0, 0)
    assert report.batch_id is not None
    values = effective_values(store).frame.set_index(["unit", "period", "indicator"])["value"]
    assert values.to_dict() == {(u, p, i): v for u, p, i, v in GOOD}
    state = database_state(store)
    assert (state["batches"], state["indicator_values"], state["audit_log"]) == (1, 3, 2)


def test_the_same_values_sent_again_change_nothing(store: Engine, tmp_path) -> None:
    ingest_file(store, write_values_csv(tmp_path / "q1.csv", GOOD), "region")
    before = database_state(store)
    again = ingest_file(store, write_values_csv(tmp_path / "again.csv", GOOD[::-1]), "region")
    assert (again.batch_id, again.new, again.unchanged, again.corrected) == (None, 0, 3, 0)
    assert database_state(store) == before


def test_another_source_sending_the_same_value_is_no_conflict(store: Engine, tmp_path) -> None:
    ingest_file(store, write_values_csv(tmp_path / "q1.csv", GOOD), "region")
    report = ingest_file(store, write_values_csv(tmp_path / "m.csv", GOOD[:1]), "minzdrav")
    assert (report.unchanged, len(report.conflicts)) == (1, 0)


BAD_ROWS = {
    "unknown_region": (("RU-XX", "2024Q1", "health_emr", 50), 3, "unit"),
    "unknown_indicator": (("RU-TA", "2024Q1", "health_bogus", 50), 3, "indicator"),
    "bad_period": (("RU-TA", "2024Q5", "health_emr", 50), 3, "period"),
    "not_numeric": (("RU-TA", "2024Q1", "health_emr", "н/д"), 3, "value"),
    "out_of_range": (("RU-TA", "2024Q1", "health_emr", 150), 3, "value"),
    "empty_value": (("", "2024Q1", "health_emr", 50), 3, "unit"),
    "duplicate_row": (("RU-MOW", "2024Q1", "health_emr", 91.5), 3, "value"),
}


@pytest.mark.parametrize("rule", sorted(BAD_ROWS))
def test_each_rejection_names_row_and_column_and_writes_nothing(
    store: Engine, tmp_path, rule: str
) -> None:
    ingest_file(store, write_values_csv(tmp_path / "earlier.csv", GOOD), "earlier")
    before = database_state(store)
    bad, row, column = BAD_ROWS[rule]
    path = write_values_csv(tmp_path / "bad.csv", [GOOD[0], bad, GOOD[2]])
    problems = rejected(store, path)
    assert [(p.code, p.row, p.column) for p in problems] == [(rule, row, column)]
    assert f"строка {row}" in str(problems[0]) and f"«{column}»" in str(problems[0])
    assert database_state(store) == before


def test_a_missing_column_is_named(store: Engine, tmp_path) -> None:
    path = tmp_path / "no-period.csv"
    path.write_text("unit,indicator,value\nRU-TA,health_emr,50\n", encoding="utf-8")
    before = database_state(store)
    problems = rejected(store, path)
    assert [(p.code, p.value) for p in problems] == [("missing_column", "period")]
    assert "«period»" in str(problems[0])
    assert database_state(store) == before


def test_every_problem_of_a_file_comes_back_at_once(store: Engine, tmp_path) -> None:
    rows = [bad for bad, _, _ in BAD_ROWS.values() if bad[0] != "RU-MOW"]
    problems = rejected(store, write_values_csv(tmp_path / "bad.csv", rows))
    assert set(BAD_ROWS) - {"duplicate_row"} <= {p.code for p in problems}


def test_a_correction_needs_a_reason_and_keeps_the_old_revision(store: Engine, tmp_path) -> None:
    ingest_file(store, write_values_csv(tmp_path / "q1.csv", GOOD), "region")
    fixed = [GOOD[0], ("RU-TA", "2024Q1", "health_emr", 89.0), GOOD[2]]
    path = write_values_csv(tmp_path / "fixed.csv", fixed)
    before = database_state(store)
    problems = rejected(store, path)
    assert [(p.code, p.row, p.column) for p in problems] == [
        ("correction_needs_reason", 3, "value")
    ]
    assert "88,25" in str(problems[0]) and "--reason" in str(problems[0])  # a Russian figure
    assert database_state(store) == before

    report = ingest_file(store, path, "region", reason="ошибка в исходной форме")
    assert (report.new, report.unchanged, report.corrected) == (0, 2, 1)
    revisions = history(store, "RU-TA", "2024Q1", "health_emr")
    assert revisions[["revision", "value"]].values.tolist() == [[1, 88.25], [2, 89.0]]
    assert revisions["reason"].isna().tolist() == [True, False]
    assert revisions["reason"].iloc[1] == "ошибка в исходной форме"
    first_batch = revisions["received_at"].iloc[0]
    then = effective_values(store, as_of=first_batch).frame
    now = effective_values(store).frame
    key = (then["unit"] == "RU-TA") & (then["indicator"] == "health_emr")
    assert then.loc[key, "value"].item() == 88.25
    assert now.loc[key, "value"].item() == 89.0


def test_russian_excel_csv_windows_1251_semicolons_decimal_commas(store: Engine, tmp_path) -> None:
    path = tmp_path / "выгрузка.csv"
    lines = [
        "Регион;Период;Показатель;Значение",
        "RU-TA;2024 Q1;health_emr;88,25",
        "RU-MOW;2024Q1;health_emr;91,5",
    ]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1251"))
    report = ingest_file(store, path, "region")
    assert report.new == 2
    values = effective_values(store).frame.set_index("unit")["value"]
    assert values.to_dict() == {"RU-MOW": 91.5, "RU-TA": 88.25}


def test_xlsx_with_a_title_row_above_the_header(store: Engine, tmp_path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Показатели цифровой зрелости, I квартал 2024 г."])
    sheet.append([])
    sheet.append(["Регион", "Период", "health_emr", "city_permit_days"])
    sheet.append(["RU-TA", "2024Q1", 88.25, 12])
    sheet.append(["RU-MOW", "2024Q1", 91.5, "много"])
    book.save(tmp_path / "форма.xlsx")
    problems = rejected(store, tmp_path / "форма.xlsx")
    assert [(p.code, p.row, p.column) for p in problems] == [("not_numeric", 5, "city_permit_days")]
    sheet.cell(row=5, column=4, value=10)
    book.save(tmp_path / "форма.xlsx")
    assert ingest_file(store, tmp_path / "форма.xlsx", "region").new == 4


def test_parquet_and_json_files(store: Engine, tmp_path) -> None:
    frame = pd.DataFrame(GOOD, columns=["unit", "period", "indicator", "value"])
    frame.to_parquet(tmp_path / "values.parquet")
    assert ingest_file(store, tmp_path / "values.parquet", "parquet").new == 3
    records = [{"unit": "RU-SPE", "period": "2024Q1", "indicator": "health_emr", "value": 90}]
    (tmp_path / "values.json").write_text(json.dumps(records), encoding="utf-8")
    assert ingest_file(store, tmp_path / "values.json", "json").new == 1


def test_a_database_that_was_never_migrated_is_refused(database_url: str, tmp_path) -> None:
    engine = make_engine(database_url)
    with pytest.raises(ValidationFailed) as caught:
        ingest_file(engine, write_values_csv(tmp_path / "q1.csv", GOOD), "region")
    assert [p.code for p in caught.value.problems] == ["database_not_ready"]
    engine.dispose()


def test_values_computed_by_tsifra_take_the_same_path(store: Engine) -> None:
    frame = pd.DataFrame(GOOD, columns=["unit", "period", "indicator", "value"])
    assert ingest_frame(store, frame, "formula:test").new == 3
    bad = frame.assign(value=[91.5, 250.0, 12.0])
    with pytest.raises(ValidationFailed) as caught:
        ingest_frame(store, bad, "formula:test", reason="пересчёт")
    assert [(p.code, p.row) for p in caught.value.problems] == [("out_of_range", 2)]


def test_a_unit_of_measure_in_the_file_must_match_the_methodology(store: Engine, tmp_path) -> None:
    path = tmp_path / "measures.csv"
    path.write_text(
        "Регион;Период;Показатель;Значение;Ед. изм.\n"
        "RU-TA;2024Q1;health_emr;88,25; % \n"
        "RU-TA;2024Q1;city_permit_days;300;часов\n"
        "RU-MOW;2024Q1;city_permit_days;10;Дней\n",
        encoding="utf-8",
    )
    before = database_state(store)
    problems = rejected(store, path)
    assert [(p.code, p.row, p.column, p.value) for p in problems] == [
        ("wrong_measure", 3, "Ед. изм.", "часов")
    ]
    assert "«дней»" in str(problems[0])
    assert database_state(store) == before
