"""The quarter's data: a region's submission page and its Excel template, every region's counts.

The services (`values.submission`, `values.template`) decide who may read what and record
refusals; this module shapes their answers in the page's language. `by_region_rows` is what the
federal view's table (`_submission_by_region.html`) takes, wherever that table is included.
"""

from __future__ import annotations

from datetime import date
from pathlib import PurePath
from urllib.parse import quote

import pandas as pd
from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from tsifra.kernel.formatting import day, number, percent
from tsifra.kernel.formatting import period as period_name
from tsifra.kernel.language import word, word_key
from tsifra.kernel.periods import parse_period, period_range
from tsifra.kernel.problems import Forbidden, ValidationFailed
from tsifra.methodology import DEFAULT_METHODOLOGY
from tsifra.values.submission import (
    AWAITED,
    LATE,
    MISSING,
    ON_TIME,
    Completeness,
    RegionSubmission,
    SubmissionsByRegion,
    collection_period,
    region_submission,
    submissions_by_region,
)
from tsifra.values.template import XLSX, submission_template
from tsifra.web.deps import DB, MaybeUser
from tsifra.web.pages.common import NOT_FOUND, Lang, forbidden, render

router = APIRouter()

STATE_KEYS = {
    ON_TIME: word_key("state_on_time"),
    LATE: word_key("state_late"),
    MISSING: word_key("state_missing"),
    AWAITED: word_key("state_awaited"),
}
PERIODS_SHOWN = 4  # links to the quarters around the one shown


@router.get("/regions/{code}/submission")
def submission_page(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    code: str,
    period: str | None = Query(None, max_length=16),
):
    """What the region owes for the quarter, what has arrived, what is missing or late."""
    if user is None:
        return _sign_in(request)
    try:
        s = region_submission(engine, user, code, DEFAULT_METHODOLOGY, period or None)
    except Forbidden:
        return forbidden(request, lang, user)
    except ValidationFailed as failed:
        return render(request, "error.html", lang, user, 404, title=NOT_FOUND, problems=failed)
    return render(request, "submission.html", lang, user, **submission_view(s, lang))


@router.get("/regions/{code}/submission/template.xlsx")
def submission_template_file(
    engine: DB,
    request: Request,
    lang: Lang,
    user: MaybeUser,
    code: str,
    period: str | None = Query(None, max_length=16),
):
    """The region's Excel template for the quarter, pre-filled with codes, names, units and the
    last values; uploaded back as it is on /upload."""
    if user is None:
        return _sign_in(request)
    try:
        name, content = submission_template(
            engine, user, code, DEFAULT_METHODOLOGY, period or None, lang
        )
    except Forbidden:
        return forbidden(request, lang, user)
    except ValidationFailed as failed:
        return render(request, "error.html", lang, user, 404, title=NOT_FOUND, problems=failed)
    headers = {
        "Content-Disposition": f"attachment; filename=\"{name}\"; filename*=UTF-8''{quote(name)}",
        "Cache-Control": "private, no-store",
    }
    return Response(content, media_type=XLSX, headers=headers)


@router.get("/submissions")
def submissions_page(
    request: Request,
    engine: DB,
    lang: Lang,
    user: MaybeUser,
    period: str | None = Query(None, max_length=16),
):
    """Every region's submission for the quarter: federal roles only."""
    if user is None:
        return _sign_in(request)
    try:
        view = submissions_by_region(engine, user, DEFAULT_METHODOLOGY, period or None)
    except Forbidden:
        return forbidden(request, lang, user)
    except ValidationFailed as failed:
        return render(request, "error.html", lang, user, 404, title=NOT_FOUND, problems=failed)
    return render(request, "submissions.html", lang, user, **by_region_view(view, lang))


