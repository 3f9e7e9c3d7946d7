"""`tsifra index forecast`: where each unit is heading to 2030, and its chance of each target,
from files or from the published rating (`--from-db`)."""

from __future__ import annotations

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
from tsifra.kernel.formatting import chance, number, period
from tsifra.kernel.horizon import DEFAULT_HORIZON, DEFAULT_SAMPLES
from tsifra.kernel.language import DEMO_NOTE
from tsifra.kernel.problems import ValidationFailed

if TYPE_CHECKING:
    import pandas as pd

    from tsifra.analyses.forecast import Forecast


@index_app.command("forecast")
def index_forecast(
    methodology: MethodologyArg = None,
    data: DataArg = None,
    from_db: FromDb = None,
    period: Annotated[
        str | None,
        typer.Option(help="with --from-db: forecast from the rating of this period (latest)"),
    ] = None,
    unit: Annotated[str | None, typer.Option(help="show (and write) only this unit")] = None,
    to: Annotated[str, typer.Option(help="horizon: a year or a period")] = str(DEFAULT_HORIZON),
    samples: Annotated[
        int, typer.Option(help="sample paths for sector and index intervals")
    ] = DEFAULT_SAMPLES,
    seed: Annotated[int, typer.Option(help="random seed: the same seed, the same forecast")] = 0,
    units: Units = None,
    out: Out = None,
) -> None:
    """Forecast every indicator of every unit to the horizon (damped trend), carry the sample
    paths through the methodology, and print the index forecast with 80 % intervals and the
    probability of reaching each target per year.

    From files (METHODOLOGY DATA: the forecast starts after their last period) or the published
    rating (--from-db METHODOLOGY_ID: after the period it rates).
    """
    from rich.progress import Progress

    from tsifra.analyses.forecast import forecast, write_forecast

    check_suffix(out)
    if period is not None and from_db is None:
        raise typer.BadParameter(
            "a forecast of files starts after their last period; "
            "--period chooses a published rating",
            param_hint="--period",
        )
    try:
        index = load_index(methodology, data, from_db, units, period)
        with Progress(console=console, transient=True) as bar:
            task = bar.add_task(t("forecast_running"), total=None)
            run = forecast(
                index,
                unit,
                to,
                samples,
                seed,
                progress=lambda done, total: bar.update(task, completed=done, total=total),
            )
    except ValidationFailed as exc:
        raise fail(located(exc)) from None
    f = run.forecast
    print_source(index)
    console.print(
        t(
            "forecast_settings",
            first=f.history_periods[0],
            last=f.history_periods[-1],
            horizon=f.horizon,
            samples=f.samples,
            seed=f.seed,
        )
    )
    _print_models(f)
    names = unit_names(run.methodology.unit_type)
    if unit is None:
        console.print(_units_table(f, names))
    else:
        console.print(_fan_table(f, unit, names.get(unit, unit)))
        console.print(_rank_line(f, unit))
        console.print(_targets_table(f, unit))
    if out is not None:
        for path in write_forecast(
            f, out, note=DEMO_NOTE if run.synthetic else None, source=index.provenance
        ):
            console.print(t("written", path=path))


def _print_models(f: Forecast) -> None:
    counts = f.models["model"].value_counts()
    fallback = int(counts.drop(["damped_trend"], errors="ignore").sum())
    if fallback:
        shown = ", ".join(f"{k} {v}" for k, v in counts.items() if k != "damped_trend")
        console.print(t("forecast_fallbacks", n=fallback, total=len(f.models), detail=shown))


def _first_level(f: Forecast) -> float:
    return f.levels[0]


def _interval(row, level: float) -> str:
    lower, upper = row[f"lower_{level * 100:g}"], row[f"upper_{level * 100:g}"]
    return f"{_num(row['value'])} ({_num(lower)}–{_num(upper)})"


def _year_end_rows(f: Forecast, frame: pd.DataFrame) -> pd.DataFrame:
    ends = set(f.targets["period"]) | {f.horizon}
    return frame[frame["period"].isin(ends) & (frame["stage"] == "forecast")]


