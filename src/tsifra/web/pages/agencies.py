"""The agency rating's pages: `/agencies` (the table with its filters and counts per band) and
`/agencies/{code}` (one agency: score, band, place and its interval, history, explanation and the
source of every figure). Public like the regions' rating: the rating is published."""

from __future__ import annotations

import pandas as pd
from fastapi import APIRouter, Query, Request

from tsifra.dashboard.agencies import (
    AGENCY_METHODOLOGY,
    AgencyProfile,
    AgencyRating,
    agency_profile,
    agency_rating,
)
from tsifra.kernel.formatting import number, signed, whole
from tsifra.kernel.language import measure, word, word_key
from tsifra.kernel.problems import ValidationFailed
from tsifra.methodology.schema import Band
from tsifra.web.deps import DB, MaybeUser
from tsifra.web.pages.common import (
    NOT_FOUND,
    RECOMPUTING_HEADER,
    Lang,
    kept_for_anonymous,
    render,
)
from tsifra.web.pages.submission import incomplete_note
from tsifra.web.pages.views import figure

router = APIRouter()


@router.get("/agencies")
def agencies_page(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    period: str | None = Query(None, max_length=16),
    level: str | None = Query(None, max_length=64),
    parent: str | None = Query(None, max_length=64),
    band: str | None = Query(None, max_length=64),
):
    asked = {"period": period, "level": level, "parent": parent, "band": band}
    asked = {k: v or None for k, v in asked.items()}
    return kept_for_anonymous(
        request, engine, lang, user, lambda: _rating_page(request, engine, lang, user, asked)
    )


@router.get("/agencies/{code}")
def agency_page(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    code: str,
    period: str | None = Query(None, max_length=16),
):
    return kept_for_anonymous(
        request,
        engine,
        lang,
        user,
        lambda: _agency_page(request, engine, lang, user, code, period or None),
    )


def _rating_page(request: Request, engine, lang: str, user, asked: dict):
    cache = request.app.state.cache
    try:
        view = agency_rating(engine, AGENCY_METHODOLOGY, cache=cache, **asked)
    except ValidationFailed as failed:
        if any(p.code == "no_ratings" for p in failed.problems):
            return render(request, "agencies/none.html", lang, user)
        title = word_key("invalid_input")
        return render(request, "error.html", lang, user, 422, title=title, problems=failed)
    response = render(
        request,
        "agencies/rating.html",
        lang,
        user,
        view=view,
        asked=asked,
        rows=rating_rows(view, lang),
        sectors=[_name(view.sector_names[s], lang) for s in view.sectors],
        bands=band_labels(view.bands, lang),
        counts=[(b, view.counts.get(b["code"], 0)) for b in band_labels(view.bands, lang)],
        parents=[(code, ru if lang == "ru" else (en or ru)) for code, ru, en in view.parents],
        title=_name((view.title, view.title_en), lang),
        incomplete=incomplete_note(view.period, view.completeness, lang),
        synthetic=view.synthetic,
    )
    if view.recomputing:
        response.headers[RECOMPUTING_HEADER] = "1"
    return response


def _agency_page(request: Request, engine, lang: str, user, code: str, period: str | None):
    cache = request.app.state.cache
    try:
        p = agency_profile(engine, code, AGENCY_METHODOLOGY, period, cache=cache)
    except ValidationFailed as failed:
        return render(request, "error.html", lang, user, 404, title=NOT_FOUND, problems=failed)
    bands = {b["code"]: b for b in band_labels(p.bands, lang)}
    response = render(
        request,
        "agencies/agency.html",
        lang,
        user,
        p=p,
        name=_name((p.name_ru, p.name_en), lang),
        parent=_parent(p.parent, p.parent_name_ru, p.parent_name_en, lang),
        score=number(p.score, lang),
        band=bands.get(p.band.code) if p.band is not None else None,
        history=[
            {
                "period": r["period"],
                "score": number(r["score"], lang),
                "rank": whole(r["rank"], lang),
                "band": bands.get(r["band"]),
            }
            for r in p.history.to_dict("records")
        ],
        sectors=[
            {
                "name": _name((s["name"], s["name_en"]), lang),
                "score": number(s["score"], lang),
                "average": number(s["average"], lang),
            }
            for s in p.sectors.to_dict("records")
        ],
        indicators=indicator_rows(p, lang),
        incomplete=incomplete_note(p.period, p.completeness, lang),
        synthetic=p.synthetic,
    )
    if p.recomputing:
        response.headers[RECOMPUTING_HEADER] = "1"
    return response


def band_labels(bands: tuple[Band, ...], lang: str) -> list[dict]:
    """Each band with its name in the page's language and its colour: the best band green, the
    worst red, those between amber. The colour only repeats the name, which is always written."""
    last = len(bands) - 1
    labels = []
    for k, b in enumerate(bands):
        colour = "green" if k == 0 else "red" if k == last else "amber"
        labels.append({"code": b.code, "name": b.name_in(lang), "colour": colour})
    return labels


def rating_rows(view: AgencyRating, lang: str) -> list[dict]:
    bands = {b["code"]: b for b in band_labels(view.bands, lang)}
    rows = []
    for r in view.table.to_dict("records"):
        low, high = r.get("rank_low"), r.get("rank_high")
        known = not (pd.isna(low) or pd.isna(high))
        rows.append(
            {
                "unit": r["unit"],
                "name": _name((r["name_ru"], r["name_en"]), lang),
                "parent": _parent(r["parent"], r["parent_name_ru"], r["parent_name_en"], lang),
                "level": r["level"],
                "rank": "—" if pd.isna(r["rank"]) else int(r["rank"]),
                "score": figure(number(r["score"], lang), r["score"]),
                "score_change": figure(signed(r["score_change"], lang), r["score_change"]),
                "band": bands.get(r["band"]),
                "sectors": [figure(number(r[s], lang, 1), r[s]) for s in view.sectors],
                "interval": (f"{low}–{high}" if low != high else f"{low}") if known else "—",
                "interval_low": low if known else "",
            }
        )
    return rows


def indicator_rows(p: AgencyProfile, lang: str) -> list[dict]:
    """The explanation's rows with the source of each figure in the reader's words."""
    rows = []
    for r in p.indicators.to_dict("records"):
        formula = r.get("formula") if isinstance(r.get("formula"), str) else None
        if formula:
            origin = word("agpage_formula", lang, name=formula)
        else:
            origin = r.get("value_source") if isinstance(r.get("value_source"), str) else ""
        rows.append(
            {
                "indicator": r["indicator"],
                "name": _name((r["name"], r["name_en"]), lang),
                "measure": measure(r["measure"], lang),
                "value": number(r["value"], lang),
                "target": number(r["target"], lang),
                "achievement": number(r["normalised"], lang, 1),
                "contribution": number(r["contribution"], lang),
                "gain": number(r["gain_to_target"], lang),
                "imputed": bool(r["imputed"]),
                "source": r.get("source") if isinstance(r.get("source"), str) else "",
                "origin": origin,
                "formula": formula,
            }
        )
    return rows


def _name(names: tuple[str, str | None], lang: str) -> str:
    ru, en = names
    return en if lang == "en" and isinstance(en, str) and en else ru


def _parent(code, name_ru, name_en, lang: str) -> str:
    if not isinstance(code, str):  # no parent unit: a federal body
        return word("agpage_federal_body", lang)
    return _name((name_ru if isinstance(name_ru, str) else code, name_en), lang)
