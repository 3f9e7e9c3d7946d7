"""How sure the rating is and where a region is heading: rank intervals, the forecast to 2030,
and what-if — the same services the region page shows, as JSON — and the same analyses of a
data file sent with the request.

The published analyses are those of the stored rating: a fixed number of samples and a fixed
seed, computed once per run and kept, so every reader (and every page) sees the same figures and
no request can make the server redo seconds of work with new settings. What-if writes nothing,
so it needs no account; it is a POST because its body is a set of scenarios.

`POST /analyses/{explain,intervals,forecast,whatif}` analyse a data file instead (multipart: the
file and the form fields), computed with the methodology version kept in the database and its
unit list, with the upload size limit of `/values`. Nothing is written to the database; a
signed-in account of any role may ask, since each request costs seconds of computation.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from tsifra.analyses.changes import plan_from_mapping, plan_from_texts
from tsifra.analyses.explain import explain, plain, records
from tsifra.analyses.forecast import ForecastRun, region_forecast
from tsifra.analyses.forecast import forecast as forecast_of
from tsifra.analyses.intervals import RankIntervals, describe, published_intervals, rank_intervals
from tsifra.analyses.targets import target_summary
from tsifra.analyses.whatif import WhatIfAnswer, published_whatif
from tsifra.analyses.whatif import whatif as whatif_of
from tsifra.ratings.computed import ComputedIndex, LeftOut, from_upload
from tsifra.values.uploads import MAX_UPLOAD
from tsifra.web.api.kept import kept_json
from tsifra.web.api.params import Methodology, Period, UnitCode
from tsifra.web.api.schemas import (
    AnalysedFileOut,
    ErrorOut,
    FileExplanationOut,
    FileForecastOut,
    FileUncertaintyOut,
    FileWhatIfOut,
    ForecastOut,
    LeftOutOut,
    TargetYearOut,
    UncertainInputOut,
    UncertaintyOut,
    WhatIfIn,
    WhatIfOut,
)
from tsifra.web.deps import DB, AppCache, CurrentUser
from tsifra.web.language import Lang
from tsifra.web.ratelimits import ANALYSES, RESPONSES

router = APIRouter(tags=["analysis"])
ERRORS = {404: {"model": ErrorOut}, 422: {"model": ErrorOut}}
SENT = {401: {"model": ErrorOut}, 404: {"model": ErrorOut}, 422: {"model": ErrorOut}}
FILE_SAMPLES = 1000  # at most, per analysis of a sent file: the published analyses' own number

DataFile = Annotated[UploadFile, File(description="indicator values: CSV, XLSX, JSON or Parquet")]
MethodologyField = Annotated[
    str,
    Form(
        min_length=1,
        max_length=128,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$",
        description="methodology code; its version kept in the database is used",
    ),
]
UnitField = Annotated[str, Form(min_length=1, max_length=64, description="unit code, e.g. RU-TA")]
PeriodField = Annotated[
    str | None, Form(max_length=16, description="2025Q4; the latest in the file by default")
]
Samples = Annotated[int, Form(ge=1, le=FILE_SAMPLES, description="samples of the analysis")]
Seed = Annotated[int, Form(ge=0, le=2**31 - 1, description="the same seed, the same answer")]


# --- the published analyses --------------------------------------------------------------------


@router.get("/ratings/uncertainty", response_model=UncertaintyOut, responses=ERRORS)
def uncertainty(
    engine: DB,
    cache: AppCache,
    methodology: Methodology = "ru-digital-maturity",
    period: Period = None,
) -> Response:
    """Every region's rank interval: nominal and median rank, 5th and 95th percentile, the share
    of samples in the top 10, and the spread of the index, over samples of the choices the
    methodology declares uncertain."""
    key = ("uncertainty", methodology, period)
    return kept_json(
        engine,
        cache,
        key,
        lambda: _uncertainty_out(published_intervals(engine, methodology, period, cache=cache)),
    )


@router.get("/regions/{code}/uncertainty", response_model=UncertaintyOut, responses=ERRORS)
def region_uncertainty(
    engine: DB,
    cache: AppCache,
    code: UnitCode,
    methodology: Methodology = "ru-digital-maturity",
    period: Period = None,
) -> Response:
    """One region's rank interval (the same analysis as `/ratings/uncertainty`)."""
    key = ("uncertainty", methodology, period, code)
    return kept_json(
        engine,
        cache,
        key,
        lambda: _uncertainty_out(
            published_intervals(engine, methodology, period, cache=cache), code
        ),
    )


