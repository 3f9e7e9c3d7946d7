"""The region profile: the governor's dashboard for one region, and its what-if form."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request

from tsifra.accounts.users import can_write_region
from tsifra.charts.dashboard import sector_bars, trend_line
from tsifra.dashboard.profile import RegionProfile, region_profile
from tsifra.kernel.formatting import number
from tsifra.kernel.problems import ValidationFailed
from tsifra.web.deps import DB, MaybeUser
from tsifra.web.pages import region_analyses as analyses
from tsifra.web.pages import region_whatif as whatif
from tsifra.web.pages.common import NOT_FOUND, RECOMPUTING_HEADER, Lang, kept_for_anonymous, render
from tsifra.web.pages.views import indicator_rows
from tsifra.web.ratelimits import ANALYSES

router = APIRouter()


@router.get("/regions/{code}")
def region_page(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    code: str,
    period: str | None = Query(None, max_length=16),
):
    return kept_for_anonymous(
        request, engine, lang, user, lambda: _region_page(request, engine, lang, user, code, period)
    )


@router.get("/regions/{code}/whatif", dependencies=[ANALYSES])
def whatif_page(request: Request, engine: DB, lang: Lang, user: MaybeUser, code: str):
    """What if the region's indicators changed (`indicator1=…&value1=…&target1=on&period=2026`).

    A GET form: it writes nothing, so an answer can be bookmarked or sent, and needs no CSRF
    token. Answers are not kept: each asks something new, so an anonymous reader has a rate
    limit (`web.ratelimits`). Problems with the form come back with
    it, as 422, like a rejected upload.
    """
    try:
        profile = region_profile(engine, code, reader=user, cache=request.app.state.cache)
    except ValidationFailed as failed:
        return render(request, "error.html", lang, user, 404, title=NOT_FOUND, problems=failed)
    asked = whatif.WhatIfAsked.from_query(request.query_params)
    cache = request.app.state.cache
    answered = None if asked.empty else whatif.answer(engine, profile, asked, lang, cache)
    answer, problems = answered or (None, [])
    return render(
        request,
        "region_whatif.html",
        lang,
        user,
        422 if problems else 200,
        p=profile,
        name=_region_name(profile, lang),
        form=whatif.form(profile, asked, lang),
        answer=answer,
        problems=problems,
        invalid=whatif.invalid_fields(problems),
        names=analyses.indicator_names(profile, lang),
        left_out=analyses.left_out(
            engine, profile, analyses.indicator_names(profile, lang), lang, cache
        ),
        empty=asked.empty,
        synthetic=profile.synthetic or bool(answer and answer["synthetic"]),
    )


def _region_page(request, engine, lang, user, code, period):
    try:
        profile = region_profile(
            engine, code, period=period or None, reader=user, cache=request.app.state.cache
        )
    except ValidationFailed as failed:
        return render(request, "error.html", lang, user, 404, title=NOT_FOUND, problems=failed)
    drawn = _drawn(engine, request.app.state.cache, profile, lang)
    response = render(
        request,
        "region.html",
        lang,
        user,
        p=profile,
        name=_region_name(profile, lang),
        score=number(profile.score, lang),
        trend=profile.trend.to_dict("records"),
        can_write=can_write_region(user, profile.unit),
        **drawn,
        synthetic=profile.synthetic
        or drawn["robust"].get("synthetic", False)
        or drawn["outlook"].get("synthetic", False),
    )
    if drawn["robust"].get("recomputing") or drawn["outlook"].get("recomputing"):
        response.headers[RECOMPUTING_HEADER] = "1"
    return response


def _region_name(profile: RegionProfile, lang: str) -> str:
    return (profile.name_en if lang == "en" else None) or profile.name_ru


def _drawn(engine, cache, profile: RegionProfile, lang: str) -> dict:
    """Charts, rows and analyses of a profile in the page's language. Drawing takes
    milliseconds; what takes seconds (the forecast, the rank intervals) is in the app's cache,
    and public pages are kept whole (`kept_for_anonymous`)."""
    sectors = profile.sectors
    names = sectors["name_en"].fillna(sectors["name"]) if lang == "en" else sectors["name"]
    bars = sector_bars(
        list(
            zip(
                names,
                sectors["score"],
                sectors["average"],
                sectors["leader_score"],
                strict=True,
            )
        ),
        lang=lang,
    )
    trend = trend_line(
        list(zip(profile.trend["period"], profile.trend["score"], strict=True)), lang=lang
    )
    indicator_names = analyses.indicator_names(profile, lang)
    drawn = {
        "bars_svg": bars,
        "trend_svg": trend,
        "indicators": indicator_rows(
            _named(profile.indicators, indicator_names), profile.history, lang
        ),
        "gains": indicator_rows(_named(profile.gains, indicator_names), profile.history, lang),
        "robust": analyses.robustness(engine, profile, lang, cache),
        "outlook": analyses.outlook(engine, profile, indicator_names, lang, cache),
        "left_out": analyses.left_out(engine, profile, indicator_names, lang, cache),
        "form": whatif.form(profile, whatif.WhatIfAsked.from_query({}), lang),
    }
    return drawn


def _named(indicators, names: dict[str, str]):
    """The indicator rows with their names in the page's language."""
    return indicators.assign(name=[names[c] for c in indicators["indicator"]])
