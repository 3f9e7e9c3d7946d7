"""What the registry's pages share: the vocabulary in the reader's words, a practice read or the
404 page, the way to the login page, and why a replication is not counted."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import RedirectResponse

from tsifra.kernel import formatting
from tsifra.kernel.language import word_key
from tsifra.kernel.problems import ValidationFailed
from tsifra.practices.records import read_practice
from tsifra.practices.vocabulary import (
    ai_kind_word,
    evidence_word,
    replication_status_word,
    sector_word,
    stage_word,
)
from tsifra.web.pages.common import NOT_FOUND, render

NO_CONTRACT = word_key("registry_uncounted_no_evidence")
NO_DETAILS = word_key("registry_uncounted_no_details")


def labels(lang: str) -> dict[str, Any]:
    """The registry's words and sums for a template, in the page's language."""
    return {
        "sector_word": lambda code: sector_word(code, lang),
        "ai_word": lambda code: ai_kind_word(code, lang),
        "stage_word": lambda code: stage_word(code, lang),
        "replication_word": lambda code: replication_status_word(code, lang),
        "evidence_word": lambda code: evidence_word(code, lang),
        "money": lambda value: formatting.money(value, lang),
        "link_of": link_of,
    }


def link_of(url: str | None) -> str | None:
    """A link to show as one: http(s) only (the service accepts no other, and a page never
    turns a stored `javascript:` into something to click)."""
    if url and url.strip().lower().startswith(("https://", "http://")):
        return url.strip()
    return None


def uncounted_reason(replication: Any) -> str | None:
    """The key of why a replication is not counted, None when it is: no contract or act at
    all, or one named without its number and date, a link or a file."""
    if getattr(replication, "counted", False):
        return None
    return NO_DETAILS if replication.evidence_kind else NO_CONTRACT


def to_login(request: Request) -> RedirectResponse:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target)}", status_code=303)


def practice_or_page(request: Request, engine, lang: str, user, practice_id: int):
    """(the practice, None), or (None, the 404 page) when there is no such practice."""
    try:
        return read_practice(engine, practice_id), None
    except ValidationFailed as failed:
        if all(p.code == "practice_unknown" for p in failed.problems):
            return None, render(request, "error.html", lang, user, 404, title=NOT_FOUND)
        raise
