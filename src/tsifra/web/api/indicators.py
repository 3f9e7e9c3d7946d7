"""One indicator across regions, with the source, batch and revision of every value."""

from __future__ import annotations

from fastapi import APIRouter, Path

from tsifra.analyses.explain import records
from tsifra.dashboard.indicator import indicator_across_regions
from tsifra.web.api.params import Methodology, Period
from tsifra.web.api.schemas import ErrorOut, IndicatorDefinitionOut, IndicatorOut
from tsifra.web.deps import DB, AppCache

router = APIRouter(tags=["indicators"])


@router.get("/indicators/{code}", response_model=IndicatorOut, responses={404: {"model": ErrorOut}})
def indicator(
    engine: DB,
    cache: AppCache,
    code: str = Path(min_length=1, max_length=128),
    methodology: Methodology = "ru-digital-maturity",
    period: Period = None,
) -> IndicatorOut:
    """The values in force of one indicator in every region for a period (the newest complete
    one by default), each with the batch and revision it came from."""
    view = indicator_across_regions(engine, code, methodology, period, cache)
    d = view.indicator
    definition = IndicatorDefinitionOut(
        code=d.code,
        name=d.name,
        name_en=d.name_en,
        measure=d.unit,
        direction=d.direction,
        parent=d.parent,
        source=d.source,
        description=d.description,
        targets=d.targets,
    )
    return IndicatorOut(
        methodology=view.methodology,
        period=view.period,
        periods=view.periods,
        target=view.target,
        synthetic=view.synthetic,
        definition=definition,
        values=records(view.table),
    )
