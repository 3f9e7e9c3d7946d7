"""The forecast to 2030 as a service: from files or from the database, checked, and exported.

The CLI (`tsifra index forecast`) and the dashboard call these functions; the maths is in
`engine.forecast`. Every unit is always forecast, even when one is asked for, because the
methodology's cross-sectional steps (and ranks) compare units within a scenario; `unit` only
narrows what comes back.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine

from tsifra.engine import Result
from tsifra.engine.forecast import (
    DEFAULT_HORIZON,
    DEFAULT_SAMPLES,
    Forecast,
    forecast,
    future_periods,
)
from tsifra.kernel.cache import Kept
from tsifra.kernel.problems import Problem, ValidationFailed
from tsifra.methodology import DEFAULT_METHODOLOGY, Methodology
from tsifra.ratings.compute import compute_index
from tsifra.ratings.export import write_table
from tsifra.store.versions import data_version, database_key

MAX_SAMPLES = 10_000  # node paths are kept in memory: 10,000 for the demo panel are ≈ 400 MB


@dataclass(frozen=True)
class ForecastRun:
    methodology: Methodology
    result: Result  # the computation of the history the forecast starts from
    forecast: Forecast  # narrowed to `unit` when one was asked for
    synthetic: bool  # computed from the demo's synthetic data: show DEMO_MARK


def forecast_index(
    methodology: str | Path | Methodology,
    data: str | Path | pd.DataFrame,
    units: str | Path | pd.DataFrame | None = None,
    unit: str | None = None,
    to: str | int = DEFAULT_HORIZON,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> ForecastRun:
    """Validate the inputs, compute the history and forecast every unit to `to`.

    Problems with the files, the unit asked for, the horizon or the number of samples come back
    together as one `ValidationFailed`, before any forecasting.
    """
    _check_arguments(samples)
    run = compute_index(methodology, data, units)
    synthetic = bool(getattr(data, "attrs", {}).get("synthetic", False))
    return _forecast(
        run.methodology, run.result, run.units, unit, to, samples, seed, progress, synthetic
    )


def forecast_from_store(
    engine: Engine,
    methodology: str = DEFAULT_METHODOLOGY,
    unit: str | None = None,
    to: str | int = DEFAULT_HORIZON,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
    as_of: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ForecastRun:
    """Forecast from the values stored as of a moment (now by default); nothing is written."""
    from tsifra.ratings.stored import compute_from_store
    from tsifra.values.ingest import unit_table

    _check_arguments(samples)
    stored = compute_from_store(engine, methodology, as_of=as_of, keep=False)
    m = stored.version.methodology
    units = unit_table(engine)
    synthetic = stored.values.synthetic
    return _forecast(m, stored.result, units, unit, to, samples, seed, progress, synthetic)


_kept = Kept(8)


def kept_forecast(
    engine: Engine,
    methodology: str = DEFAULT_METHODOLOGY,
    to: str | int = DEFAULT_HORIZON,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
) -> ForecastRun:
    """Every region's forecast from the stored values, computed once per data version."""
    key = (database_key(engine), data_version(engine), methodology, str(to), samples, seed)
    return _kept.get(key, lambda: forecast_from_store(engine, methodology, None, to, samples, seed))


def region_forecast(
    engine: Engine,
    unit: str,
    methodology: str = DEFAULT_METHODOLOGY,
    to: str | int = DEFAULT_HORIZON,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
) -> ForecastRun:
    """One region's forecast for its dashboard page: `forecast.fan(unit)` is the fan chart of
    its index (`fan(unit, sector)` of a sector), `forecast.probabilities(unit)` the chance of
    reaching each target per year. All regions are forecast once per data version and kept
    (a few seconds); each page then takes its region's rows."""
    full = kept_forecast(engine, methodology, to, samples, seed)
    if unit not in full.forecast.units:
        raise ValidationFailed([Problem("unit_not_in_data", path="unit", value=unit)])
    return ForecastRun(full.methodology, full.result, full.forecast.only([unit]), full.synthetic)


def _check_arguments(samples: int) -> None:
    if not 1 <= samples <= MAX_SAMPLES:
        raise ValidationFailed(
            [Problem("bad_samples", path="--samples", value=samples, params={"max": MAX_SAMPLES})]
        )


def _forecast(m, result, units, unit, to, samples, seed, progress, synthetic) -> ForecastRun:
    problems = []
    if unit is not None and unit not in result.units:
        problems.append(Problem("unit_not_in_data", path="--unit", value=unit))
    try:
        future_periods(result.periods[-1], to)
    except ValueError:
        problems.append(
            Problem("bad_horizon", path="--to", value=to, params={"last": result.periods[-1]})
        )
    if problems:
        raise ValidationFailed(problems)
    f = forecast(result, to, samples=samples, seed=seed, units=units, progress=progress)
    return ForecastRun(m, result, f.only([unit]) if unit is not None else f, synthetic)


def write_forecast(f: Forecast, path: str | Path, note: str | None = None) -> list[Path]:
    """Write the forecast's tables; the format follows the extension.

    XLSX: one sheet per table (`Forecast.frames`). JSON: one object with the settings and every
    table as a list of records. CSV: the series to `path` and each other table beside it
    (`name-targets.csv`, …), since a CSV holds one table. `note` (the demo mark) is written into
    the JSON settings and as a first sheet of the workbook. Returns the paths written.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    frames = f.frames()
    if suffix == ".csv":
        written = [write_table(frames["forecast"], path)]
        for name, frame in list(frames.items())[1:]:
            written.append(write_table(frame, path.with_name(f"{path.stem}-{name}.csv")))
        return written
    if suffix == ".xlsx":
        return [_write_workbook(frames, path, settings(f), note)]
    if suffix == ".json":
        document = {"settings": settings(f) | ({"note": note} if note else {})}
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
    more than twice as long over."""
    from openpyxl import Workbook

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    book = Workbook(write_only=True)
    about = book.create_sheet("settings")
    for key, value in ([("note", note)] if note else []) + list(meta.items()):
        about.append([key, str(value)])
    for name, frame in frames.items():
        sheet = book.create_sheet(name)
        sheet.append(list(frame.columns))
        columns = [frame[c].to_numpy(dtype=object) for c in frame.columns]
        for row in zip(*columns, strict=True):
            sheet.append([None if v is None or v != v else v for v in row])
    try:
        book.save(tmp)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return path
