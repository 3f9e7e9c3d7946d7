"""The agency rating: the table of a period with its filters, one agency with its explanation,
and the table as XLSX. Public reads, like the regions' rating they mirror."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Response
from pydantic import BaseModel, Field

from tsifra.analyses.explain import plain, records
from tsifra.dashboard.agencies import AGENCY_METHODOLOGY, agency_profile, agency_rating
from tsifra.kernel.language import word_key
from tsifra.reports.agencies import agency_rating_xlsx
from tsifra.web.api.exports import XLSX, _attachment, _file, _stems
from tsifra.web.api.kept import kept_json
from tsifra.web.api.params import Methodology, Period
from tsifra.web.api.schemas import CompletenessOut, ErrorOut
from tsifra.web.deps import DB, AppCache
from tsifra.web.language import Lang
from tsifra.web.ratelimits import EXPORTS

router = APIRouter(tags=["agencies"])
ERRORS = {404: {"model": ErrorOut}, 422: {"model": ErrorOut}}
Level = Annotated[
    Literal["federal", "regional"] | None,
    Query(description="federal bodies (no parent unit) or the regions' bodies"),
]
Parent = Annotated[
    str | None, Query(max_length=64, description="a region's code: only its agencies")
]
Band = Annotated[str | None, Query(max_length=32, description="a band's code, e.g. high")]
AgencyCode = Annotated[
    str, Path(min_length=1, max_length=64, description="the agency's unit code, e.g. ru-ta-roads")
]


class BandOut(BaseModel):
    code: str
    name_ru: str
    name_en: str | None
    min: float = Field(description="the lowest index score in the band")


class AgencyRow(BaseModel):
    unit: str
    name_ru: str
    name_en: str | None
    parent: str | None = Field(description="the region's code; null for a federal body")
    level: Literal["federal", "regional"]
    score: float | None
    rank: int | None = Field(description="the place in the whole rating, whatever the filters")
    score_change: float | None
    rank_change: int | None
    band: str | None
    rank_low: int | None = Field(description="best place in 90% of the uncertainty samples")
    rank_high: int | None = Field(description="worst place in 90% of the uncertainty samples")
    sectors: dict[str, float | None]


class AgencyRatingOut(BaseModel):
    methodology: str
    period: str
    periods: list[str]
    run_id: int
    synthetic: bool
    sectors: list[str]
    bands: list[BandOut]
    counts: dict[str, int] = Field(
        description="agencies per band under the level and parent filters (not the band filter)"
    )
    rows: list[AgencyRow]
    recomputing: bool = Field(description="the intervals are the previous run's, for now")
    completeness: CompletenessOut | None


class AgencyOut(BaseModel):
    unit: str
    name_ru: str
    name_en: str | None
    parent: str | None
    level: Literal["federal", "regional"]
    methodology: str
    period: str
    run_id: int
    synthetic: bool
    score: float | None
    rank: int | None
    units_ranked: int
    band: BandOut | None
    rank_low: int | None
    rank_high: int | None
    recomputing: bool
    history: list[dict] = Field(description="period, score, rank, band of every complete period")
    sectors: list[dict] = Field(description="sector, name, name_en, score, average of agencies")
    exact: bool = Field(description="contributions add up to the score (arithmetic aggregation)")
    indicators: list[dict] = Field(
        description="the explanation: indicator, name, value, target, normalised, weight, "
        "contribution, gain_to_target, imputed, source (the methodology's), value_source (the "
        "stored value's), formula (the feedback platform's formula that computed it, if any)"
    )
    completeness: CompletenessOut | None


@router.get("/agencies", response_model=AgencyRatingOut, responses=ERRORS)
def agencies(
    engine: DB,
    cache: AppCache,
    methodology: Methodology = AGENCY_METHODOLOGY,
    period: Period = None,
    level: Level = None,
    parent: Parent = None,
    band: Band = None,
) -> Response:
    """The agency rating of a period: place, band, rank interval and parts of every agency."""
    key = ("agencies", methodology, period, level, parent, band)

    def build() -> AgencyRatingOut:
        view = agency_rating(engine, methodology, period, level, parent, band, cache)
        return AgencyRatingOut(
            methodology=view.methodology,
            period=view.period,
            periods=view.periods,
            run_id=view.run_id,
            synthetic=view.synthetic,
            sectors=view.sectors,
            bands=[_band(b) for b in view.bands],
            counts=view.counts,
            rows=[_row(r, view.sectors) for r in view.table.to_dict("records")],
            recomputing=view.recomputing,
            completeness=CompletenessOut.of(view.completeness),
        )

    return kept_json(engine, cache, key, build)


@router.get(
    "/agencies.xlsx",
    response_class=Response,
    dependencies=[EXPORTS],
    responses=_file(XLSX, "The agency rating as an Excel workbook"),
)
def agencies_export(
    engine: DB,
    cache: AppCache,
    lang: Lang,
    methodology: Methodology = AGENCY_METHODOLOGY,
    period: Period = None,
    level: Level = None,
    parent: Parent = None,
    band: Band = None,
) -> Response:
    """The agency rating of a period as XLSX, filtered as the page is."""
    return _attachment(
        engine,
        methodology,
        period,
        XLSX,
        lambda: agency_rating_xlsx(
            engine, methodology, period, level, parent, band, lang=lang, cache=cache
        ),
        _stems(word_key("agpage_file"), lang),
        "xlsx",
        lang,
        cache,
    )


@router.get("/agencies/{code}", response_model=AgencyOut, responses=ERRORS)
def agency(
    engine: DB,
    cache: AppCache,
    code: AgencyCode,
    methodology: Methodology = AGENCY_METHODOLOGY,
    period: Period = None,
) -> Response:
    """One agency: score, band, place and its interval, history, parts and the explanation of
    every indicator with the source of its value."""
    key = ("agency", code, methodology, period)

    def build() -> AgencyOut:
        p = agency_profile(engine, code, methodology, period, cache)
        return AgencyOut(
            unit=p.unit,
            name_ru=p.name_ru,
            name_en=p.name_en,
            parent=p.parent,
            level=p.level,
            methodology=p.methodology,
            period=p.period,
            run_id=p.run_id,
            synthetic=p.synthetic,
            score=p.score,
            rank=p.rank,
            units_ranked=p.units_ranked,
            band=_band(p.band) if p.band is not None else None,
            rank_low=p.interval.low if p.interval else None,
            rank_high=p.interval.high if p.interval else None,
            recomputing=p.recomputing,
            history=records(p.history),
            sectors=records(p.sectors),
            exact=p.exact,
            indicators=records(p.indicators),
            completeness=CompletenessOut.of(p.completeness),
        )

    return kept_json(engine, cache, key, build)


def _band(b) -> BandOut:
    return BandOut(code=b.code, name_ru=b.name, name_en=b.name_en, min=b.min)


def _row(r: dict, sectors: list[str]) -> AgencyRow:
    rank, change = plain(r["rank"]), plain(r["rank_change"])
    low, high = _int(r.get("rank_low")), _int(r.get("rank_high"))
    return AgencyRow(
        unit=r["unit"],
        name_ru=r["name_ru"],
        name_en=plain(r["name_en"]),
        parent=plain(r["parent"]),
        level=r["level"],
        score=plain(r["score"]),
        rank=None if rank is None else int(rank),
        score_change=plain(r["score_change"]),
        rank_change=None if change is None else int(change),
        band=r["band"],
        rank_low=low,
        rank_high=high,
        sectors={s: plain(r[s]) for s in sectors},
    )


def _int(value) -> int | None:
    value = plain(value)
    return None if value is None else int(value)
