"""Searching the registry of practices: `GET /api/v1/practices`, public and read-only.

Words in any form (`q`), facets repeated for several values (`?sector=health&sector=gov`), a
sort and a page; the answer holds the page, the total and every facet's counts with the words
a reader sees. Bad parameters answer 422 with each problem located (`path`: the parameter).
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from tsifra.practices.search import PracticeQuery, facet_labels, search_practices
from tsifra.web.deps import DB, AppCache
from tsifra.web.language import Lang

router = APIRouter(tags=["practices"])
Values = Annotated[list[str], Query(description="repeat for several values (OR)")]


class PracticeRowOut(BaseModel):
    id: int
    title: str
    sector: str
    ai_kind: str | None  # None: not AI
    stage: str
    regions: list[str]
    effect: float | None  # the measured effect's summary, % (before/after, not causal)
    replication_count: int  # replications with evidence (a contract or an act) only
    verified_at: date
    stale: bool  # not verified for 12 months
    snippet: str | None = None  # plain text around the first word matched


class FacetValueOut(BaseModel):
    value: str
    label: str
    count: int  # with every other facet's filter and the query applied, not this facet's own


class PracticeSearchOut(BaseModel):
    total: int
    page: int
    per_page: int
    items: list[PracticeRowOut]
    facets: dict[str, list[FacetValueOut]]


@router.get("/practices", response_model=PracticeSearchOut)
def practices(
    engine: DB,
    lang: Lang,
    cache: AppCache,
    q: str | None = Query(None, description="words in any form: «больница» finds «больницах»"),
    sector: Values = [],  # noqa: B006  (FastAPI copies a default)
    ai_kind: Values = [],  # noqa: B006  (FastAPI copies a default)
    stage: Values = [],  # noqa: B006  (FastAPI copies a default)
    region: Values = [],  # noqa: B006  (FastAPI copies a default)
    indicator: Values = [],  # noqa: B006  (FastAPI copies a default)
    sort: str | None = Query(None, description="effect (default), relevance, verified, title"),
    page: int = Query(1),
    per_page: int = Query(20, description="1 to 100"),
) -> PracticeSearchOut:
    """Practices matching the words and the facets chosen (AND across facets, OR within one),
    sorted by measured effect (by relevance when words are given), with disjunctive counts."""
    query = PracticeQuery(
        q=q,
        sector=tuple(sector),
        ai_kind=tuple(ai_kind),
        stage=tuple(stage),
        region=tuple(region),
        indicator=tuple(indicator),
    )
    result = search_practices(engine, query, sort=sort, page=page, per_page=per_page, cache=cache)
    labels = facet_labels(engine, result.facets, lang)
    facets = {
        name: [FacetValueOut(value=f.value, label=labels[name][f.value], count=f.count)
               for f in counts]
        for name, counts in result.facets.items()
    }  # fmt: skip
    items = [PracticeRowOut(**asdict(row)) for row in result.items]
    return PracticeSearchOut(
        total=result.total, page=page, per_page=per_page, items=items, facets=facets
    )