def _units_table(f: Forecast, names: dict[str, str]) -> Table:
    """Every unit: index now and at the horizon, rank now and then, and the targets it is
    expected to reach by the last year forecast (`analyses.targets`: a sum of chances)."""
    m, level = f.methodology, _first_level(f)
    last, horizon = f.history_periods[-1], f.horizon
    years = sorted(f.targets.loc[f.targets["kind"] == "indicator", "year"].unique())
    year = int(years[-1]) if len(years) else None
    table = Table(
        title=t("forecast_title", node=m.name_of(m.root, shell_lang()), horizon=horizon),
        title_justify="left",
    )
    table.add_column(t("region") if m.unit_type == "region" else t("unit"))
    table.add_column(t("forecast_now", period=last), justify="right")
    table.add_column(t("forecast_at", period=horizon, level=f"{level * 100:g}"), justify="right")
    table.add_column(t("forecast_rank_at", period=horizon, level=f"{level * 100:g}"))
    table.add_column(t("forecast_targets_expected", year=year or ""), justify="right")
    index = f.series[f.series["code"] == m.root]
    now = index[(index["stage"] == "history") & (index["period"] == last)].set_index("unit")
    ahead = index[(index["stage"] == "forecast") & (index["period"] == horizon)].set_index("unit")
    ranks = f.ranks[f.ranks["period"] == horizon].set_index("unit")
    order = ranks.sort_values(["rank", f"best_{level * 100:g}"]).index.tolist()
    order += [u for u in f.units if u not in set(order)]
    for u in order:
        table.add_row(
            names.get(u, u),
            _num(now["value"].get(u)),
            _interval(ahead.loc[u], level) if u in ahead.index else "—",
            _rank_interval(ranks, u, level),
            _expected(f, u, year),
        )
    return table


def _expected(f: Forecast, unit: str, year: int | None) -> str:
    from tsifra.analyses.targets import target_summary

    summary = target_summary(f, unit)
    at = summary.of(year) if year is not None else None
    if at is None:
        return "—"
    return t("targets_expected_of", expected=_num(at.expected), n=len(summary.counted))


def _fan_table(f: Forecast, unit: str, name: str) -> Table:
    """The unit's index and sectors at each forecast year's end: median (interval)."""
    m, level, lang = f.methodology, _first_level(f), shell_lang()
    table = Table(
        title=t("forecast_unit_title", unit=name, horizon=f.horizon, level=f"{level * 100:g}"),
        title_justify="left",
    )
    table.add_column(t("forecast_node"))
    table.add_column(period(f.history_periods[-1], lang), justify="right")
    years = _year_end_rows(f, f.fan(unit))["period"].tolist()
    for label in years:
        table.add_column(period(label, lang), justify="right")
    for node in [m.root, *m.children[m.root]]:
        if node not in m.node_codes:
            continue
        fan = f.fan(unit, node).set_index("period")
        last = fan["value"].get(f.history_periods[-1])
        cells = [_interval(fan.loc[p], level) if p in fan.index else "—" for p in years]
        table.add_row(m.name_of(node, lang), _num(last), *cells)
    return table


def _rank_line(f: Forecast, unit: str) -> str:
    ranks = f.ranks[f.ranks["period"] == f.horizon].set_index("unit")
    level = _first_level(f)
    return t(
        "forecast_rank_line",
        period=f.horizon,
        rank=_rank_interval(ranks, unit, level),
        level=f"{level * 100:g}",
        n=len(f.units),
    )


def _targets_table(f: Forecast, unit: str) -> Table:
    """Indicator by row, the probability of meeting each year's target by column."""
    m, lang = f.methodology, shell_lang()
    rows = f.probabilities(unit)
    rows = rows[rows["kind"] == "indicator"]
    table = Table(title=t("forecast_targets_title"), title_justify="left")
    table.add_column(t("indicator"))
    years = sorted(rows["year"].unique())
    for year in years:
        table.add_column(str(year), justify="right")
    table.add_column(t("forecast_target_at", year=years[-1] if years else ""), justify="right")
    table.add_column(t("forecast_value_at", year=years[-1] if years else ""), justify="right")
    for code, group in rows.groupby("code", sort=False):
        by_year = group.set_index("year")
        table.add_row(
            f"{code} {m.name_of(code, lang)}",
            *[chance(by_year["probability"].get(y), shell_lang()) for y in years],
            _num(by_year["target"].iloc[-1]),
            _num(by_year["forecast"].iloc[-1]),
        )
    return table


def _rank_interval(ranks: pd.DataFrame, unit: str, level: float) -> str:
    if unit not in ranks.index:
        return "—"
    row = ranks.loc[unit]
    best, worst = row[f"best_{level * 100:g}"], row[f"worst_{level * 100:g}"]
    return f"{int(row['rank'])} ({int(best)}–{int(worst)})"


def _num(v: object) -> str:
    return number(v, shell_lang(), 1)


def _percent(v: object) -> str:
    return chance(v, shell_lang())
