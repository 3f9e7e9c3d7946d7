"""`tsifra bodies load | rules | list` on the database the commands are configured with: the
bundled examples load, a wrong file is refused with its rows and columns, in Russian."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from builders import invoke
from tsifra.cases.bodies import DATA as BODIES
from tsifra.cases.routing import DATA as RULES
from tsifra.cases.routing import list_rules


@pytest.fixture
def db(store: Engine, monkeypatch: pytest.MonkeyPatch) -> Engine:
    monkeypatch.setenv("TSIFRA_DATABASE_URL", store.url.render_as_string(hide_password=False))
    return store


def test_load_rules_and_list(db: Engine) -> None:
    loaded = invoke("bodies", "load", BODIES / "RU-KLU.csv")
    assert loaded.exit_code == 0, loaded.text
    assert "Органы (RU-KLU): добавлено 7, изменено 0, выведено из действия 0" in loaded.text
    ruled = invoke("bodies", "rules", RULES / "RU-KLU.csv")
    assert ruled.exit_code == 0, ruled.text
    assert "Правила маршрутизации (RU-KLU): загружено 12" in ruled.text
    assert len(list_rules(db, "RU-KLU")) == 12
    listed = invoke("--lang", "en", "bodies", "list", "--region", "RU-KLU")
    assert listed.exit_code == 0, listed.text
    assert "Kaluga City Administration" in listed.text and "29701000" in listed.text


def test_a_wrong_file_is_refused_with_its_places(db: Engine, tmp_path: Path) -> None:
    invoke("bodies", "load", BODIES / "RU-KLU.csv")
    wrong = tmp_path / "rules.csv"
    wrong.write_text("region,category,body\nRU-KLU,roads.nowhere,klu-roads\n", encoding="utf-8")
    refused = invoke("bodies", "rules", wrong)
    assert refused.exit_code == 1
    assert "категория «roads.nowhere» отсутствует в дереве категорий" in refused.text
    assert "строка 2" in refused.text and "category" in refused.text
    missing = invoke("bodies", "load", tmp_path / "absent.csv")
    assert missing.exit_code == 1 and "файл не найден" in missing.text


def test_incidents_import_twice_makes_them_once(db: Engine, tmp_path: Path) -> None:
    invoke("bodies", "load", BODIES / "RU-KLU.csv")
    invoke("bodies", "rules", RULES / "RU-KLU.csv")
    export = tmp_path / "export.csv"
    export.write_bytes(
        (
            "url;network;author;text;found_at;region;category\n"
            "https://vk.com/wall-9_1;ВКонтакте;@k;Яма во дворе;2026-01-10T07:00;RU-KLU;"
            "roads.pits.yard\n"
        ).encode("cp1251")
    )
    first = invoke("bodies", "incidents", export)
    assert first.exit_code == 0, first.text
    assert "Инциденты: создано 1, уже были загружены 0" in first.text
    again = invoke("--lang", "en", "bodies", "incidents", export)
    assert "Incidents: 0 created, 1 imported before" in again.text
    wrong = tmp_path / "wrong.csv"
    wrong.write_text(
        "url,network,text,found_at,region,category\nhttps://x.ru/1,vk,Яма,когда-то,RU-KLU,roads\n",
        encoding="utf-8",
    )
    refused = invoke("bodies", "incidents", wrong)
    assert refused.exit_code == 1 and "found_at" in refused.text
