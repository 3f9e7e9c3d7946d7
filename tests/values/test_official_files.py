"""Files as officials send them, ingested into a real database and the stored numbers checked:
regions by name and OKATO code, percentage cells, total rows, one region in two forms."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine

from builders import database_state, tiny_methodology
from tsifra.kernel.problems import ValidationFailed
from tsifra.methodology import Methodology
from tsifra.reference.lookup import region_lookup
from tsifra.values import read_table, validate_values
from tsifra.values.ingest import ingest_file
from tsifra.values.revisions import effective_values


def stored(store: Engine) -> dict[tuple[str, str, str], float]:
    frame = effective_values(store).frame
    return frame.set_index(["unit", "period", "indicator"])["value"].to_dict()


def refused(store: Engine, path: Path) -> list:
    before = database_state(store)
    with pytest.raises(ValidationFailed) as caught:
        ingest_file(store, path, "minzdrav")
    assert database_state(store) == before  # nothing half-written
    return caught.value.problems


def workbook(path: Path, rows: list[list], formats: dict[str, str] | None = None) -> Path:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for ref, number_format in (formats or {}).items():
        sheet[ref].number_format = number_format
    book.save(path)
    return path


def test_regions_by_name_okato_and_iso_code_become_codes(store: Engine, tmp_path) -> None:
    path = workbook(
        tmp_path / "rosstat.xlsx",
        [
            ["Субъект", "Период", "health_emr"],
            ["Республика Татарстан (Татарстан)", "2024Q1", 88.25],
            ["г. Москва", "2024Q1", 91.5],
            [92000000000, "2024Q2", 89],  # OKATO typed as a number
            ["46", "2024Q1", 70.5],  # OKATO as text
            [1, "2024Q1", 60],  # Алтайский край, «01» typed as a number
            ["ru-spe", "2024Q1", 80],
            ["Ханты-Мансийский автономный округ - Югра", "2024Q1", 77.7],
        ],
    )
    report = ingest_file(store, path, "minzdrav")
    assert report.new == 7
    assert stored(store) == {
        ("RU-TA", "2024Q1", "health_emr"): 88.25,
        ("RU-MOW", "2024Q1", "health_emr"): 91.5,
        ("RU-TA", "2024Q2", "health_emr"): 89.0,
        ("RU-MOS", "2024Q1", "health_emr"): 70.5,
        ("RU-ALT", "2024Q1", "health_emr"): 60.0,
        ("RU-SPE", "2024Q1", "health_emr"): 80.0,
        ("RU-KHM", "2024Q1", "health_emr"): 77.7,
    }


def test_one_region_in_two_forms_is_one_unit(store: Engine, tmp_path) -> None:
    path = workbook(
        tmp_path / "chuvashia.xlsx",
        [
            ["Регион", "Период", "health_emr", "city_permit_days"],
            ["Чувашская Республика — Чувашия", "2024Q1", 81.5, None],
            ["Чувашия", "2024Q1", None, 14],
            ["Кемеровская область - Кузбасс", "2024Q1", 70, None],
            ["Кузбасс", "2024Q2", 71, None],
        ],
    )
    ingest_file(store, path, "minzdrav")
    values = stored(store)
    assert values == {
        ("RU-CU", "2024Q1", "health_emr"): 81.5,
        ("RU-CU", "2024Q1", "city_permit_days"): 14.0,
        ("RU-KEM", "2024Q1", "health_emr"): 70.0,
        ("RU-KEM", "2024Q2", "health_emr"): 71.0,
    }
    assert {unit for unit, _, _ in values} == {"RU-CU", "RU-KEM"}


def test_the_same_value_of_one_region_in_two_forms_is_a_duplicate(store, tmp_path) -> None:
    path = workbook(
        tmp_path / "twice.xlsx",
        [
            ["Регион", "Период", "health_emr"],
            ["Чувашская Республика — Чувашия", "2024Q1", 81.5],
            ["Чувашия", "2024Q1", 82],
        ],
    )
    [problem] = refused(store, path)
    assert (problem.code, problem.row, problem.params["first_row"]) == ("duplicate_row", 3, 2)


def test_percentage_cells_are_read_as_the_official_sees_them(store: Engine, tmp_path) -> None:
    path = workbook(
        tmp_path / "percent.xlsx",
        [
            ["Показатели цифровой зрелости, I квартал 2024 года"],
            ["Регион", "Период", "health_emr", "edu_e_journal", "city_permit_days"],
            ["RU-TA", "2024Q1", 0.585, 0.9, 12.5],  # shows «58,5 %», «90 %», 12,5
            ["RU-MOW", "2024Q1", 0.0725, "58,5 %", "234,5"],
        ],
        {"C3": "0.0%", "D3": "0%", "C4": "0.00%", "E3": "0.0"},
    )
    ingest_file(store, path, "minzdrav")
    assert stored(store) == {
        ("RU-TA", "2024Q1", "health_emr"): 58.5,
        ("RU-TA", "2024Q1", "edu_e_journal"): 90.0,
        ("RU-TA", "2024Q1", "city_permit_days"): 12.5,
        ("RU-MOW", "2024Q1", "health_emr"): 7.25,
        ("RU-MOW", "2024Q1", "edu_e_journal"): 58.5,  # text typed with a percent sign
        ("RU-MOW", "2024Q1", "city_permit_days"): 234.5,  # text with a decimal comma
    }


def test_a_percentage_for_an_indicator_in_days_is_a_located_problem(store, tmp_path) -> None:
    path = workbook(
        tmp_path / "days.xlsx",
        [["Регион", "Период", "city_permit_days"], ["RU-TA", "2024Q1", 0.125]],
        {"C2": "0.0%"},
    )
    [problem] = refused(store, path)
    assert (problem.code, problem.row, problem.column, problem.value) == (
        "percent_not_expected",
        2,
        "city_permit_days",
        "12.5%",
    )
    assert "дней" in problem.message("ru") and "12.5%" in problem.message("ru")


def test_a_windows_1251_csv_from_excel_with_commas_and_spaces(store, tmp_path) -> None:
    text = (
        "Субъект;Период;health_emr;city_permit_days\r\n"
        "Республика Татарстан;2024Q1;58,5;1\u00a0234,5\r\n"  # no-break space: a thousand
        "Чувашия;2024Q1;58,5%;12\r\n"
        "г. Москва;2024Q1;91,25 %;1 234,5\r\n"
    )
    path = tmp_path / "excel.csv"
    path.write_bytes(text.encode("cp1251"))
    raw = tiny_methodology().model_dump()  # no valid ranges: a thousand days is a number
    raw["indicators"][0]["code"], raw["indicators"][1]["code"] = "health_emr", "city_permit_days"
    m = Methodology.model_validate(raw)
    frame = validate_values(read_table(path), m, regions=region_lookup()).frame
    assert frame.set_index(["unit", "indicator"])["value"].to_dict() == {
        ("RU-TA", "health_emr"): 58.5,
        ("RU-TA", "city_permit_days"): 1234.5,
        ("RU-CU", "health_emr"): 58.5,
        ("RU-CU", "city_permit_days"): 12.0,
        ("RU-MOW", "health_emr"): 91.25,
        ("RU-MOW", "city_permit_days"): 1234.5,
    }
    within = text.replace("1\u00a0234,5", "234,5").replace("1 234,5", "34,5")
    path.write_bytes(within.encode("cp1251"))
    ingest_file(store, path, "minzdrav")
    assert stored(store) == {
        ("RU-TA", "2024Q1", "health_emr"): 58.5,
        ("RU-TA", "2024Q1", "city_permit_days"): 234.5,
        ("RU-CU", "2024Q1", "health_emr"): 58.5,
        ("RU-CU", "2024Q1", "city_permit_days"): 12.0,
        ("RU-MOW", "2024Q1", "health_emr"): 91.25,
        ("RU-MOW", "2024Q1", "city_permit_days"): 34.5,
    }


@pytest.mark.parametrize(
    "total", ["Итого", "ВСЕГО по субъектам", "Российская Федерация", "РФ", "в среднем по РФ"]
)
def test_a_total_row_with_the_period_filled_down_is_refused(store, tmp_path, total) -> None:
    path = workbook(
        tmp_path / "total.xlsx",
        [
            ["Регион", "Период", "health_emr"],
            ["RU-TA", "2024Q1", 88],
            ["RU-MOW", "2024Q1", 92],
            [total, "2024Q1", 180],
        ],
    )
    [problem] = refused(store, path)
    assert (problem.code, problem.row, problem.column, problem.value) == (
        "total_row",
        4,
        "Регион",
        total,
    )
    assert "строка итогов" in problem.message("ru")


def test_a_total_named_only_in_the_name_column_is_refused_too(store, tmp_path) -> None:
    path = workbook(
        tmp_path / "named.xlsx",
        [
            ["Регион", "Наименование региона", "Период", "health_emr"],
            ["RU-TA", "Республика Татарстан", "2024Q1", 88],
            [None, "Центральный федеральный округ", "2024Q1", 75],
        ],
    )
    [problem] = refused(store, path)
    assert (problem.code, problem.row, problem.column) == ("total_row", 3, "Наименование региона")


def test_an_empty_total_line_under_the_data_changes_nothing(store, tmp_path) -> None:
    path = workbook(
        tmp_path / "template.xlsx",
        [["Регион", "Период", "health_emr"], ["RU-TA", "2024Q1", 88], ["Итого", None, None]],
    )
    assert ingest_file(store, path, "minzdrav").new == 1


def test_names_of_no_region_or_of_two_are_located_problems_in_words(store, tmp_path) -> None:
    path = workbook(
        tmp_path / "names.xlsx",
        [
            ["Регион", "Период", "health_emr"],
            ["Татарстн", "2024Q1", 88],
            ["Алтай", "2024Q1", 60],
            ["Пермская область", "2024Q1", 70],
            ["RU-TA", "2024Q1", "много"],
        ],
    )
    problems = refused(store, path)
    codes = [(p.code, p.row, p.column) for p in problems]
    assert codes == [
        ("unknown_region_near", 2, "Регион"),
        ("ambiguous_region", 3, "Регион"),
        ("unknown_region", 4, "Регион"),
        ("not_numeric", 5, "health_emr"),
    ]
    near, ambiguous, unknown, _ = (p.message("ru") for p in problems)
    assert "Республика Татарстан" in near
    assert "Республика Алтай (RU-AL)" in ambiguous and "Алтайский край (RU-ALT)" in ambiguous
    assert "код ОКАТО" in unknown and "unknown" not in unknown


def test_an_operator_file_naming_its_region_by_name_is_its_own(store, tmp_path) -> None:
    path = workbook(
        tmp_path / "own.xlsx", [["Регион", "Период", "health_emr"], ["Татарстан", "2024Q1", 88]]
    )
    report = ingest_file(store, path, "region:RU-TA", only_units=["RU-TA"])
    assert report.new == 1 and stored(store) == {("RU-TA", "2024Q1", "health_emr"): 88.0}
