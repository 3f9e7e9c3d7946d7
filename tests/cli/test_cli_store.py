"""The data commands end to end on the embedded database: what a data office types."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from builders import database_state, invoke, rows, write_values_csv
from tsifra.accounts.users import authenticate
from tsifra.store import make_engine

GOOD = [
    ("RU-MOW", "2024Q1", "health_emr", 91.5),
    ("RU-TA", "2024Q1", "health_emr", 88.25),
]


@pytest.fixture
def db(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    r = invoke("db", "upgrade")
    assert r.exit_code == 0, r.text
    assert "База данных готова" in r.text
    return tmp_path


def test_ingest_prints_the_batch_summary_then_nothing_new(db: Path) -> None:
    path = write_values_csv(db / "q1.csv", GOOD)
    r = invoke("ingest", path, "--source", "region:RU-TA")
    assert r.exit_code == 0, r.text
    assert "Пакет №1 принят" in r.text
    assert rows(r.text) == [["2", "0", "0", "0"]]
    again = invoke("ingest", path, "--source", "region:RU-TA")
    assert again.exit_code == 0
    assert "Ничего нового" in again.text and rows(again.text) == [["0", "2", "0", "0"]]


def test_a_rejected_file_lists_problems_and_writes_them_as_csv(db: Path) -> None:
    path = write_values_csv(db / "bad.csv", [GOOD[0], ("RU-TA", "2024Q1", "health_emr", "н/д")])
    r = invoke("ingest", path, "--source", "region", "--problems-out", "problems.csv")
    assert r.exit_code == 1
    assert "строка 3" in r.text and "not_numeric" in r.text
    with (db / "problems.csv").open(encoding="utf-8-sig") as handle:
        table = list(csv.DictReader(handle, delimiter=";"))
    assert [(p["row"], p["column"], p["value"], p["rule"]) for p in table] == [
        ("3", "value", "н/д", "not_numeric")
    ]
    assert "не является числом" in table[0]["message"]


def test_a_long_problem_list_is_cut_on_screen(db: Path) -> None:
    bad = [("RU-TA", f"{2000 + i // 4}Q{i % 4 + 1}", "health_emr", "x") for i in range(60)]
    r = invoke("ingest", write_values_csv(db / "bad.csv", bad), "--source", "region")
    assert r.exit_code == 1
    assert "… и ещё 10" in r.text


def test_correction_history_conflict_and_resolution(db: Path) -> None:
    invoke("ingest", write_values_csv(db / "q1.csv", GOOD), "--source", "region")
    fixed = write_values_csv(db / "fixed.csv", [("RU-TA", "2024Q1", "health_emr", 89.0)])
    refused = invoke("ingest", fixed, "--source", "region")
    assert refused.exit_code == 1 and "correction_needs_reason" in refused.text
    ok = invoke("ingest", fixed, "--source", "region", "--reason", "опечатка")
    assert ok.exit_code == 0 and rows(ok.text) == [["0", "0", "1", "0"]]

    r = invoke("history", "RU-TA", "2024q1", "health_emr")
    assert r.exit_code == 0
    assert [row[1:5] for row in rows(r.text)] == [
        ["region", "1", "88,25", "—"],
        ["region", "2", "89", "опечатка"],
    ]

    other = write_values_csv(db / "m.csv", [("RU-TA", "2024Q1", "health_emr", 70.0)])
    r = invoke("ingest", other, "--source", "minzdrav")
    assert r.exit_code == 0 and "Расхождения источников (1)" in r.text
    r = invoke("conflicts")
    assert r.exit_code == 1
    assert sorted(row[3] for row in rows(r.text)) == ["minzdrav", "region"]
    r = invoke("index", "compute", "--from-db", "ru-digital-maturity")
    assert r.exit_code == 1 and "value_conflict" in r.text
    r = invoke("index", "compute", "--from-db", "ru-digital-maturity", "--leave-out-conflicts")
    assert r.exit_code == 0, r.text
    assert "Расчёт №1 сохранён" in r.text
    assert "Не учтено (источники расходятся): RU-TA/2024Q1/health_emr:" in r.text
    assert "region = 89" in r.text and "minzdrav = 70" in r.text
    r = invoke(
        "resolve", "RU-TA", "2024Q1", "health_emr", "--source", "region", "--reason", "сверено"
    )
    assert r.exit_code == 0, r.text
    assert invoke("conflicts").exit_code == 0


def test_compute_from_the_database_stores_a_run_that_reproduces(db: Path) -> None:
    invoke("ingest", write_values_csv(db / "q1.csv", GOOD), "--source", "region")
    r = invoke("index", "compute", "--from-db", "ru-digital-maturity", "--out", "run.csv")
    assert r.exit_code == 0, r.text
    assert "Расчёт №1 сохранён" in r.text and (db / "run.csv").stat().st_size > 0
    assert invoke("index", "reproduce", "1").exit_code == 0
    early = invoke("index", "compute", "--from-db", "ru-digital-maturity", "--as-of", "2020-01-01")
    assert early.exit_code == 1 and "no_stored_values" in early.text
    bad = invoke("index", "compute", "--from-db", "ru-digital-maturity", "--as-of", "вчера")
    assert bad.exit_code == 1 and "bad_timestamp" in bad.text
    assert invoke("index", "reproduce", "7").exit_code == 1


def test_a_command_on_an_unmigrated_database_says_what_to_run(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = write_values_csv(tmp_path / "q1.csv", GOOD)
    for command in (
        ("ingest", path, "--source", "region"),
        ("history", "RU-TA", "2024Q1", "health_emr"),
        ("conflicts",),
        ("resolve", "RU-TA", "2024Q1", "health_emr", "--source", "s", "--reason", "r"),
        ("index", "compute", "--from-db", "ru-digital-maturity"),
        ("index", "reproduce", "1"),
        ("marts", "compute", tmp_path),
    ):
        r = invoke(*command)
        assert r.exit_code == 1 and "tsifra db upgrade" in r.text, (command, r.text)


def test_compute_needs_files_or_the_database(db: Path) -> None:
    r = invoke("index", "compute")
    assert r.exit_code == 2
    assert "--from-db" in r.output


@pytest.mark.slow
def test_demo_loads_the_database_once(db: Path) -> None:
    first = invoke("demo", "--out-dir", "demo", "--top", "3")
    assert first.exit_code == 0, first.text
    passwords = demo_passwords(first.text)
    approvals = ["demo-applicant", "demo-gaz", "demo-setevaya", "demo-telecom", "demo-vodokanal"]
    assert sorted(passwords) == ["admin", "analyst", *approvals, "operator", "viewer"]
    assert len(set(passwords.values())) == 9  # random, one per account
    engine = make_engine()
    assert all(authenticate(engine, login, pw) for login, pw in passwords.items())
    second = invoke("demo", "--out-dir", "demo", "--top", "3")
    assert second.exit_code == 0, second.text
    assert "уже загружены" in second.text
    assert "Пароли были показаны при первой загрузке" in second.text
    assert not any(pw in second.text for pw in passwords.values())  # shown once only
    assert [row[:2] for row in rows(first.text)] == [row[:2] for row in rows(second.text)]
    r = invoke("history", "RU-MOW", "2025Q4", "gov_pos_on_time")
    assert r.exit_code == 0 and "demo:synthetic" in r.text
    assert invoke("index", "reproduce", "20").exit_code == 0
    r = invoke("index", "compute", "--from-db", "ru-digital-maturity", "--top", "3")
    assert r.exit_code == 0, r.text
    assert r.text.count("Демонстрационные данные (синтетические)") == 2


def stored(engine) -> dict:
    """Every table's rows (batches, runs, values…) and the accounts."""
    from sqlalchemy import func, select

    from tsifra.store import User

    state = database_state(engine)
    with engine.connect() as connection:
        state["users"] = connection.scalar(select(func.count()).select_from(User))
    return state


