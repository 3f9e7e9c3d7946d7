"""A region's public picture: counts by category, status and municipality, a page of cases,
and nothing personal in it."""

from __future__ import annotations

from datetime import datetime, timedelta

from feedback_rows import MARKED, add_case
from tsifra.cases.overview import region_overview

NOW = datetime(2026, 3, 20, 12, 0)


def test_counts_pages_and_overdue(store):
    start = datetime(2026, 3, 1, 8, 0)
    for i in range(30):
        add_case(
            store,
            category="roads.pits.yard" if i % 3 else "lighting.street",
            status="in_progress" if i % 2 else "closed",
            oktmo="29701000" if i < 10 else None,
            due_at=NOW - timedelta(days=1) if i in (1, 3) else NOW + timedelta(days=5),
            submitted_at=start + timedelta(hours=i),
            text=f"Текст-PII-{i}",
        )
    add_case(store, region="RU-TUL")
    o = region_overview(store, "RU-KLU", page=1, page_size=25, now=NOW)
    assert (o.total, o.open, o.overdue) == (30, 15, 2)
    assert dict(o.by_category) == {"roads.pits.yard": 20, "lighting.street": 10}
    assert dict(o.by_status) == {"in_progress": 15, "closed": 15}
    assert dict(o.by_municipality) == {None: 20, "29701000": 10}
    assert o.pages == 2 and len(o.rows) == 25
    assert o.rows[0].submitted_at == start + timedelta(hours=29)  # the newest first
    last = region_overview(store, "RU-KLU", page=2, page_size=25, now=NOW)
    assert len(last.rows) == 5
    assert {r.id for r in o.rows}.isdisjoint({r.id for r in last.rows})
    written = repr(o) + repr(last)
    assert "Текст-PII" not in written
    for value in MARKED.values():
        assert value not in written
