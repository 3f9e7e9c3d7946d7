"""Ratings as stored: all regions for a period, with filters."""

from __future__ import annotations

import math

from fastapi import APIRouter, Query
from fastapi.responses import Response

from tsifra.ratings.published import rating
from tsifra.web.api.kept import kept_json
from tsifra.web.api.schemas import CompletenessOut, ErrorOut, RatingOut, RatingRow
from tsifra.web.deps import DB, AppCache

router = APIRouter(tags=["ratings"])


def _number(value) -> float | None:
    return (
        None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)
    )


@router.get("/ratings", response_model=RatingOut, responses={422: {"model": ErrorOut}})
def ratings(
    engine: DB,
    cache: AppCache,
    methodology: str = Query("ru-digital-maturity", max_length=128),
    period: str | None = Query(None, max_length=16, description="2025Q4; the latest by default"),
    district: str | None = Query(None, max_length=32, description="federal district code"),
) -> Response:
    key = ("ratings", methodology, period, district)
    build = lambda: _rating_out(engine, cache, methodology, period, district)  # noqa: E731
    return kept_json(engine, cache, key, build)


def _rating_out(
    engine, cache, methodology: str, period: str | None, district: str | None
) -> RatingOut:
    view = rating(engine, methodology, period, district, cache)
    rows = []
    for r in view.table.to_dict("records"):
        change = _number(r.get("rank_change"))
        rank = _number(r.get("rank"))
        rows.append(
            RatingRow(
                unit=r["unit"],
                name_ru=r["name_ru"],
                name_en=r["name_en"],
                federal_district=r["federal_district"],
                score=_number(r.get("score")),
                rank=int(rank) if rank is not None else None,
                score_change=_number(r.get("score_change")),
                rank_change=int(change) if change is not None else None,
                sectors={s: _number(r.get(s)) for s in view.sectors},
            )
        )
    return RatingOut(
        methodology=view.methodology,
        period=view.period,
        periods=view.periods,
        run_id=view.run_id,
        synthetic=view.synthetic,
        sectors=view.sectors,
        rows=rows,
        completeness=CompletenessOut.of(view.completeness),
    )