def submission_view(s: RegionSubmission, lang: str) -> dict:
    """A region's submission in the page's words: the due date, the counts, a row per indicator."""
    days = s.days_left
    if days > 0:
        due = word("submission_due", lang, due=s.due, days=days)
    elif days == 0:
        due = word("submission_due_today", lang, due=s.due)
    else:
        due = word("submission_overdue", lang, due=s.due, days=-days)
    counts = {state: s.count(state) for state in STATE_KEYS}
    rows = [
        {
            "indicator": r["indicator"],
            "name": (r["name_en"] if lang == "en" else None) or r["name"],
            "measure": r["measure"] or "",
            "state": r["state"],
            "state_text": word(STATE_KEYS[r["state"]], lang),
            "value": "" if pd.isna(r["value"]) else number(r["value"], lang),
            "arrived_at": _moscow_time(r["arrived_at"], lang),
            "file": _file_shown(r["file_name"], r["source"]),
            "last": ""
            if pd.isna(r["last_value"])
            else f"{number(r['last_value'], lang)} ({period_name(r['last_period'], lang)})",
        }
        for r in s.table.to_dict("records")
    ]
    return {
        "s": s,
        "region": (s.name_en if lang == "en" else None) or s.name_ru,
        "due_text": due,
        "overdue": days < 0,
        "counts_text": word("submission_counts", lang, expected=len(rows), **counts),
        "rows": rows,
        "periods": _periods_around(s.period, s.today),
        "template_url": f"/regions/{s.unit}/submission/template.xlsx?period={s.period}",
    }


def by_region_view(view: SubmissionsByRegion, lang: str) -> dict:
    """Every region's counts in the page's words: the context `_submission_by_region.html` takes
    (`submissions`, `by_region`, `not_reported_text`; `submission_periods` for a period list)."""
    table = view.table
    past = view.today > view.due
    rows = []
    for r in table.to_dict("records"):
        name = (r["name_en"] if lang == "en" else None) or r["name_ru"]
        if not past:
            reported = word("reported_pending", lang)
        else:
            key = word_key("reported_yes") if r["reported"] else word_key("reported_no")
            reported = word(key, lang)
        rows.append(
            {
                "unit": r["unit"],
                "name": name,
                "district": r["federal_district"] or "",
                ON_TIME: int(r[ON_TIME]),
                LATE: int(r[LATE]),
                MISSING: int(r[MISSING]),
                AWAITED: int(r[AWAITED]),
                "reported": bool(r["reported"]),
                "reported_text": reported,
                "share": percent(100 * r["arrived"] / view.expected if view.expected else 0, lang),
            }
        )
    return {
        "submissions": view,
        "by_region": rows,
        "not_reported_text": word(
            "submissions_not_reported",
            lang,
            due=view.due,
            n=len(view.not_reported),
            total=len(table),
        ),
        "submission_periods": _periods_around(view.period, view.today),
    }


def incomplete_note(period: str, completeness: Completeness | None, lang: str) -> str | None:
    """What a page showing an incomplete period says above its figures (None when complete)."""
    if completeness is None or completeness.complete:
        return None
    return word(
        "period_incomplete",
        lang,
        period=period,
        share=percent(100 * completeness.share, lang),
        threshold=percent(100 * completeness.threshold, lang, 0),
    )


def _periods_around(shown: str, today: date) -> list[str]:
    """The quarters before the one shown, and after it up to the one being collected."""
    p = parse_period(shown)
    if p is None or p.freq != "Q":
        return []
    before = period_range(f"{p.year - 1}Q{p.sub}", shown)[-PERIODS_SHOWN:-1]
    now = collection_period(today)
    after = period_range(shown, now)[1:PERIODS_SHOWN] if parse_period(now) > p else []
    return [*before, *after]


def _file_shown(file_name: object, source: object) -> str:
    """The file a value came in, by its own name (never the server's folder), else its source."""
    if isinstance(file_name, str) and file_name:
        return PurePath(file_name.replace("\\", "/")).name
    return source if isinstance(source, str) else ""


def _moscow_time(moment, lang: str) -> str:
    """A moment already in Moscow time (`values.submission`), to the minute."""
    if moment is None or pd.isna(moment):
        return ""
    return f"{day(moment.date(), lang)} {moment:%H:%M}"


def _sign_in(request: Request) -> RedirectResponse:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target)}", status_code=303)
