"""The category tree of cases: three levels, each code an Open311 `service_code`.

The tree is data (`data/categories.yaml`), so a region can see why a topic's term is what it
is and the list can grow without code. A node's kinds and its ПОС term are inherited from its
parent unless it sets its own; a case is filed under a leaf (level 3).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from tsifra.cases.regimes import FEEDBACK_KINDS as KINDS
from tsifra.kernel.language import Lang
from tsifra.kernel.problems import Problem, ValidationFailed

CATEGORIES_FILE = Path(__file__).with_name("data") / "categories.yaml"
LEVELS = 3
_CODE_WORD = re.compile(r"[a-z][a-z0-9_]*")


@dataclass(frozen=True)
class Category:
    """One node of the tree. `message_days` is the term of a ПОС message on this topic, in
    working days."""

    code: str
    parent: str | None
    level: int
    name_ru: str
    name_en: str
    kinds: frozenset[str]
    message_days: int

    def name(self, lang: Lang) -> str:
        return self.name_en if lang == "en" else self.name_ru

    @property
    def is_leaf(self) -> bool:
        return self.level == LEVELS


class CategoryTreeError(ValueError):
    """The tree file is malformed; the message names the node."""


def _node(raw: Any, parent: Category | None, where: str) -> Category:
    if not isinstance(raw, dict):
        raise CategoryTreeError(f"{where}: a node must be a mapping")
    code = raw.get("code")
    level = 1 if parent is None else parent.level + 1
    prefix = "" if parent is None else parent.code + "."
    word = code[len(prefix) :] if isinstance(code, str) and code.startswith(prefix) else ""
    if not _CODE_WORD.fullmatch(word):
        raise CategoryTreeError(f"{where}: code {code!r} must be {prefix}<lower-case word>")
    name = raw.get("name")
    if not isinstance(name, dict) or not name.get("ru") or not name.get("en"):
        raise CategoryTreeError(f"{code}: name needs ru and en")
    kinds = raw.get("kinds", sorted(parent.kinds) if parent else None)
    if not kinds or any(kind not in KINDS for kind in kinds):
        raise CategoryTreeError(f"{code}: kinds must be some of {', '.join(KINDS)}")
    if parent is not None and not set(kinds) <= parent.kinds:
        raise CategoryTreeError(f"{code}: kinds must be among its parent's")
    days = raw.get("message_days", parent.message_days if parent else None)
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= 30:
        raise CategoryTreeError(f"{code}: message_days must be a whole number of 1 to 30")
    return Category(
        code=code,
        parent=None if parent is None else parent.code,
        level=level,
        name_ru=str(name["ru"]),
        name_en=str(name["en"]),
        kinds=frozenset(kinds),
        message_days=days,
    )


def _walk(nodes: Any, parent: Category | None, where: str) -> Iterator[Category]:
    if not isinstance(nodes, list) or not nodes:
        raise CategoryTreeError(f"{where}: children must be a non-empty list")
    for index, raw in enumerate(nodes):
        node = _node(raw, parent, f"{where}[{index}]")
        yield node
        children = raw.get("children")
        if node.level < LEVELS:
            yield from _walk(children, node, node.code)
        elif children is not None:
            raise CategoryTreeError(f"{node.code}: the tree has {LEVELS} levels, no more")


def read_tree(path: Path = CATEGORIES_FILE) -> tuple[Category, ...]:
    """Every node of a tree file in its order, parents before their children, checked."""
    nodes = tuple(_walk(yaml.safe_load(path.read_text(encoding="utf-8")), None, path.name))
    seen: set[str] = set()
    for node in nodes:
        if node.code in seen:
            raise CategoryTreeError(f"{node.code}: code repeated")
        seen.add(node.code)
    return nodes


@cache
def _tree() -> dict[str, Category]:
    # The shipped tree never changes while the process runs: read it once.
    return {node.code: node for node in read_tree()}


def categories() -> tuple[Category, ...]:
    """Every node, in the file's order (each parent before its children)."""
    return tuple(_tree().values())


def category(code: str) -> Category:
    """The node `code`; an unknown code is a located problem (`path="category"`)."""
    try:
        return _tree()[code]
    except KeyError:
        problem = Problem("case_term_category_unknown", path="category", value=code)
        raise ValidationFailed([problem]) from None


def children(code: str | None) -> tuple[Category, ...]:
    """The nodes directly under `code` (`None`: the top level)."""
    return tuple(node for node in _tree().values() if node.parent == code)


def lineage(code: str) -> tuple[Category, ...]:
    """The node and its ancestors, the top level first: a breadcrumb, or Open311's `group`
    (the top level) of a service."""
    node = category(code)
    nodes = [node]
    while node.parent is not None:
        node = _tree()[node.parent]
        nodes.append(node)
    return tuple(reversed(nodes))


def leaves(kind: str | None = None) -> tuple[Category, ...]:
    """The leaves a case is filed under, optionally only those accepting `kind`."""
    return tuple(
        node for node in _tree().values() if node.is_leaf and (kind is None or kind in node.kinds)
    )


def filing_category(kind: str, code: str) -> Category:
    """The leaf a case of `kind` may be filed under: an unknown code, a node that is not a
    leaf or a leaf that does not take `kind` is a located problem (`path="category"`)."""
    node = category(code)
    if not node.is_leaf:
        problem = Problem("case_term_category_not_leaf", path="category", value=code)
        raise ValidationFailed([problem])
    if kind not in node.kinds:
        problem = Problem("case_term_category_kind", path="category", value=code)
        raise ValidationFailed([problem])
    return node