@router.get("/regions/{code}/forecast", response_model=ForecastOut, responses=ERRORS)
def forecast(
    engine: DB, cache: AppCache, code: UnitCode, methodology: Methodology = "ru-digital-maturity"
):
    """The region's index and sectors to 2030 (history, median, 80 % and 95 % bands), the
    probability of reaching each indicator's target in each year, and how many targets are
    expected reached each year."""
    key = ("forecast", methodology, code)
    return kept_json(
        engine,
        cache,
        key,
        lambda: _forecast_out(region_forecast(engine, code, methodology, cache=cache), code),
    )


@router.post(
    "/regions/{code}/whatif",
    response_model=WhatIfOut,
    responses=ERRORS | RESPONSES,
    dependencies=[ANALYSES],  # each answer is computed anew: limited for an anonymous caller
)
def whatif(
    engine: DB,
    code: UnitCode,
    body: WhatIfIn,
    lang: Lang,
    methodology: Methodology = "ru-digital-maturity",
) -> WhatIfOut:
    """The region's index, sectors and rank if some indicators changed: each scenario names
    indicators and their new values (or "target"). A rated period compares with the published
    rating; a later year (2026 means 2026Q4) starts from every region's forecast for it. Names
    are in the request's language (`?lang=en` or `Accept-Language: en` for English)."""
    plan = plan_from_mapping(body.scenarios)
    answer = published_whatif(engine, code, plan, methodology, body.period, lang=lang)
    return _whatif_out(answer, WhatIfOut, code)


# --- analyses of a sent file ---------------------------------------------------------------------


@router.post("/analyses/explain", response_model=FileExplanationOut, responses=SENT)
async def explain_file(
    engine: DB,
    account: CurrentUser,
    file: DataFile,
    unit: UnitField,
    methodology: MethodologyField = "ru-digital-maturity",
    period: PeriodField = None,
) -> FileExplanationOut:
    """Each indicator's contribution to the unit's index in the file's data, and the points it
    would gain at its target (what-if's own answer)."""
    index = await _index(engine, methodology, file)
    e = await run_in_threadpool(explain, index, unit, period)
    return FileExplanationOut(
        unit=e.unit,
        methodology=index.methodology.id,
        period=e.period,
        synthetic=index.synthetic,
        score=e.score,
        rank=e.rank,
        units_ranked=e.units_ranked,
        exact=e.exact,
        strongest=e.strongest,
        weakest=e.weakest,
        indicators=records(e.indicators.rename(columns={"normalised": "achievement"})),
        source=_source(index),
    )


@router.post("/analyses/intervals", response_model=FileUncertaintyOut, responses=SENT)
async def intervals_file(
    engine: DB,
    account: CurrentUser,
    file: DataFile,
    methodology: MethodologyField = "ru-digital-maturity",
    period: PeriodField = None,
    samples: Samples = FILE_SAMPLES,
    seed: Seed = 0,
) -> FileUncertaintyOut:
    """Every unit's rank interval in the file's data, over samples of the choices the
    methodology declares uncertain."""
    index = await _index(engine, methodology, file)
    intervals = await run_in_threadpool(rank_intervals, index, samples, seed, period)
    return _uncertainty_out(intervals, None, FileUncertaintyOut)


@router.post("/analyses/forecast", response_model=FileForecastOut, responses=SENT)
async def forecast_file(
    engine: DB,
    account: CurrentUser,
    file: DataFile,
    unit: UnitField,
    methodology: MethodologyField = "ru-digital-maturity",
    samples: Samples = FILE_SAMPLES,
    seed: Seed = 0,
) -> FileForecastOut:
    """The unit's forecast to 2030 from the file's history (every unit is forecast: ranks and
    cross-sectional steps compare them), with its chances of reaching each target."""
    index = await _index(engine, methodology, file)
    run = await run_in_threadpool(forecast_of, index, unit, samples=samples, seed=seed)
    return _forecast_out(run, unit, FileForecastOut)


