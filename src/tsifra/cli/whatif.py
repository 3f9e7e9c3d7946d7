"""`tsifra index whatif`: a unit's index, sectors and rank before and after planned changes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from tsifra.analyses.whatif import (
    WhatIf,
    parse_changes,
    parse_scenarios,
    whatif_from_files,
    whatif_table,
)
from tsifra.cli.app import console, fail, index_app, shell_lang, t, unit_names
from tsifra.kernel.formatting import number, signed, whole
from tsifra.kernel.language import word_keys
from tsifra.kernel.problems import ValidationFailed
from tsifra.methodology import Methodology
from tsifra.ratings.export import write_table

OUT_FORMATS = (".csv", ".xlsx", ".json")


@index_app.command("whatif")
def index_whatif(
    methodology: Annotated[str, typer.Argument(help="methodology file or bundled id")],
    data: Annotated[Path, typer.Argument(help="data file (CSV/XLSX/Parquet/JSON)")],
    unit: Annotated[str, typer.Option(help="the unit whose indicators change")],
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
    period: Annotated[
        str | None, typer.Option(help="period of the change (latest by default; later: projected)")
    ] = None,
    units: Annotated[
        Path | None, typer.Option("--units", help="unit list (CSV/XLSX) with attributes")
    ] = None,
    out: Annotated[Path | None, typer.Option(help="results file: .csv, .xlsx or .json")] = None,
) -> None:
    """Recompute the index with a unit's indicators changed: index, sectors and rank, before and
    after. Several --scenario options are compared side by side."""
    if out is not None and out.suffix.lower() not in OUT_FORMATS:
        raise typer.BadParameter("use .csv, .xlsx or .json", param_hint="--out")
    try:
        named = parse_scenarios(scenarios or [])
        given = parse_changes(changes or [])
        plan = ({_described(given): given} if given or not named else {}) | named
        run, outcomes = whatif_from_files(
            methodology, data, unit, plan, period, units, lang=shell_lang()
        )
    except ValidationFailed as exc:
        raise fail(_as_typed(exc, bool(scenarios))) from None
    m = run.methodology
    name = unit_names(m.unit_type).get(unit, unit)
    console.print(t("whatif_title", unit=name, period=outcomes[0].period))
    if outcomes[0].projected:
        console.print(t("whatif_projected", period=outcomes[0].period, last=run.result.periods[-1]))
    if len(outcomes) > 1:
        console.print(_comparison(outcomes))
    for w in outcomes:
        _print_outcome(w, m, len(outcomes) > 1)
    if out is not None:
        write_table(whatif_table(outcomes), out)
        console.print(t("written", path=out))


def _as_typed(exc: ValidationFailed, named: bool) -> ValidationFailed:
    """Problems located by the option the user typed, as the other commands report them."""
    options = {"unit": "--unit", "period": "--period"}

    def where(path: str | None) -> str | None:
        if path is None or path.startswith("--"):
            return path
        return options.get(path) or f"{'--scenario' if named else '--set'} {path}"

    return ValidationFailed(replace(p, path=where(p.path)) for p in exc.problems)


def _described(changes: dict[str, str]) -> str:
    return ", ".join(f"{k}={v}" for k, v in changes.items()) or t("whatif_no_changes")


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
