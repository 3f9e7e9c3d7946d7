"""Routing rules: the most specific matching rule wins (deepest category, then a municipality,
then words in any form, then priority); no match goes to triage; a rules file is checked whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from tsifra.cases.bodies import load_bodies
from tsifra.cases.routing import list_rules, load_rules, route
from tsifra.kernel.problems import ValidationFailed
from tsifra.store import session_scope

BODIES = (
    "code,region,name_ru,kind,oktmo\n"
    "roads,RU-TA,Минтранс,regional,\n"
    "yards,RU-TA,ЖКХ,regional,\n"
    "kazan,RU-TA,Исполком Казани,municipal,92701000\n"
    "health,RU-TA,Минздрав,regional,\n"
    "klu,RU-KLU,Калужский орган,regional,\n"
    "gone,RU-TA,Упразднённый,regional,\n"
)
RULES = (
    "region,category,oktmo,words,body,priority\n"
    "RU-TA,roads,,,roads,100\n"
    "RU-TA,roads.pits.yard,,,yards,100\n"
    "RU-TA,roads,92701000,,kazan,100\n"
    "RU-TA,yards.lighting,,фонарь,kazan,100\n"
    "RU-TA,health,,,health,50\n"
    "RU-TA,health,,,roads,10\n"
    "RU-TA,yards,,,yards,100\n"
)


@pytest.fixture
def ruled(store: Engine, tmp_path: Path) -> Engine:
    bodies = tmp_path / "bodies.csv"
    bodies.write_text(BODIES, encoding="utf-8")
    load_bodies(store, bodies)
    rules = tmp_path / "rules.csv"
    rules.write_text(RULES, encoding="utf-8")
    load_rules(store, rules)
    return store


def _route(engine: Engine, category: str, oktmo: str | None = None, text: str = "") -> str | None:
    with session_scope(engine) as session:
        return route(session, "RU-TA", category, oktmo, text)


def test_the_most_specific_rule_wins(ruled: Engine) -> None:
    assert _route(ruled, "roads.pits") == "roads"  # the parent's rule covers its children
    assert _route(ruled, "roads.pits.yard") == "yards"  # deeper beats a municipality
    assert _route(ruled, "roads.pits", "92701000") == "kazan"  # a municipality beats none
    assert _route(ruled, "roads.pits", "92701000123") == "kazan"  # a settlement under it
    assert _route(ruled, "roads.pits", "92601000") == "roads"
    assert _route(ruled, "health.clinics.appointment") == "roads"  # the smaller priority number


def test_words_match_in_any_form(ruled: Engine) -> None:
    assert _route(ruled, "yards.lighting", text="Не горят фонари во дворе") == "kazan"
    assert _route(ruled, "yards.lighting", text="Темно на улице") == "yards"


def test_no_rule_means_triage(ruled: Engine) -> None:
    assert _route(ruled, "ecology.air.emissions") is None
    with session_scope(ruled) as session:
        assert route(session, "RU-KLU", "roads.pits", None, "яма") is None


def test_a_deactivated_body_routes_no_more(ruled: Engine, tmp_path: Path) -> None:
    rules = tmp_path / "gone.csv"
    rules.write_text("region,category,body\nRU-TA,roads,gone\n", encoding="utf-8")
    load_rules(ruled, rules)
    assert _route(ruled, "roads") == "gone"
    bodies = tmp_path / "less.csv"
    bodies.write_text("code,region,name_ru,kind\nroads,RU-TA,Минтранс,regional\n", "utf-8")
    load_bodies(ruled, bodies)
    assert _route(ruled, "roads") is None


def test_a_file_replaces_its_regions_rules(ruled: Engine, tmp_path: Path) -> None:
    assert len(list_rules(ruled, "RU-TA")) == 7
    rules = tmp_path / "new.csv"
    rules.write_text("region;category;body\nRU-TA;roads;yards\n", encoding="utf-8")
    loaded = load_rules(ruled, rules)
    assert (loaded.rules, loaded.replaced) == (1, 7)
    assert [(r.category, r.body, r.priority) for r in list_rules(ruled)] == [
        ("roads", "yards", 100)
    ]


def test_every_problem_is_located_and_nothing_written(ruled: Engine, tmp_path: Path) -> None:
    rules = tmp_path / "bad.csv"
    rules.write_text(
        "region,category,oktmo,words,body,priority\n"
        "RU-TA,roads,,,roads,1\n"
        "RU-XX,roads.nope,12,,nobody,high\n"
        "RU-TA,roads,,и на в,klu,\n"
        "RU-TA,,,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationFailed) as failed:
        load_rules(ruled, rules)
    found = {(p.code, p.row, p.column) for p in failed.value}
    assert found == {
        ("unknown_unit", 3, "region"),
        ("queue_unknown_category", 3, "category"),
        ("queue_bad_oktmo", 3, "oktmo"),
        ("queue_unknown_body", 3, "body"),
        ("queue_bad_priority", 3, "priority"),
        ("queue_no_words", 4, "words"),
        ("queue_body_of_other_region", 4, "body"),
        ("empty_value", 5, "category"),
        ("empty_value", 5, "body"),
    }
    messages = [p.message("ru") for p in failed.value]
    assert "категория «roads.nope» отсутствует в дереве категорий" in messages
    assert len(list_rules(ruled, "RU-TA")) == 7


def test_routing_reads_rules_in_one_query(ruled: Engine) -> None:
    from sqlalchemy import event

    statements: list[str] = []
    with session_scope(ruled) as session:
        conn = session.connection()
        event.listen(conn, "before_cursor_execute", lambda *a: statements.append(a[2]))
        assert route(session, "RU-TA", "yards.lighting", None, "фонарь") == "kazan"
    assert len(statements) == 1


def test_the_bundled_rules_load_after_their_bodies(store: Engine) -> None:
    from tsifra.cases.bodies import DATA as BODIES_DATA
    from tsifra.cases.routing import DATA as RULES_DATA

    for region in ("RU-KLU", "RU-CHE"):
        load_bodies(store, BODIES_DATA / f"{region}.csv")
        assert load_rules(store, RULES_DATA / f"{region}.csv").rules >= 10
    with session_scope(store) as session:
        assert route(session, "RU-KLU", "roads.pits.yard", "29701000", "") == "klu-kaluga-city"
        assert route(session, "RU-KLU", "roads.pits.street", "29701000", "") == "klu-roads"
        assert (
            route(session, "RU-CHE", "ecology.air.emissions", None, "Опять смог") == "che-ecology"
        )
        assert route(session, "RU-CHE", "digital.internet.coverage", None, "") is None
