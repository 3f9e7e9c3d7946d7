"""The federal view (`/federal`): regions × directions with status, поручения by region and the
quarter's data by region, filtered on the server (district, status) so it works without
JavaScript, sortable in the browser (`static/sort.js`), exported as XLSX or CSV with exactly the
rows on screen. For the federal roles; an operator is sent to its region's home screen, an
anonymous visitor to sign in."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup

from tsifra.dashboard.federal import (
    FederalView,
    federal_table,
    federal_view,
    may_see_federal,
    table_csv,
    table_xlsx,
)
from tsifra.dashboard.feedback import platform_version
from tsifra.dashboard.status import LEVEL_KEYS, LEVELS, SYMBOLS
from tsifra.kernel.formatting import number
from tsifra.kernel.language import word, word_key
from tsifra.kernel.problems import ValidationFailed
from tsifra.store import utcnow
from tsifra.store.versions import shown_version
from tsifra.web.deps import DB, MaybeUser
from tsifra.web.pages.common import TEMPLATES, Lang, render
from tsifra.web.pages.views import district_options, figure

router = APIRouter()

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("/federal")
def federal_page(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    period: str | None = Query(None, max_length=16),
    district: str | None = Query(None, max_length=64),
    status: str | None = Query(None, max_length=16),
    export: str | None = Query(None, pattern="^(xlsx|csv)$"),
):
    if user is None:
        return RedirectResponse("/login?next=/federal", status_code=303)
    if not may_see_federal(user):
        return RedirectResponse(f"/regions/{user.region}", status_code=303)
    if export:
        try:
            view = _view(request, engine, user, period, district, status)
        except ValidationFailed as failed:
            return _invalid(request, lang, user, failed)
        return _export(view, export, lang)
    # Every federal reader sees the same content (only the header carries a name and a token),
    # so it is rendered once per shown version (data, tasks, today), filters and language: at
    # 20 requests/s the page would otherwise redraw its three 83-row tables each time.
    cache = request.app.state.cache
    key = ("federal-page", shown_version(engine), period, district, status, lang)
    # feedback figures: the cases change without a batch, and turn overdue by the hour
    key += (platform_version(engine), utcnow().strftime("%Y-%m-%dT%H"))
    try:
        body, synthetic = cache.get(
            key, 0, lambda: _body(request, engine, user, lang, period, district, status)
        )
    except ValidationFailed as failed:
        return _invalid(request, lang, user, failed)
    return render(request, "federal.html", lang, user, body=body, synthetic=synthetic)


def _view(request: Request, engine, user, period, district, status) -> FederalView:
    return federal_view(
        engine,
        user,
        period=period or None,
        district=district or None,
        status=status or None,
        cache=request.app.state.cache,
    )


def _invalid(request: Request, lang: str, user, failed: ValidationFailed):
    return render(
        request, "error.html", lang, user, 422, title=word_key("invalid_input"), problems=failed
    )


def _body(request: Request, engine, user, lang: str, period, district, status):
    """The page's content as markup, with whether its figures are synthetic (the banner)."""
    view = _view(request, engine, user, period, district, status)
    html = TEMPLATES.env.get_template("_federal_body.html").render(
        lang=lang,
        t=lambda key, **params: word(key, lang, **params),
        view=view,
        rows=_rows(view, lang),
        sectors=[(code, en if lang == "en" else ru) for code, ru, en in view.sectors],
        districts=district_options(lang),
        statuses=[(lv, f"{SYMBOLS[lv]} {word(LEVEL_KEYS[lv], lang)}") for lv in LEVELS],
        district=district or "",
        status=status or "",
        query=_query(view, lang),
        data_period=next((r.data.period for r in view.rows if r.data.period), None),
    )
    return Markup(html), view.synthetic


def _rows(view: FederalView, lang: str) -> list[dict]:
    """The table's rows with figures written for the reader and raw values to sort by."""
    rows = []
    for r in view.rows:
        rows.append(
            {
                "unit": r.unit,
                "name": (r.name_en if lang == "en" else None) or r.name_ru,
                "district": r.district,
                "rank": "—" if r.rank is None else r.rank,
                "score": figure(number(r.score, lang), r.score),
                "cells": [
                    {
                        "figure": figure(number(score, lang, 1), score),
                        "level": lv,
                        "symbol": SYMBOLS[lv],
                        "words": word(LEVEL_KEYS[lv], lang),
                    }
                    for score, lv in r.cells
                ],
                "level": r.level,
                "level_text": f"{SYMBOLS[r.level]} {word(LEVEL_KEYS[r.level], lang)}",
                "tasks": r.tasks,
                "data": r.data,
                "feedback": _feedback(r, lang),
            }
        )
    return rows


def _feedback(r, lang: str) -> dict | None:
    """A region's feedback figures written for the reader (None: no case on the platform)."""
    f = r.feedback
    if f is None:
        return None
    return {
        "on_time": figure(number(f.on_time, lang, 1), f.on_time),
        "period": f.period,
        "level": f.level,
        "level_text": f"{SYMBOLS[f.level]} {word(LEVEL_KEYS[f.level], lang)}",
        "open": f.open,
        "overdue": f.overdue,
    }


def _query(view: FederalView, lang: str) -> str:
    """The filters as a query string, for the export links: the file holds the rows shown."""
    params = {"period": view.period, "district": view.district or "", "status": view.status or ""}
    return urlencode({k: v for k, v in params.items() if v} | {"lang": lang})


def _export(view: FederalView, kind: str, lang: str) -> Response:
    """The rows on screen as a file; every text cell inert (`kernel.cells`, `xlsx_row`)."""
    headers = [word("rank", lang), word("region", lang), word("district", lang)]
    headers.append(word("index", lang))
    for _, ru, en in view.sectors:
        name = en if lang == "en" else ru
        headers += [name, f"{name}: {word('status', lang)}"]
    headers.append(word("federal_status", lang))
    if view.with_tasks:
        headers += [
            f"{word('tasks_title', lang)}: {word('federal_tasks_total', lang)}",
            f"{word('tasks_title', lang)}: {word('federal_tasks_overdue', lang)}",
            f"{word('tasks_title', lang)}: {word('federal_tasks_done', lang)}",
        ]
    headers += [
        word("federal_data_arrived", lang),
        word("federal_data_expected", lang),
        word("federal_data_late", lang),
    ]
    headers += [  # feedback figures
        word("figures_federal_on_time", lang),
        word("figures_federal_period", lang),
        word("figures_federal_open", lang),
        word("figures_federal_overdue", lang),
    ]
    words = {lv: f"{SYMBOLS[lv]} {word(LEVEL_KEYS[lv], lang)}" for lv in LEVELS}
    rows = federal_table(view, headers, words, lang)
    stem = f"{word('file_federal', lang)}_{view.period}"
    ascii_stem = f"{word('file_federal', 'en')}_{view.period}"
    if kind == "xlsx":
        content, media = table_xlsx(rows, view.period), XLSX
    else:
        content, media = table_csv(rows), "text/csv; charset=utf-8"
    disposition = (
        f'attachment; filename="{ascii_stem}.{kind}"; '
        f"filename*=UTF-8''{quote(f'{stem}.{kind}', safe='')}"
    )
    return Response(content, media_type=media, headers={"Content-Disposition": disposition})
