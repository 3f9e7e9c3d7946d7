"""Commands on methodologies and the index: check, compute (from files or the database), explain."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress

from tsifra.cli.app import app, console, fail, index_app, methodology_app, shell_lang, t, unit_names
from tsifra.cli.terminal import explanation_view, methodology_tree, rating_table
from tsifra.kernel.problems import ValidationFailed
from tsifra.methodology import load_methodology
from tsifra.ratings import compute_index, explain_unit, write_results
from tsifra.ratings.export import write_table
from tsifra.ratings.stored import compute_from_store, reproduce_run
from tsifra.store import make_engine, parse_moment, shown_url, upgrade

Units = Annotated[Path | None, typer.Option("--units", help="unit list (CSV/XLSX) with attributes")]


@methodology_app.command("check")
def methodology_check(file: Path) -> None:
    """Validate a methodology file and print its tree, or every problem found."""
    try:
        m = load_methodology(file)
    except ValidationFailed as exc:
        raise fail(exc) from None
    title = (m.title_en or m.title) if shell_lang() == "en" else m.title
    console.print(t("methodology_ok", title=title, version=m.version))
    console.print(methodology_tree(m, shell_lang()))


@index_app.command("compute")
def index_compute(
    methodology: Annotated[
        str | None, typer.Argument(help="methodology file or bundled id")
    ] = None,
    data: Annotated[Path | None, typer.Argument(help="data file (CSV/XLSX/Parquet/JSON)")] = None,
    from_db: Annotated[
        str | None,
        typer.Option("--from-db", help="methodology id: compute from stored values, store result"),
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="with --from-db: data as they were then (UTC)")
    ] = None,
    units: Units = None,
    period: Annotated[str | None, typer.Option(help="compute only this period")] = None,
    out: Annotated[Path | None, typer.Option(help="results file: .csv, .xlsx or .json")] = None,
    top: Annotated[int | None, typer.Option(help="rows of the rating to print")] = None,
) -> None:
    """Compute the index for every unit and period; print the rating of the latest period.

    Either from files (METHODOLOGY DATA) or from the database (--from-db METHODOLOGY_ID).
    """
    if out is not None and out.suffix.lower() not in (".csv", ".xlsx", ".json"):
        raise typer.BadParameter("use .csv, .xlsx or .json", param_hint="--out")
    if from_db is not None:
        _compute_from_db(from_db, as_of, period, out, top)
        return
    if methodology is None or data is None:
        raise typer.BadParameter("give METHODOLOGY DATA, or --from-db METHODOLOGY_ID")
    try:
        run = compute_index(methodology, data, units, period)
    except ValidationFailed as exc:
        raise fail(exc) from None
    result = run.result
    if out is not None:
        write_results(result, out)
    _print_rating(result, run.methodology, result.periods[-1], top)
    if out is not None:
        console.print(t("written", path=out))


def _compute_from_db(
    methodology: str, as_of: str | None, period: str | None, out: Path | None, top: int | None
) -> None:
    try:
        moment = parse_moment(as_of) if as_of else None
        run = compute_from_store(make_engine(), methodology, as_of=moment, period=period)
    except ValidationFailed as exc:
        raise fail(exc) from None
    m = run.version.methodology
    if out is not None:
        write_table(run.scores, out)
    if run.values.synthetic:
        console.print(f"[bold yellow]{t('demo_banner')}[/]")
    _print_rating(run.result, m, run.period or run.result.periods[-1], top)
    if run.values.synthetic:
        console.print(f"[bold yellow]{t('demo_banner')}[/]")
    console.print(
        t(
            "run_stored",
            run=run.run_id,
            code=m.id,
            version=m.version,
            sha=run.version.sha256[:12],
            as_of=run.as_of,
            n=len(run.values.revision_ids),
            fingerprint=run.values.fingerprint[:12],
        )
    )
    if out is not None:
        console.print(t("written", path=out))


def _print_rating(result, m, period: str, top: int | None) -> None:
    title = t("rating_title", node=m.name_of(m.root, shell_lang()), period=period)
    names = unit_names(m.unit_type)
    console.print(rating_table(result.rating(period), m, names, title, top, shell_lang()))


@index_app.command("reproduce")
def index_reproduce(run: Annotated[int, typer.Argument(help="number of a stored run")]) -> None:
    """Recompute a stored run from its methodology version and revisions; exit 1 if it differs."""
    try:
        check = reproduce_run(make_engine(), run)
    except ValidationFailed as exc:
        raise fail(exc) from None
    if check.exact:
        console.print(t("run_reproduced", run=run))
        return
    console.print(
        t(
            "run_differs",
            run=run,
            same=check.same_revisions,
            diff=check.max_difference,
            ranks=check.same_ranks,
        )
    )
    raise typer.Exit(code=1)


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
    name = unit_names(run.methodology.unit_type).get(unit, unit)
    explanation_view(e, run.methodology, console, name, shell_lang())


@app.command("demo")
def demo(
    out_dir: Annotated[Path, typer.Option(help="where the demo files go")] = Path("var/demo"),
    seed: int = 2024,
    top: Annotated[int | None, typer.Option(help="rows of the rating to print")] = None,
) -> None:
    """Migrate the database, load the synthetic demo on first start, print the latest rating."""
    from tsifra.demo import run_demo
    from tsifra.demo.store import (
        DEMO_ACCOUNTS,
        DEMO_METHODOLOGY,
        DEMO_PASSWORD,
        demo_loaded,
        load_demo,
    )

    console.print(f"[bold yellow]{t('demo_banner')}[/]")
    engine = make_engine()
    upgrade(engine)
    console.print(t("demo_database", url=shown_url(str(engine.url))))
    with Progress(console=console, transient=True) as bar:
        if demo_loaded(engine):
            console.print(t("demo_already"))
        else:
            task = bar.add_task(t("demo_loading"), total=None)
            load_demo(
                engine, seed, lambda done, total: bar.update(task, completed=done, total=total)
            )
        task = bar.add_task(t("demo_computing"), total=None)
        run_demo(
            out_dir,
            seed,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    latest = compute_from_store(engine, DEMO_METHODOLOGY, keep=False)
    m = latest.version.methodology
    _print_rating(latest.result, m, latest.result.periods[-1], top)
    console.print(f"[bold yellow]{t('demo_banner')}[/]")
    console.print(t("demo_files", path=out_dir))
    console.print(t("demo_accounts", password=DEMO_PASSWORD))
    for login, role, name, region in DEMO_ACCOUNTS:
        console.print(f"  {login:<9} {role:<9} {region or '':<7} {name}")
