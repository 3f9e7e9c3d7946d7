"""The dashboard's feedback page (`/regions/{code}/feedback`): how the region answers citizens.

For signed-in officials (`dashboard.feedback.may_see_feedback`: federal roles, and the region's
own operators); an anonymous reader is sent to sign in. The trend is computed by the platform
formulas once per hour and change of the cases (the one cache); the backlog at each request, so
the page shows a case the moment it turns overdue. Nothing on it names a citizen.
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from markupsafe import Markup

from tsifra.charts.dashboard import trend_chart
from tsifra.dashboard.feedback import Backlog, RegionFeedback, region_feedback
from tsifra.dashboard.status import LEVEL_KEYS, SYMBOLS
from tsifra.demo.store import demo_loaded
from tsifra.kernel.formatting import number, percent
from tsifra.kernel.language import word
from tsifra.kernel.problems import Forbidden, ValidationFailed
from tsifra.reference import load_regions
from tsifra.web.deps import DB, MaybeUser
from tsifra.web.pages.common import NOT_FOUND, Lang, forbidden, render

router = APIRouter()


@router.get("/regions/{code}/feedback")
def feedback_page(request: Request, engine: DB, lang: Lang, user: MaybeUser, code: str):
    if user is None:
        return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
    try:
        f = region_feedback(engine, code, user, cache=request.app.state.cache)
    except Forbidden:
        return forbidden(request, lang, user)
    except ValidationFailed as failed:
        return render(request, "error.html", lang, user, 404, title=NOT_FOUND, problems=failed)
    return render(
        request, "feedback/region.html", lang, user,
        synthetic=demo_loaded(engine), **feedback_view(f, lang),
    )  # fmt: skip


def feedback_view(f: RegionFeedback, lang: str) -> dict:
    """The page's figures written for the reader: texts, the chart, the tables' rows."""
    regions = load_regions()
    column = "name_en" if lang == "en" else "name_ru"
    latest = f.latest
    if latest is None:
        on_time_text = word("figures_no_on_time", lang)
    elif f.target is None:
        on_time_text = word(
            "figures_on_time_no_target", lang, period=latest.period,
            value=percent(latest.on_time, lang),
        )  # fmt: skip
    else:
        on_time_text = word(
            "figures_on_time_of", lang, period=latest.period,
            value=percent(latest.on_time, lang), target=percent(f.target, lang, 0),
        )  # fmt: skip
    points = [(q.period, q.on_time) for q in f.trend]
    return {
        "f": f,
        "region_name": regions.at[f.region, column],
        "on_time_text": on_time_text,
        "on_time_big": percent(latest.on_time, lang) if latest else "—",
        "level_text": f"{SYMBOLS[f.level]} {word(LEVEL_KEYS[f.level], lang)}",
        "chart": Markup(
            trend_chart(points, title=word("figures_trend", lang), mark_label="", lang=lang)
        )
        if points
        else "",
        "bodies": [_backlog_row(b, lang, word("figures_triage", lang)) for b in f.by_body],
        "categories": [_backlog_row(b, lang, "—") for b in f.by_category],
        "trend": [
            {
                "period": q.period,
                "cells": [
                    number(q.on_time, lang, 1),
                    number(q.first_response_hours, lang, 1),
                    number(q.answer_days, lang, 1),
                    number(q.reopened, lang, 1),
                    number(q.rating, lang, 2),
                    number(q.forwarded, lang, 1),
                ],
            }
            for q in reversed(f.trend)
        ],
    }


def _backlog_row(b: Backlog, lang: str, unnamed: str) -> dict:
    name = (b.name_en if lang == "en" else None) or b.name_ru
    shown = name or (f"{b.key}" if b.key else unnamed)
    return {"key": b.key or "", "name": shown, "open": b.open, "overdue": b.overdue}
