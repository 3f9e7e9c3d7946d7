"""Commands on raw data marts: generate synthetic ones, compute formulas, store results."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from tsifra.cli.app import console, fail, marts_app, shell_lang, t
from tsifra.cli.data import conflict_table
from tsifra.kernel.formatting import number, whole
from tsifra.kernel.language import word_keys
from tsifra.kernel.problems import ValidationFailed
from tsifra.methodology import DEFAULT_METHODOLOGY

COUNTS = word_keys("new", "unchanged", "corrected", "conflicts")


class EngineName(StrEnum):
    duckdb = "duckdb"
    spark = "spark"


@marts_app.command("generate")
def marts_generate(
    out_dir: Path,
    rows: Annotated[int, typer.Option(help="records in EACH mart")] = 100_000,
    seed: int = 2024,
    mart: Annotated[list[str] | None, typer.Option(help="only these marts")] = None,
) -> None:
    """Write synthetic raw marts (Parquet) consistent with the demo panel; marked as synthetic."""
    from rich.progress import Progress

    from tsifra.demo.marts import generate_marts

    console.print(f"[bold yellow]{t('demo_banner')}[/]")
    total = rows * (len(mart) if mart else 3)
    with Progress(console=console, transient=True) as bar:
        task = bar.add_task(t("marts_generating"), total=total)
        try:
            made = generate_marts(
                out_dir, rows, seed=seed, marts=mart, progress=lambda n: bar.advance(task, n)
            )
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None
    for m in made:
        console.print(t("mart_written", mart=m.mart, path=m.path, rows=m.rows))


@marts_app.command("compute")
def marts_compute(
    mart_dir: Annotated[Path | None, typer.Argument(help="a folder of marts")] = None,
    engine: Annotated[EngineName, typer.Option(help="where the formulas run")] = EngineName.duckdb,
    formula: Annotated[list[str] | None, typer.Option(help="only these formulas")] = None,
    reason: Annotated[
        str | None, typer.Option(help="why values differ from those computed before")
    ] = None,
    from_platform: Annotated[
        bool, typer.Option("--from-platform", help="the feedback platform's own cases, not files")
    ] = False,
    from_registry: Annotated[
        bool, typer.Option("--from-registry", help="the registry of practices, not files")
    ] = False,
    from_approvals: Annotated[
        bool, typer.Option("--from-approvals", help="the infrastructure approvals, not files")
    ] = False,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="with --from-platform, -registry, -approvals: as then (UTC)"),
    ] = None,
    methodology: Annotated[
        str, typer.Option("--methodology", help="methodology id the values belong to")
    ] = DEFAULT_METHODOLOGY,
) -> None:
    """Run every formula whose mart is in MART_DIR (or, with --from-platform, every formula over
    the feedback platform's cases; with --from-registry, over the registry of practices; with
    --from-approvals, over the infrastructure approvals) and store each result the methodology
    has as a batch. With --methodology ru-agency-digital the platform's figures are grouped by
    the answering body: the agencies' citizen side."""
    if from_approvals:
        if from_platform or from_registry or mart_dir is not None:
            raise typer.BadParameter(t("afig_one_source"))
        return _compute_from_approvals(engine.value, reason, as_of, methodology)
    if from_registry:
        if from_platform or mart_dir is not None:
            raise typer.BadParameter(t("rfig_one_source"))
        return _compute_from_registry(engine.value, reason, as_of, methodology)
    if from_platform == (mart_dir is not None) or (as_of and not from_platform):
        raise typer.BadParameter(t("figures_dir_or_platform"))
    if from_platform:
        return _compute_from_platform(engine.value, reason, as_of, methodology)
    from tsifra.marts.publish import ingest_marts
    from tsifra.store import make_engine

    try:
        done = ingest_marts(
            make_engine(), mart_dir, engine.value, formulas=formula, methodology=methodology,
            reason=reason, actor="cli",
        )  # fmt: skip
    except ValidationFailed as exc:
        raise fail(exc, limit=50) from None
    if done.computation.synthetic:
        console.print(f"[bold yellow]{t('demo_banner')}[/]")
    table = Table(title=t("formulas_title", engine=engine.value), title_justify="left")
    for label in (*word_keys("formula", "indicator", "records", "seconds", "batch"), *COUNTS):
        table.add_column(t(label))
    for run, report in zip(done.computation.runs, done.reports, strict=True):
        counts = (report.new, report.unchanged, report.corrected, len(report.conflicts))
        table.add_row(
            run.formula, run.indicator, whole(run.rows_read, shell_lang()),
            number(run.seconds, shell_lang()), str(report.batch_id or "—"), *map(str, counts),
        )  # fmt: skip
    console.print(table)
    for name in done.computation.skipped:
        console.print(t("formula_skipped", formula=name))
    for report in done.reports:
        if len(report.conflicts):
            console.print(conflict_table(report.conflicts, "other_sources", "other_low"))


