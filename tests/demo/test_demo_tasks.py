"""The demo's tasks: a realistic set in every state a governor's office meets."""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import Engine

from tsifra.accounts import create_user
from tsifra.demo.tasks import load_demo_tasks
from tsifra.tasks.summary import region_counts
from tsifra.tasks.tasks import get_task, list_tasks

TODAY = date(2026, 6, 1)


def test_the_demo_carries_tasks_in_every_state(store: Engine) -> None:
    accounts = {
        login: create_user(store, login, "long-enough-pass", role, region=region)
        for login, role, region in (
            ("admin", "admin", None),
            ("analyst", "analyst", None),
            ("operator", "operator", "RU-TA"),
        )
    }
    ids = load_demo_tasks(store, accounts, TODAY)
    assert 20 <= len(ids) <= 40
    tasks = list_tasks(store, today=TODAY)
    states = Counter(t.status for t in tasks)
    assert states["cancelled"] == 1
    assert all(states[s] >= 3 for s in ("new", "in_progress", "reported", "returned", "accepted"))
    assert sum(t.overdue for t in tasks) >= 5
    assert len({t.region for t in tasks}) >= 5
    assert all(t.document_number and t.source and t.indicator for t in tasks)
    returned = [t for t in tasks if t.status == "returned"]
    assert all(get_task(store, t.id).history[-1][3] for t in returned)  # why, in words
    counts = region_counts(store, accounts["analyst"], TODAY)
    assert counts["RU-TA"].accepted >= 3 and counts["RU-TA"].overdue >= 3
