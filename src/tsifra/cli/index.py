"""Commands on methodologies and the index: check, compute (from files or the database), explain
(from files or the published rating)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tsifra.cli.app import app, console, fail, index_app, methodology_app, shell_lang, t, unit_names
from tsifra.cli.source import (
    DataArg,
    FromDb,
    MethodologyArg,
    Out,
    check_suffix,
    load_index,
    located,
    print_source,
)
from tsifra.cli.terminal import (
    explanation_view,
    methodology_tree,
    rating_table,
    treatment_table,
)
from tsifra.kernel.problems import ValidationFailed

Units = Annotated[Path | None, typer.Option("--units", help="unit list (CSV/XLSX) with attributes")]


@methodology_app.command("check")
def methodology_check(file: Path) -> None:
    """Validate a methodology file and print its tree, or every problem found."""
    from tsifra.methodology import load_methodology

    try:
        m = load_methodology(file)
    except ValidationFailed as exc:
        raise fail(exc) from None
    title = (m.title_en or m.title) if shell_lang() == "en" else m.title
    console.print(t("methodology_ok", title=title, version=m.version))
    console.print(methodology_tree(m, shell_lang()))


@methodology_app.command("from-coinr")
def methodology_from_coinr(
    file: Annotated[Path, typer.Argument(help="COINr's iMeta table (CSV)")],
    out: Annotated[Path | None, typer.Option(help="methodology file to write (YAML)")] = None,
    id: Annotated[str | None, typer.Option("--id", help="methodology id")] = None,
) -> None:
    """Turn COINr's metadata table (iMeta) into a methodology file; print it without --out."""
    from tsifra.methodology.coinr import convert_coinr_file

    try:
        converted = convert_coinr_file(file, id=id)
    except ValidationFailed as exc:
        raise fail(exc) from None
    if out is None:
        typer.echo(converted.text, nl=False)
        return
    m = converted.methodology
    converted.write(out)
    console.print(t("coinr_converted", path=out, n=len(m.indicators), nodes=len(m.nodes)))


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
    leave_out_conflicts: Annotated[
        bool,
        typer.Option(
            "--leave-out-conflicts",
            help="with --from-db: leave values sources disagree on out (as missing) and list "
            "them, instead of stopping",
        ),
    ] = False,
) -> None:
    """Compute the index for every unit and period; print the rating of the latest period.

    Either from files (METHODOLOGY DATA) or from the database (--from-db METHODOLOGY_ID).
    """
    from tsifra.ratings.compute import compute_index
    from tsifra.ratings.export import write_results

    if out is not None and out.suffix.lower() not in (".csv", ".xlsx", ".json"):
        raise typer.BadParameter("use .csv, .xlsx or .json", param_hint="--out")
    if from_db is not None:
        _compute_from_db(from_db, as_of, period, out, top, leave_out_conflicts)
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
    methodology: str,
    as_of: str | None,
    period: str | None,
    out: Path | None,
    top: int | None,
    leave_out_conflicts: bool = False,
) -> None:
    from tsifra.ratings.export import write_table
    from tsifra.ratings.stored import compute_from_store
    from tsifra.store import make_engine, parse_moment

    try:
        moment = parse_moment(as_of) if as_of else None
        run = compute_from_store(
            make_engine(), methodology, as_of=moment, period=period,
            leave_out_conflicts=leave_out_conflicts,
        )  # fmt: skip
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
    for item in run.left_out.itertuples(index=False):
        claims = "; ".join(f"{s} = {v:g}" for s, v in item.claims)
        what = f"{item.unit}/{item.period}/{item.indicator}"
        console.print(t("left_out_conflict", what=what, claims=claims))
    if out is not None:
        console.print(t("written", path=out))


