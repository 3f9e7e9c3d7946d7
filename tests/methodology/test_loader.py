"""Loading methodology files: every problem comes back at once, with file and key path."""

from __future__ import annotations

import textwrap

import pytest

from tsifra.kernel.problems import ValidationFailed
from tsifra.methodology import bundled_ids, load_methodology, parse_methodology

GOOD = """
id: t
title: T
version: "1"
indicators:
  - {code: a, name: A, parent: X}
  - {code: b, name: B, parent: X, weight: 2}
nodes:
  - {code: X, name: X, parent: root}
  - {code: root, name: Root}
"""


def problems(text: str, file: str = "m.yaml"):
    with pytest.raises(ValidationFailed) as caught:
        parse_methodology(textwrap.dedent(text), file=file)
    return caught.value.problems


def test_a_valid_file_gives_the_tree():
    m = parse_methodology(GOOD)
    assert m.root == "root"
    assert m.children == {"X": ["a", "b"], "root": ["X"]}
    assert m.aggregation_order == ["X", "root"]


def test_every_problem_is_reported_with_file_and_key_path():
    found = problems(GOOD.replace("parent: X, weight: 2", "parent: Y, wieght: 2, direction: 2"))
    where = {p.path: p.code for p in found}
    assert where["indicators[1].wieght"] == "extra_forbidden"
    assert where["indicators[1].direction"] == "literal_error"
    assert all(p.file == "m.yaml" for p in found)
    shown = [str(p) for p in found]
    assert "m.yaml, indicators[1].wieght: неизвестный ключ" in shown
    assert "m.yaml, indicators[1].direction: значение «2» недопустимо; допустимые: 1, -1" in shown


def test_tree_problems_name_the_item():
    text = GOOD.replace("parent: X, weight: 2", "parent: Y") + "  - {code: Z, name: Z}\n"
    found = problems(text)
    messages = {p.path: str(p) for p in found}
    assert "родитель «Y» не найден" in messages["indicators[1].parent"]
    assert any(p.code == "root_count" for p in found)
    assert any(p.code == "empty_node" and p.value == "Z" for p in found)


def test_duplicate_codes_and_cycles():
    dup = problems(GOOD.replace("code: b", "code: a"))
    assert [p.path for p in dup if p.code == "duplicate_code"] == [
        "indicators[0].code",
        "indicators[1].code",
    ]
    cyc = problems(GOOD.replace("{code: root, name: Root}", "{code: root, name: R, parent: X}"))
    assert {p.code for p in cyc} >= {"cycle", "root_count"}


def test_method_requirements():
    text = GOOD + "steps:\n  normalise: {method: goalposts}\n  impute: {method: group_mean}\n"
    found = problems(text)
    assert {p.path for p in found if p.code == "needs_goalposts"} == {
        "indicators[0].goalposts",
        "indicators[1].goalposts",
    }
    assert any(p.code == "needs_group" and p.path == "steps.impute.group" for p in found)


def test_yaml_syntax_error_names_the_line():
    found = problems("id: t\ntitle: [unclosed\n")
    assert found[0].code == "yaml_syntax" and found[0].row is not None


def test_english_messages():
    found = problems(GOOD.replace("parent: X, weight: 2", "parent: Y"))
    assert found[0].message("en") == "parent 'Y' is not an aggregate node"
    assert found[0].location("en") == "m.yaml, indicators[1].parent"


def test_missing_file_and_bundled_ids(tmp_path):
    with pytest.raises(ValidationFailed) as caught:
        load_methodology(tmp_path / "absent.yaml")
    assert caught.value.problems[0].code == "file_not_found"
    assert "ru-digital-maturity" in bundled_ids()


def test_indicator_overrides_replace_only_their_step():
    text = GOOD.replace(
        "{code: a, name: A, parent: X}",
        "{code: a, name: A, parent: X, steps: {normalise: {method: rank}}}",
    )
    m = parse_methodology(text)
    assert m.steps_for("a").normalise.method == "rank"
    assert m.steps_for("b").normalise.method == "minmax"
    assert m.steps_for("a").impute == m.steps.impute
