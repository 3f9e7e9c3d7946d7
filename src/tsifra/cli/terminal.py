"""What the terminal shows: problem reports, methodology trees, ratings and explanations (Rich).

Every function takes the command's language: words come from the catalogue and figures are
written by `kernel.formatting` (12,34 in Russian, 12.34 in English).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.tree import Tree

from tsifra.kernel.formatting import number, signed, significant, whole
from tsifra.kernel.language import Lang, word
from tsifra.kernel.problems import Problem

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import Console

    from tsifra.analyses.explain import Explanation
    from tsifra.methodology import Methodology


def problems_table(problems: list[Problem], lang: Lang) -> Table:
    table = Table(title=word("problems_found", lang, n=len(problems)), title_justify="left")
    table.add_column(word("where", lang), overflow="fold")
    table.add_column(word("rule", lang))
    table.add_column(word("problem", lang), overflow="fold")
    for p in problems:
        table.add_row(p.location(lang) or "—", p.code, p.message(lang))
    return table


def methodology_tree(m: Methodology, lang: Lang) -> Tree:
    def label(code: str) -> str:
        weight = significant(m.weights.get(code, 1.0), lang)
        if code in m.node_codes:
            spec = m.node(code).aggregate or m.steps.aggregate
            return f"[bold]{code}[/] {m.name_of(code, lang)} · w={weight} · {spec.method}"
        ind = m.indicator(code)
        extra = f" · {ind.unit}" if ind.unit else ""
        arrow = "↑" if ind.direction == 1 else "↓"
        norm = m.steps_for(code).normalise.method
        return f"{code} {m.name_of(code, lang)} · w={weight} · {arrow}{extra} · {norm}"

    title = (m.title_en or m.title) if lang == "en" else m.title
    tree = Tree(f"[bold]{title}[/] ({m.id}, {m.version})")

    def grow(branch: Tree, code: str) -> None:
        node = branch.add(label(code))
        for child in m.children.get(code, []):
            grow(node, child)

    grow(tree, m.root)
    return tree


def rating_table(
    rating: pd.DataFrame,
    m: Methodology,
    names: dict[str, str],
    title: str,
    limit: int | None,
    lang: Lang,
) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column(word("rank", lang), justify="right")
    table.add_column(word("region", lang) if m.unit_type == "region" else word("unit", lang))
    table.add_column(word("index", lang), justify="right")
    table.add_column(word("rank_change", lang), justify="right")
    children = [c for c in rating.columns if c in m.node_codes or c in m.indicator_codes]
    for child in children:
        table.add_column(m.name_of(child, lang), justify="right")
    rows = rating if limit is None else rating.head(limit)
    # Records keyed by the column names themselves: node codes such as "1" or "2a" are not
    # identifiers, and a named tuple would rename them.
    for data in rows.to_dict("records"):
        table.add_row(
            whole(data["rank"], lang),
            names.get(data["unit"], data["unit"]),
            number(data["score"], lang),
            signed(data["rank_change"], lang, 0),
            *[number(data.get(c), lang) for c in children],
        )
    return table


def treatment_table(report: pd.DataFrame, m: Methodology, period: str, lang: Lang) -> Table:
    """The indicators whose outliers were treated in a period, with skewness and kurtosis before
    and after (of the logged values after a log transform), as COINr's users read them."""
    table = Table(title=word("treatment_title", lang, period=period), title_justify="left")
    table.add_column(word("indicator", lang))
    table.add_column(word("treatment", lang))
    table.add_column(word("treated_points", lang), justify="right")
    table.add_column(word("skew_before", lang), justify="right")
    table.add_column(word("skew_after", lang), justify="right")
    table.add_column(word("kurtosis_before", lang), justify="right")
    table.add_column(word("kurtosis_after", lang), justify="right")
    kinds = {"log": word("treatment_log", lang), "winsorise": word("treatment_winsorise", lang)}
    for data in report[report["period"] == period].to_dict("records"):
        table.add_row(
            m.name_of(data["indicator"], lang),
            kinds[data["treatment"]],
            whole(data["points"], lang),
            number(data["skew_before"], lang),
            number(data["skew_after"], lang),
            number(data["kurtosis_before"], lang),
            number(data["kurtosis_after"], lang),
        )
    return table


def explanation_view(e: Explanation, m: Methodology, console: Console, name: str, lang: Lang):
    console.print(
        word(
            "explain_title",
            lang,
            unit=name,
            period=e.period,
            score=e.score,
            rank=e.rank or "—",
            n=e.units_ranked,
        )
    )
    table = Table()
    table.add_column(word("indicator", lang), justify="left")
    table.add_column(word("value", lang), justify="right")
    table.add_column(word("target", lang), justify="right")
    table.add_column(word("normalised", lang), justify="right")
    table.add_column(word("contribution", lang), justify="right")
    table.add_column(word("gain", lang), justify="right")
    table.add_column(word("rank", lang), justify="right")
    order = e.indicators.sort_values("contribution", ascending=False)
    for row in order.itertuples(index=False):
        table.add_row(
            f"{row.indicator} {m.name_of(row.indicator, lang)}",
            number(row.value, lang),
            number(row.target, lang),
            number(row.normalised, lang),
            number(row.contribution, lang),
            number(row.gain_to_target, lang),
            whole(row.rank, lang),
        )
    console.print(table)
    console.print(word("strongest", lang, items=", ".join(e.strongest)))
    console.print(word("weakest", lang, items=", ".join(e.weakest)))
    if not e.exact:
        console.print(word("approximate", lang))
