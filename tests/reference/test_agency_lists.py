"""The bundled lists of executive bodies read as agencies: the federal structure with who each
answers to, the regions' bodies under their bodies' codes; a wrong list is refused whole, every
problem with its file, row and column."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tsifra.kernel.problems import ValidationFailed
from tsifra.reference.agencies import (
    COLUMNS,
    DATA_DIR,
    FEDERAL_FILE,
    bundled_agency_files,
    read_agencies,
)

BODIES = Path(__file__).parents[2] / "src" / "tsifra" / "cases" / "data" / "bodies"
HEADER = ",".join(COLUMNS)


@pytest.fixture(scope="module")
def agencies():
    return {a.code: a for a in read_agencies()}


def write(tmp_path: Path, name: str, *lines: str) -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def refused(*paths: Path):
    with pytest.raises(ValidationFailed) as caught:
        read_agencies(paths)
    return caught.value.problems


def test_the_federal_list_comes_first_then_each_region(agencies):
    files = bundled_agency_files()
    assert files[0] == FEDERAL_FILE
    assert [p.name for p in files[1:]] == ["RU-CHE.csv", "RU-KLU.csv"]
    federal = [a for a in agencies.values() if a.federal]
    assert len(federal) >= 60
    assert {a.kind for a in federal} == {"ministry", "service", "agency"}
    assert agencies["fed-mintsifry"].short_ru == "Минцифры России"
    assert agencies["fed-mintsifry"].name("en").startswith("Ministry of Digital Development")


def test_each_federal_body_answers_to_the_president_the_government_or_its_ministry(agencies):
    assert agencies["fed-mintsifry"].head == "government"
    assert agencies["fed-mvd"].head == "president"
    assert agencies["fed-roskomnadzor"].head == "fed-mintsifry"
    assert agencies["fed-fns"].head == "fed-minfin"
    assert agencies["fed-rosavtodor"].head == "fed-mintrans"
    for agency in agencies.values():
        if agency.head not in ("president", "government"):
            assert agencies[agency.head].kind == "ministry", agency.code
            assert agencies[agency.head].region == agency.region, agency.code


def test_every_row_names_its_source(agencies):
    assert all(a.source for a in agencies.values())
    assert "№ 326" in agencies["fed-minzdrav"].source
    assert "admoblkaluga.ru" in agencies["klu-health"].source


@pytest.mark.parametrize("region", ["RU-CHE", "RU-KLU"])
def test_a_regions_agencies_are_its_regional_bodies_under_their_codes(agencies, region):
    with (BODIES / f"{region}.csv").open(encoding="utf-8") as handle:
        bodies = {r["code"]: r for r in csv.DictReader(handle) if r["kind"] == "regional"}
    listed = {a.code: a for a in agencies.values() if a.region == region}
    assert set(listed) == set(bodies)
    for code, body in bodies.items():
        assert listed[code].name_ru == body["name_ru"]
        assert listed[code].name_en == body["name_en"]


def test_every_bundled_file_has_the_columns_in_order():
    for path in DATA_DIR.glob("*.csv"):
        with path.open(encoding="utf-8") as handle:
            assert next(csv.reader(handle)) == list(COLUMNS), path.name


def test_a_wrong_list_is_refused_with_every_place(tmp_path: Path):
    path = write(
        tmp_path,
        "wrong.csv",
        "fed-a,Министерство А,,,ministry,government,,указ",
        "Fed B,Служба Б,,,service,fed-a,,указ",
        "fed-a,Служба В,,,bureau,fed-nowhere,,указ",
        "fed-c,,,,agency,president,RU-XX,",
    )
    where = sorted((p.row, p.column, p.code) for p in refused(path))
    assert where == [
        (3, "code", "agency_bad_code"),
        (4, "code", "agency_code_twice"),
        (4, "head", "agency_bad_head"),
        (4, "kind", "agency_bad_kind"),
        (5, "name_ru", "empty_value"),
        (5, "region", "agency_unknown_region"),
        (5, "source", "empty_value"),
    ]
    twice = next(p for p in refused(path) if p.code == "agency_code_twice")
    assert twice.file == "wrong.csv"
    assert twice.message("ru") == "код ведомства «fed-a» уже встречался (wrong.csv:2)"


def test_codes_are_unique_across_the_files_and_heads_may_be_in_another(tmp_path: Path):
    mine = write(tmp_path, "mine.csv", "fed-mintsifry,Копия,,,ministry,government,,x")
    problems = refused(FEDERAL_FILE, mine)
    assert [(p.file, p.row, p.code) for p in problems] == [("mine.csv", 2, "agency_code_twice")]
    service = write(tmp_path, "service.csv", "fed-new,Новая служба,,,service,fed-minfin,,x")
    assert read_agencies([FEDERAL_FILE, service])[-1].head == "fed-minfin"


def test_a_file_without_a_required_column_or_missing_is_refused(tmp_path: Path):
    bare = tmp_path / "bare.csv"
    bare.write_text("code,name_ru\nfed-a,А\n", encoding="utf-8")
    found = refused(bare, tmp_path / "absent.csv")
    assert [(p.file, p.code, p.column) for p in found] == [
        ("bare.csv", "missing_column", "kind"),
        ("bare.csv", "missing_column", "head"),
        ("bare.csv", "missing_column", "source"),
        ("absent.csv", "file_not_found", None),
    ]


def test_a_list_as_russian_excel_saves_it_is_read(tmp_path: Path):
    path = tmp_path / "excel.csv"
    text = HEADER.replace(",", ";") + "\nfed-a;Министерство А;;;ministry;government;;указ\n"
    path.write_bytes(text.encode("cp1251"))
    (agency,) = read_agencies([path])
    assert (agency.code, agency.name_ru, agency.federal) == ("fed-a", "Министерство А", True)
