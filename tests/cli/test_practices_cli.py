"""`tsifra practices export`, `import`, `publiccode` and `effects` on the configured database."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from sqlalchemy import Engine

from builders import invoke
from practice_rows import NOW, ingest_telemed, practice_draft
from tsifra.practices.records import create_practice, read_practice


@pytest.fixture
def db(store: Engine, monkeypatch: pytest.MonkeyPatch) -> Engine:
    monkeypatch.setenv("TSIFRA_DATABASE_URL", store.url.render_as_string(hide_password=False))
    return store


def test_the_registry_goes_out_and_comes_back(db: Engine, tmp_path: Path) -> None:
    ingest_telemed(db, [("RU-TA", "2024Q4", 50.0), ("RU-TA", "2025Q4", 70.0)])
    pid = create_practice(db, practice_draft(), account=None, now=NOW)
    r = invoke("practices", "effects")
    assert r.exit_code == 0, r.text
    assert "Эффекты пересчитаны; практик с измеренным эффектом: 1" in r.text
    assert "эффекты актуальны" in invoke("practices", "effects").text

    book = tmp_path / "registry.xlsx"
    r = invoke("practices", "export", book)
    assert r.exit_code == 0 and book.stat().st_size > 0, r.text
    r = invoke("practices", "import", book)
    assert r.exit_code == 0, r.text
    assert "Практик создано: 0, обновлено: 1" in r.text
    assert read_practice(db, pid).draft() == practice_draft()

    out = tmp_path / "solutions.yml"
    r = invoke("practices", "publiccode", out, "--base-url", "https://tsifra.example")
    assert r.exit_code == 0, r.text
    [doc] = list(yaml.safe_load_all(out.read_text(encoding="utf-8")))
    assert doc["landingURL"] == f"https://tsifra.example/practices/{pid}"
    folder = tmp_path / "publiccode"
    assert invoke("practices", "publiccode", folder).exit_code == 0
    assert [p.name for p in folder.iterdir()] == [f"practice-{pid}.publiccode.yml"]


def test_a_broken_workbook_is_a_table_of_problems(db: Engine, tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    r = invoke("practices", "import", bad)
    assert r.exit_code == 1
    assert "не читается как книга Excel" in r.text
