"""`tsifra approvals zones load | owners` on the configured database: the test map loads, a
location finds its owners as a table or JSON, a wrong file is refused with its places."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine

from builders import invoke, rows
from zone_maps import TEST_MAP, feature, square, write_map


@pytest.fixture
def db(store: Engine, monkeypatch: pytest.MonkeyPatch) -> Engine:
    monkeypatch.setenv("TSIFRA_DATABASE_URL", store.url.render_as_string(hide_password=False))
    return store


def located(tmp_path: Path, value: dict) -> Path:
    path = tmp_path / "site.geojson"
    path.write_text(json.dumps(value), encoding="utf-8")
    return path


def test_load_then_ask_who_must_approve(db: Engine, tmp_path: Path) -> None:
    loaded = invoke("approvals", "zones", "load", TEST_MAP)
    assert loaded.exit_code == 0, loaded.text
    assert "test-map.geojson: зон загружено 4, владельцев 4, прежних зон заменено 0" in loaded.text
    site = located(tmp_path, {"type": "Point", "coordinates": [49.109, 55.786]})
    asked = invoke("approvals", "owners", site)
    assert asked.exit_code == 0, asked.text
    assert [r[:4] for r in rows(asked.text)] == [
        ["ru-ta-setevaya", "Сетевая компания (тест)", "RU-TA", "электроснабжение"],
        ["ru-ta-vodokanal", "Водоканал (тест)", "RU-TA", "водоснабжение"],
    ]
    english = invoke("--lang", "en", "approvals", "owners", site)
    assert "Owner" in english.text and "power" in english.text


def test_a_feature_collection_of_one_and_json(db: Engine, tmp_path: Path) -> None:
    invoke("approvals", "zones", "load", TEST_MAP)
    edge = {"type": "Feature", "properties": {},
            "geometry": {"type": "Point", "coordinates": [49.140, 55.785]}}  # fmt: skip
    site = located(tmp_path, {"type": "FeatureCollection", "features": [edge]})
    asked = invoke("approvals", "owners", site, "--json", "--region", "RU-TA")
    assert asked.exit_code == 0, asked.text
    answer = json.loads(asked.stdout)
    assert [o["owner"] for o in answer["owners"]] == ["ru-ta-telecom"]
    assert answer["owners"][0]["zones"][0]["network"] == "telecom"
    nobody = invoke("approvals", "owners", site, "--region", "RU-MOW")
    assert nobody.exit_code == 0 and "не задевает ни одной зоны" in nobody.text


def test_several_files_load_in_turn(db: Engine, tmp_path: Path) -> None:
    extra = write_map(tmp_path / "heat.geojson", [feature("ru-ta-teplo", square(49.2, 55.8, 0.01),
                                                          network="heat")])  # fmt: skip
    loaded = invoke("approvals", "zones", "load", TEST_MAP, extra)
    assert loaded.exit_code == 0, loaded.text
    assert "heat.geojson: зон загружено 1, владельцев 1" in loaded.text


def test_a_wrong_zones_file_is_refused_with_its_places(db: Engine, tmp_path: Path) -> None:
    wrong = write_map(tmp_path / "zones.geojson", [
        feature("ru-ta-x", square(49.2, 55.8, 0.01), network="steam"),
    ])  # fmt: skip
    refused = invoke("approvals", "zones", "load", wrong)
    assert refused.exit_code == 1
    assert "features[0].properties.network" in refused.text and "steam" in refused.text


def test_a_wrong_location_is_refused_with_its_place(db: Engine, tmp_path: Path) -> None:
    ring = [[0, 0], [2, 2], [2, 0], [0, 2]]
    site = located(tmp_path, {"type": "Polygon", "coordinates": [ring]})
    refused = invoke("approvals", "owners", site)
    assert refused.exit_code == 1
    assert "site.geojson, coordinates[0]" in refused.text and "не замкнут" in refused.text
    missing = invoke("approvals", "owners", tmp_path / "absent.geojson")
    assert missing.exit_code == 1 and "файл не найден" in missing.text
    method = invoke("approvals", "owners", located(tmp_path, {"type": "Point",
                                                               "coordinates": [1, 2]}),
                    "--method", "fast")  # fmt: skip
    assert method.exit_code == 1 and "--method" in method.text
