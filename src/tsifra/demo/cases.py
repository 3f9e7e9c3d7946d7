"""The demo's feedback platform: synthetic cases for the last quarters, so its pages show figures.

For every region, a few dozen appeals, ПОС messages and incidents a quarter over the four
quarters up to `today`, each with its deadline, first response, answer, rating, forwarding and
reopening drawn at random. How often a region answers on time follows its latest synthetic
`gov_pos_on_time` in the demo panel, so the feedback page and the rating tell the same story.
The rating keeps the panel's published values: these cases only feed the feedback pages (the
figures of `tsifra marts compute --from-platform` would replace the panel's on-time share only
for these four quarters, and only when someone runs it).

Deadlines are simple calendar approximations of the regimes (appeal: 30 days after registration,
message: 10 working days ≈ 14 days, incident: 24 hours), not the case core's legal calendar:
enough for synthetic figures. Every text says it is synthetic, no case has a contact, and the
bodies are made up («(демо)»).
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta

import numpy as np
import pandas as pd
from sqlalchemy import Engine, insert

from tsifra.store import Body, Case, CaseEvent

QUARTERS = 4
PER_QUARTER = 24  # cases per region per quarter
ACTOR = "demo"
KINDS = (("appeal", timedelta(days=30)), ("message", timedelta(days=14)),
         ("incident", timedelta(hours=24)))  # fmt: skip
KIND_SHARES = (0.4, 0.45, 0.15)
CATEGORIES = ("roads.pits.yard", "yards.lighting.street", "housing.heating.no_heating",
              "housing.water.leak", "transport.routes.schedule")  # fmt: skip
# two made-up bodies per region: which answers a category (the rest of the region: triage)
BODIES = (("roads", "Дорожное ведомство (демо)", "Roads agency (demo)", ("roads", "transport")),
          ("housing", "Жилищная инспекция (демо)", "Housing inspectorate (demo)",
           ("housing", "yards")))  # fmt: skip


def load_demo_cases(
    engine: Engine, panel: pd.DataFrame, today: date | None = None, seed: int = 2024
) -> int:
    """Insert the synthetic bodies and cases (with their events); returns how many cases."""
    today = today or date.today()
    now = datetime.combine(today, datetime.min.time()) + timedelta(hours=12)
    on_time = _on_time_by_region(panel)
    rng = np.random.default_rng(seed)
    bodies, cases, events = [], [], []
    case_id = 0
    start = _quarter_start(today, QUARTERS - 1)
    for region in sorted(on_time):
        for code, ru, en, _ in BODIES:
            bodies.append({"code": f"{region.lower()}-{code}", "region": region,
                           "name_ru": ru, "name_en": en, "kind": "regional"})  # fmt: skip
        seconds = (now - start).total_seconds()
        n = PER_QUARTER * QUARTERS
        for offset in np.sort(rng.uniform(0, seconds, n)):
            case_id += 1
            case, steps = _case(rng, case_id, region, start + timedelta(seconds=float(offset)),
                                now, on_time[region])  # fmt: skip
            cases.append(case)
            events += steps
    with engine.begin() as connection:
        connection.execute(insert(Body), bodies)
        connection.execute(insert(Case), cases)
        connection.execute(insert(CaseEvent), events)
    return len(cases)


def _case(rng, case_id, region, submitted, now, p_on_time) -> tuple[dict, list[dict]]:
    k = rng.choice(len(KINDS), p=KIND_SHARES)
    kind, term = KINDS[k]
    category = CATEGORIES[rng.integers(len(CATEGORIES))]
    body = next((f"{region.lower()}-{code}" for code, *_, prefixes in BODIES
                 if category.split(".")[0] in prefixes), None)  # fmt: skip
    registered = submitted + timedelta(hours=float(rng.uniform(0.5, 30)))
    due = registered + term
    forwarded = int(rng.random() < 0.1)
    extended = kind == "appeal" and rng.random() < 0.06
    if extended:
        due += timedelta(days=30)
    answered = None
    if due < now:  # its outcome is known: on time, late, or still unanswered
        if rng.random() < p_on_time:
            answered = registered + (due - registered) * float(rng.uniform(0.2, 1.0))
        elif rng.random() < 0.7:
            answered = due + timedelta(hours=float(rng.uniform(1, 24 * 20)))
    elif rng.random() < 0.5:  # not yet due: some answered already
        answered = registered + (now - registered) * float(rng.uniform(0.1, 1.0))
    if answered is not None and answered > now:
        answered = None
    status, rating, reopened, rated_at, closed = "in_progress", None, 0, None, None
    if registered > now:
        status, registered = "submitted", None
    elif answered is not None:
        status = "answered"
        if rng.random() < 0.45:
            rating, status = int(rng.choice(5, p=(0.1, 0.1, 0.2, 0.3, 0.3)) + 1), "rated"
            rated_at = min(answered + timedelta(days=2), now)
            if rating <= 2 and rng.random() < 0.3:
                status, reopened = "in_progress", 1
            elif rng.random() < 0.5:
                status, closed = "closed", min(answered + timedelta(days=5), now)
    digest = hashlib.sha256(f"demo-case-{case_id}".encode()).hexdigest()
    case = {
        "id": case_id, "kind": kind, "category": category, "region": region,
        "text": f"Демонстрационное обращение № {case_id} (синтетические данные)",
        "channel": "social" if kind == "incident" else "web", "status": status, "body": body,
        "submitted_at": submitted, "register_by": submitted + timedelta(days=3),
        "registered_at": registered, "due_at": due if registered else None,
        "extended_at": registered + timedelta(days=10) if extended and registered else None,
        "forwarded_count": forwarded, "first_response_at": registered,
        "answered_at": answered,
        "answer_text": "Демонстрационный ответ (синтетические данные)" if answered else None,
        "rating": rating, "solved": None if rating is None else rating >= 4,
        "rated_at": rated_at, "reopened_count": reopened, "closed_at": closed,
        "tracking_sha256": digest, "content_sha256": digest,
        "updated_at": max(t for t in (submitted, registered, answered, rated_at, closed) if t),
    }  # fmt: skip
    steps = [_event(case_id, submitted, "submitted", "submitted", None)]
    if registered:
        steps.append(_event(case_id, registered, "registered", "registered", body))
    if answered:
        steps.append(_event(case_id, answered, "answered", "answered", body))
    return case, steps


def _event(case_id: int, at: datetime, action: str, status: str, body: str | None) -> dict:
    actor = "citizen" if action == "submitted" else ACTOR
    return {"case_id": case_id, "at": at, "actor": actor, "action": action, "status": status,
            "body": body, "public": True}  # fmt: skip


def _on_time_by_region(panel: pd.DataFrame) -> dict[str, float]:
    """Each region's latest synthetic on-time share, as a probability (0.5 where it has none)."""
    rows = panel[panel["indicator"] == "gov_pos_on_time"].dropna(subset=["value"])
    latest = rows.sort_values("period").groupby("unit")["value"].last()
    regions = panel["unit"].unique()
    return {r: float(np.clip(latest.get(r, 50.0) / 100, 0, 1)) for r in regions}


def _quarter_start(today: date, back: int) -> datetime:
    """The first moment of the quarter `back` quarters before today's (naive UTC)."""
    q = (today.month - 1) // 3 - back
    year = today.year + q // 4
    month = (q % 4) * 3 + 1
    return datetime(year, month, 1, tzinfo=UTC).replace(tzinfo=None)
