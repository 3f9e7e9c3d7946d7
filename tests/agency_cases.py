"""Agencies and the cases they answered, for the agency figures' tests (rows, no services).

Three bodies of RU-TA answer the cases of platform_cases.py: two are agency units (of the
bundled `ru-agency-digital`), the third (a utility) is a body nobody rates. Some cases
stay in triage (no body): they count for the region and for no agency.
"""

from __future__ import annotations

from sqlalchemy import insert

from platform_cases import CASES, case_row
from tsifra.store.models import Body, Case, Unit

ROADS, HEALTH, UTILITY = "ta-roads", "ta-health", "ta-water"
AGENCIES = (ROADS, HEALTH)
# case id → the body that answered it (None: still in triage)
ANSWERED_BY = {
    1: ROADS, 2: ROADS, 3: HEALTH, 4: HEALTH, 5: ROADS, 6: None, 7: UTILITY,
    8: None, 9: None, 10: None,
}  # fmt: skip
# cases of a second quarter and a different region's body, so a grouping mistake shows
MORE = [
    (11, "RU-TA", "rated", "2025-04-02 00:00", "2025-04-20 00:00", "2025-04-02 01:00",
     "2025-04-10 00:00", 0, 1, 2),
    (12, "RU-TA", "rated", "2025-04-03 00:00", "2025-04-15 00:00", "2025-04-03 01:00",
     "2025-04-16 00:00", 0, 0, 5),
    (13, "RU-TA", "answered", "2025-04-05 00:00", "2025-05-05 00:00", "2025-04-05 01:00",
     "2025-04-06 00:00", 0, 0, 3),
]  # fmt: skip
ANSWERED_BY |= {11: ROADS, 12: HEALTH, 13: UTILITY}


def insert_agencies(engine) -> None:
    """The bodies, the agency units of two of them, and every case with its answering body."""
    with engine.begin() as connection:
        connection.execute(
            insert(Body),
            [
                {"code": code, "region": "RU-TA", "name_ru": name, "kind": kind}
                for code, name, kind in (
                    (ROADS, "Минтранс РТ", "regional"),
                    (HEALTH, "Минздрав РТ", "regional"),
                    (UTILITY, "Водоканал", "organisation"),
                )
            ],
        )
        connection.execute(
            insert(Unit),
            [
                {"code": code, "kind": "agency", "name_ru": name, "parent": "RU-TA"}
                for code, name in ((ROADS, "Минтранс РТ"), (HEALTH, "Минздрав РТ"))
            ],
        )
        connection.execute(
            insert(Case), [case_row(r, body=ANSWERED_BY[r[0]]) for r in (*CASES, *MORE)]
        )