def _compute_from_platform(
    engine: str, reason: str | None, as_of: str | None, methodology: str
) -> None:
    from tsifra.demo.store import demo_loaded
    from tsifra.marts.publish import ingest_platform
    from tsifra.store import make_engine, parse_moment

    db = make_engine()
    synthetic = demo_loaded(db)
    try:
        moment = parse_moment(as_of) if as_of else None
        done = ingest_platform(
            db, engine, moment, methodology, reason=reason, actor="cli", synthetic=synthetic
        )
    except ValidationFailed as exc:
        raise fail(exc, limit=50) from None
    if synthetic:
        console.print(f"[bold yellow]{t('demo_banner')}[/]")
    _stored_table(t("figures_platform_title", engine=engine, when=done.computation.as_of), done)
    for name in done.shown_only:
        run = done.computation.run(name)
        console.print(t("figures_shown_only", formula=name, indicator=run.indicator))
    if done.not_units:
        console.print(t("rfig_not_units", bodies=", ".join(done.not_units)))
    _conflicts(done.reports)


def _stored_table(title: str, done) -> None:
    """The formulas a run over the platform or the registry stored, a batch each."""
    lang = shell_lang()
    table = Table(title=title, title_justify="left")
    for label in (*word_keys("formula", "indicator", "records", "seconds", "batch"), *COUNTS):
        table.add_column(t(label))
    for name, report in zip(done.stored, done.reports, strict=True):
        run = done.computation.run(name)
        counts = (report.new, report.unchanged, report.corrected, len(report.conflicts))
        table.add_row(
            run.formula, run.indicator, whole(run.rows_read, lang), number(run.seconds, lang),
            str(report.batch_id or "—"), *map(str, counts),
        )  # fmt: skip
    console.print(table)


def _compute_from_registry(
    engine: str, reason: str | None, as_of: str | None, methodology: str
) -> None:
    from tsifra.marts.publish import ingest_registry
    from tsifra.store import make_engine, parse_moment

    try:
        day = parse_moment(as_of).date() if as_of else None
        done = ingest_registry(make_engine(), engine, day, methodology, reason=reason, actor="cli")
    except ValidationFailed as exc:
        raise fail(exc, limit=50) from None
    if done.synthetic:
        console.print(f"[bold yellow]{t('demo_banner')}[/]")
    _stored_table(t("rfig_registry_title", engine=engine, when=done.computation.as_of), done)
    for name in done.not_in_methodology:
        run = done.computation.run(name)
        console.print(
            t("rfig_not_in_methodology", formula=name, indicator=run.indicator,
              methodology=methodology)
        )  # fmt: skip
    _conflicts(done.reports)


def _compute_from_approvals(
    engine: str, reason: str | None, as_of: str | None, methodology: str
) -> None:
    from tsifra.demo.store import demo_loaded
    from tsifra.marts.publish import ingest_approvals
    from tsifra.store import make_engine, parse_moment

    db = make_engine()
    synthetic = demo_loaded(db)
    try:
        moment = parse_moment(as_of) if as_of else None
        done = ingest_approvals(
            db, engine, moment, methodology, reason=reason, actor="cli", synthetic=synthetic
        )
    except ValidationFailed as exc:
        raise fail(exc, limit=50) from None
    if synthetic:
        console.print(f"[bold yellow]{t('demo_banner')}[/]")
    _stored_table(t("afig_approvals_title", engine=engine, when=done.computation.as_of), done)
    for name in done.not_in_methodology:
        run = done.computation.run(name)
        console.print(
            t("rfig_not_in_methodology", formula=name, indicator=run.indicator,
              methodology=methodology)
        )  # fmt: skip
    _conflicts(done.reports)


def _conflicts(reports) -> None:
    for report in reports:
        if len(report.conflicts):
            console.print(conflict_table(report.conflicts, "other_sources", "other_low"))
