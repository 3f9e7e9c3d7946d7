"""Bodies as reference data: a region's file is its whole list (upserted, the missing ones
deactivated), every problem located, nothing written from a wrong file."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from tsifra.cases.bodies import DATA, list_bodies, load_bodies
from tsifra.kernel.problems import ValidationFailed

HEADER = "code,region,name_ru,name_en,kind,oktmo,email,source\n"


def _file(tmp_path: Path, text: str, name: str = "bodies.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + text, encoding=encoding)
    return path


def test_the_bundled_files_load(store: Engine) -> None:
    for path in sorted(DATA.glob("*.csv")):
        loaded = load_bodies(store, path)
        assert loaded.added >= 5 and loaded.deactivated == 0
    kaluga = {b.code: b for b in list_bodies(store, "RU-KLU")}
    assert kaluga["klu-kaluga-city"].oktmo == "29701000"
    assert kaluga["klu-roads"].name("en").startswith("Ministry")


def test_a_region_file_is_its_whole_list(store: Engine, tmp_path: Path) -> None:
    first = _file(tmp_path, "a,RU-TA,Орган А,,regional,,,x\nb,RU-TA,Орган Б,,regional,,,x\n")
    other = _file(tmp_path, "z,RU-KLU,Другой,,regional,,,x\n", "other.csv")
    load_bodies(store, first)
    load_bodies(store, other)
    again = _file(tmp_path, "a,RU-TA,Орган А (новое имя),,regional,,a@example.org,x\n")
    loaded = load_bodies(store, again)
    assert (loaded.added, loaded.updated, loaded.deactivated) == (0, 1, 1)
    state = {b.code: (b.name_ru, b.active, b.email) for b in list_bodies(store)}
    assert state["a"] == ("Орган А (новое имя)", True, "a@example.org")
    assert state["b"][1] is False
    assert state["z"][1] is True  # another region's body is not touched


def test_windows_1251_with_semicolons_is_read(store: Engine, tmp_path: Path) -> None:
    path = tmp_path / "cp.csv"
    text = "code;region;name_ru;kind\nm;RU-TA;Министерство ёлок;regional\n"
    path.write_bytes(text.encode("cp1251"))
    load_bodies(store, path)
    assert list_bodies(store, "RU-TA")[0].name_ru == "Министерство ёлок"


def test_every_problem_is_located_and_nothing_written(store: Engine, tmp_path: Path) -> None:
    load_bodies(store, _file(tmp_path, "kept,RU-KLU,Есть,,regional,,,x\n", "first.csv"))
    path = _file(
        tmp_path,
        "good,RU-TA,Хороший,,regional,,,x\n"
        "bad code!,RU-TA,Имя,,regional,,,x\n"
        "good,RU-TA,Дважды,,regional,,,x\n"
        "c,RU-XX,Имя,,galaxy,123,не-почта,x\n"
        "kept,RU-TA,Переезд,,regional,,,x\n"
        "d,RU-TA,,,regional,,,x\n",
    )
    with pytest.raises(ValidationFailed) as failed:
        load_bodies(store, path)
    found = {(p.code, p.row, p.column) for p in failed.value}
    assert found == {
        ("queue_bad_body_code", 3, "code"),
        ("queue_body_twice", 4, "code"),
        ("unknown_unit", 5, "region"),
        ("queue_bad_body_kind", 5, "kind"),
        ("queue_bad_oktmo", 5, "oktmo"),
        ("queue_bad_body_email", 5, "email"),
        ("queue_body_in_other_region", 6, "region"),
        ("empty_value", 7, "name_ru"),
    }
    assert "RU-KLU" in failed.value.problems[-2].message("ru")
    assert [b.code for b in list_bodies(store)] == ["kept"]


def test_a_missing_column_is_named(store: Engine, tmp_path: Path) -> None:
    path = tmp_path / "short.csv"
    path.write_text("code,region\na,RU-TA\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as failed:
        load_bodies(store, path)
    assert {(p.code, p.column) for p in failed.value} == {
        ("missing_column", "name_ru"),
        ("missing_column", "kind"),
    }