@router.post("/analyses/whatif", response_model=FileWhatIfOut, responses=SENT)
async def whatif_file(
    lang: Lang,
    engine: DB,
    account: CurrentUser,
    file: DataFile,
    unit: UnitField,
    changes: Annotated[
        list[str] | None,
        Form(alias="set", max_length=200, description="CODE=VALUE or CODE=target; repeat"),
    ] = None,
    scenarios: Annotated[
        list[str] | None,
        Form(
            alias="scenario", max_length=20, description="'NAME: CODE=VALUE; CODE=target'; repeat"
        ),
    ] = None,
    methodology: MethodologyField = "ru-digital-maturity",
    period: PeriodField = None,
) -> FileWhatIfOut:
    """The unit's index, sectors and rank in the file's data if some indicators changed: the
    change sets as on the command line (`set`, `scenario`); a later year starts from every
    unit's forecast for it."""
    plan = plan_from_texts(changes or [], scenarios or [], lang=lang)
    index = await _index(engine, methodology, file)
    answer = await run_in_threadpool(whatif_of, index, unit, plan, period, lang=lang)
    return _whatif_out(answer, FileWhatIfOut)


async def _index(engine, methodology: str, file: UploadFile) -> ComputedIndex:
    data = await file.read(MAX_UPLOAD + 1)
    return await run_in_threadpool(from_upload, engine, methodology, file.filename, data)


def _source(index: ComputedIndex) -> AnalysedFileOut:
    return AnalysedFileOut(
        file=index.provenance.files[0],
        methodology=index.methodology.id,
        methodology_version=index.provenance.methodology_version,
    )


# --- the answers as JSON ---------------------------------------------------------------------


def left_out(items: list[LeftOut]) -> list[LeftOutOut]:
    return [
        LeftOutOut(
            unit=i.unit,
            period=i.period,
            indicator=i.indicator,
            reason=i.reason,
            claims=[{"source": s, "value": v} for s, v in i.claims],
        )
        for i in items
    ]


def _uncertainty_out(intervals: RankIntervals, unit: str | None = None, model=UncertaintyOut):
    a, index = intervals.analysis, intervals.index
    rows = [intervals.of(unit)] if unit is not None else records(intervals.frame())
    extra = {} if index.provenance.stored else {"source": _source(index)}
    return model(
        methodology=intervals.methodology,
        period=intervals.period,
        run_id=intervals.run_id,
        synthetic=intervals.synthetic,
        recomputing=intervals.recomputing,
        declared=intervals.declared,
        samples=a.n,
        seed=a.seed,
        inputs=[
            UncertainInputOut(
                name=i.name,
                noise=i.noise if i.codes else None,
                weights=len(i.codes),
                options=[describe(o) for o in i.options],
            )
            for i in a.inputs
        ],
        units=[{k: plain(v) for k, v in row.items()} for row in rows],
        left_out=left_out(intervals.left_out_of(unit)),
        **extra,
    )


def _forecast_out(run: ForecastRun, unit: str, model=ForecastOut):
    f, index = run.forecast, run.index
    m = f.methodology
    summary = target_summary(f, unit)
    extra = {} if index.provenance.stored else {"source": _source(index)}
    return model(
        methodology=m.id,
        unit=unit,
        synthetic=run.synthetic,
        recomputing=run.recomputing,
        horizon=f.horizon,
        samples=f.samples,
        seed=f.seed,
        index=records(f.fan(unit)),
        sectors={s: records(f.fan(unit, s)) for s in m.children.get(m.root, [])},
        targets=records(f.probabilities(unit)),
        ranks=records(f.ranks[f.ranks["unit"] == unit].drop(columns=["unit"])),
        expected=[
            TargetYearOut(
                year=y.year,
                expected=y.expected,
                counted=len(summary.counted),
                likely=y.likely,
                at_risk=y.at_risk,
            )
            for y in summary.years
        ],
        left_out=left_out(run.left_out_of(unit)),
        **extra,
    )


def _whatif_out(answer: WhatIfAnswer, model, unit: str | None = None):
    index = answer.index
    extra = {} if index.provenance.stored else {"source": _source(index)}
    return model(
        methodology=answer.methodology,
        run_id=answer.run_id,
        synthetic=answer.synthetic,
        outcomes=[
            {
                "scenario": o.scenario,
                "period": o.period,
                "projected": o.projected,
                "index_before": o.index_before,
                "index_after": o.index_after,
                "rank_before": o.rank_before,
                "rank_after": o.rank_after,
                "units_ranked": o.units_ranked,
                "rows": records(o.table().drop(columns=["scenario", "unit", "period"])),
            }
            for o in answer.outcomes
        ],
        left_out=left_out(answer.left_out_of(unit)),
        **extra,
    )
