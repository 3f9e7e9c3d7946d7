"""Only the feedback kinds are citizens' cases: an owner's approval (and a compensation case)
never shows in public lists, Open311, the public page, the region's overview, similar cases,
the feedback figures or the citizens' submission; the owner's body queue does show it, and the
general case steps do not decide it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine, select

from approval_rows import add_owners, applicant, draft, moscow, operator, touching
from case_rows import make_case
from tsifra.approvals.projects import file_project
from tsifra.cases.cases import CaseDraft, public_case, read_case, submit_case, take_case
from tsifra.cases.overview import region_overview
from tsifra.cases.public import find_public
from tsifra.cases.queues import body_queue
from tsifra.cases.regimes import FEEDBACK_KINDS
from tsifra.cases.similar import similar_open_cases
from tsifra.dashboard.feedback import federal_feedback
from tsifra.kernel.problems import ValidationFailed
from tsifra.marts.platform import read_cases
from tsifra.store import Case, session_scope

OWNER = "ru-ta-vodokanal"
NOW = moscow(2026, 3, 2)


@pytest.fixture
def mixed(store: Engine, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """A published appeal, an owner's approval and a compensation case, same region and place."""
    add_owners(store, owners=(OWNER,))
    touching(monkeypatch, OWNER)
    project_id = file_project(store, draft(), account=applicant(store), now=NOW)
    point = {"latitude": 55.786, "longitude": 49.109, "status": "in_progress", "body": OWNER}
    with session_scope(store) as session:
        approval = session.scalar(select(Case.id).where(Case.kind == "approval"))
        appeal = make_case(session, NOW, publish_text=True, due_at=NOW - timedelta(days=1), **point)
        paid = make_case(session, NOW, kind="compensation", due_at=NOW - timedelta(1), **point)
    return {"project": project_id, "approval": approval, "appeal": appeal, "compensation": paid}


def test_the_public_sees_only_feedback_cases(store: Engine, mixed: dict[str, int]) -> None:
    assert [v.id for v in find_public(store, region="RU-TA").items] == [mixed["appeal"]]
    assert public_case(store, mixed["appeal"]).id == mixed["appeal"]
    assert find_public(store, ids=[mixed["approval"]]).items == ()
    for hidden in ("approval", "compensation"):
        with pytest.raises(ValidationFailed) as caught:
            public_case(store, mixed[hidden])  # the public page and GET /api/v1/cases/{id}
        assert caught.value.problems[0].code == "case_unknown"
    overview = region_overview(store, "RU-TA", now=NOW)
    assert (overview.total, overview.open, overview.overdue) == (1, 1, 1)
    assert [r.id for r in overview.rows] == [mixed["appeal"]]
    similar = similar_open_cases(store, "RU-TA", "roads.pits.yard", 55.786, 49.109, "Яма во дворе")
    assert {s.case.id for s in similar} == {mixed["appeal"]}


def test_the_feedback_figures_count_only_feedback_cases(
    store: Engine, mixed: dict[str, int]
) -> None:
    table = read_cases(store)
    assert set(table.column("kind").to_pylist()) <= set(FEEDBACK_KINDS)
    assert table.column("id").to_pylist() == [mixed["appeal"]]
    summary = federal_feedback(store, now=NOW)["RU-TA"]
    assert (summary.open, summary.overdue) == (1, 1)


def test_citizens_cannot_file_an_approval(store: Engine) -> None:
    with pytest.raises(ValidationFailed) as caught:
        submit_case(store, CaseDraft("approval", "approval.excavation", "RU-TA", "Согласуйте"))
    assert "kind" in {p.path for p in caught.value.problems}


def test_the_owners_body_queue_holds_its_approvals_but_case_steps_do_not_decide_them(
    store: Engine, mixed: dict[str, int]
) -> None:
    owner = operator(store, "op-voda", "RU-TA", OWNER)
    queued = {item.id for item in body_queue(store, owner, now=NOW).items}
    assert {mixed["approval"], mixed["appeal"]} <= queued
    with pytest.raises(ValidationFailed) as caught:
        take_case(store, owner, mixed["approval"], now=NOW)
    assert caught.value.problems[0].code == "appr_case_steps"
    assert read_case(store, mixed["approval"], owner).kind == "approval"
