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
    mart_dir: Path,
    engine: Annotated[EngineName, typer.Option(help="where the formulas run")] = EngineName.duckdb,
    formula: Annotated[list[str] | None, typer.Option(help="only these formulas")] = None,
    reason: Annotated[
        str | None, typer.Option(help="why values differ from those computed before")
    ] = None,
) -> None:
    """Run every formula whose mart is in MART_DIR and store each result as a batch."""
    from tsifra.marts.publish import ingest_marts
    from tsifra.store import make_engine

    try:
        done = ingest_marts(
            make_engine(), mart_dir, engine.value, formulas=formula, reason=reason, actor="cli"
        )
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
