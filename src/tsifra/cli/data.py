"""Commands on stored data: the database, methodology versions, ingest, history, conflicts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from tsifra.cli.app import (
    SHOWN_PROBLEMS,
    app,
    console,
    db_app,
    fail,
    methodology_app,
    shell_lang,
    t,
)
from tsifra.kernel.formatting import moment, significant
from tsifra.kernel.formatting import period as period_name
from tsifra.kernel.language import word_key, word_keys
from tsifra.kernel.problems import ValidationFailed, write_problems
from tsifra.methodology import DEFAULT_METHODOLOGY

if TYPE_CHECKING:
    from tsifra.values.ingest import IngestReport

Methodology = Annotated[
    str, typer.Option("--methodology", help="methodology id the values belong to")
]


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Create or migrate the database (TSIFRA_DATABASE_URL, or tsifra.db in TSIFRA_HOME)."""
    from tsifra.store import make_engine, shown_url, upgrade

    engine = make_engine()
    revision = upgrade(engine)
    console.print(t("db_ready", url=shown_url(str(engine.url)), revision=revision))


@methodology_app.command("load")
def methodology_load(
    file: Annotated[str, typer.Argument(help="methodology file or bundled id")],
) -> None:
    """Validate a methodology and keep this version in the database."""
    from tsifra.store import make_engine
    from tsifra.store.methodologies import store_methodology

    try:
        version = store_methodology(make_engine(), file, actor="cli")
    except ValidationFailed as exc:
        raise fail(exc) from None
    key = word_key("methodology_stored") if version.created else word_key("methodology_known")
    m = version.methodology
    console.print(t(key, code=m.id, version=m.version, sha=version.sha256[:12]))


@app.command("ingest")
def ingest(
    file: Path,
    source: Annotated[str, typer.Option(help="who sent the data, e.g. region:RU-TA or minzdrav")],
    reason: Annotated[
        str | None, typer.Option(help="why values differ from those sent before")
    ] = None,
    sheet: Annotated[str | None, typer.Option(help="XLSX sheet (the first by default)")] = None,
    methodology: Methodology = DEFAULT_METHODOLOGY,
    problems_out: Annotated[
        Path | None, typer.Option("--problems-out", help="write every problem to this CSV")
    ] = None,
) -> None:
    """Validate a data file and store it as one batch, or reject it whole listing every problem."""
    from tsifra.store import make_engine
    from tsifra.values.ingest import ingest_file

    try:
        report = ingest_file(
            make_engine(),
            file,
            source,
            methodology=methodology,
            reason=reason,
            sheet=sheet,
            actor="cli",
        )
    except ValidationFailed as exc:
        if problems_out is not None:
            write_problems(exc.problems, problems_out, shell_lang())
            console.print(t("problems_written", path=problems_out))
        raise fail(exc, limit=SHOWN_PROBLEMS) from None
    print_report(report)


def print_report(report: IngestReport) -> None:
    if report.batch_id is None:
        console.print(t("batch_nothing_new", file=report.file))
    else:
        console.print(
            t("batch_accepted", batch=report.batch_id, source=report.source, file=report.file)
        )
    table = Table(show_header=True)
    counts = [report.new, report.unchanged, report.corrected, len(report.conflicts)]
    keys = word_keys("new", "unchanged", "corrected", "conflicts")
    if report.empty_cells:  # a wide file's cells skipped as no value: said, not hidden
        counts.append(report.empty_cells)
        keys = [*keys, word_key("empty_cells")]
    for key in keys:
        table.add_column(t(key), justify="right")
    table.add_row(*map(str, counts))
    console.print(table)
    if len(report.conflicts):
        console.print(conflict_table(report.conflicts, "other_sources", "other_low"))


def conflict_table(frame, source_column: str, value_column: str, limit: int = 20) -> Table:
    table = Table(title=t("conflicts_title", n=len(frame)), title_justify="left")
    for label in word_keys("unit", "period", "indicator", "value", "source"):
        table.add_column(t(label))
    table.add_column("≠")
    lang = shell_lang()
    for row in frame.head(limit).itertuples(index=False):
        table.add_row(
            row.unit, period_name(row.period, lang), row.indicator, significant(row.value, lang),
            str(getattr(row, source_column)), significant(getattr(row, value_column), lang),
        )  # fmt: skip
    return table


@app.command("history")
def value_history(unit: str, period: str, indicator: str) -> None:
    """Every revision of one value from every source, oldest first."""
    from tsifra.ratings.compute import normalise_period
    from tsifra.store import make_engine
    from tsifra.values.revisions import history

    period = normalise_period(period) or period
    try:
        frame = history(make_engine(), unit, period, indicator)
    except ValidationFailed as exc:
        raise fail(exc) from None
    if frame.empty:
        console.print(t("no_history"))
        raise typer.Exit(code=1)
    table = Table(title=t("history_title", unit=unit, period=period, indicator=indicator))
    for label in word_keys("received_at", "source", "revision", "value", "reason", "batch"):
        table.add_column(t(label))
    lang = shell_lang()
    for row in frame.itertuples(index=False):
        table.add_row(
            moment(row.received_at, lang), row.source, str(row.revision),
            significant(row.value, lang), row.reason if isinstance(row.reason, str) else "—",
            str(row.batch_id),
        )  # fmt: skip
    console.print(table)


@app.command("conflicts")
def conflicts(
    as_of: Annotated[str | None, typer.Option("--as-of", help="as they were then (UTC)")] = None,
) -> None:
    """Keys on which sources disagree and no one has chosen yet; exit 1 if there are any."""
    from tsifra.store import make_engine, parse_moment
    from tsifra.values.revisions import open_conflicts

    try:
        frame = open_conflicts(make_engine(), parse_moment(as_of) if as_of else None)
    except ValidationFailed as exc:
        raise fail(exc) from None
    if frame.empty:
        console.print(t("no_conflicts"))
        return
    table = Table(
        title=t("conflicts_title", n=len(frame.drop_duplicates(["unit", "period", "indicator"])))
    )
    for label in word_keys("unit", "period", "indicator", "source", "value"):
        table.add_column(t(label))
    lang = shell_lang()
    for row in frame.itertuples(index=False):
        table.add_row(
            row.unit, period_name(row.period, lang), row.indicator, row.source,
            significant(row.value, lang),
        )  # fmt: skip
    console.print(table)
    raise typer.Exit(code=1)


@app.command("resolve")
def resolve(
    unit: str,
    period: str,
    indicator: str,
    source: Annotated[str, typer.Option(help="the source whose value holds")],
    reason: Annotated[str, typer.Option(help="why this source is right")],
) -> None:
    """Choose which source holds for a key the sources disagree on."""
    from tsifra.ratings.compute import normalise_period
    from tsifra.store import make_engine
    from tsifra.values.revisions import resolve_conflict

    period = normalise_period(period) or period
    try:
        rid = resolve_conflict(make_engine(), unit, period, indicator, source, reason, actor="cli")
    except ValidationFailed as exc:
        raise fail(exc) from None
    console.print(t("resolved", id=rid, what=f"{unit}/{period}/{indicator}", source=source))
