"""The demo's approvals: the synthetic map, two quarters of projects answered through the
approvals' own services, and figures on the region's page that equal each project's own time.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from tsifra.accounts import create_user
from tsifra.accounts.users import Account
from tsifra.approvals.projects import read_project
from tsifra.dashboard.approvals import region_approvals
from tsifra.demo.approvals import (
    APPLICANT,
    OWNER_ACCOUNTS,
    PROJECTS,
    load_demo_approvals,
    load_demo_zones,
)
from tsifra.marts.approvals import compute_approvals, read_approvals
from tsifra.store.models import ApprovalProject, Body, CaseEvent, NetworkZone

TODAY = date(2026, 11, 15)
NOW = datetime(2026, 11, 15, 12)  # the demo's steps happen up to noon of TODAY
ADMIN = Account(1, "admin", "Админ", "admin", None)
SECOND = 1 / 86400


@pytest.fixture
def demo(store):
    load_demo_zones(store, TODAY)
    login, role, name, region = APPLICANT
    accounts = {login: create_user(store, login, "demo-password-1", role, name, region)}
    for login, name, region, body in OWNER_ACCOUNTS:
        accounts[login] = create_user(
            store, login, "demo-password-1", "operator", name, region, body=body
        )
    done = load_demo_approvals(store, accounts, TODAY)
    return store, done


@pytest.mark.parametrize("backend", ["sqlite"])
def test_two_quarters_of_projects_with_every_story(demo):
    store, done = demo
    assert done.projects == PROJECTS
    assert done.approved >= PROJECTS // 2 and done.revised >= 1 and done.silent >= 1
    with store.connect() as connection:
        bodies = connection.scalars(select(Body.name_ru).where(Body.kind == "organisation")).all()
        zones = connection.scalar(select(func.count()).select_from(NetworkZone))
        filed = connection.execute(
            select(func.min(ApprovalProject.filed_at), func.max(ApprovalProject.filed_at))
        ).one()
        titles = connection.scalars(select(ApprovalProject.title)).all()
        last_event = connection.scalar(select(func.max(CaseEvent.at)))
    assert len(bodies) == 4 and all("синтетические данные" in b for b in bodies)
    assert zones == 4
    assert filed[0] >= datetime(2026, 7, 1) and filed[1] <= NOW
    assert all("(демо)" in t for t in titles)
    assert last_event <= NOW  # nothing happened after the demo's today
    page = region_approvals(store, "RU-TA", ADMIN, now=NOW)
    assert page.projects == PROJECTS
    assert page.times.periods == ("2026Q3", "2026Q4")
    assert all(d is not None and 0 < d < 30 for d in page.times.overall.days)
    assert {r.key for r in page.times.by_owner} <= {b for *_, b in OWNER_ACCOUNTS}
    assert len(page.times.by_works) >= 2


@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_figure_of_each_project_is_its_own_total_time(demo):
    """The formula over one project alone gives that project's time: the same number as the
    project's own reading (`approvals.timing`, from the same events), for every approved one,
    and each owner's time the same as its own."""
    store, _ = demo
    mart = read_approvals(store, until=NOW)
    with store.connect() as connection:
        ids = connection.scalars(select(ApprovalProject.id).order_by(ApprovalProject.id)).all()
    approved = 0
    for project_id in ids:
        view = read_project(store, project_id, account=ADMIN, now=NOW)
        one = mart.filter(mart["project"].to_numpy() == project_id)
        values = compute_approvals(one, NOW).values()
        if view.total_seconds is None:
            assert values.empty, project_id
            continue
        approved += 1
        # the mart keeps whole seconds (a lapse is dated at the deadline, to the microsecond)
        assert values["value"].tolist() == [pytest.approx(view.total_seconds / 86400, abs=SECOND)]
        owners = compute_approvals(one, NOW, by="owner").values()
        decided = {
            s.owner: (s.decided_at - view.filed_at).total_seconds() / 86400 for s in view.owners
        }
        got = dict(zip(owners["unit"], owners["value"], strict=True))
        assert got == pytest.approx(decided, abs=SECOND)
    assert approved >= PROJECTS // 2
