"""Raw marts from the command line: generate, compute on DuckDB, store as once-only batches."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest
from sqlalchemy import text

from builders import database_state, invoke, rows
from tsifra.store import make_engine

SOURCES = [
    "formula:mszu_requests_online",
    "formula:permit_issue_days",
    "formula:permits_issued_online",
    "formula:pos_answered_on_time",
]


@pytest.fixture
def marts(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    assert invoke("db", "upgrade").exit_code == 0
    r = invoke("marts", "generate", "marts", "--rows", "3000")
    assert r.exit_code == 0, r.text
    assert "Демонстрационные данные" in r.text
    return tmp_path / "marts"


def test_formulas_are_stored_as_one_batch_each_and_once_only(marts: Path) -> None:
    r = invoke("marts", "compute", marts)
    assert r.exit_code == 0, r.text
    table = rows(r.text)
    assert [row[0] for row in table] == [s.removeprefix("formula:") for s in SOURCES]
    assert all(int(row[5]) > 0 and row[6:] == ["0", "0", "0"] for row in table)
    engine = make_engine()
    with engine.connect() as connection:
        sources = connection.execute(text("SELECT source FROM batches ORDER BY id")).scalars()
        assert list(sources) == SOURCES
    again = invoke("marts", "compute", marts)
    assert again.exit_code == 0
    assert all(row[4] == "—" and row[5] == "0" for row in rows(again.text))


def test_a_mart_with_problems_stores_nothing(marts: Path) -> None:
    appeals = pq.read_table(marts / "appeals.parquet").drop_columns(["deadline"])
    pq.write_table(appeals, marts / "appeals.parquet")
    engine = make_engine()
    before = database_state(engine)
    r = invoke("marts", "compute", marts)
    assert r.exit_code == 1
    assert "appeals" in r.text and "deadline" in r.text
    assert database_state(engine) == before


def test_only_the_formulas_asked_for(marts: Path) -> None:
    r = invoke("marts", "compute", marts, "--formula", "pos_answered_on_time")
    assert r.exit_code == 0, r.text
    assert [row[0] for row in rows(r.text)] == ["pos_answered_on_time"]


def test_the_platform_formulas_from_the_command_line(tmp_path, monkeypatch) -> None:
    """`--from-platform` reads the store's cases: the on-time share is stored, the rest named."""
    from platform_cases import insert_cases

    monkeypatch.chdir(tmp_path)
    assert invoke("db", "upgrade").exit_code == 0
    empty = invoke("marts", "compute", "--from-platform", "--as-of", "2025-05-01")
    assert empty.exit_code == 1 and "нет ни одного обращения" in empty.text
    insert_cases(make_engine())
    assert invoke("marts", "compute", tmp_path, "--from-platform").exit_code == 2  # not both
    r = invoke("marts", "compute", "--from-platform", "--as-of", "2025-05-01")
    assert r.exit_code == 0, r.text
    assert [row[:2] for row in rows(r.text)] == [["feedback_on_time", "gov_pos_on_time"]]
    assert "feedback_rating_mean" in r.text  # named as a figure not stored
    with make_engine().connect() as connection:
        sources = connection.execute(text("SELECT source FROM batches")).scalars()
        assert list(sources) == ["formula:feedback_on_time"]


def test_the_registry_figures_from_the_command_line(tmp_path, monkeypatch) -> None:
    """`--from-registry` stores the registry indicators the chosen methodology has."""
    from registry_rows import insert_registry

    monkeypatch.chdir(tmp_path)
    assert invoke("db", "upgrade").exit_code == 0
    empty = invoke("marts", "compute", "--from-registry", "--as-of", "2025-03-15")
    assert empty.exit_code == 1 and "в реестре практик нет ни одной практики" in empty.text
    insert_registry(make_engine())
    assert invoke("marts", "compute", tmp_path, "--from-registry").exit_code == 2  # not both
    example = Path(__file__).parents[2] / "examples" / "methodology-with-ai.yaml"
    assert invoke("methodology", "load", example).exit_code == 0
    r = invoke(
        "marts", "compute", "--from-registry", "--as-of", "2025-03-15",
        "--methodology", "ru-digital-maturity-ai",
    )  # fmt: skip
    assert r.exit_code == 0, r.text
    assert [row[:2] for row in rows(r.text)] == [["reg_ai_directions", "reg_ai_directions"]]
    assert "reg_verified_effect_share" in r.text  # named as computed, not stored
    with make_engine().connect() as connection:
        sources = connection.execute(text("SELECT source FROM batches")).scalars()
        assert list(sources) == ["formula:reg_ai_directions"]


def test_the_approvals_figure_from_the_command_line(tmp_path, monkeypatch) -> None:
    """`--from-approvals` stores `appr_median_days` where the chosen methodology has it."""
    from approval_figure_rows import insert_projects

    monkeypatch.chdir(tmp_path)
    assert invoke("db", "upgrade").exit_code == 0
    empty = invoke("marts", "compute", "--from-approvals", "--as-of", "2026-07-01")
    assert empty.exit_code == 1 and "нет ни одного проекта на согласование" in empty.text
    insert_projects(make_engine())
    assert invoke("marts", "compute", "--from-approvals", "--from-platform").exit_code == 2
    example = Path(__file__).parents[2] / "examples" / "methodology-with-approvals.yaml"
    assert invoke("methodology", "load", example).exit_code == 0
    r = invoke(
        "marts", "compute", "--from-approvals", "--as-of", "2026-07-01",
        "--methodology", "ru-digital-maturity-approvals",
    )  # fmt: skip
    assert r.exit_code == 0, r.text
    assert [row[:2] for row in rows(r.text)] == [["appr_median_days", "appr_median_days"]]
    with make_engine().connect() as connection:
        sources = connection.execute(text("SELECT source FROM batches")).scalars()
        assert list(sources) == ["formula:appr_median_days"]


def test_the_agency_figures_from_the_command_line(tmp_path, monkeypatch) -> None:
    """`--from-platform --methodology` of agencies stores the figures grouped by body."""
    from agency_cases import UTILITY, insert_agencies

    monkeypatch.chdir(tmp_path)
    assert invoke("db", "upgrade").exit_code == 0
    insert_agencies(make_engine())
    r = invoke(
        "marts", "compute", "--from-platform", "--as-of", "2025-05-01",
        "--methodology", "ru-agency-digital",
    )  # fmt: skip
    assert r.exit_code == 0, r.text
    assert [row[1] for row in rows(r.text)] == [
        "agency_appeals_on_time", "agency_answer_rating", "agency_reopened_share",
    ]  # fmt: skip
    assert UTILITY in r.text  # a body that is no agency of the rating: named, not stored
