"""What the terminal shows: problem reports, methodology trees, ratings and explanations (Rich)."""

from __future__ import annotations

import math

import pandas as pd
from rich.console import Console
from rich.table import Table
from rich.tree import Tree

from tsifra.analyses.explain import Explanation
from tsifra.kernel.language import current_lang, t
from tsifra.kernel.problems import Problem
from tsifra.methodology import Methodology


def problems_table(problems: list[Problem]) -> Table:
    table = Table(title=t("problems_found", n=len(problems)), title_justify="left")
    table.add_column(t("where"), overflow="fold")
    table.add_column(t("rule"))
    table.add_column(t("problem"), overflow="fold")
    for p in problems:
        table.add_row(p.location() or "—", p.code, p.message())
    return table


def methodology_tree(m: Methodology) -> Tree:
    lang = current_lang()

    def label(code: str) -> str:
        weight = m.weights.get(code, 1.0)
        if code in m.node_codes:
            spec = m.node(code).aggregate or m.steps.aggregate
            return f"[bold]{code}[/] {m.name_of(code, lang)} · w={weight:g} · {spec.method}"
        ind = m.indicator(code)
        extra = f" · {ind.unit}" if ind.unit else ""
        arrow = "↑" if ind.direction == 1 else "↓"
        norm = m.steps_for(code).normalise.method
        return f"{code} {m.name_of(code, lang)} · w={weight:g} · {arrow}{extra} · {norm}"

    tree = Tree(f"[bold]{m.title}[/] ({m.id}, {m.version})")

    def grow(branch: Tree, code: str) -> None:
        node = branch.add(label(code))
        for child in m.children.get(code, []):
            grow(node, child)

    grow(tree, m.root)
    return tree


def rating_table(
    rating: pd.DataFrame, m: Methodology, names: dict[str, str], title: str, limit: int | None
) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column(t("rank"), justify="right")
    table.add_column(t("region") if m.unit_type == "region" else t("unit"))
    table.add_column(t("index"), justify="right")
    table.add_column(t("rank_change"), justify="right")
    children = [c for c in rating.columns if c in m.node_codes or c in m.indicator_codes]
    for child in children:
        table.add_column(m.name_of(child, current_lang()), justify="right")
    rows = rating if limit is None else rating.head(limit)
    # Records keyed by the column names themselves: node codes such as "1" or "2a" are not
    # identifiers, and a named tuple would rename them.
    for data in rows.to_dict("records"):
        table.add_row(
            _int(data["rank"]),
            names.get(data["unit"], data["unit"]),
            _num(data["score"]),
            _signed(data["rank_change"]),
            *[_num(data[c]) for c in children],
        )
    return table


def explanation_view(e: Explanation, m: Methodology, console: Console, name: str) -> None:
    lang = current_lang()
    console.print(
        t(
            "explain_title",
            unit=name,
            period=e.period,
            score=e.score,
            rank=e.rank or "—",
            n=e.units_ranked,
        )
    )
    table = Table()
    for label in ("indicator", "value", "target", "normalised", "contribution", "gain", "rank"):
        table.add_column(t(label), justify="left" if label == "indicator" else "right")
    order = e.indicators.sort_values("contribution", ascending=False)
    for row in order.itertuples(index=False):
        table.add_row(
            f"{row.indicator} {m.name_of(row.indicator, lang)}",
            _num(row.value),
            _num(row.target),
            _num(row.normalised),
            _num(row.contribution),
            _num(row.gain_to_target),
            _int(row.rank),
        )
    console.print(table)
    console.print(t("strongest", items=", ".join(e.strongest)))
    console.print(t("weakest", items=", ".join(e.weakest)))
    if not e.exact:
        console.print(t("approximate"))


def _num(v: object) -> str:
    try:
        f = float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "—"
    return "—" if math.isnan(f) else f"{f:.2f}"


def _int(v: object) -> str:
    return "—" if v is None or pd.isna(v) else str(int(v))


def _signed(v: object) -> str:
    return "—" if v is None or pd.isna(v) else f"{int(v):+d}"
