"""Agencies stored as units of kind `agency`: federal ones without a parent, regional ones under
their region and with their body's code; loading twice changes nothing; a wrong list changes
nothing either."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from tsifra.kernel.problems import ValidationFailed
from tsifra.reference.agencies import COLUMNS, read_agencies
from tsifra.store import AuditEntry, Unit, session_scope
from tsifra.values.agencies import list_agencies, load_agencies


def units(engine: Engine) -> dict[str, Unit]:
    with session_scope(engine) as session:
        return {u.code: u for u in session.scalars(select(Unit).where(Unit.kind == "agency"))}


def test_the_bundled_lists_become_agency_units(store: Engine) -> None:
    listed = read_agencies()
    loaded = load_agencies(store, actor="test")
    assert (loaded.added, loaded.updated, loaded.unchanged) == (len(listed), 0, 0)
    assert loaded.regional == 9 and loaded.federal == len(listed) - 9
    stored = units(store)
    assert set(stored) == {a.code for a in listed}
    assert stored["fed-mintsifry"].parent is None
    assert stored["fed-mintsifry"].name_en.startswith("Ministry of Digital Development")
    assert stored["klu-health"].parent == "RU-KLU"
    assert stored["klu-health"].name_ru == "Министерство здравоохранения Калужской области"
    with session_scope(store) as session:
        regions = session.scalar(select(func.count()).where(Unit.kind == "region"))
        audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "agencies.load"))
        assert [(a.actor, a.target) for a in audit] == [("test", "bundled")]
    assert regions == 83


def test_loading_twice_changes_nothing(store: Engine) -> None:
    first = load_agencies(store)
    again = load_agencies(store)
    assert (again.added, again.updated, again.unchanged) == (0, 0, first.added)


def test_a_changed_name_is_updated_and_an_omitted_agency_stays(store: Engine, tmp_path: Path):
    load_agencies(store)
    path = tmp_path / "RU-KLU.csv"
    path.write_text(
        ",".join(COLUMNS) + "\nklu-health,Минздрав Калужской области (новое имя),,,ministry,"
        "government,RU-KLU,сайт\n",
        encoding="utf-8",
    )
    loaded = load_agencies(store, [path])
    assert (loaded.added, loaded.updated, loaded.unchanged) == (0, 1, 0)
    stored = units(store)
    assert stored["klu-health"].name_ru.endswith("(новое имя)")
    assert stored["klu-health"].name_en is None
    assert "klu-roads" in stored  # not in this file, still a unit: its values name it


def test_a_list_with_problems_is_refused_whole(store: Engine, tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_text(
        ",".join(COLUMNS) + "\n"
        "fed-ok,Хорошее ведомство,,,agency,government,,x\n"
        "ru-klu,Код региона в другом регистре,,,agency,government,,x\n"
        "klu-new,Новое ведомство,,,agency,government,RU-KLU,x\n",
        encoding="utf-8",
    )
    with session_scope(store) as session:  # a unit of another kind holding an agency's code
        session.add(Unit(code="ru-klu", kind="region", name_ru="Чужая единица"))
    with pytest.raises(ValidationFailed) as caught:
        load_agencies(store, [path])
    assert [(p.file, p.row, p.column, p.code) for p in caught.value.problems] == [
        ("mixed.csv", 3, "code", "agency_code_taken")
    ]
    assert units(store) == {}


def test_the_list_is_federal_first_then_by_region(store: Engine) -> None:
    load_agencies(store)
    found = list_agencies(store)
    regions = [a.region for a in found]
    first_regional = next(i for i, r in enumerate(regions) if r is not None)
    assert all(r is None for r in regions[:first_regional])
    assert regions[first_regional:] == sorted(regions[first_regional:])
    kaluga = list_agencies(store, "RU-KLU")
    assert [a.code for a in kaluga] == sorted(a.code for a in kaluga)
    assert {a.code for a in kaluga} == {
        "klu-roads", "klu-health", "klu-housing", "klu-education", "klu-transport",
    }  # fmt: skip
    assert kaluga[0].name("en").startswith("Ministry of")


def test_an_agency_rating_file_naming_a_region_is_refused(store: Engine, tmp_path: Path) -> None:
    """Units of the store have a kind: values of the agency methodology for a region (or of the
    regional one for an agency) would rate it among units it is not one of."""
    from tsifra.values.ingest import ingest_file

    load_agencies(store)
    path = tmp_path / "mixed.csv"
    path.write_text(
        "unit,period,indicator,value\n"
        "klu-health,2026Q2,agency_cdto_rating,70\n"
        "RU-KLU,2026Q2,agency_cdto_rating,60\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationFailed) as caught:
        ingest_file(store, path, "file:mixed.csv", methodology="ru-agency-digital")
    (problem,) = caught.value.problems
    assert (problem.row, problem.column, problem.code) == (3, "unit", "agency_unit_of_other_kind")
    assert problem.message("ru").startswith("«RU-KLU» — единица другого вида")
