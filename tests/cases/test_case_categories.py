"""The category tree: three levels of dotted Open311 service codes with names in both
languages, inherited kinds and ПОС terms, and a malformed tree file named where it is wrong."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tsifra.cases.categories import (
    CategoryTreeError,
    categories,
    category,
    children,
    filing_category,
    leaves,
    lineage,
    read_tree,
)
from tsifra.kernel.problems import ValidationFailed

AREAS = {
    "roads",
    "yards",
    "housing",
    "transport",
    "health",
    "education",
    "social",
    "waste",
    "ecology",
    "digital",
    "other",
}
SERVICE_CODE = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*){0,2}")


def test_the_tree_has_the_areas_regions_receive_and_about_forty_leaves() -> None:
    assert {node.code for node in children(None)} == AREAS
    assert 40 <= len(leaves()) <= 70
    assert all(node.level == 3 for node in leaves())


def test_every_code_is_a_dotted_service_code_under_its_parent() -> None:
    for node in categories():
        assert SERVICE_CODE.fullmatch(node.code), node.code
        assert node.code.count(".") == node.level - 1
        if node.parent is not None:
            assert node.code.startswith(node.parent + ".")
            assert category(node.parent).level == node.level - 1
    assert len({node.code for node in categories()}) == len(categories())


def test_every_node_is_named_in_russian_and_english() -> None:
    for node in categories():
        assert re.search(r"[а-яё]", node.name("ru").lower()), node.code
        assert node.name("en").isascii() and node.name("en") != node.name("ru"), node.code
    assert category("housing.heating.no_heating").name("ru") == "Нет отопления"
    assert category("housing.heating.no_heating").name("en") == "No heating"


def test_kinds_and_message_terms_are_inherited_unless_a_node_sets_its_own() -> None:
    heating = category("housing.heating")
    assert heating.message_days == 10 and heating.kinds == {"appeal", "message", "incident"}
    assert category("housing.heating.no_heating").message_days == 1
    assert category("housing.heating.cold").message_days == 3
    assert category("roads.pits.yard").message_days == 10
    assert category("other.general.gratitude").kinds == {"appeal", "message"}
    # Urgent topics are shorter than the usual ten working days.
    urgent = {n.code for n in leaves() if n.message_days <= 2}
    assert {"housing.heating.no_heating", "housing.water.no_water"} <= urgent


def test_a_leafs_lineage_runs_from_the_top_level() -> None:
    codes = [node.code for node in lineage("housing.water.leak")]
    assert codes == ["housing", "housing.water", "housing.water.leak"]
    assert [node.code for node in lineage("waste")] == ["waste"]


def test_leaves_can_be_listed_for_a_kind() -> None:
    incident_leaves = {node.code for node in leaves("incident")}
    assert "other.general.gratitude" not in incident_leaves
    assert "roads.pits.street" in incident_leaves
    assert len(leaves("appeal")) == len(leaves())


def test_filing_under_a_group_an_unknown_code_or_a_wrong_kind_is_refused() -> None:
    assert filing_category("appeal", "roads.pits.yard").parent == "roads.pits"
    cases = [
        ("appeal", "roads", "case_term_category_not_leaf"),
        ("appeal", "roads.nothing.here", "case_term_category_unknown"),
        ("incident", "transport.routes.new", "case_term_category_kind"),
    ]
    for kind, code, expected in cases:
        with pytest.raises(ValidationFailed) as excinfo:
            filing_category(kind, code)
        (problem,) = excinfo.value.problems
        assert (problem.code, problem.path, problem.value) == (expected, "category", code)
        assert code in problem.message("ru") and code in problem.message("en")


def _tree(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "tree.yaml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD_LEAF = "      children:\n        - code: a.b.c\n          name: {ru: В, en: C}\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "- code: a\n  name: {ru: А, en: A}\n  kinds: [appeal]\n  message_days: 5\n"
            "  children:\n    - code: x.b\n      name: {ru: Б, en: B}\n" + GOOD_LEAF,
            "must be a.<lower-case word>",
        ),
        (
            "- code: a\n  name: {ru: А}\n  kinds: [appeal]\n  message_days: 5\n",
            "a: name needs ru and en",
        ),
        (
            "- code: a\n  name: {ru: А, en: A}\n  kinds: [approval]\n  message_days: 5\n",
            "a: kinds must be",
        ),
        (
            "- code: a\n  name: {ru: А, en: A}\n  kinds: [appeal]\n  message_days: 0\n",
            "a: message_days",
        ),
        (
            "- code: a\n  name: {ru: А, en: A}\n  kinds: [appeal]\n  message_days: 5\n"
            "  children:\n    - code: a.b\n      name: {ru: Б, en: B}\n      kinds: [incident]\n"
            + GOOD_LEAF,
            "a.b: kinds must be among its parent's",
        ),
        (
            "- code: a\n  name: {ru: А, en: A}\n  kinds: [appeal]\n  message_days: 5\n"
            "  children:\n    - code: a.b\n      name: {ru: Б, en: B}\n",
            "a.b: children must be a non-empty list",
        ),
    ],
)
def test_a_malformed_tree_names_the_node(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(CategoryTreeError, match=re.escape(message)):
        read_tree(_tree(tmp_path, text))


def test_a_repeated_code_is_refused(tmp_path: Path) -> None:
    node = (
        "- code: a\n  name: {ru: А, en: A}\n  kinds: [appeal]\n  message_days: 5\n"
        "  children:\n    - code: a.b\n      name: {ru: Б, en: B}\n" + GOOD_LEAF
    )
    with pytest.raises(CategoryTreeError, match="a: code repeated"):
        read_tree(_tree(tmp_path, node + node))