def demo_passwords(text: str) -> dict[str, str]:
    """The accounts `tsifra demo` lists after its rating: login, password, role…"""
    listed = text.split("запишите их:")[1].splitlines()
    return {line.split()[0]: line.split()[1] for line in listed if line.startswith("  ")}


def test_demo_refuses_a_database_with_real_data_and_writes_nothing(db: Path) -> None:
    invoke("ingest", write_values_csv(db / "q1.csv", GOOD), "--source", "region:RU-TA")
    engine = make_engine()
    before = stored(engine)
    r = invoke("demo", "--out-dir", "demo")
    assert r.exit_code == 1
    assert [row[1] for row in rows(r.text) if row[1]] == ["demo_refused"]
    said = " ".join(row[2] for row in rows(r.text))  # the message's lines, unwrapped
    assert said.startswith(
        "в базе есть не только демонстрационные данные (пакетов из других источников: 1, "
        "учётных записей: 0, расчётов по реальным данным: 0); демонстрация ничего не записала."
    )
    assert stored(engine) == before
    assert before["batches"] == 1 and before["users"] == 0
    assert not (db / "demo").exists()


def test_real_data_carry_no_demo_mark(db: Path) -> None:
    invoke("ingest", write_values_csv(db / "q1.csv", GOOD), "--source", "region")
    r = invoke("index", "compute", "--from-db", "ru-digital-maturity")
    assert r.exit_code == 0, r.text
    assert "Демонстрационные данные" not in r.text
