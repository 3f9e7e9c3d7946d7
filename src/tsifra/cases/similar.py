"""Open cases like the one a citizen is about to file, shown before it is sent.

FixMyStreet's users ask for this most: a pothole reported ten times is ten cases for a body and
ten waits for the citizens; showing the open case nearby lets the citizen follow it instead.
A case is like the draft when it is open, in the same region, of the same category or of one
next to it (the same parent in the tree), and — when both have a point — within `radius_m`
metres; among those, the more words it shares with the draft (Russian word forms: «яма»,
«ямы», «ямой» are one word) and the nearer it is, the higher it ranks. Without a point on
either side the words alone decide, so a case needs some of them in common to be shown.

What is returned is built from the case's public view (`CaseView.public()`): the text only if
the citizen published it, no name, no contact.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy import Engine, and_, or_, select

from tsifra.cases.regimes import FEEDBACK_KINDS
from tsifra.cases.views import CaseView, view_of
from tsifra.kernel.words import stems
from tsifra.store import session_scope
from tsifra.store.models import Case

OPEN_STATUSES = ("submitted", "registered", "forwarded", "in_progress", "extended")
EARTH_RADIUS_M = 6_371_008.8  # the mean radius, as haversine distances usually take it
METRES_PER_DEGREE = 111_320.0  # of latitude; of longitude times cos(latitude)
# Without a point the words alone decide: below this share of shared stems a case is noise.
MIN_TEXT_SIMILARITY = 0.15
# Without a point, only the region's newest open cases of the category are compared: a bound
# on the work one keystroke costs, whatever the region's backlog.
MAX_CANDIDATES = 500


@dataclass(frozen=True)
class Suggestion:
    """An open case like the draft: its public view, how far (metres, when both have a point)
    and how alike the words are (0–1)."""

    case: CaseView
    distance_m: float | None
    similarity: float
    score: float


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle distance in metres (haversine): exact enough for a few hundred metres
    and for any two points in Russia alike."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def _category_group(category: str):
    """The category, and every category under its parent (or under it, at the top level)."""
    parent = category.rsplit(".", 1)[0] if "." in category else category
    under = parent.replace("\\", "").replace("%", "").replace("_", "\\_") + ".%"
    return or_(Case.category == parent, Case.category.like(under, escape="\\"))


def _box(latitude: float, longitude: float, radius_m: float):
    """A lat/lon rectangle around the point, a little larger than the circle: the index-friendly
    prefilter; the exact distance is checked after."""
    dlat = radius_m / METRES_PER_DEGREE * 1.01
    dlon = radius_m / (METRES_PER_DEGREE * max(math.cos(math.radians(latitude)), 0.01)) * 1.01
    return (
        Case.latitude.between(latitude - dlat, latitude + dlat),
        Case.longitude.between(longitude - dlon, longitude + dlon),
    )


def similar_open_cases(
    engine: Engine,
    region: str,
    category: str,
    latitude: float | None,
    longitude: float | None,
    text: str,
    radius_m: float = 300,
    limit: int = 5,
) -> list[Suggestion]:
    """At most `limit` open cases like the draft, the most alike first (see the module)."""
    if not region or not category:
        return []
    here = latitude is not None and longitude is not None
    query = select(Case.id, Case.category, Case.text, Case.latitude, Case.longitude).where(
        Case.region == region,
        Case.kind.in_(FEEDBACK_KINDS),
        Case.status.in_(OPEN_STATUSES),
        Case.duplicate_of.is_(None),
        _category_group(category),
    )
    if here:
        # A case with a point must be inside the circle; one without a point may still be
        # the same problem described by its address, and is judged by its words.
        box = _box(latitude, longitude, radius_m)
        query = query.where(or_(Case.latitude.is_(None), Case.longitude.is_(None), and_(*box)))
    query = query.order_by(Case.submitted_at.desc()).limit(MAX_CANDIDATES)
    wanted = stems(text or "")
    found: list[tuple[float, int, float | None, float]] = []
    with session_scope(engine) as session:
        for case_id, code, body_text, lat, lon in session.execute(query):
            alike = words_alike(wanted, stems(body_text or ""))
            near = None
            if here and lat is not None and lon is not None:
                near = distance_m(latitude, longitude, lat, lon)
                if near > radius_m:
                    continue
                score = 0.5 * alike + 0.4 * (1 - near / radius_m)
            elif alike < MIN_TEXT_SIMILARITY:
                continue
            else:
                score = 0.8 * alike
            if code == category:
                score += 0.1
            found.append((score, case_id, near, alike))
        found.sort(key=lambda item: (-item[0], -item[1]))
        best = found[:limit]
        # The public view of each, built from its row alone: events and files are not shown.
        cases = session.scalars(select(Case).where(Case.id.in_([i for _, i, _, _ in best])))
        views = {case.id: view_of(case).public() for case in cases}
    return [
        Suggestion(views[case_id], near, round(alike, 3), round(score, 3))
        for score, case_id, near, alike in best
    ]


def words_alike(draft: frozenset[str], other: frozenset[str]) -> float:
    """How alike two texts' stems are, 0–1: the Dice coefficient, which a short draft (a few
    words typed so far) against a long case text does not push to zero as Jaccard would."""
    if not draft or not other:
        return 0.0
    return 2 * len(draft & other) / (len(draft) + len(other))
