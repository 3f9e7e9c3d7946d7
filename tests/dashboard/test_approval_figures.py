"""The region's approvals on the dashboard: statuses, times (the formula, grouped three ways),
the owners' backlog, the latest public notices, and who may see them.

The projects are those of approval_figure_rows.py, read as of `AS_OF` (1 July 2026).
"""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import insert, select

from approval_figure_rows import AS_OF, insert_notices, insert_projects, project_rows
from tsifra.accounts.users import Account
from tsifra.dashboard.approvals import (
    approval_times,
    may_see_approval_figures,
    region_approvals,
)
from tsifra.kernel.cache import Cache
from tsifra.kernel.problems import Forbidden, ValidationFailed
from tsifra.store.models import (
    ApprovalProject,
    ApprovalRequest,
    AuditEntry,
    Case,
    CaseEvent,
)

ADMIN = Account(1, "admin", "Админ", "admin", None)
ANALYST = Account(2, "analyst", "Аналитик", "analyst", None)
TA_OPERATOR = Account(3, "ta", "Оператор", "operator", "RU-TA")
MOW_OPERATOR = Account(4, "mow", "Оператор", "operator", "RU-MOW")
GAS_OPERATOR = Account(5, "gaz", "Оператор газа", "operator", "RU-TA", "ru-ta-gaz")
APPLICANT = Account(6, "firm", "ООО «Тест»", "applicant", None)


def insert_rows(engine, record: tuple) -> None:
    project, cases, requests, events = project_rows(
        record, iter(range(5000 + record[0], 5010 + record[0]))
    )
    with engine.begin() as connection:
        connection.execute(insert(ApprovalProject), [project])
        connection.execute(insert(Case), cases)
        connection.execute(insert(ApprovalRequest), requests)
        connection.execute(insert(CaseEvent), events)


@pytest.fixture
def filled(store):
    insert_projects(store)
    insert_notices(store)
    return store


def test_the_region_page_figures(filled):
    page = region_approvals(filled, "RU-TA", ADMIN, now=AS_OF)
    assert page.statuses == (
        ("under_review", 1), ("approved", 5), ("refused", 1), ("withdrawn", 1),
    )  # fmt: skip
    assert page.projects == 8
    times = page.times
    assert times.periods == ("2026Q1", "2026Q2")
    assert times.overall.key == "RU-TA" and times.overall.days == (10.0, 8.5)
    owners = {r.key: r.days for r in times.by_owner}
    assert owners == {
        "ru-ta-gaz": (7.5, None),  # 1 d and 14 d (silence)
        "ru-ta-setevaya": (4.0, None),
        "ru-ta-vodokanal": (6.0, 8.5),
    }
    assert times.by_owner[0].name_ru == "Газовые сети (синтетические)"
    assert {r.key: r.days for r in times.by_works} == {
        "connection": (None, 8.5),
        "excavation": (9.0, None),  # RU-MOW's excavation is not the region's
        "new_network": (10.0, None),
    }


def test_the_backlog_is_the_awaited_requests_overdue_first(filled):
    page = region_approvals(filled, "RU-TA", ADMIN, now=AS_OF)
    assert [(b.owner, b.awaited, b.overdue) for b in page.backlog] == [("ru-ta-vodokanal", 1, 1)]
    before_due = region_approvals(filled, "RU-TA", ADMIN, now=datetime(2026, 5, 31))
    assert [(b.owner, b.overdue) for b in before_due.backlog] == [("ru-ta-vodokanal", 0)]


def test_a_silent_owner_past_its_term_is_consent_when_the_page_is_read(filled):
    """Tatarstan's terms make silence consent: the reading records the lapse first (`lapsed`,
    at the deadline), so the request is not shown as overdue and the project counts as
    finished; project 5, whose terms do not, stays awaited and overdue."""
    record = (21, "RU-TA", "excavation", "2026-06-10 00:00", "under_review", {
        "ru-ta-gaz": [("sent", None, 1, "2026-06-10 00:00")],
    })  # fmt: skip
    insert_rows(filled, record)
    page = region_approvals(filled, "RU-TA", ADMIN, now=AS_OF)
    assert [(b.owner, b.overdue) for b in page.backlog] == [("ru-ta-vodokanal", 1)]
    assert dict(page.statuses)["approved"] == 6 and dict(page.statuses)["under_review"] == 1
    with filled.connect() as connection:
        lapsed = connection.execute(
            select(CaseEvent.actor, CaseEvent.at).where(CaseEvent.action == "lapsed")
        ).all()
    assert (("system", datetime(2026, 6, 10))) in [tuple(r) for r in lapsed]
    # due at its filing in these rows: finished in 0 days, in Q2 beside project 4's 8.5 days
    assert page.times.overall.days == (10.0, 4.25)


def test_the_latest_public_notices_and_a_count_of_private_ones(filled):
    page = region_approvals(filled, "RU-TA", ADMIN, now=AS_OF)
    assert [n.title for n in page.notices] == [
        "Паводок: Казанка выше 350 см",
        "Паводок: Казанка выше 300 см",
    ]
    assert page.private_notices == 1
    assert all(n.kind == "flood_warning" for n in page.notices)


def test_a_region_without_projects_has_empty_figures(filled):
    page = region_approvals(filled, "RU-SPE", ADMIN, now=AS_OF)
    assert page.projects == 0 and page.backlog == () and page.notices == ()
    assert page.times.periods == () and page.times.by_owner == ()


@pytest.mark.parametrize(
    ("reader", "allowed"),
    [
        (ADMIN, True),
        (ANALYST, True),
        (TA_OPERATOR, True),
        (MOW_OPERATOR, False),
        (GAS_OPERATOR, False),
        (APPLICANT, False),
        (None, False),
    ],
)
def test_who_may_see_them(reader, allowed):
    assert may_see_approval_figures(reader, "RU-TA") is allowed


def test_a_refusal_is_recorded(filled):
    with pytest.raises(Forbidden):
        region_approvals(filled, "RU-TA", GAS_OPERATOR, now=AS_OF)
    with pytest.raises(Forbidden):
        approval_times(filled, "RU-TA", MOW_OPERATOR, now=AS_OF)
    with filled.connect() as connection:
        actions = connection.execute(
            select(AuditEntry.actor, AuditEntry.action).order_by(AuditEntry.id)
        ).all()
    assert [tuple(a) for a in actions][-2:] == [
        ("gaz", "refused.approvals.figures"),
        ("mow", "refused.approvals.figures"),
    ]


def test_an_unknown_region(filled):
    with pytest.raises(ValidationFailed) as caught:
        approval_times(filled, "RU-XX", ADMIN)
    assert caught.value.problems[0].code == "unknown_region"


def test_a_new_answer_is_seen_at_once_through_the_cache(filled):
    cache = Cache(background=False)
    first = approval_times(filled, "RU-TA", ADMIN, now=AS_OF, cache=cache)
    assert first.overall.days == (10.0, 8.5)
    # a project approved in a day, in Q2: the quarter's median becomes (1 + 8.5) / 2
    record = (20, "RU-TA", "excavation", "2026-06-10 00:00", "approved", {
        "ru-ta-gaz": [("sent", None, 1, "2026-06-10 00:00"),
                      ("answered", "approved", 1, "2026-06-11 00:00")],
    })  # fmt: skip
    insert_rows(filled, record)
    again = approval_times(filled, "RU-TA", ADMIN, now=AS_OF, cache=cache)
    assert again.overall.days == (10.0, 4.75)
