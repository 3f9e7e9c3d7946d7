"""The public rating page: the map, the sortable table, the district filter, the period picker."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request

from tsifra.charts.dashboard import tile_map, tile_scale
from tsifra.kernel.formatting import period as period_name
from tsifra.kernel.language import word, word_key
from tsifra.kernel.problems import ValidationFailed
from tsifra.ratings.published import rating
from tsifra.web.deps import DB, MaybeUser
from tsifra.web.pages.common import Lang, kept_for_anonymous, render
from tsifra.web.pages.submission import incomplete_note
from tsifra.web.pages.views import (
    district_options,
    names_of,
    rows_of,
    sector_names,
    tile_grid,
)

router = APIRouter()


@router.get("/")
def rating_page(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    period: str | None = Query(None, max_length=16),
    district: str | None = Query(None, max_length=64),
):
    return kept_for_anonymous(
        request,
        engine,
        lang,
        user,
        lambda: _rating_page(request, engine, lang, user, period, district),
    )


def _rating_page(request, engine, lang, user, period, district):
    try:
        view = rating(
            engine,
            period=period or None,
            district=district or None,
            cache=request.app.state.cache,
        )
    except ValidationFailed as failed:
        return render(
            request, "error.html", lang, user, 422, title=word_key("invalid_input"), problems=failed
        )
    whole = (
        view if not district else rating(engine, period=view.period, cache=request.app.state.cache)
    )
    scores = dict(zip(whole.table["unit"], whole.table["score"], strict=True))
    svg = tile_map(
        tile_grid(),
        scores,
        names_of(whole.table, lang),
        title=period_name(view.period, lang),
        focus=set(view.table["unit"]) if district else None,
        lang=lang,
    )
    return render(
        request,
        "rating.html",
        lang,
        user,
        view=view,
        rows=rows_of(view.table, view.sectors, lang),
        sector_names=sector_names(engine, view.methodology, view.sectors, lang),
        map_svg=svg,
        scale_svg=tile_scale(scores, word("map_scale", lang), lang=lang),
        districts=district_options(lang),
        district=district or "",
        synthetic=view.synthetic,
        incomplete=incomplete_note(view.period, view.completeness, lang),
    )
