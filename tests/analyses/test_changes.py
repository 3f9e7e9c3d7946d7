"""Change sets read the same way from the command line, the region page's form and the API."""

from __future__ import annotations

import pytest

from tsifra.analyses.changes import plan_from_mapping, plan_from_rows, plan_from_texts


def found(plan) -> list[tuple[str, str | None]]:
    return [(p.code, p.path) for p in plan.problems]


def test_the_same_change_set_from_every_shell():
    texts = plan_from_texts(["gov_edo=target", "health_emr=99,5"], lang="ru")
    rows = plan_from_rows([("gov_edo", "", True), ("health_emr", "99,5", False), ("", "", False)])
    body = plan_from_mapping({"x": {"gov_edo": "target", "health_emr": "99,5"}})
    expected = {"gov_edo": "target", "health_emr": "99,5"}
    assert [list(p.scenarios.values()) for p in (texts, rows, body)] == [[expected]] * 3
    assert list(texts.scenarios) == ["gov_edo=target, health_emr=99,5"]
    assert not (texts.problems or rows.problems or body.problems)


def test_the_same_problems_from_every_shell():
    texts = plan_from_texts(["a=1", "b=", "a=2"], lang="ru")
    rows = plan_from_rows([("a", "1", False), ("b", "", False), ("a", "2", False)])
    expected = [("empty_value", "b"), ("duplicate_code", "a")]
    assert found(texts) == found(rows) == expected
    assert found(plan_from_mapping({"x": {"a": 1, "b": "  "}})) == [("empty_value", "b")]
    # what could be read is kept, for the engine to check its values alongside
    assert list(texts.scenarios.values()) == list(rows.scenarios.values()) == [{"a": "1"}]


def test_scenarios_name_their_problems():
    plan = plan_from_texts(
        [], ["A: a=1; b=", "no colon", "B:", "A: c=1", "B: x; c=target"], lang="en"
    )
    assert found(plan) == [
        ("bad_scenario", None),
        ("bad_scenario", None),
        ("bad_change", None),
        ("empty_value", "A: b"),
        ("duplicate_scenario", None),
    ]
    assert plan.scenarios == {"A": {"a": "1"}, "B": {"c": "target"}}


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_no_changes_at_all_is_where_the_unit_stands(lang):
    plan = plan_from_texts(lang=lang)
    assert plan.scenarios == {"без изменений" if lang == "ru" else "no changes": {}}
    assert plan_from_texts([], ["A: a=1"], lang=lang).scenarios == {"A": {"a": "1"}}