def _print_rating(result, m, period: str, top: int | None) -> None:
    title = t("rating_title", node=m.name_of(m.root, shell_lang()), period=period)
    names = unit_names(m.unit_type)
    console.print(rating_table(result.rating(period), m, names, title, top, shell_lang()))
    if (result.treatment["period"] == period).any():
        console.print(treatment_table(result.treatment, m, period, shell_lang()))


@index_app.command("reproduce")
def index_reproduce(run: Annotated[int, typer.Argument(help="number of a stored run")]) -> None:
    """Recompute a stored run from its methodology version and revisions; exit 1 if it differs."""
    from tsifra.ratings.stored import reproduce_run
    from tsifra.store import make_engine

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
    methodology: MethodologyArg = None,
    data: DataArg = None,
    unit: Annotated[str, typer.Option(help="the unit to explain")] = ...,
    from_db: FromDb = None,
    period: Annotated[str | None, typer.Option(help="period (latest by default)")] = None,
    units: Units = None,
    out: Out = None,
) -> None:
    """Explain one unit: each indicator's contribution and the points it would gain at target.

    From files (METHODOLOGY DATA) or the published rating (--from-db METHODOLOGY_ID).
    """
    from tsifra.analyses.explain import explain, write_explanation

    check_suffix(out)
    try:
        index = load_index(methodology, data, from_db, units, period)
        e = explain(index, unit, period)
    except ValidationFailed as exc:
        raise fail(located(exc)) from None
    if out is not None:
        write_explanation(e, out)
    print_source(index)
    name = unit_names(index.methodology.unit_type).get(unit, unit)
    explanation_view(e, index.methodology, console, name, shell_lang())
    if out is not None:
        console.print(t("written", path=out))


@app.command("demo")
def demo(
    out_dir: Annotated[
        Path | None, typer.Option(help="where the demo files go [default: TSIFRA_HOME/demo]")
    ] = None,
    seed: int = 2024,
    top: Annotated[int | None, typer.Option(help="rows of the rating to print")] = None,
) -> None:
    """Load the synthetic demo into an empty database (refusing one with real data), print the
    latest rating and, on first load, each demo account's random password."""
    from rich.progress import Progress

    from tsifra.demo import run_demo
    from tsifra.demo.store import (
        DEMO_ACCOUNTS,
        DEMO_METHODOLOGY,
        demo_loaded,
        load_demo,
        open_demo_database,
    )
    from tsifra.ratings.stored import compute_from_store
    from tsifra.store import make_engine, shown_url

    console.print(f"[bold yellow]{t('demo_banner')}[/]")
    engine = make_engine()
    url = shown_url(str(engine.url))
    console.print(t("demo_database", url=url))
    try:
        open_demo_database(engine)
    except ValidationFailed as exc:
        raise fail(exc) from None
    loaded = None
    with Progress(console=console, transient=True) as bar:
        if demo_loaded(engine):
            console.print(t("demo_already"))
        else:
            task = bar.add_task(t("demo_loading"), total=None)
            loaded = load_demo(
                engine, seed, lambda done, total: bar.update(task, completed=done, total=total)
            )
        task = bar.add_task(t("demo_computing"), total=None)
        files = run_demo(
            out_dir,
            seed,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        ).files
    # A look at the latest data, not a publication: a dispute sent since is left out, not fatal.
    latest = compute_from_store(engine, DEMO_METHODOLOGY, keep=False, leave_out_conflicts=True)
    m = latest.version.methodology
    _print_rating(latest.result, m, latest.result.periods[-1], top)
    console.print(f"[bold yellow]{t('demo_banner')}[/]")
    console.print(t("demo_files", path=files["panel"].parent))
    if loaded is None:
        logins = ", ".join(login for login, *_ in DEMO_ACCOUNTS)
        console.print(t("demo_accounts_known", logins=logins, url=url))
        return
    console.print(t("demo_accounts"))
    for a in loaded.accounts:
        console.print(f"  {a.login:<14} {a.password}  {a.role:<9} {a.region or '':<7} {a.name}")
