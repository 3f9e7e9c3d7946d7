"""Each shipped formula on a tiny hand-made mart, against values computed by hand (DuckDB).

Every record states why it counts or not; the rules themselves are the formulas' docstrings.
"""

from __future__ import annotations

import ibis
import pytest
from mart_records import APPEALS, PERMITS, ts, write_mart

from tsifra.marts.compute import compute_marts
from tsifra.marts.formulas import FORMULAS, OUTPUT_COLUMNS, Formula
from tsifra.marts.formulas.registry import file_formulas
from tsifra.marts.tableschema import bundled_marts, load_table_schema
from tsifra.methodology import load_methodology


def values_of(folder, formula: str) -> dict[tuple[str, str], float]:
    result = compute_marts(folder, formulas=[formula])
    assert result.problems == []
    (run,) = result.runs
    assert list(run.values.columns) == list(OUTPUT_COLUMNS)
    assert set(run.values["indicator"]) <= {FORMULAS[formula].indicator}
    return {(u, p): v for u, p, _, v in run.values.itertuples(index=False)}


def test_messages_answered_on_time(tmp_path):
    write_mart(tmp_path, "appeals", APPEALS)
    assert values_of(tmp_path, "pos_answered_on_time") == {
        ("RU-MOW", "2024Q1"): 50.0,  # 1, 2 on time; 3 late; 4 overdue
        ("RU-MOW", "2024Q2"): 100.0,  # 5
        ("RU-SPE", "2024Q1"): 0.0,  # 9 late
        ("RU-SPE", "2024Q2"): 50.0,  # 7 on time, 8 overdue, 6 undecided
    }


def test_applications_filed_online(tmp_path):
    write_mart(
        tmp_path,
        "service_requests",
        [
            # id, region, service, online, submitted, completed
            (1, "RU-MOW", "child_benefit", True, ts("2024-01-01 00:00"), ts("2024-01-03")),
            (2, "RU-MOW", "child_benefit", False, ts("2024-02-10"), None),  # outcome irrelevant
            (3, "RU-MOW", "school_enrolment", False, ts("2024-03-31 23:59:59"), ts("2024-04-02")),
            (4, "RU-MOW", "school_enrolment", True, ts("2024-04-01"), None),
            (5, "RU-MOW", "kindergarten_enrolment", True, ts("2024-05-01"), ts("2024-05-02")),
            (6, "RU-SPE", "child_benefit", False, ts("2023-12-31 23:00"), ts("2024-01-09")),
        ],
    )
    assert values_of(tmp_path, "mszu_requests_online") == {
        ("RU-MOW", "2024Q1"): 100 / 3,  # one online of three, as one exact division
        ("RU-MOW", "2024Q2"): 100.0,
        ("RU-SPE", "2023Q4"): 0.0,
    }


def test_permits_issued_online(tmp_path):
    write_mart(tmp_path, "building_permits", PERMITS)
    assert values_of(tmp_path, "permits_issued_online") == {
        ("RU-MOW", "2024Q1"): 50.0,  # issued 1, 2, 3, 6; online 1, 3
        ("RU-SPE", "2024Q2"): 100.0,
    }


def test_days_to_issue_a_construction_permit(tmp_path):
    write_mart(tmp_path, "building_permits", PERMITS)
    assert values_of(tmp_path, "permit_issue_days") == {
        ("RU-MOW", "2024Q1"): (10 + 3 + 0) / 3,
        ("RU-SPE", "2024Q2"): 8.0,
    }


def test_formulas_read_the_same_from_csv_and_from_parts(tmp_path):
    """The folder convention's three forms give the same numbers."""
    results = []
    for form in ("parquet", "csv", "parts"):
        folder = tmp_path / form
        folder.mkdir()
        write_mart(folder, "building_permits", PERMITS, form=form)
        results.append(compute_marts(folder).values())
    assert results[0].equals(results[1])
    assert results[0].equals(results[2])


@pytest.mark.parametrize("name", sorted(f.name for f in file_formulas()))
def test_every_formula_is_declared_against_the_bundled_files(name):
    f = FORMULAS[name]
    m = load_methodology("ru-digital-maturity")
    assert f.indicator in m.indicator_codes
    assert f.mart in bundled_marts()
    assert set(f.columns) <= set(load_table_schema(f.mart).field_names)
    assert f.source == f"formula:{name}"
    assert "Denominator" in f.rule or "mean" in f.rule.lower()  # the rule is written down


@pytest.mark.filterwarnings("ignore:fetch_arrow_table:DeprecationWarning")
def test_a_formula_sees_only_the_columns_it_declares(tmp_path):
    write_mart(tmp_path, "appeals", APPEALS)
    sneaky = Formula(
        "sneaky",
        "appeals",
        "gov_pos_on_time",
        ("region", "created"),
        lambda t: t.group_by(unit=t.region, period=t.channel).aggregate(value=t.count()),
    )
    con = ibis.duckdb.connect()
    mart = con.read_parquet(tmp_path / "appeals.parquet")
    with pytest.raises(ValueError, match="undeclared columns \\['channel'\\]"):
        sneaky(mart)
