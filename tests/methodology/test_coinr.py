"""COINr's metadata table (iMeta) as a methodology: the ASEM tree, and located problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from builders import ASEM_METHODOLOGY, ROOT
from tsifra.kernel.problems import ValidationFailed
from tsifra.methodology import load_methodology
from tsifra.methodology.coinr import convert_coinr_file
from tsifra.methodology.loader import parse_methodology

IMETA = ROOT / "examples" / "asem" / "iMeta.csv"
HEADER = "Level,iCode,iName,Direction,Weight,Unit,Target,Denominator,Parent,Type"


def tree(m) -> dict:
    """What defines the index: every item's parent, weight, direction and denominator."""
    return {
        "indicators": [
            (i.code, i.name, i.unit, i.parent, i.weight, i.direction, i.denominator)
            for i in m.indicators
        ],
        "nodes": [(n.code, n.name, n.parent, n.weight) for n in m.nodes],
        "denominators": [(d.code, d.name, d.unit) for d in m.denominators],
        "attributes": [(a.code, a.name) for a in m.attributes],
    }


def test_asem_imeta_gives_the_tree_of_the_asem_example():
    converted = convert_coinr_file(IMETA)
    m, example = converted.methodology, load_methodology(ASEM_METHODOLOGY)
    assert tree(m) == tree(example)
    assert (m.id, m.title, m.root) == ("index", "Sustainable Connectivity", "Index")
    assert len(m.indicators) == 49 and m.levels["Index"] == 4


def test_the_file_written_loads_as_the_same_methodology_and_keeps_targets_as_comments():
    converted = convert_coinr_file(IMETA, id="asem")
    assert parse_methodology(converted.text) == converted.methodology
    assert converted.methodology.id == "asem"
    lpi = next(line for line in converted.text.splitlines() if "code: LPI," in line)
    assert lpi.endswith("# COINr Target: 4.11803135")


def write(path: Path, *rows: str, encoding: str = "utf-8", sep: str = ",") -> Path:
    lines = [HEADER.replace(",", sep), *rows]
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def test_every_problem_names_its_row_and_column(tmp_path):
    path = write(
        tmp_path / "iMeta.csv",
        "1,a,A,1,1,,,,P,Indicator",
        "1,b,B,2,1,,,,P,Indicator",  # direction 2
        "1,c,C,1,heavy,,,,P,Indicator",  # weight not a number
        "1,d,D,1,1,,,,Q,Indicator",  # no such parent
        "1,e,E,1,1,,,,P,Indictor",  # a typo in the type
        "2,P,Pillar,1,1,,,,,Aggregate",
    )
    with pytest.raises(ValidationFailed) as caught:
        convert_coinr_file(path)
    found = [(p.code, p.row, p.column, p.value) for p in caught.value.problems]
    assert found == [
        ("literal_error", 3, "Direction", "2"),
        ("float_parsing", 4, "Weight", "heavy"),
        ("literal_error", 6, "Type", "Indictor"),
    ]
    fixed = path.read_text().replace(",2,1,,,,P,", ",1,1,,,,P,").replace("heavy", "1")
    path.write_text(fixed.replace("Indictor", "Indicator"))
    with pytest.raises(ValidationFailed) as caught:
        convert_coinr_file(path)
    (problem,) = caught.value.problems
    assert (problem.code, problem.row, problem.column, problem.value) == (
        "unknown_parent",
        5,
        "Parent",
        "Q",
    )
    assert problem.location("ru") == f"{path}, строка 5, столбец «Parent»"


def test_russian_excel_csv_semicolons_decimal_commas_windows_1251(tmp_path):
    path = write(
        tmp_path / "iMeta.csv",
        "1;emr;Доля медкарт;1;0,5;%;;;Здравоохранение;Indicator",
        "1;wait;Ожидание, дней;-1;1,5;дней;;;Здравоохранение;Indicator",
        "2;Здравоохранение;Здравоохранение;1;1;;;;;Aggregate",
        encoding="cp1251",
        sep=";",
    )
    m = convert_coinr_file(path).methodology
    assert [(i.code, i.name, i.weight, i.direction) for i in m.indicators] == [
        ("emr", "Доля медкарт", 0.5, 1),
        ("wait", "Ожидание, дней", 1.5, -1),
    ]


def test_a_table_without_the_type_column_is_refused(tmp_path):
    path = tmp_path / "iMeta.csv"
    path.write_text("iCode,iName\na,A\n")
    with pytest.raises(ValidationFailed) as caught:
        convert_coinr_file(path)
    assert [(p.code, p.value) for p in caught.value.problems] == [("missing_column", "Type")]
