"""One indicator across regions, with the source, batch and revision of every value."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request

from tsifra.dashboard.indicator import indicator_across_regions
from tsifra.kernel.formatting import number
from tsifra.kernel.language import measure
from tsifra.kernel.problems import ValidationFailed
from tsifra.web.deps import DB, MaybeUser
from tsifra.web.pages.common import NOT_FOUND, Lang, render
from tsifra.web.pages.views import trends_by_unit

router = APIRouter()


@router.get("/indicators/{code}")
def indicator_page(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    code: str,
    period: str | None = Query(None, max_length=16),
):
    try:
        view = indicator_across_regions(
            engine, code, period=period or None, cache=request.app.state.cache
        )
    except ValidationFailed as failed:
        return render(request, "error.html", lang, user, 404, title=NOT_FOUND, problems=failed)
    return render(
        request,
        "indicator.html",
        lang,
        user,
        v=view,
        i=view.indicator,
        target=number(view.target, lang),
        measure=measure(view.indicator.unit, lang),
        rows=view.table.to_dict("records"),
        trends=trends_by_unit(view.history, lang),
        synthetic=view.synthetic,
    )
