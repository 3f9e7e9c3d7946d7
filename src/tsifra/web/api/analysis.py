"""How sure the rating is and where a region is heading: rank intervals, the forecast to 2030,
and what-if — the same services the region page shows, as JSON.

The rank intervals and the forecast are the published ones: a fixed number of samples and a
fixed seed, computed once per run or data version and kept, so every reader (and every page)
sees the same figures and no request can make the server redo seconds of work with new
settings. What-if writes nothing, so it needs no account; it is a POST because its body is a
set of scenarios.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from tsifra.analyses.explain import plain, records
from tsifra.analyses.forecast import region_forecast
from tsifra.analyses.intervals import describe, rank_intervals
from tsifra.analyses.whatif import whatif_stored
from tsifra.web.api.kept import kept_json
from tsifra.web.api.params import Methodology, Period, UnitCode
from tsifra.web.api.schemas import (
    ErrorOut,
    ForecastOut,
    UncertainInputOut,
    UncertaintyOut,
    WhatIfIn,
    WhatIfOut,
)
from tsifra.web.deps import DB
from tsifra.web.language import Lang

router = APIRouter(tags=["analysis"])
ERRORS = {404: {"model": ErrorOut}, 422: {"model": ErrorOut}}


@router.get("/ratings/uncertainty", response_model=UncertaintyOut, responses=ERRORS)
def uncertainty(
    engine: DB, methodology: Methodology = "ru-digital-maturity", period: Period = None
) -> Response:
    """Every region's rank interval: nominal and median rank, 5th and 95th percentile, the share
    of samples in the top 10, and the spread of the index, over samples of the choices the
    methodology declares uncertain."""
    key = ("uncertainty", methodology, period)
    return kept_json(engine, key, lambda: _uncertainty_out(engine, methodology, period, None))


@router.get("/regions/{code}/uncertainty", response_model=UncertaintyOut, responses=ERRORS)
def region_uncertainty(
    engine: DB,
    code: UnitCode,
    methodology: Methodology = "ru-digital-maturity",
    period: Period = None,
) -> Response:
    """One region's rank interval (the same analysis as `/ratings/uncertainty`)."""
    key = ("uncertainty", methodology, period, code)
    return kept_json(engine, key, lambda: _uncertainty_out(engine, methodology, period, code))


def _uncertainty_out(engine, methodology: str, period: str | None, unit: str | None):
    stored = rank_intervals(engine, methodology, period)
    a = stored.analysis
    rows = [stored.of(unit)] if unit is not None else records(stored.frame())
    return UncertaintyOut(
        methodology=stored.methodology,
        period=stored.period,
        run_id=stored.run_id,
        synthetic=stored.synthetic,
        declared=stored.declared,
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
    )


@router.get("/regions/{code}/forecast", response_model=ForecastOut, responses=ERRORS)
def forecast(engine: DB, code: UnitCode, methodology: Methodology = "ru-digital-maturity"):
    """The region's index and sectors to 2030 (history, median, 80 % and 95 % bands) and the
    probability of reaching each indicator's target in each year."""
    key = ("forecast", methodology, code)
    return kept_json(engine, key, lambda: _forecast_out(engine, methodology, code))


def _forecast_out(engine, methodology: str, unit: str) -> ForecastOut:
    run = region_forecast(engine, unit, methodology)
    f = run.forecast
    m = f.methodology
    return ForecastOut(
        methodology=methodology,
        unit=unit,
        synthetic=run.synthetic,
        horizon=f.horizon,
        samples=f.samples,
        seed=f.seed,
        index=records(f.fan(unit)),
        sectors={s: records(f.fan(unit, s)) for s in m.children.get(m.root, [])},
        targets=records(f.probabilities(unit)),
        ranks=records(f.ranks[f.ranks["unit"] == unit].drop(columns=["unit"])),
    )


@router.post("/regions/{code}/whatif", response_model=WhatIfOut, responses=ERRORS)
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
    answer = whatif_stored(engine, code, body.scenarios, methodology, body.period, lang=lang)
    return WhatIfOut(
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
    )
