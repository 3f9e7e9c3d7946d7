"""The region's home screen (`dashboard.home`): where the region is, what has slipped, what to
do next — above the fold — then the trend, the indicators by direction and the analyses; and the
region's what-if form."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from markupsafe import Markup

from tsifra.accounts.users import can_read_tasks, can_write_region
from tsifra.charts.dashboard import sector_bars, trend_chart
from tsifra.dashboard.approvals import may_see_approval_figures
from tsifra.dashboard.home import RegionHome, region_home
from tsifra.dashboard.profile import RegionProfile, region_profile
from tsifra.dashboard.status import LEVEL_KEYS, SYMBOLS
from tsifra.dashboard.work import SOON_DAYS
from tsifra.kernel.formatting import number
from tsifra.kernel.language import word
from tsifra.kernel.problems import ValidationFailed
from tsifra.store.versions import database_key
from tsifra.web.deps import DB, MaybeUser
from tsifra.web.pages import region_analyses as analyses
from tsifra.web.pages import region_whatif as whatif
from tsifra.web.pages.common import (
    NOT_FOUND,
    RECOMPUTING_HEADER,
    TEMPLATES,
    Lang,
    kept_for_anonymous,
    render,
)
from tsifra.web.pages.submission import incomplete_note
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
    cache = request.app.state.cache
    try:
        home = region_home(engine, code, period=period or None, reader=user, cache=cache)
    except ValidationFailed as failed:
        return render(request, "error.html", lang, user, 404, title=NOT_FOUND, problems=failed)
    profile = home.profile
    drawn = _drawn_kept(engine, cache, home, lang)
    response = render(
        request,
        "region.html",
        lang,
        user,
        p=profile,
        home=home,
        name=_region_name(profile, lang),
        score=number(profile.score, lang),
        can_write=can_write_region(user, profile.unit),
        can_read_submission=can_read_tasks(user, profile.unit),
        can_see_approvals=may_see_approval_figures(user, profile.unit),
        soon_days=SOON_DAYS,
        incomplete=incomplete_note(profile.period, profile.completeness, lang),
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


def level_text(level: str, lang: str) -> str:
    """A status in its symbol and words («✗ ниже цели»): never colour alone."""
    return f"{SYMBOLS[level]} {word(LEVEL_KEYS[level], lang)}"


def _drawn_kept(engine, cache, home: RegionHome, lang: str) -> dict:
    """The page's published parts, drawn once per data version and language and shared by every
    reader: a signed-in user's page is built fresh (it carries a name and a CSRF token), and
    without this it would redraw the charts and reshape the analyses each time (≈ 60 ms). The
    tasks and the quarter's data are not in it: they are the request's own (`home`). A part
    shown while its analysis is being recomputed is not kept, so the next reader gets the new."""
    p = home.profile
    key = (database_key(engine), "home-drawn", home.version, p.unit, p.period, lang)
    drawn = cache.get(key, 0, lambda: _with_below(_drawn(engine, cache, home, lang), home, lang))
    if drawn["robust"].get("recomputing") or drawn["outlook"].get("recomputing"):
        cache.forget(key)
    missing = home.data.missing if home.data is not None else ()
    return {**drawn, "data_names": [drawn["names"].get(c, c) for c in missing]}


def _with_below(drawn: dict, home: RegionHome, lang: str) -> dict:
    """`drawn` with the part below the fold rendered once (`_region_below.html`): it holds no
    reader's name, task or token, and it is most of the page's template work."""
    below = TEMPLATES.env.get_template("_region_below.html").render(
        lang=lang,
        t=lambda key, **params: word(key, lang, **params),
        p=home.profile,
        home=home,
        **drawn,
    )
    return {**drawn, "below": Markup(below)}


def _drawn(engine, cache, home: RegionHome, lang: str) -> dict:
    """Charts, rows and analyses of a home screen in the page's language. Drawing takes
    milliseconds; what takes seconds (the forecast, the rank intervals) is in the app's cache,
    and public pages are kept whole (`kept_for_anonymous`)."""
    profile = home.profile
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
    trend = trend_chart(
        list(zip(home.trend["period"], home.trend["score"], strict=True)),
        set(home.new_targets),
        title=word("home_trend_title", lang),
        mark_label=word("chart_new_targets", lang),
        lang=lang,
    )
    indicator_names = analyses.indicator_names(profile, lang)
    rows = {
        r["indicator"]: r
        for r in indicator_rows(_named(profile.indicators, indicator_names), profile.history, lang)
    }
    directions = [
        {
            "code": d.code,
            "name": (d.name_en if lang == "en" else None) or d.name,
            "score": number(d.score, lang, 1),
            "level": d.level,
            "level_text": level_text(d.level, lang),
            "indicators": [
                {
                    **rows[i["indicator"]],
                    "level": i["level"],
                    "level_text": level_text(i["level"], lang),
                    "imputed": i["imputed"],
                }
                for i in d.indicators
            ],
        }
        for d in home.directions
    ]
    actions = [
        {
            "name": indicator_names.get(a.indicator, a.name),
            "indicator": a.indicator,
            "value": number(a.value, lang),
            "target": number(a.target, lang),
            "gain": a.gain,
            "whatif": a.whatif + ("&lang=en" if lang == "en" else ""),
        }
        for a in home.actions
    ]
    return {
        "bars_svg": bars,
        "trend_svg": trend,
        "directions": directions,
        "actions": actions,
        "names": indicator_names,
        "imputed": any(i["imputed"] for d in directions for i in d["indicators"]),
        "robust": analyses.robustness(engine, profile, lang, cache),
        "outlook": analyses.outlook(engine, profile, indicator_names, lang, cache),
        "left_out": analyses.left_out(engine, profile, indicator_names, lang, cache),
        "form": whatif.form(profile, whatif.WhatIfAsked.from_query({}), lang),
    }


def _named(indicators, names: dict[str, str]):
    """The indicator rows with their names in the page's language."""
    return indicators.assign(name=[names[c] for c in indicators["indicator"]])
