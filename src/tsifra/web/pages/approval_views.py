"""What the approvals' pages share: the words for the flow's codes (kinds of works, states,
decisions, events), the Moscow day a deadline falls on, the sketch of a project as its reader
may see it, and the way to the sign-in page.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import RedirectResponse
from sqlalchemy import Engine

from tsifra.accounts.users import Account
from tsifra.approvals.owners import owners_for
from tsifra.approvals.sketch import may_see_zones, zone_shapes
from tsifra.approvals.vocabulary import STATUSES, WORKS
from tsifra.kernel.cache import Cache
from tsifra.kernel.language import word, word_key
from tsifra.reports.names import region_names
from tsifra.web.pages.approval_map import Sketch, bounds_of, plane_around, sketch

MOSCOW = timedelta(hours=3)  # deadlines are the end of a Moscow day

# The flow's words for its codes (`kernel.language.approvals`), one for every shell.
WORKS_WORDS = {
    "new_network": word_key("appr_works_new_network"),
    "excavation": word_key("appr_works_excavation"),
    "connection": word_key("appr_works_connection"),
    "near_networks": word_key("appr_works_near_networks"),
}
STATUS_WORDS = {
    "under_review": word_key("appr_status_under_review"),
    "approved": word_key("appr_status_approved"),
    "refused": word_key("appr_status_refused"),
    "withdrawn": word_key("appr_status_withdrawn"),
}
DECISION_WORDS = {
    None: word_key("appr_decision_awaited"),
    "approved": word_key("appr_decision_approved"),
    "conditions": word_key("appr_decision_conditions"),
    "refused": word_key("appr_decision_refused"),
    "silence": word_key("appr_decision_silence"),
}
EVENT_WORDS = {
    "sent": word_key("appr_event_sent"),
    "answered": word_key("appr_event_answered"),
    "lapsed": word_key("appr_event_lapsed"),
    "revised": word_key("appr_event_revised"),
}
DONE_WORDS = {
    "filed": word_key("apage_done_filed"),
    "revised": word_key("apage_done_revised"),
    "answered": word_key("apage_done_answered"),
}
# The form's fields as a person reads them, to say where a problem is.
FIELD_WORDS = {
    "region": word_key("apage_region"),
    "works": word_key("apage_works"),
    "title": word_key("apage_title"),
    "description": word_key("apage_description"),
    "applicant_name": word_key("apage_applicant_name"),
    "applicant_inn": word_key("apage_inn"),
    "starts_on": word_key("apage_starts_on"),
    "ends_on": word_key("apage_ends_on"),
    "geometry": word_key("apage_place"),
    "geometry_file": word_key("apage_geometry_file"),
    "coordinates": word_key("apage_coordinates"),
    "documents": word_key("apage_documents"),
    "decision": word_key("apage_col_decision"),
    "text": word_key("apage_conditions"),
}
assert set(WORKS_WORDS) == set(WORKS)
assert set(STATUS_WORDS) == set(STATUSES)


def to_login(request: Request) -> RedirectResponse:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target)}", status_code=303)


def moscow_day(when: datetime | None):
    """The Moscow day a stored UTC moment falls on: a deadline reads «до 12.12.2026»."""
    return None if when is None else (when + MOSCOW).date()


def template_words(lang: str) -> dict[str, object]:
    """What every approvals' template uses to write a code in words."""

    def field_name(path: str | None) -> str:
        head = (path or "").split("[", 1)[0].split(".", 1)[0]
        key = FIELD_WORDS.get(head)
        return word(key, lang) if key else ""

    return {
        "works_words": WORKS_WORDS,
        "cap": lambda text: text[:1].upper() + text[1:],
        "status_words": STATUS_WORDS,
        "decision_words": DECISION_WORDS,
        "event_words": EVENT_WORDS,
        "field_name": field_name,
        "moscow_day": moscow_day,
        "region_name": lambda code: region_names(lang).get(code, code),
    }


def project_sketch(engine: Engine, lang: str, user: Account, view, cache: Cache) -> Sketch:
    """The project's site on one plane with, for an official, the zones it touches: an owner's
    operators see their own owner's zones only (another's networks are not theirs to see), a
    region's operators and admins every owner's. `cache` keeps the zones' spatial index."""
    zones = []
    if may_see_zones(user):
        hits = owners_for(engine, view.geometry, region=view.region, cache=cache)
        hits = [hit for hit in hits if user.body is None or hit.owner == user.body]
        names = {hit.owner: hit.name for hit in hits}
        ids = [zone.id for hit in hits for zone in hit.zones]
        zones = [
            (z.id, z.owner, z.network, f"{names.get(z.owner, z.owner)} — {z.name}", z.geometry)
            for z in zone_shapes(engine, ids, user)
        ]
    extent = bounds_of([view.geometry, *(z[4] for z in zones)])
    return sketch(plane_around(extent), lang, view.geometry, zones)
