"""Commands on how sure a rating is: `index uncertainty` and `index sensitivity`, of files or of
the published rating (`--from-db`)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from tsifra.cli.app import console, fail, index_app, shell_lang, t, unit_names
from tsifra.cli.source import (
    DataArg,
    FromDb,
    MethodologyArg,
    Out,
    Units,
    check_suffix,
    load_index,
    located,
    print_source,
)
from tsifra.kernel.formatting import number, share, whole
from tsifra.kernel.language import word_key
from tsifra.kernel.problems import ValidationFailed

if TYPE_CHECKING:
    from tsifra.analyses.intervals import Progress as ProgressFn
    from tsifra.analyses.intervals import RankIntervals
    from tsifra.analyses.sensitivity import SensitivityResult
    from tsifra.methodology import Methodology

Seed = Annotated[int | None, typer.Option(help="random seed: the same seed gives the same samples")]
Period = Annotated[str | None, typer.Option(help="period to analyse (latest by default)")]
TOP = 10  # a unit "stays in the top 10": the share the issue and the JRC report
INPUT_KEYS = {
    "imputation": word_key("input_imputation"),
    "winsorisation": word_key("input_winsorisation"),
    "normalisation": word_key("input_normalisation"),
    "aggregation": word_key("input_aggregation"),
    "drop_indicator": word_key("input_drop_indicator"),
}


@index_app.command("uncertainty")
def index_uncertainty(
    methodology: MethodologyArg = None,
    data: DataArg = None,
    n: Annotated[int, typer.Option("--n", min=1, help="number of samples")] = ...,
    from_db: FromDb = None,
    seed: Seed = None,
    units: Units = None,
    period: Period = None,
    out: Out = None,
    top: Annotated[int | None, typer.Option(help="rows to print")] = None,
) -> None:
    """Rank and score intervals of every unit over N samples of the uncertain choices.

    From files (METHODOLOGY DATA) or the published rating (--from-db METHODOLOGY_ID).
    """
    from tsifra.analyses.intervals import rank_intervals, write_intervals

    check_suffix(out)
    try:
        index = load_index(methodology, data, from_db, units, period)
        with _progress() as progress:
            intervals = rank_intervals(index, n, seed, period, progress)
    except ValidationFailed as exc:
        raise fail(located(exc)) from None
    if out is not None:
        write_intervals(intervals, out)
    m, analysis = index.methodology, intervals.analysis
    print_source(index)
    console.print(
        t(
            "uncertainty_title",
            node=m.name_of(m.root, shell_lang()),
            period=analysis.period,
            n=n,
            seed=analysis.seed,
        )
    )
    _print_inputs(intervals)
    console.print(_uncertainty_table(intervals, m, top))
    if any(i.name == "normalisation" for i in analysis.inputs):
        console.print(t("score_scales"))
    if out is not None:
        console.print(t("written", path=out))


@index_app.command("sensitivity")
def index_sensitivity(
    methodology: MethodologyArg = None,
    data: DataArg = None,
    n: Annotated[
        int, typer.Option("--n", min=2, help="number of base samples (a power of 2)")
    ] = ...,
    from_db: FromDb = None,
    seed: Seed = None,
    units: Units = None,
    period: Period = None,
    out: Out = None,
    plot: Annotated[
        Path | None, typer.Option(help="bar chart of the indices: .png or .svg")
    ] = None,
    resamples: Annotated[
        int, typer.Option(min=10, help="bootstrap resamples for the confidence intervals")
    ] = 100,
) -> None:
    """First-order and total Sobol' indices of each uncertain choice (SALib).

    From files (METHODOLOGY DATA) or the published rating (--from-db METHODOLOGY_ID).
    """
    from tsifra.analyses.sensitivity import sensitivity, write_sensitivity

    check_suffix(out)
    check_suffix(plot, (".png", ".svg"), "--plot")
    try:
        index = load_index(methodology, data, from_db, units, period)
        with _progress() as progress:
            result = sensitivity(index, n, seed, period, resamples=resamples, progress=progress)
    except ValidationFailed as exc:
        raise fail(located(exc)) from None
    m = index.methodology
    if out is not None:
        write_sensitivity(result, out)
    if plot is not None:
        from tsifra.charts.sensitivity import sobol_chart

        legend = (t("first_order"), t("total_order"))
        labels = {name: input_label(name) for name in result.inputs}
        title = t("sobol_chart_title")
        sobol_chart(result.indices, plot, labels, title, legend, lang=shell_lang())
    print_source(index)
    node = m.name_of(m.root, shell_lang())
    console.print(t("sensitivity_title", node=node, period=result.uncertainty.period))
    console.print(_sobol_table(result))
    console.print(
        t(
            "sensitivity_runs",
            runs=result.runs,
            n=n,
            k=len(result.inputs) + 2,
            seed=result.seed,
            conf=round(result.conf_level * 100),
            resamples=resamples,
        )
    )
    if n & (n - 1):
        console.print(t("sobol_power_of_two", n=n, better=2 ** math.ceil(math.log2(n))))
    for path, key in ((out, word_key("written")), (plot, word_key("chart_written"))):
        if path is not None:
            console.print(t(key, path=path))


def input_label(name: str) -> str:
    """What a reader calls an uncertain choice (`weights_level_2` → «Веса, уровень 2»)."""
    if name.startswith("weights_level_"):
        return t("input_weights", level=name.removeprefix("weights_level_"))
    return t(INPUT_KEYS[name]) if name in INPUT_KEYS else name


def _print_inputs(intervals: RankIntervals) -> None:
    analysis = intervals.analysis
    if not analysis.inputs:
        console.print(t("no_uncertain_inputs"))
        return
    console.print(t("uncertain_inputs", items="; ".join(_describe(i) for i in analysis.inputs)))


def _describe(inp) -> str:
    if inp.codes:
        return f"{input_label(inp.name)} (±{share(inp.noise, shell_lang())})"
    options = [inp.label(k) for k in range(len(inp.options))]
    if inp.name == "drop_indicator":
        return f"{input_label(inp.name)} ({len(options) - 1})"
    return f"{input_label(inp.name)} ({', '.join(options)})"


def _uncertainty_table(intervals: RankIntervals, m: Methodology, limit: int | None) -> Table:
    analysis, frame = intervals.analysis, intervals.frame()
    names = unit_names(m.unit_type)
    table = Table(show_lines=False)
    table.add_column(t("rank"), justify="right")
    table.add_column(t("region") if m.unit_type == "region" else t("unit"))
    table.add_column(t("median_rank"), justify="right")
    table.add_column(t("rank_interval"), justify="right")
    table.add_column(t("top_share", k=analysis.top), justify="right")
    table.add_column(t("index"), justify="right")
    table.add_column(t("score_interval"), justify="right")
    rows = frame if limit is None else frame.head(limit)
    for row in rows.itertuples(index=False):
        table.add_row(
            whole(row.nominal_rank, shell_lang()),
            names.get(row.unit, row.unit),
            _num(row.median_rank, 1),
            f"{_num(row.rank_p05, 0)}–{_num(row.rank_p95, 0)}",
            _num(100 * getattr(row, f"top{analysis.top}_share"), 0),
            _num(row.nominal_score, 2),
            f"{_num(row.score_p05, 2)}–{_num(row.score_p95, 2)}",
        )
    return table


def _sobol_table(result: SensitivityResult) -> Table:
    table = Table()
    table.add_column(t("uncertain_input"))
    table.add_column(t("first_order"), justify="right")
    table.add_column("±", justify="right")
    table.add_column(t("total_order"), justify="right")
    table.add_column("±", justify="right")
    for row in result.indices.itertuples(index=False):
        table.add_row(
            input_label(row.input),
            _num(row.S1, 3),
            _num(row.S1_conf, 3),
            _num(row.ST, 3),
            _num(row.ST_conf, 3),
        )
    return table


def _num(value: float, digits: int) -> str:
    return number(value, shell_lang(), digits)


@contextmanager
def _progress() -> Iterator[ProgressFn]:
    """A Rich bar over the samples (their number is known once the choices are), gone once the
    table is printed."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(t("samples_running"), total=None)
        yield lambda done, all_: bar.update(task, completed=done, total=all_)
