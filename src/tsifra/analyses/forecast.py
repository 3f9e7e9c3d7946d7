"""The forecast to 2030 as a service: of any computed index, checked, and exported.

`forecast` works on a `ComputedIndex` from files or a stored run; the maths is in
`engine.forecast`. Every unit is always forecast, even when one is asked for, because the
methodology's cross-sectional steps (and ranks) compare units within a scenario; `unit` only
narrows what comes back. The history is the index's own: for a stored run, the periods that run
computed, so the forecast continues exactly the figures the rating shows.

`published_forecast` and `region_forecast` are the edges the dashboard and the API use: every
region's forecast from the run of the latest public rating, computed once per (database, run,
settings) and kept, since the first forecast takes seconds.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import Engine

from tsifra.engine import Result
from tsifra.engine.forecast import (
    DEFAULT_HORIZON,
    DEFAULT_SAMPLES,
    Forecast,
    future_periods,
)
from tsifra.engine.forecast import forecast as engine_forecast
from tsifra.kernel.cache import Cache, kept
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.methodology import DEFAULT_METHODOLOGY, Methodology
from tsifra.ratings.computed import ComputedIndex, LeftOut, Provenance, from_run, published_run
from tsifra.ratings.export import table_rows, write_table, xlsx_row
from tsifra.store.versions import database_key

__all__ = [
    "DEFAULT_HORIZON",
    "DEFAULT_SAMPLES",
    "Forecast",
    "ForecastRun",
    "forecast",
    "published_forecast",
    "region_forecast",
    "write_forecast",
]

MAX_SAMPLES = 10_000  # node paths are kept in memory: 10,000 for the demo panel are ≈ 400 MB


@dataclass(frozen=True)
class ForecastRun:
    index: ComputedIndex  # the computation of the history the forecast starts from
    forecast: Forecast  # narrowed to `unit` when one was asked for
    # The previous rating's forecast, served while the current one is computed in the background.
    recomputing: bool = False

    @property
    def methodology(self) -> Methodology:
        return self.index.methodology

    @property
    def result(self) -> Result:
        return self.index.result

    @property
    def synthetic(self) -> bool:
        """Computed from the demo's synthetic data: show the demo mark."""
        return self.index.synthetic

    def left_out_of(self, unit: str | None = None) -> list[LeftOut]:
        """The disputed values the history did without (`ComputedIndex.left_out_of`)."""
        return self.index.left_out_of(unit)


