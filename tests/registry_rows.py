"""A small registry of practices inserted as rows (no registry service needed), for the
registry formulas' tests. Every record is there for a reason it states; the figures expected on
it are worked out by hand in tests/marts/test_registry_formulas.py. `AS_OF` is 15 March 2025.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import insert

from tsifra.store.models import (
    Practice,
    PracticeEffect,
    PracticeEvidence,
    PracticeRegion,
    PracticeReplication,
    PracticeStage,
)

AS_OF = date(2025, 3, 15)
WHEN = datetime(2025, 3, 1, 12, 0)

# id, sector, ai_kind, regions
PRACTICES = [
    (1, "health", "vision", ("RU-TA",)),  # AI in production from the last day of 2024Q2
    (2, "gov", "text", ("RU-TA", "RU-MOW")),  # AI in production in 2024Q4 only, then retired
    (3, "health", "prediction", ("RU-TA",)),  # production and retired on one day: retired
    (4, "transport", None, ("RU-TA",)),  # not AI: in no direction, but in the effect share
    (5, "other", "speech", ("RU-TA",)),  # AI in production, but in none of the directions
    (6, "city", "recommendation", ("RU-MOW",)),  # its first stage is after AS_OF: not yet
]
# practice, stage, since (ids follow the order: the later row of one day is recorded later)
STAGES = [
    (1, "idea", "2024-01-10"), (1, "pilot", "2024-03-01"), (1, "production", "2024-06-30"),
    (2, "pilot", "2024-02-01"), (2, "production", "2024-10-01"), (2, "retired", "2025-02-01"),
    (3, "production", "2024-04-01"), (3, "retired", "2024-04-01"),
    (4, "production", "2024-01-15"),
    (5, "production", "2024-01-01"),
    (6, "production", "2025-05-01"),
]  # fmt: skip
# practice, region, effect (None: not measurable)
EFFECTS = [(1, "RU-TA", 4.0), (2, "RU-TA", None), (2, "RU-MOW", 1.5), (4, "RU-TA", -2.0),
           (5, "RU-TA", 3.0)]  # fmt: skip
# practice, kind, recorded: an act proves P1 only from August; a link proves nothing
EVIDENCE = [(1, "act", "2024-08-15"), (4, "report", "2024-01-20"), (5, "link", "2024-01-02")]
# practice, region, evidence kind, number, date, url, recorded
REPLICATIONS = [
    (2, "RU-KLU", "contract", "ГК-17", "2024-05-01", None, "2024-05-05"),  # counted
    (5, "RU-KLU", "act", None, None, None, "2024-01-02"),  # a kind but no document: not counted
    (5, "RU-MOW", "contract", "12", None, None, "2024-01-02"),  # a number without a date: not
    (5, "RU-KLU", None, None, None, "https://example.org/a", "2024-01-02"),  # no kind: not
    (5, "RU-KLU", "act", "", "2024-01-02", "", "2024-01-02"),  # empty texts: not counted
]


def day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def insert_registry(engine, *, synthetic: bool = False) -> None:
    with engine.begin() as c:
        c.execute(
            insert(Practice),
            [
                {"id": i, "title": f"Практика {i}", "sector": sector, "ai_kind": ai,
                 "stage": "idea", "verified_at": date(2025, 1, 1), "created_at": WHEN,
                 "updated_at": WHEN, "synthetic": synthetic}
                for i, sector, ai, _ in PRACTICES
            ],
        )  # fmt: skip
        c.execute(
            insert(PracticeRegion),
            [{"practice_id": i, "region": r} for i, _, _, regions in PRACTICES for r in regions],
        )
        c.execute(
            insert(PracticeStage),
            [
                {"id": n, "practice_id": i, "stage": s, "since": day(since), "at": WHEN}
                for n, (i, s, since) in enumerate(STAGES, start=1)
            ],
        )
        c.execute(
            insert(PracticeEffect),
            [
                {"practice_id": i, "indicator": "gov_edo", "region": r, "effect": e,
                 "data_version": "v1"}
                for i, r, e in EFFECTS
            ],
        )  # fmt: skip
        c.execute(
            insert(PracticeEvidence),
            [
                {"practice_id": i, "kind": k, "title": k, "added_at": datetime.fromisoformat(on)}
                for i, k, on in EVIDENCE
            ],
        )
        c.execute(
            insert(PracticeReplication),
            [
                {"practice_id": i, "region": r, "started_on": day(on), "status": "production",
                 "evidence_kind": k, "evidence_number": number, "evidence_date": day(dated),
                 "evidence_url": url, "verified_at": day(on),
                 "created_at": datetime.fromisoformat(on)}
                for i, r, k, number, dated, url, on in REPLICATIONS
            ],
        )  # fmt: skip
