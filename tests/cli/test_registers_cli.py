"""`tsifra registers load REGISTER FILE`: the examples load, a wrong file is refused whole with
its rows and columns, in Russian."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from builders import invoke
from tsifra.store import RegisterRecord, session_scope

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "proactive"


@pytest.fixture
def db(store: Engine, monkeypatch: pytest.MonkeyPatch) -> Engine:
    monkeypatch.setenv("TSIFRA_DATABASE_URL", store.url.render_as_string(hide_password=False))
    return store


def _count(engine: Engine) -> int:
    with session_scope(engine) as session:
        return session.scalar(select(func.count()).select_from(RegisterRecord))


def test_the_example_registers_load(db: Engine) -> None:
    loaded = invoke("registers", "load", "damaged_households", EXAMPLES / "damaged-households.csv")
    assert loaded.exit_code == 0, loaded.text
    assert "записей в файле 6; новых 6" in loaded.text
    projects = invoke(
        "registers", "load", "investment_projects", EXAMPLES / "investment-projects.csv"
    )
    assert projects.exit_code == 0, projects.text
    again = invoke("registers", "load", "damaged_households", EXAMPLES / "damaged-households.csv")
    assert "новых 0, изменённых 0, без изменений 6" in again.text
    assert _count(db) == 10


def test_a_wrong_file_is_refused_with_its_places(db: Engine, tmp_path: Path) -> None:
    wrong = tmp_path / "реестр.csv"
    text = (EXAMPLES / "damaged-households.csv").read_bytes().decode("cp1251")
    wrong.write_bytes(text.replace(";partial;3;", ";partial;три;").encode("cp1251"))
    refused = invoke("registers", "load", "damaged_households", wrong)
    assert refused.exit_code == 1
    assert "строка 2" in refused.text and "Проживающих" in refused.text
    assert "не целое число" in refused.text and "Ничего не записано" in refused.text
    unknown = invoke("registers", "load", "pets", wrong)
    assert unknown.exit_code == 1 and "Реестр «pets» неизвестен" in unknown.text
    assert _count(db) == 0