def forecast(
    index: ComputedIndex,
    unit: str | None = None,
    to: str | int = DEFAULT_HORIZON,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> ForecastRun:
    """Forecast every unit of `index` to `to` (a year or a period after the last one).

    Problems with the unit asked for, the horizon or the number of samples come back together
    as one `ValidationFailed` (paths `unit`, `to`, `samples`), before any forecasting.
    """
    result = index.result
    problems = []
    if not 1 <= samples <= MAX_SAMPLES:
        problems.append(
            Problem("bad_samples", path="samples", value=samples, params={"max": MAX_SAMPLES})
        )
    if unit is not None and unit not in result.units:
        problems.append(Problem("unit_not_in_data", path="unit", value=unit))
    try:
        future_periods(result.periods[-1], to)
    except ValueError:
        problems.append(
            Problem("bad_horizon", path="to", value=to, params={"last": result.periods[-1]})
        )
    if problems:
        raise ValidationFailed(problems)
    f = engine_forecast(
        result, to, samples=samples, seed=seed, units=index.units, progress=progress
    )
    return ForecastRun(index, f.only([unit]) if unit is not None else f)


def published_forecast(
    engine: Engine,
    methodology: str = DEFAULT_METHODOLOGY,
    to: str | int = DEFAULT_HORIZON,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
    cache: Cache | None = None,
) -> ForecastRun:
    """Every region's forecast from the run of the latest public rating.

    With `cache`, the run is the version of the answer: once a new rating is published, the
    previous rating's forecast is served (`recomputing=True`) while the new one is computed in
    the background, so no visitor waits seconds for a forecast because the data changed."""
    run_id, _ = published_run(engine, methodology)
    key = (database_key(engine), "forecast", methodology, str(to), samples, seed)

    def compute() -> ForecastRun:
        return forecast(from_run(engine, run_id, cache), None, to, samples, seed)

    answer = kept(cache, key, run_id, compute)
    return answer.value if answer.fresh else replace(answer.value, recomputing=True)


def region_forecast(
    engine: Engine,
    unit: str,
    methodology: str = DEFAULT_METHODOLOGY,
    to: str | int = DEFAULT_HORIZON,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
    cache: Cache | None = None,
) -> ForecastRun:
    """One region's forecast for its dashboard page: `forecast.fan(unit)` is the fan chart of
    its index (`fan(unit, sector)` of a sector), `forecast.probabilities(unit)` the chance of
    reaching each target per year. All regions are forecast once (`published_forecast`, a few
    seconds); each page then takes its region's rows."""
    full = published_forecast(engine, methodology, to, samples, seed, cache)
    if unit not in full.forecast.units:
        raise ValidationFailed([Problem("unit_not_in_data", path="unit", value=unit)])
    return ForecastRun(full.index, full.forecast.only([unit]), full.recomputing)


def write_forecast(
    f: Forecast, path: str | Path, note: str | None = None, source: Provenance | None = None
) -> list[Path]:
    """Write the forecast's tables; the format follows the extension.

    XLSX: one sheet per table (`Forecast.frames`). JSON: one object with the settings and every
    table as a list of records. CSV: the series to `path` and each other table beside it
    (`name-targets.csv`, …), since a CSV holds one table. `note` (the demo mark) is written into
    the JSON settings and as a first sheet of the workbook; `source` (what the history was computed
    from: files, or a stored run with its revisions) goes into the settings, so that a forecast
    passed on can be traced and made again. Returns the paths written.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    frames = f.frames()
    about = settings(f) | (source.fields() if source else {})
    if suffix == ".csv":
        written = [write_table(frames["forecast"], path)]
        for name, frame in list(frames.items())[1:]:
            written.append(write_table(frame, path.with_name(f"{path.stem}-{name}.csv")))
        return written
    if suffix == ".xlsx":
        return [_write_workbook(frames, path, about, note)]
    if suffix == ".json":
        document = {"settings": about | ({"note": note} if note else {})}
        for name, frame in frames.items():
            document[name] = json.loads(frame.to_json(orient="records", double_precision=15))
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        try:
            tmp.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
            tmp.replace(path)
        finally:
            tmp.unlink(missing_ok=True)
        return [path]
    raise ValueError(f"unsupported output format {suffix!r}: use .csv, .xlsx or .json")


def settings(f: Forecast) -> dict[str, object]:
    """What a reader of an exported forecast needs to reproduce it."""
    m = f.methodology
    return {
        "methodology": m.id,
        "methodology_version": m.version,
        "history": f"{f.history_periods[0]}..{f.history_periods[-1]}",
        "horizon": f.horizon,
        "samples": f.samples,
        "seed": f.seed,
        "levels": list(f.levels),
        "model": "ETS(A,Ad,N) damped additive trend per unit and indicator",
    }


def _write_workbook(frames, path: Path, meta: dict, note: str | None) -> Path:
    """openpyxl's write-only mode: the full forecast is ~10⁵ rows, which pandas' writer takes
    more than twice as long over. Codes and notes are string cells (`ratings.export.xlsx_row`)."""
    from openpyxl import Workbook

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    book = Workbook(write_only=True)
    about = book.create_sheet("settings")
    for key, value in ([("note", note)] if note else []) + list(meta.items()):
        about.append(xlsx_row(about, [key, str(value)]))
    for name, frame in frames.items():
        sheet = book.create_sheet(name)
        for row in table_rows(frame):
            sheet.append(xlsx_row(sheet, row))
    try:
        book.save(tmp)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return path
