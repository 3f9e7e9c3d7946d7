"""The region's page of approvals and proactive notices (`/regions/{code}/approvals`).

For signed-in officials (`dashboard.approvals.may_see_approval_figures`: federal roles, and the
region's own operators who belong to no body); an anonymous reader is sent to sign in. The times
to the last answer are the formula `appr_median_days` grouped by region, owner and kind of
works, computed once per hour and change of the approvals (the one cache); the counts, backlog
and notices at each request. Nothing on it names an applicant or a notice's addressee.
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from tsifra.approvals.vocabulary import STATUS_NAMES, WORKS_NAMES
from tsifra.dashboard.approvals import (
    ApprovalTimes,
    OwnerBacklog,
    RegionApprovals,
    TimeRow,
    region_approvals,
)
from tsifra.demo.store import demo_loaded
from tsifra.kernel.formatting import number
from tsifra.kernel.language import word
from tsifra.kernel.problems import Forbidden, ValidationFailed
from tsifra.proactive.notices import LEVEL_WORDS, NoticeView
from tsifra.reference import load_regions
from tsifra.web.deps import DB, MaybeUser
from tsifra.web.pages.common import NOT_FOUND, Lang, forbidden, render

router = APIRouter()


@router.get("/regions/{code}/approvals")
def approvals_region_page(request: Request, engine: DB, lang: Lang, user: MaybeUser, code: str):
    if user is None:
        return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
    try:
        a = region_approvals(engine, code, user, cache=request.app.state.cache)
    except Forbidden:
        return forbidden(request, lang, user)
    except ValidationFailed as failed:
        return render(request, "error.html", lang, user, 404, title=NOT_FOUND, problems=failed)
    return render(
        request, "approvals/region.html", lang, user,
        synthetic=demo_loaded(engine), **approvals_view(a, lang),
    )  # fmt: skip


def approvals_view(a: RegionApprovals, lang: str) -> dict:
    """The page's figures written for the reader: names, the tables' rows and cells."""
    column = "name_en" if lang == "en" else "name_ru"
    return {
        "a": a,
        "region_name": load_regions().at[a.region, column],
        "statuses": [
            {"key": s, "name": word(STATUS_NAMES[s], lang) if s in STATUS_NAMES else s, "n": n}
            for s, n in a.statuses
        ],
        **times_view(a.times, lang),
        "backlog": [_backlog_row(b, lang) for b in a.backlog],
        "notices": [_notice_row(n, lang) for n in a.notices],
    }


def times_view(times: ApprovalTimes, lang: str) -> dict:
    """The three tables of median days, one column per quarter of the finish."""

    def row(r: TimeRow, name: str) -> dict:
        return {"key": r.key, "name": name, "cells": [number(d, lang, 1) for d in r.days]}

    return {
        "periods": times.periods,
        "overall": row(times.overall, word("afig_overall", lang)),
        "by_owner": [row(r, _name(r.name_ru, r.name_en, r.key, lang)) for r in times.by_owner],
        "by_works": [
            row(r, word(WORKS_NAMES[r.key], lang) if r.key in WORKS_NAMES else r.key)
            for r in times.by_works
        ],
    }


def _backlog_row(b: OwnerBacklog, lang: str) -> dict:
    name = _name(b.name_ru, b.name_en, b.owner, lang)
    return {"key": b.owner, "name": name, "awaited": b.awaited, "overdue": b.overdue}


def _notice_row(n: NoticeView, lang: str) -> dict:
    level = word(LEVEL_WORDS[n.level], lang) if n.level in LEVEL_WORDS else n.level or "—"
    return {
        "id": n.id, "title": n.title, "place": n.municipality(lang) or "—", "rule": n.rule,
        "level": level, "issued_at": n.issued_at,
    }  # fmt: skip


def _name(ru: str | None, en: str | None, code: str, lang: str) -> str:
    return ((en if lang == "en" else None) or ru) or code
