"""`tsifra agencies load | list` on the database the commands are configured with: the bundled
lists load (twice without change), a wrong file is refused with its places, in Russian."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from builders import invoke
from tsifra.reference.agencies import COLUMNS
from tsifra.values.agencies import list_agencies


@pytest.fixture
def db(store: Engine, monkeypatch: pytest.MonkeyPatch) -> Engine:
    monkeypatch.setenv("TSIFRA_DATABASE_URL", store.url.render_as_string(hide_password=False))
    return store


def test_load_the_bundled_lists_and_list_them(db: Engine) -> None:
    empty = invoke("agencies", "list")
    assert empty.exit_code == 0 and "Ведомств пока нет" in empty.text
    loaded = invoke("agencies", "load")
    assert loaded.exit_code == 0, loaded.text
    n = len(list_agencies(db))
    assert f"Ведомства: добавлено {n}, изменено 0, без изменений 0" in loaded.text
    again = invoke("agencies", "load")
    assert f"добавлено 0, изменено 0, без изменений {n}" in again.text
    listed = invoke("--lang", "en", "agencies", "list", "--region", "RU-KLU")
    assert listed.exit_code == 0, listed.text
    assert "klu-health" in listed.text and "Ministry of Health of Kaluga" in listed.text
    assert "fed-mintsifry" not in listed.text


def test_a_wrong_file_is_refused_with_its_places(db: Engine, tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.csv"
    wrong.write_text(",".join(COLUMNS) + "\nfed-x,Ведомство,,,bureau,government,,x\n", "utf-8")
    refused = invoke("agencies", "load", wrong)
    assert refused.exit_code == 1
    assert "wrong.csv" in refused.text and "bureau" in refused.text
    assert "вид ведомства «bureau» не известен" in refused.text
    assert list_agencies(db) == []
