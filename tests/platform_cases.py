"""Hand-made cases of the feedback platform, inserted as rows (no case service needed).

The expected figures on these cases are computed by hand in test_feedback_formulas.py; every
case is there for a reason it states. `AS_OF` is the moment the figures describe.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import insert

from tsifra.store.models import Case

AS_OF = datetime(2025, 5, 1)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


# id, region, status, submitted, due, first response, answered, forwarded, reopened, rating
CASES = [
    # answered well before the deadline: 3 h to respond, 10 days to answer
    (1, "RU-TA", "rated", "2025-01-10 09:00", "2025-02-10 00:00", "2025-01-10 12:00",
     "2025-01-20 09:00", 0, 0, 5),
    # answered exactly at the deadline (to the microsecond): on time; 30 days
    (2, "RU-TA", "closed", "2025-01-15 00:00", "2025-02-14 00:00", "2025-01-15 06:00:00.250000",
     "2025-02-14 00:00", 0, 0, 4),
    # extended to 1 April: answered after the first deadline, before the extended one; reopened
    (3, "RU-TA", "in_progress", "2025-02-01 00:00", "2025-04-01 00:00", "2025-02-01 01:00",
     "2025-03-20 00:00", 0, 1, None),
    # forwarded once, answered five days late
    (4, "RU-TA", "rated", "2025-02-10 00:00", "2025-03-15 00:00", "2025-02-10 12:00",
     "2025-03-20 00:00", 1, 0, 1),
    # open, its deadline passed a month before AS_OF: late
    (5, "RU-TA", "in_progress", "2025-03-01 00:00", "2025-04-01 00:00", "2025-03-01 02:00",
     None, 0, 0, None),
    # the last second of Q1, not yet due at AS_OF: not in the on-time share; responded in 2 s
    (6, "RU-TA", "registered", "2025-03-31 23:59:59", "2025-05-15 00:00", "2025-04-01 00:00:01",
     None, 0, 0, None),
    # rejected, no answer: neither on time nor late
    (7, "RU-TA", "rejected", "2025-03-05 00:00", "2025-04-05 00:00", None, None, 0, 0, None),
    # another region and quarter: answered on time in a day and a half
    (8, "RU-MOW", "answered", "2025-04-10 00:00", "2025-05-10 00:00", "2025-04-10 00:30",
     "2025-04-11 12:00", 0, 0, None),
    # answered only after AS_OF, and not due by then: left out of the on-time share
    (9, "RU-MOW", "answered", "2025-04-20 00:00", "2025-05-20 00:00", "2025-04-20 01:00",
     "2025-05-05 00:00", 0, 0, None),
    # submitted after AS_OF: in no figure
    (10, "RU-MOW", "submitted", "2025-05-02 00:00", None, None, None, 0, 0, None),
]  # fmt: skip


def case_row(record: tuple, **extra) -> dict:
    """One `cases` row from a record; `extra` overrides columns (text, kind, body...)."""
    (id_, region, status, submitted, due, first, answered, fwd, reopened, rating) = record
    digest = hashlib.sha256(str(id_).encode()).hexdigest()
    row = {
        "id": id_,
        "kind": "appeal",
        "category": "roads.pits.yard",
        "region": region,
        "text": f"Яма во дворе, случай {id_}",
        "channel": "web",
        "status": status,
        "body": None,
        "submitted_at": at(submitted),
        "registered_at": at(submitted) if status != "submitted" else None,
        "due_at": at(due) if due else None,
        "first_response_at": at(first) if first else None,
        "answered_at": at(answered) if answered else None,
        "forwarded_count": fwd,
        "reopened_count": reopened,
        "rating": rating,
        "tracking_sha256": digest,
        "content_sha256": digest,
        "updated_at": at(answered or first or submitted),
    }
    return row | extra


def insert_cases(engine, records=CASES, **extra) -> None:
    with engine.begin() as connection:
        connection.execute(insert(Case), [case_row(r, **extra) for r in records])
