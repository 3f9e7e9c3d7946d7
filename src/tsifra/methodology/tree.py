"""Checks that a methodology's flat list of indicators and nodes forms one usable tree.

These checks need the whole file at once (a parent may be declared after its child), so they run
after every item has parsed, and report every problem with the key path an analyst can find.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from tsifra.kernel.problems import Problem

if TYPE_CHECKING:
    from tsifra.methodology.schema import Methodology

TARGET_METHODS = {"distance_to_target", "target_achievement"}
GROUP_METHODS = {"group_mean", "group_median"}


def tree_problems(m: Methodology) -> list[Problem]:
    problems: list[Problem] = []
    items = (
        [("indicators", i, x) for i, x in enumerate(m.indicators)]
        + [("nodes", i, x) for i, x in enumerate(m.nodes)]
        + [("denominators", i, x) for i, x in enumerate(m.denominators)]
        + [("attributes", i, x) for i, x in enumerate(m.attributes)]
    )
    counts = Counter(x.code for _, _, x in items)
    for section, i, x in items:
        if counts[x.code] > 1:
            problems.append(Problem("duplicate_code", path=f"{section}[{i}].code", value=x.code))

    node_codes = {n.code for n in m.nodes}
    for section, i, x in items:
        parent = getattr(x, "parent", None)
        if section in ("indicators", "nodes") and parent is not None and parent not in node_codes:
            problems.append(Problem("unknown_parent", path=f"{section}[{i}].parent", value=parent))
    for i, ind in enumerate(m.indicators):
        if ind.parent is None:
            problems.append(Problem("missing", path=f"indicators[{i}].parent"))

    roots = [n.code for n in m.nodes if n.parent is None]
    if len(roots) != 1:
        problems.append(Problem("root_count", path="nodes", value=len(roots)))
    problems += _cycles(m)

    children: dict[str, list] = {n.code: [] for n in m.nodes}
    for x in [*m.indicators, *m.nodes]:
        if x.parent in children:
            children[x.parent].append(x)
    for i, n in enumerate(m.nodes):
        kids = children[n.code]
        if not kids:
            problems.append(Problem("empty_node", path=f"nodes[{i}]", value=n.code))
        elif sum(k.weight for k in kids) <= 0:
            problems.append(Problem("zero_weights", path=f"nodes[{i}]", value=n.code))
        spec = n.aggregate or m.steps.aggregate
        if spec.method == "generalised" and spec.power is None:
            where = f"nodes[{i}].aggregate" if n.aggregate else "steps.aggregate"
            problems.append(Problem("needs_power", path=where))

    for i in range(len(m.indicators)):
        problems += _indicator_step_problems(m, i)
    if m.steps.aggregate.method == "generalised" and m.steps.aggregate.power is None:
        problems.append(Problem("needs_power", path="steps.aggregate"))
    problems += _data_cycle_problems(m)
    return _unique(problems)


def _data_cycle_problems(m: Methodology) -> list[Problem]:
    """Submitted indicators must be indicators of the tree, each named once, and at least one:
    completeness is a share of them."""
    listed = m.data_cycle.submitted
    if listed is None:
        return []
    if not listed:
        return [Problem("missing", path="data_cycle.submitted")]
    known = set(m.indicator_codes)
    seen: set[str] = set()
    out: list[Problem] = []
    for i, code in enumerate(listed):
        where = f"data_cycle.submitted[{i}]"
        if code not in known:
            out.append(Problem("unknown_indicator", path=where, value=code))
        elif code in seen:
            out.append(Problem("duplicate_code", path=where, value=code))
        seen.add(code)
    return out


def _indicator_step_problems(m: Methodology, i: int) -> list[Problem]:
    ind = m.indicators[i]
    out: list[Problem] = []
    normalise = ind.steps.normalise or m.steps.normalise
    where = f"indicators[{i}]"
    if normalise.method == "goalposts" and ind.goalposts is None:
        out.append(
            Problem(
                "needs_goalposts",
                path=f"{where}.goalposts",
                value=ind.code,
                params={"method": normalise.method},
            )
        )
    if normalise.method in TARGET_METHODS and not ind.targets:
        out.append(
            Problem(
                "needs_targets",
                path=f"{where}.targets",
                value=ind.code,
                params={"method": normalise.method},
            )
        )
    impute = ind.steps.impute or m.steps.impute
    if impute.method in GROUP_METHODS and not impute.group:
        path = f"{where}.steps.impute.group" if ind.steps.impute else "steps.impute.group"
        out.append(Problem("needs_group", path=path, params={"method": impute.method}))
    return out


def _cycles(m: Methodology) -> list[Problem]:
    parent = {x.code: x.parent for x in m.nodes}
    out = []
    for start in parent:
        seen = set()
        code = start
        while code is not None and code in parent:
            if code in seen:
                out.append(Problem("cycle", path="nodes", value=start))
                break
            seen.add(code)
            code = parent[code]
    return out[:1]


def _unique(problems: list[Problem]) -> list[Problem]:
    seen, out = set(), []
    for p in problems:
        key = (p.code, p.path, str(p.value))
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out
