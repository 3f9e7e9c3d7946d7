"""The registry's records on SQLite and PostgreSQL: every problem located, operators kept to
their region, the stage history appended, replications counted only with evidence, staleness at
the 12-month edge."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import Engine, func, select, text

from practice_rows import NOW, TODAY, practice_draft, replication_draft
from tsifra.accounts import create_user
from tsifra.kernel.problems import Forbidden, ValidationFailed
from tsifra.practices.records import (
    EvidenceDraft,
    IndicatorLink,
    add_replication,
    change_stage,
    create_practice,
    read_practice,
    update_practice,
    verify_practice,
)
from tsifra.practices.vocabulary import counts, is_stale
from tsifra.store import Practice, PracticeReplication


@pytest.fixture
def people(store: Engine) -> dict:
    return {
        "operator": create_user(store, "op", "long-enough-pass", "operator", region="RU-TA"),
        "viewer": create_user(store, "view", "long-enough-pass", "viewer"),
        "analyst": create_user(store, "fed", "long-enough-pass", "analyst"),
    }


def _count(engine: Engine, table) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(table)).scalar_one()


def test_a_practice_is_created_and_read_whole(store: Engine, people) -> None:
    pid = create_practice(store, practice_draft(), account=people["operator"], now=NOW)
    view = read_practice(store, pid, today=TODAY)
    assert (view.title, view.sector, view.stage, view.regions) == (
        "Телемедицинские консультации в районных больницах", "health", "production", ("RU-TA",)
    )  # fmt: skip
    assert [(s.stage, s.since) for s in view.stages] == [("production", date(2025, 4, 1))]
    assert [(i.indicator, i.expected_effect) for i in view.indicators] == [("health_telemed", 10.0)]
    assert [(e.kind, e.url) for e in view.evidence] == [("report", "https://example.org/r.pdf")]
    assert view.created_by == "op" and view.verified_at == date(2026, 5, 1)
    assert view.stale is False and view.replication_count == 0
    assert view.draft() == practice_draft()  # an edit form starts from what was written
    with store.connect() as connection:
        actions = connection.execute(text("SELECT action FROM audit_log")).scalars().all()
    assert "practice.create" in actions


def test_every_problem_is_located_and_nothing_is_written(store: Engine, people) -> None:
    bad = practice_draft(
        title=" ",
        sector="space",
        ai_kind="telepathy",
        stage="dream",
        stage_since=date(2027, 1, 1),
        regions=("RU-TA", "RU-XX"),
        capex=-1.0,
        opex=float("nan"),
        software_registry="№12",
        url="javascript:alert(1)",
        cofog="7",
        technologies=("ok", ""),
        indicators=(IndicatorLink("health_telemed"), IndicatorLink("no_such"),
                    IndicatorLink("health_telemed")),
        evidence=(EvidenceDraft("rumour", "", url="ftp://x", sha256="abc"),),
        verified_at=date(2026, 7, 1),
    )  # fmt: skip
    with pytest.raises(ValidationFailed) as failed:
        create_practice(store, bad, account=people["analyst"], now=NOW)
    found = {(p.code, p.path) for p in failed.value.problems}
    assert found == {
        ("practice_title", "title"),
        ("literal_error", "sector"),
        ("practice_bad_cofog", "cofog"),
        ("literal_error", "ai_kind"),
        ("practice_bad_technology", "technologies[1]"),
        ("literal_error", "stage"),
        ("practice_future_date", "stage_since"),
        ("practice_bad_cost", "capex"),
        ("practice_bad_cost", "opex"),
        ("practice_bad_registry", "software_registry"),
        ("practice_bad_url", "url"),
        ("unknown_unit", "regions[1]"),
        ("unknown_indicator", "indicators[1]"),
        ("practice_indicator_twice", "indicators[2]"),
        ("literal_error", "evidence[0].kind"),
        ("practice_evidence_title", "evidence[0].title"),
        ("practice_bad_url", "evidence[0].url"),
        ("practice_bad_sha256", "evidence[0].sha256"),
        ("practice_future_date", "verified_at"),
    }
    assert all(p.message("ru") != p.code for p in failed.value.problems)  # each in Russian
    assert _count(store, Practice) == 0


def test_an_operator_writes_only_their_own_region(store: Engine, people) -> None:
    op = people["operator"]
    for regions in [("RU-MOW",), ("RU-TA", "RU-MOW"), ()]:
        with pytest.raises(Forbidden):
            create_practice(store, practice_draft(regions=regions), account=op, now=NOW)
    with pytest.raises(Forbidden):
        create_practice(store, practice_draft(), account=people["viewer"], now=NOW)
    assert _count(store, Practice) == 0
    theirs = create_practice(store, practice_draft(), account=op, now=NOW)
    other = create_practice(
        store, practice_draft(regions=("RU-MOW",)), account=people["analyst"], now=NOW
    )
    with pytest.raises(Forbidden):  # taking a practice of another region
        update_practice(store, other, practice_draft(), account=op, now=NOW)
    with pytest.raises(Forbidden):  # giving their practice away
        update_practice(store, theirs, practice_draft(regions=("RU-MOW",)), account=op, now=NOW)
    with pytest.raises(Forbidden):
        change_stage(store, other, "scaled", TODAY, account=op, now=NOW)
    with pytest.raises(Forbidden):
        verify_practice(store, other, account=op, today=TODAY)
    with pytest.raises(Forbidden):  # a replication in another region is that region's claim
        add_replication(store, theirs, replication_draft(region="RU-BA"), account=op, now=NOW)
    assert _count(store, PracticeReplication) == 0
    assert read_practice(store, other, today=TODAY).regions == ("RU-MOW",)
    add_replication(store, other, replication_draft(region="RU-TA"), account=op, now=NOW)
    with store.connect() as connection:
        refused = connection.execute(
            text("SELECT count(*) FROM audit_log WHERE action LIKE 'refused.practice.%'")
        ).scalar_one()
    assert refused == 9


def test_the_stage_history_is_appended_never_rewritten(store: Engine, people) -> None:
    pid = create_practice(
        store, practice_draft(stage="idea", stage_since=date(2024, 1, 10)), account=None, now=NOW
    )
    change_stage(store, pid, "pilot", date(2024, 6, 1), account=people["analyst"], now=NOW,
                 note="пилот в двух районах")  # fmt: skip
    change_stage(store, pid, "production", date(2025, 3, 1), account=people["operator"], now=NOW)
    with pytest.raises(ValidationFailed) as failed:
        change_stage(store, pid, "scaled", date(2025, 1, 1), account=None, now=NOW)
    assert [(p.code, p.path) for p in failed.value.problems] == [("practice_stage_before", "since")]
    with pytest.raises(ValidationFailed) as failed:
        change_stage(store, pid, "production", date(2025, 6, 1), account=None, now=NOW)
    assert [p.code for p in failed.value.problems] == ["practice_stage_same"]
    with pytest.raises(ValidationFailed) as failed:
        change_stage(store, pid, "scaled", date(2026, 7, 1), account=None, now=NOW)
    assert [p.code for p in failed.value.problems] == ["practice_future_date"]
    # an edit that changes the stage appends one too
    update_practice(
        store, pid, practice_draft(stage="scaled", stage_since=date(2026, 1, 15)), account=None,
        now=NOW,
    )  # fmt: skip
    view = read_practice(store, pid, today=TODAY)
    assert [(s.stage, s.since) for s in view.stages] == [
        ("idea", date(2024, 1, 10)),
        ("pilot", date(2024, 6, 1)),
        ("production", date(2025, 3, 1)),
        ("scaled", date(2026, 1, 15)),
    ]
    assert view.stage == "scaled" and view.stages[1].note == "пилот в двух районах"
    assert view.stages[2].actor == "op"


def test_replications_without_evidence_are_listed_not_counted(store: Engine) -> None:
    pid = create_practice(store, practice_draft(), account=None, now=NOW)
    kinds = [
        replication_draft(),  # contract by number and date
        replication_draft(evidence_number=None, evidence_url="https://zakupki.gov.ru/x"),
        replication_draft(evidence_kind="act", evidence_number=None, evidence_sha256="a" * 64),
        replication_draft(evidence_kind=None),  # a number without a kind says nothing
        replication_draft(evidence_date=None),  # a number without its date
        replication_draft(evidence_kind=None, evidence_number=None, evidence_date=None),
    ]
    for draft in kinds:
        add_replication(store, pid, draft, account=None, now=NOW)
    view = read_practice(store, pid, today=TODAY)
    assert [r.counted for r in view.replications] == [True, True, True, False, False, False]
    assert view.replication_count == 3
    assert counts(replication_draft())
    assert not counts(replication_draft(evidence_date=None))


def test_a_replication_is_checked(store: Engine) -> None:
    pid = create_practice(store, practice_draft(), account=None, now=NOW)
    bad = replication_draft(
        region="RU-XX", status="rumoured", started_on=date(2026, 9, 1), evidence_kind="letter",
        evidence_date=date(2026, 9, 1), evidence_url="mailto:x", evidence_sha256="zz",
    )  # fmt: skip
    with pytest.raises(ValidationFailed) as failed:
        add_replication(store, pid, bad, account=None, now=NOW)
    assert {(p.code, p.path) for p in failed.value.problems} == {
        ("unknown_unit", "region"),
        ("literal_error", "status"),
        ("practice_future_date", "started_on"),
        ("literal_error", "evidence_kind"),
        ("practice_future_date", "evidence_date"),
        ("practice_bad_url", "evidence_url"),
        ("practice_bad_sha256", "evidence_sha256"),
    }
    planned = replication_draft(status="planned", started_on=date(2027, 1, 1))
    add_replication(store, pid, planned, account=None, now=NOW)  # a plan may be ahead
    with pytest.raises(ValidationFailed) as failed:
        add_replication(store, 10_000, planned, account=None, now=NOW)
    assert [(p.code, p.path) for p in failed.value.problems] == [("practice_unknown", "practice")]


def test_stale_after_twelve_calendar_months(store: Engine, people) -> None:
    assert is_stale(date(2025, 6, 1), date(2026, 6, 1)) is False  # the edge itself: fresh
    assert is_stale(date(2025, 5, 31), date(2026, 6, 1)) is True
    assert is_stale(date(2025, 2, 28), date(2026, 2, 28)) is False
    assert is_stale(date(2027, 2, 27), date(2028, 2, 29)) is True  # clamped to 28.02.2027
    assert is_stale(date(2027, 2, 28), date(2028, 2, 29)) is False
    pid = create_practice(
        store, practice_draft(verified_at=date(2025, 6, 1)), account=None, now=NOW
    )
    earlier = replication_draft(started_on=date(2025, 4, 1), evidence_date=date(2025, 3, 1))
    add_replication(store, pid, earlier, account=None, now=datetime(2025, 5, 1))
    view = read_practice(store, pid, today=date(2026, 6, 1))
    assert view.stale is False and view.replications[0].stale is True
    assert read_practice(store, pid, today=date(2026, 6, 2)).stale is True
    verify_practice(store, pid, account=people["analyst"], today=date(2026, 6, 2))
    view = read_practice(store, pid, today=date(2026, 6, 2))
    assert (view.stale, view.verified_at, view.verified_by) == (False, date(2026, 6, 2), "fed")
    assert view.replications[0].stale is False


def test_an_update_keeps_evidence_already_there(store: Engine) -> None:
    pid = create_practice(store, practice_draft(), account=None, actor="first", now=NOW)
    more = (*practice_draft().evidence, EvidenceDraft("act", "Акт ввода", sha256="b" * 64))
    later = datetime(2026, 6, 2, 10, 0)
    update_practice(store, pid, practice_draft(evidence=more), account=None, actor="second",
                    now=later)  # fmt: skip
    view = read_practice(store, pid, today=TODAY)
    assert [(e.title, e.added_by) for e in view.evidence] == [
        ("Отчёт Минздрава РТ", "first"),
        ("Акт ввода", "second"),
    ]
    assert view.updated_at == later and view.stage == "production" and len(view.stages) == 1
    with pytest.raises(ValidationFailed) as failed:
        update_practice(store, pid, replace(practice_draft(), title=""), account=None, now=later)
    assert [p.path for p in failed.value.problems] == ["title"]
