"""`tsifra index whatif`: a unit's index, sectors and rank before and after planned changes, on
files or on the published rating (`--from-db`)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from tsifra.cli.app import console, fail, index_app, shell_lang, t, unit_names
from tsifra.cli.source import (
    OPTIONS,
    DataArg,
    FromDb,
    MethodologyArg,
    Out,
    Units,
    check_sources,
    check_suffix,
    database,
    load_index,
    print_source,
)
from tsifra.kernel.formatting import number, signed, whole
from tsifra.kernel.language import word_keys
from tsifra.kernel.problems import ValidationFailed

if TYPE_CHECKING:
    from tsifra.analyses.whatif import WhatIf
    from tsifra.methodology import Methodology


@index_app.command("whatif")
def index_whatif(
    methodology: MethodologyArg = None,
    data: DataArg = None,
    unit: Annotated[str, typer.Option(help="the unit whose indicators change")] = ...,
    changes: Annotated[
        list[str] | None,
        typer.Option("--set", help="CODE=VALUE or CODE=target (reaches its target); repeat"),
    ] = None,
    scenarios: Annotated[
        list[str] | None,
        typer.Option(
            "--scenario", help="an alternative to compare: 'NAME: CODE=VALUE; CODE=target'; repeat"
        ),
    ] = None,
    from_db: FromDb = None,
    period: Annotated[
        str | None, typer.Option(help="period of the change (latest by default; later: projected)")
    ] = None,
    units: Units = None,
    out: Out = None,
) -> None:
    """Recompute the index with a unit's indicators changed: index, sectors and rank, before and
    after. Several --scenario options are compared side by side.

    From files (METHODOLOGY DATA) or the published rating (--from-db METHODOLOGY_ID; a period
    after the latest rating starts from its forecast).
    """
    from tsifra.analyses.changes import plan_from_texts
    from tsifra.analyses.whatif import published_whatif, whatif, whatif_table
    from tsifra.ratings.export import write_table

    check_suffix(out)
    lang = shell_lang()
    stored = check_sources(methodology, data, from_db, units)
    try:
        plan = plan_from_texts(changes or [], scenarios or [], lang=lang)
        if stored:
            answer = published_whatif(
                database(), unit, plan, from_db, period, lang=lang, keep=False
            )
        else:
            answer = whatif(
                load_index(methodology, data, None, units), unit, plan, period, lang=lang
            )
    except ValidationFailed as exc:
        raise fail(_as_typed(exc, bool(scenarios))) from None
    outcomes, index = answer.outcomes, answer.index
    m = index.methodology
    print_source(index)
    name = unit_names(m.unit_type).get(unit, unit)
    console.print(t("whatif_title", unit=name, period=outcomes[0].period))
    if outcomes[0].projected:
        console.print(t("whatif_projected", period=outcomes[0].period, last=index.periods[-1]))
    if len(outcomes) > 1:
        console.print(_comparison(outcomes))
    for w in outcomes:
        _print_outcome(w, m, len(outcomes) > 1)
    if out is not None:
        write_table(whatif_table(outcomes), out)
        console.print(t("written", path=out))


def _as_typed(exc: ValidationFailed, named: bool) -> ValidationFailed:
    """Problems located by the option the user typed, as the other commands report them: a
    change by `--set CODE` or `--scenario NAME: CODE`, a whole text by its option."""
    option = "--scenario" if named else "--set"
    codes = {"bad_change", "bad_scenario", "duplicate_scenario", "empty_value", "duplicate_code"}
    codes |= {"unknown_indicator", "not_numeric", "out_of_range", "no_target"}

    def where(code: str, path: str | None) -> str | None:
        if path in OPTIONS:
            return OPTIONS[path]
        if code in codes:
            return option if path is None else f"{option} {path}"
        return path

    return ValidationFailed(replace(p, path=where(p.code, p.path)) for p in exc.problems)


def _comparison(outcomes: tuple[WhatIf, ...]) -> Table:
    """The alternatives side by side, largest gain first: which project to do first."""
    table = Table(title=t("whatif_scenarios"), title_justify="left")
    table.add_column(t("whatif_scenario_column"))
    for key in word_keys(
        "whatif_before", "whatif_after", "change", "whatif_rank_after", "rank_change"
    ):
        table.add_column(t(key), justify="right")
    ordered = sorted(outcomes, key=lambda w: -(w.index_change or 0.0))
    for w in ordered:
        table.add_row(
            w.scenario,
            _num(w.index_before),
            _num(w.index_after),
            _signed(w.index_change),
            _int(w.rank_after),
            _signed(w.rank_change, digits=0),
        )
    return table


def _print_outcome(w: WhatIf, m: Methodology, titled: bool) -> None:
    if titled:
        console.print(t("whatif_scenario", scenario=w.scenario))
    lang = shell_lang()
    nodes = Table()
    nodes.add_column(t("whatif_node"))
    for key in word_keys(
        "whatif_before",
        "whatif_after",
        "change",
        "whatif_rank_before",
        "whatif_rank_after",
    ):
        nodes.add_column(t(key), justify="right")
    depth = {m.root: 0}
    for node in [w.index, *w.sectors]:
        depth[node.node] = depth[node.parent] + 1 if node.parent else 0
        nodes.add_row(
            "  " * depth[node.node] + m.name_of(node.node, lang),
            _num(node.before),
            _num(node.after),
            _signed(node.change),
            _int(node.rank_before),
            _int(node.rank_after),
        )
    console.print(nodes)
    if not w.indicators:
        return
    items = Table()
    items.add_column(t("indicator"))
    for key in word_keys(
        "whatif_value_before",
        "whatif_value_after",
        "target",
        "whatif_achievement_before",
        "whatif_achievement_after",
    ):
        items.add_column(t(key), justify="right")
    for i in w.indicators:
        items.add_row(
            f"{i.indicator} {m.name_of(i.indicator, lang)}",
            _num(i.before) + ("*" if i.imputed else ""),
            _num(i.after),
            _num(i.target),
            _num(i.normalised_before),
            _num(i.normalised_after),
        )
    console.print(items)
    if any(i.imputed for i in w.indicators):
        console.print(t("whatif_imputed"))


def _num(v: float | None) -> str:
    return number(v, shell_lang())


def _int(v: int | None) -> str:
    return whole(v, shell_lang())


def _signed(v: float | None, digits: int = 2) -> str:
    return signed(v, shell_lang(), digits)
