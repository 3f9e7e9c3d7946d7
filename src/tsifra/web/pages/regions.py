"""The region profile: the governor's dashboard for one region."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request

from tsifra.accounts.users import can_write_region
from tsifra.i18n import label
from tsifra.problems import ValidationFailed
from tsifra.ratings.profile import region_profile
from tsifra.reports.charts import sector_bars, trend_line
from tsifra.web.deps import DB, MaybeUser
from tsifra.web.pages.common import Lang, kept_for_anonymous, render
from tsifra.web.pages.views import indicator_rows, number

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


def _region_page(request, engine, lang, user, code, period):
    try:
        profile = region_profile(engine, code, period=period or None, reader=user)
    except ValidationFailed as failed:
        return render(
            request, "error.html", lang, user, 404, title="not_found_title", problems=failed
        )
    bars, trend, indicators, gains = _drawn(profile, lang)
    return render(
        request,
        "region.html",
        lang,
        user,
        p=profile,
        name=(profile.name_en if lang == "en" else None) or profile.name_ru,
        score=number(profile.score, 2),
        bars_svg=bars,
        trend_svg=trend,
        trend=profile.trend.to_dict("records"),
        indicators=indicators,
        gains=gains,
        can_write=can_write_region(user, profile.unit),
        synthetic=profile.synthetic,
    )


_DRAWN: dict[tuple[int, str], tuple] = {}


def _drawn(profile, lang: str) -> tuple[str, str, list, list]:
    """Charts and indicator rows of a profile, drawn once per profile object and language.

    The profile service hands out the same object until the stored data change, so its identity
    is the right key; the entry keeps the object alive, so the identity cannot be reused.
    """
    key = (id(profile), lang)
    hit = _DRAWN.get(key)
    if hit is not None and hit[0] is profile:
        return hit[1]
    bars = sector_bars(
        list(
            zip(
                profile.sectors["name"],
                profile.sectors["score"],
                profile.sectors["average"],
                profile.sectors["leader_score"],
                strict=True,
            )
        ),
        labels=(
            label(lang=lang, key="region"),
            label(lang=lang, key="average"),
            label(lang=lang, key="leader"),
        ),
    )
    trend = trend_line(list(zip(profile.trend["period"], profile.trend["score"], strict=True)))
    drawn = (
        bars,
        trend,
        indicator_rows(profile.indicators, profile.history),
        indicator_rows(profile.gains, profile.history),
    )
    if len(_DRAWN) > 512:
        _DRAWN.clear()
    _DRAWN[key] = (profile, drawn)
    return drawn
