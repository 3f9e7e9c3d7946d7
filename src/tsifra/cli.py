"""The `tsifra` command: thin shells over the service functions, printing with Rich."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress

from tsifra.i18n import current_lang, t
from tsifra.methodology import load_methodology
from tsifra.problems import ValidationFailed
from tsifra.ratings import compute_index, explain_unit, write_results
from tsifra.reference import load_regions
from tsifra.terminal import explanation_view, methodology_tree, problems_table, rating_table

app = typer.Typer(help="Tsifra: digital maturity of regions.", no_args_is_help=True)
methodology_app = typer.Typer(help="Methodology files.", no_args_is_help=True)
index_app = typer.Typer(help="The composite index.", no_args_is_help=True)
app.add_typer(methodology_app, name="methodology")
app.add_typer(index_app, name="index")
console = Console(width=None if sys.stdout.isatty() else 160)

Units = Annotated[Path | None, typer.Option("--units", help="unit list (CSV/XLSX) with attributes")]


@app.callback()
def main(
    lang: Annotated[str | None, typer.Option("--lang", help="ru (default) or en")] = None,
) -> None:
    if lang:
        os.environ["TSIFRA_LANG"] = lang


def fail(exc: ValidationFailed) -> typer.Exit:
    console.print(problems_table(exc.problems))
    return typer.Exit(code=1)


@methodology_app.command("check")
def methodology_check(file: Path) -> None:
    """Validate a methodology file and print its tree, or every problem found."""
    try:
        m = load_methodology(file)
    except ValidationFailed as exc:
        raise fail(exc) from None
    console.print(t("methodology_ok", title=m.title, version=m.version))
    console.print(methodology_tree(m))


@index_app.command("compute")
def index_compute(
    methodology: Annotated[str, typer.Argument(help="methodology file or bundled id")],
    data: Path,
    units: Units = None,
    period: Annotated[str | None, typer.Option(help="compute only this period")] = None,
    out: Annotated[Path | None, typer.Option(help="results file: .csv, .xlsx or .json")] = None,
    top: Annotated[int | None, typer.Option(help="rows of the rating to print")] = None,
) -> None:
    """Compute the index for every unit and period; print the rating of the latest period."""
    if out is not None and out.suffix.lower() not in (".csv", ".xlsx", ".json"):
        raise typer.BadParameter("use .csv, .xlsx or .json", param_hint="--out")
    try:
        run = compute_index(methodology, data, units, period)
    except ValidationFailed as exc:
        raise fail(exc) from None
    result = run.result
    if out is not None:
        write_results(result, out)
    shown = result.periods[-1]  # with --period, the result holds only that period
    title = t("rating_title", node=run.methodology.name_of(run.methodology.root), period=shown)
    names = _unit_names(run.methodology.unit_type)
    console.print(rating_table(result.rating(shown), run.methodology, names, title, top))
    if out is not None:
        console.print(t("written", path=out))


@index_app.command("explain")
def index_explain(
    methodology: Annotated[str, typer.Argument(help="methodology file or bundled id")],
    data: Path,
    unit: Annotated[str, typer.Option(help="the unit to explain")],
    period: Annotated[str | None, typer.Option(help="period (latest by default)")] = None,
    units: Units = None,
) -> None:
    """Explain one unit: each indicator's contribution and the points it would gain at target."""
    try:
        run, e = explain_unit(methodology, data, unit, period, units)
    except ValidationFailed as exc:
        raise fail(exc) from None
    name = _unit_names(run.methodology.unit_type).get(unit, unit)
    explanation_view(e, run.methodology, console, name)


@app.command("demo")
def demo(
    out_dir: Annotated[Path, typer.Option(help="where the demo files go")] = Path("var/demo"),
    seed: int = 2024,
    top: Annotated[int | None, typer.Option(help="rows of the rating to print")] = None,
) -> None:
    """Generate the synthetic demo panel, compute every quarter, print the latest rating."""
    from tsifra.demo import run_demo

    console.print(f"[bold yellow]{t('demo_banner')}[/]")
    with Progress(console=console, transient=True) as bar:
        task = bar.add_task(t("demo_computing"), total=None)
        run = run_demo(
            out_dir,
            seed,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    result = run.latest
    period = result.periods[-1]
    title = t("rating_title", node=run.methodology.name_of(run.methodology.root), period=period)
    names = _unit_names("region")
    console.print(rating_table(result.rating(period), run.methodology, names, title, top))
    console.print(f"[bold yellow]{t('demo_banner')}[/]")
    console.print(t("demo_files", path=out_dir))


def _unit_names(unit_type: str) -> dict[str, str]:
    if unit_type != "region":
        return {}
    regions = load_regions()
    column = "name_en" if current_lang() == "en" else "name_ru"
    return regions[column].to_dict()
